package io.github.albauth.usersync.connectors.cognito;

import java.util.Objects;

/**
 * The first password of a user that {@link CognitoUserStore} creates, as the host's {@link
 * PasswordProvider} chooses it: temporary (the user must change it at the first sign-in; sent as
 * {@code TemporaryPassword} of {@code AdminCreateUser}) or permanent (set with {@code
 * AdminSetUserPassword}, {@code Permanent=true}). It must meet the pool's password policy, or the
 * user fails with {@code InvalidPasswordException}. The value is never logged: {@link #toString()}
 * leaves it out, and no message of the connector contains it.
 *
 * <p>Immutable and thread-safe.
 */
public final class InitialPassword {

  private final String value;
  private final boolean permanent;

  private InitialPassword(String value, boolean permanent) {
    if (Objects.requireNonNull(value, "value").isBlank()) {
      throw new IllegalArgumentException("the password is blank; return null to let Cognito"
          + " generate a temporary one");
    }
    this.value = value;
    this.permanent = permanent;
  }

  /**
   * A password the user must change at the first sign-in ({@code FORCE_CHANGE_PASSWORD}).
   *
   * @param value the password
   * @return the password
   */
  public static InitialPassword temporary(String value) {
    return new InitialPassword(value, false);
  }

  /**
   * A password the user keeps ({@code CONFIRMED}).
   *
   * @param value the password
   * @return the password
   */
  public static InitialPassword permanent(String value) {
    return new InitialPassword(value, true);
  }

  /** {@return the password; keep it out of logs} */
  public String value() {
    return value;
  }

  /** {@return whether the user keeps it (else changes it at the first sign-in)} */
  public boolean permanent() {
    return permanent;
  }

  @Override
  public String toString() {
    return "InitialPassword[" + (permanent ? "permanent" : "temporary") + ", value hidden]";
  }
}
