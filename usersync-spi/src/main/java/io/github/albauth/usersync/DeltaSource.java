package io.github.albauth.usersync;

/**
 * Capability of a {@link DirectorySource} that delivers changes since a saved token (Graph {@code
 * /users/delta}, Okta {@code filter=lastUpdated gt …}, OneLogin {@code updated_since}).
 *
 * <p>A round starts from a delta token and runs through pages linked by cursors; its last page
 * carries the next token. Tokens and cursors are opaque strings that only the source reads, and the
 * engine persists both (the cursor after each page) so that a crashed round resumes from its last
 * committed page.
 *
 * <p>Implementations must be thread-safe.
 */
public interface DeltaSource {

  /**
   * Returns a token that yields the changes from now on (Graph: {@code $deltatoken=latest}; Okta and
   * OneLogin: the current time). The engine takes it just before the first full sync, so changes
   * made during that sync are delivered again by the next round (applying them twice is harmless).
   *
   * @return the token to pass to {@link #changes} for the first round
   */
  String currentDeltaToken();

  /**
   * Fetches one page of changes.
   *
   * @param cursorOrToken a delta token from {@link #currentDeltaToken()} or from a round's last
   *     page, or a {@link DeltaPage#nextCursor()} of the round in progress
   * @return the changes on this page, with the next cursor or, on the round's last page, the next
   *     token
   * @throws UserSyncException with {@link UserSyncException.Reason#DELTA_EXPIRED} when the source
   *     no longer accepts the token or cursor (the engine then runs a full sync and starts over
   *     from a new token), or {@link UserSyncException.Reason#SOURCE_FAILED} on other failures
   */
  DeltaPage changes(String cursorOrToken);
}
