package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.UserDeletion;

/** What a full or delta sync does with a managed user that the source no longer returns. */
public enum CleanupAction {
  /** Mark the user inactive (the default; reversible: the user is reactivated when it returns). */
  DISABLE,
  /** Delete the user (not recommended; needs a store implementing {@link UserDeletion}). */
  DELETE,
  /**
   * Deactivate the user, replace its username with a pseudonym derived from its external id and
   * remove its attributes; reversible: when the user returns, the next sync restores it.
   */
  ANONYMIZE,
  /** Leave the user as it is. */
  KEEP
}
