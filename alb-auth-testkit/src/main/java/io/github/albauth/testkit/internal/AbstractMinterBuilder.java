package io.github.albauth.testkit.internal;

import static io.github.albauth.testkit.internal.Options.once;

import io.github.albauth.testkit.MinterBuilder;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The options every minter builder shares, each settable once, with the test kit's defaults.
 * Not thread-safe.
 *
 * @param <B> the public builder type
 * @param <M> the minter
 */
public abstract class AbstractMinterBuilder<B extends MinterBuilder<B, M>, M> implements MinterBuilder<B, M> {

  private @Nullable String issuer;
  private @Nullable String clientId;
  private @Nullable Clock clock;
  private @Nullable Duration tokenLifetime;
  private final Duration defaultLifetime;

  /** A builder whose tokens live {@code defaultLifetime} unless told otherwise. */
  protected AbstractMinterBuilder(Duration defaultLifetime) {
    this.defaultLifetime = defaultLifetime;
  }

  /** This builder, typed as its public interface. */
  protected abstract B self();

  @Override
  public B issuer(String iss) {
    issuer = once("issuer", issuer, iss);
    return self();
  }

  @Override
  public B clientId(String client) {
    clientId = once("client id", clientId, client);
    return self();
  }

  @Override
  public B clock(Clock value) {
    clock = once("clock", clock, value);
    return self();
  }

  @Override
  public B tokenLifetime(Duration lifetime) {
    tokenLifetime = once("token lifetime", tokenLifetime, lifetime);
    return self();
  }

  /** The issuer, default {@code https://idp.example.test}. */
  public String issuer() {
    return issuer != null ? issuer : "https://idp.example.test";
  }

  /** The client id, default {@code test-client}. */
  public String clientId() {
    return clientId != null ? clientId : "test-client";
  }

  /** The clock, default {@link Clock#systemUTC()}. */
  public Clock clock() {
    return clock != null ? clock : Clock.systemUTC();
  }

  /** The token lifetime, default as given to the constructor. */
  public Duration tokenLifetime() {
    return tokenLifetime != null ? tokenLifetime : defaultLifetime;
  }
}
