package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.IdpSubject;
import io.github.albauth.usersync.SourceUser;
import java.util.Objects;

/**
 * What a login hands {@link SyncEngine#login}: who signs in ({@link IdpSubject}, from the verified
 * token's {@code iss} and {@code sub}) and how the engine finds their account — just in time from
 * the token's claims ({@link #jit}), or by looking the user up in the directory ({@link #lookup}).
 *
 * <p>Immutable and thread-safe when the source user's attributes are not changed afterwards.
 */
public sealed interface LoginRequest {

  /** {@return who signs in} */
  IdpSubject subject();

  /**
   * Just in time: the token's claims, as a source user (see {@code JitSource}), are mapped and the
   * account created or updated.
   *
   * @param subject who signs in
   * @param user the claims, with the source's immutable user id ({@code sub}, or Entra's {@code oid})
   * @return the request
   */
  static LoginRequest jit(IdpSubject subject, SourceUser user) {
    return new Jit(subject, user);
  }

  /**
   * Login-time lookup: the directory is asked for the user whose {@code attribute} has {@code
   * value} (a claim of the token), and the record it returns is mapped and stored.
   *
   * @param subject who signs in
   * @param attribute the directory attribute, such as {@code mail}
   * @param value the claim's value
   * @param verified whether the IdP vouches for the claim: {@code email_verified} is true, or the
   *     claim is one the IdP issues and users cannot set (Entra {@code oid}). An unverified
   *     selector is refused before the directory or the store is asked.
   * @return the request
   */
  static LoginRequest lookup(IdpSubject subject, String attribute, String value, boolean verified) {
    return new Lookup(subject, attribute, value, verified);
  }

  /**
   * A just-in-time login; see {@link LoginRequest#jit}.
   *
   * @param subject who signs in
   * @param user the token's claims as a source user
   */
  record Jit(IdpSubject subject, SourceUser user) implements LoginRequest {

    /**
     * Checks the parts.
     *
     * @param subject who signs in
     * @param user the token's claims as a source user
     */
    public Jit {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(user, "user");
    }
  }

  /**
   * A login-time lookup; see {@link LoginRequest#lookup}.
   *
   * @param subject who signs in
   * @param attribute the directory attribute
   * @param value the claim's value
   * @param verified whether the IdP vouches for the claim
   */
  record Lookup(IdpSubject subject, String attribute, String value, boolean verified)
      implements LoginRequest {

    /**
     * Checks the parts.
     *
     * @param subject who signs in
     * @param attribute the directory attribute
     * @param value the claim's value
     * @param verified whether the IdP vouches for the claim
     * @throws IllegalArgumentException when the attribute or the value is blank
     */
    public Lookup {
      Objects.requireNonNull(subject, "subject");
      requireText(attribute, "lookup attribute");
      requireText(value, "lookup value");
    }

    private static void requireText(String text, String what) {
      if (Objects.requireNonNull(text, what).isBlank()) {
        throw new IllegalArgumentException(what + " is blank; give the claim to look up by");
      }
    }
  }
}
