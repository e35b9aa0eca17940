package io.github.albauth.usersync.source;

import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserSyncException;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the verified claims of a login into a {@link SourceUser} for {@link
 * io.github.albauth.usersync.engine.SyncEngine#provision}: the id is one claim (default {@code sub}; for
 * Entra use {@code oid}, which matches the directory's user id, so JIT and directory sync manage
 * the same users), and the claims are what the mapping reads.
 *
 * <p>Immutable and thread-safe.
 */
public final class JitSource {

  private final String idClaim;

  private JitSource(String idClaim) {
    this.idClaim = idClaim;
  }

  /** {@return a source that takes the id from the {@code sub} claim} */
  public static JitSource fromSub() {
    return new JitSource("sub");
  }

  /**
   * {@return a source that takes the id from another claim}
   *
   * @param claim the claim holding the user's immutable id (such as {@code oid})
   */
  public static JitSource fromClaim(String claim) {
    Objects.requireNonNull(claim, "claim");
    if (claim.isBlank()) {
      throw new IllegalArgumentException("id claim is blank; name the claim that holds the user id");
    }
    return new JitSource(claim);
  }

  /**
   * Wraps a login's claims.
   *
   * @param claims the verified claims (not copied; do not change them afterwards)
   * @return the source user, its id from the id claim and its attributes the claims
   * @throws UserSyncException with {@link UserSyncException.Reason#INVALID_USER} when the id claim
   *     is missing, blank or not a string
   */
  public SourceUser user(Map<String, ?> claims) {
    Object id = claims.get(idClaim);
    if (!(id instanceof String s) || s.isBlank()) {
      throw new UserSyncException(UserSyncException.Reason.INVALID_USER,
          "claims have no usable " + idClaim + " claim"
              + (id == null ? "" : " (found " + jsonType(id) + ")"));
    }
    return SourceUser.of(s, claims);
  }

  private static String jsonType(Object value) {
    if (value instanceof java.util.List<?>) {
      return "an array";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof Number) {
      return "a number";
    }
    return value instanceof String ? "a blank string" : "a " + value.getClass().getSimpleName();
  }
}
