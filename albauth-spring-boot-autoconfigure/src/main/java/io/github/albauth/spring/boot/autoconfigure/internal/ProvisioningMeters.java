package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.core.AlbIdentity;
import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.servlet.LoginProvisioner;
import io.github.albauth.servlet.LoginRefusedException;
import io.github.albauth.servlet.ProvisionedUser;
import io.github.albauth.usersync.mapping.MappingResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code albauth.provisioning}: a timer of the login provisioner's calls (the filter calls it once
 * per user and claims per {@code albauth.provisioning.cache-ttl}), by {@code outcome} ({@code
 * signed-in}; {@code refused}, a 403; {@code unavailable}, the store or directory failed, a 503)
 * and {@code reason} ({@code none}, or the {@code AlbAuthFailure} code of a refusal). Wraps the
 * provisioner; thread-safe when it is.
 */
public final class ProvisioningMeters implements LoginProvisioner {

  /** The timer's name. */
  public static final String PROVISIONING = "albauth.provisioning";

  private final LoginProvisioner provisioner;
  private final MeterRegistry registry;

  /**
   * Meters a provisioner.
   *
   * @param provisioner the provisioner
   * @param registry where
   */
  public ProvisioningMeters(LoginProvisioner provisioner, MeterRegistry registry) {
    this.provisioner = provisioner;
    this.registry = registry;
  }

  @Override
  public ProvisionedUser provision(AlbIdentity identity, MappingResult mapping) {
    Timer.Sample sample = Timer.start(registry);
    String outcome = "unavailable";
    String reason = "none";
    try {
      ProvisionedUser user = provisioner.provision(identity, mapping);
      outcome = user.active() ? "signed-in" : "refused";
      reason = user.active() ? "none" : AlbAuthFailure.USER_DEACTIVATED.name();
      return user;
    } catch (LoginRefusedException refused) {
      outcome = "refused";
      reason = refused.failure().name();
      throw refused;
    } finally {
      sample.stop(Timer.builder(PROVISIONING)
          .description("Login-time provisioning calls of the albauth filter, by outcome")
          .tag("outcome", outcome).tag("reason", reason).register(registry));
    }
  }

  @Override
  public String toString() {
    return "ProvisioningMeters[" + provisioner + "]";
  }
}
