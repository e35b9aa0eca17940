package io.github.albauth.usersync;

import java.util.OptionalLong;

/**
 * Capability of a {@link DirectorySource} that vouches for a full listing: whether the {@link
 * DirectorySource#users()} stream that just ended reached the vendor's real end of the listing, and
 * how many users the vendor counts in scope (Graph {@code $count}, Keycloak {@code /users/count}).
 * A stream can end early without an error (a vendor's last page cut short, a connector bug); the
 * engine cleans up users missing from a full listing only when the source implementing this says
 * the listing was complete and, where it gives a count, the count equals the users the stream
 * returned.
 *
 * <p>Implementations must be thread-safe.
 */
public interface ListingCheck {

  /**
   * Says whether the last {@link DirectorySource#users()} stream was complete. The engine calls it
   * once per full sync, right after that stream ended without an error, from the same run (runs for
   * one source never overlap).
   *
   * @return the verdict
   * @throws UserSyncException with {@link UserSyncException.Reason#SOURCE_FAILED} when the count
   *     cannot be fetched (the engine then cleans up nobody)
   */
  Verdict checkListing();

  /**
   * What a source knows about a listing it just streamed.
   *
   * <p>Immutable and thread-safe.
   *
   * @param complete whether the stream reached the vendor's end of the listing
   * @param expectedUsers how many users the vendor counts in scope, or empty when it cannot count
   */
  record Verdict(boolean complete, OptionalLong expectedUsers) {

    /**
     * Validates the count.
     *
     * @param complete whether the stream reached the vendor's end of the listing
     * @param expectedUsers how many users the vendor counts in scope, or empty when it cannot count
     */
    public Verdict {
      if (expectedUsers.isPresent() && expectedUsers.getAsLong() < 0) {
        throw new IllegalArgumentException(
            "expected users is " + expectedUsers.getAsLong() + "; give 0 or more");
      }
    }

    /**
     * A complete listing whose users the vendor counted.
     *
     * @param expectedUsers the vendor's count of users in scope
     * @return the verdict
     */
    public static Verdict counted(long expectedUsers) {
      return new Verdict(true, OptionalLong.of(expectedUsers));
    }

    /** {@return a complete listing the vendor cannot count} */
    public static Verdict uncounted() {
      return new Verdict(true, OptionalLong.empty());
    }

    /** {@return a listing that did not reach the end (the engine cleans up nobody after it)} */
    public static Verdict incomplete() {
      return new Verdict(false, OptionalLong.empty());
    }
  }
}
