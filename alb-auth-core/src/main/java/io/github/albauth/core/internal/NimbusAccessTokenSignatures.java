package io.github.albauth.core.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.github.albauth.core.AlbTokenException;
import io.github.albauth.core.AlbTokenException.Reason;
import java.net.URL;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@link AccessTokenSignatures} with nimbus-jose-jwt's {@link JWKSourceBuilder} (cached, refreshed
 * ahead, rate-limited, outage-tolerant JWKS). Only loaded after {@link Nimbus#requireAvailable()}.
 * Thread-safe.
 */
public final class NimbusAccessTokenSignatures implements AccessTokenSignatures {
  private final DefaultJWTProcessor<SecurityContext> processor;
  private final String issuer;

  private NimbusAccessTokenSignatures(DefaultJWTProcessor<SecurityContext> processor, String issuer) {
    this.processor = processor;
    this.issuer = issuer;
  }

  /**
   * Creates the checker.
   *
   * @param jwks the JWKS URL
   * @param algorithms accepted {@code alg} names (asymmetric only)
   * @param timeoutMillis connect and read timeout of a JWKS fetch
   * @param ttlMillis how long the JWKS is cached
   * @param refreshTimeoutMillis how long a refresh may take
   * @param outageTtlMillis how long the last JWKS serves while the endpoint fails
   * @param issuer the issuer, for messages
   * @return the checker
   */
  public static NimbusAccessTokenSignatures create(
      URL jwks,
      Set<String> algorithms,
      int timeoutMillis,
      long ttlMillis,
      long refreshTimeoutMillis,
      long outageTtlMillis,
      String issuer) {
    JWKSource<SecurityContext> source =
        JWKSourceBuilder.<SecurityContext>create(jwks, new DefaultResourceRetriever(timeoutMillis, timeoutMillis, 256 * 1024))
            .cache(ttlMillis, refreshTimeoutMillis)
            .rateLimited(30_000)
            .outageTolerant(outageTtlMillis)
            .build();
    Set<JWSAlgorithm> accepted = new LinkedHashSet<>();
    algorithms.forEach(name -> accepted.add(JWSAlgorithm.parse(name)));
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(accepted, source));
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));
    processor.setJWTClaimsSetVerifier(null); // the caller checks claims, on its injected clock
    return new NimbusAccessTokenSignatures(processor, issuer);
  }

  @Override
  public void verify(String token) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw new AlbTokenException(Reason.MALFORMED, "access token is not a signed jwt: " + e.getMessage(), e);
    }
    try {
      processor.process(jwt, null);
    } catch (BadJWSException e) {
      throw new AlbTokenException(Reason.BAD_SIGNATURE, "access token signature does not verify", e);
    } catch (BadJOSEException e) {
      throw new AlbTokenException(Reason.UNKNOWN_KEY, "access token rejected: " + e.getMessage(), e);
    } catch (KeySourceException e) {
      throw new AlbTokenException(Reason.KEY_UNAVAILABLE, "jwks of " + issuer + " unavailable: " + e.getMessage(), e);
    } catch (JOSEException e) {
      throw new AlbTokenException(Reason.BAD_SIGNATURE, "access token signature check failed: " + e.getMessage(), e);
    }
  }
}
