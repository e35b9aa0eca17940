package io.github.albauth.usersync;

/**
 * Who signs in, as the identity provider names them: the token's issuer ({@code iss}) and subject
 * ({@code sub}). The pair never changes for one person at one IdP, unlike {@code email} or
 * {@code preferred_username}, so an account is bound to it ({@link SubjectBindings}).
 *
 * <p>Both parts are compared exactly (no trimming, no case folding): they are identifiers, not
 * names. They come from the IdP, so escape them before they reach a log line.
 *
 * <p>Immutable and thread-safe.
 *
 * @param issuer the issuer, as the token's {@code iss} claim spells it
 * @param subject the subject, as the token's {@code sub} claim spells it
 */
public record IdpSubject(String issuer, String subject) {

  /**
   * Validates the parts.
   *
   * @param issuer the issuer, as the token's {@code iss} claim spells it
   * @param subject the subject, as the token's {@code sub} claim spells it
   * @throws IllegalArgumentException when either part is null or blank
   */
  public IdpSubject {
    StoredUser.requireText(issuer, "issuer");
    StoredUser.requireText(subject, "subject");
  }
}
