package io.github.albauth.usersync.engine;

/** How the engine finds the stored user for a source user. */
public enum MatchKey {
  /** By the source's immutable id (the default): renames in the source are followed. */
  EXTERNAL_ID,
  /**
   * By username, among the users this source manages: for sources whose ids changed (a
   * migration); a rename then looks like a new user.
   */
  USERNAME
}
