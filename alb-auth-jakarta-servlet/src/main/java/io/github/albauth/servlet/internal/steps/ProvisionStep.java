package io.github.albauth.servlet.internal.steps;

import io.github.albauth.core.AlbIdentity;
import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.servlet.LoginProvisioner;
import io.github.albauth.servlet.LoginRefusedException;
import io.github.albauth.servlet.ProvisionedUser;
import io.github.albauth.servlet.internal.ProvisioningCache;
import io.github.albauth.servlet.internal.Responses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Provision: the application's store creates, updates or confirms the account; a deactivated user
 * is refused. Outcomes are cached per subject <em>and</em> per fingerprint of what the mapping
 * decided, so changed claims reach the store on the next request.
 */
public final class ProvisionStep implements LoginStep {
  private final LoginProvisioner provisioner;
  private final ProvisioningCache<ProvisionedUser> cache;

  /**
   * The step.
   *
   * @param provisioner the application's provisioner
   * @param cache the outcome cache
   */
  public ProvisionStep(LoginProvisioner provisioner, ProvisioningCache<ProvisionedUser> cache) {
    this.provisioner = provisioner;
    this.cache = cache;
  }

  @Override
  public void apply(LoginAttempt attempt) throws Refusal {
    AlbIdentity identity = attempt.identity();
    ProvisionedUser user;
    try {
      user = cache.get(cacheKey(attempt), () -> Objects.requireNonNull(
          provisioner.provision(identity, attempt.mapped()), "the provisioner returned null"));
    } catch (LoginRefusedException e) {
      throw new Refusal(e.failure(), Responses.forLog(e.getMessage(), 200));
    }
    if (!user.active()) {
      throw new Refusal(AlbAuthFailure.USER_DEACTIVATED, "");
    }
    attempt.username(user.username());
    attempt.groups().addAll(user.groups());
    attempt.provisioned(true);
  }

  /** Issuer, subject and a digest of the mapped attributes: a changed claim is a new key. */
  private static String cacheKey(LoginAttempt attempt) {
    AlbIdentity identity = attempt.identity();
    String decided = new TreeMap<>(attempt.mapped().attributes()).toString();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(decided.getBytes(StandardCharsets.UTF_8));
      return identity.issuer() + "\n" + identity.subject() + "\n" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public AlbAuthFailure unexpectedFailure() {
    return AlbAuthFailure.PROVISIONING_FAILED;
  }
}
