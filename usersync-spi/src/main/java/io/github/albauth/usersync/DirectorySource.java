package io.github.albauth.usersync;

import java.util.stream.Stream;

/**
 * A connector to an identity provider's directory. The base interface streams users; optional
 * capabilities are declared by also implementing {@link GroupSource}, {@link UserLookup} and
 * {@link DeltaSource}, which the engine detects with {@code instanceof}.
 *
 * <p>Implementations must be thread-safe: a scheduled sync and login-time lookups may call one
 * instance at once. Every remote call needs a timeout and bounded retries honouring {@code
 * Retry-After}; a failure surfaces as a {@link UserSyncException} with {@link
 * UserSyncException.Reason#SOURCE_FAILED}.
 */
public interface DirectorySource {

  /**
   * {@return the id under which users from this source are stored (for example {@code "entra"})}
   * Stable across restarts, since it is how the engine knows which users it manages.
   */
  String id();

  /**
   * Streams every user in scope (already filtered, e.g. to members of chosen groups, where the API
   * can), lazily and page by page (see {@link Page#stream}); the engine closes the stream. A
   * failure mid-stream must throw, never end the stream early: an incomplete pass must not look
   * like a complete one.
   *
   * @return the users, fetched as the stream is consumed
   */
  Stream<SourceUser> users();
}
