package io.github.albauth.benchmarks.core;

import io.github.albauth.core.AlbIdentity;
import io.github.albauth.core.AlbTokenVerifier;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTokenMinter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verification throughput of one ALB token ({@code x-amzn-oidc-data}, minted by the test kit
 * exactly as an ALB does) on one thread, per JCA provider:
 *
 * <p>{@link #verify} and {@link #verifyCached} get a freshly decoded copy of the token per call,
 * as a servlet container hands over a header value per request.
 *
 * <ul>
 *   <li>{@link #verify}: the full {@link AlbTokenVerifier#verify(String)} on a warm key cache
 *       (size check, segment and JSON parsing, header checks, ES256, claim checks, identity);
 *   <li>{@link #verifyCached}: the same with the verified-token cache on (every call a hit);
 *   <li>{@link #rawEs256}: only {@code Signature.update} + {@code Signature.verify} over the same
 *       signing input and signature with the same provider and a ready key — the floor, so
 *       {@code rawEs256 / verify} is the verifier's overhead ratio.
 * </ul>
 *
 * <p>Providers ({@code -p provider=…}): {@code SunEC} (the JDK's), {@code ACCP} (Amazon Corretto
 * Crypto Provider, linux-x86_64), {@code BC} (BouncyCastle). Run:
 *
 * <pre>
 * ./mvnw -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar AlbTokenVerifierBenchmark
 * java -jar benchmarks/target/benchmarks.jar AlbTokenVerifierBenchmark -p provider=ACCP
 * </pre>
 *
 * <p>Smoke run: {@code java -jar benchmarks/target/benchmarks.jar AlbTokenVerifierBenchmark -f 1 -wi 1 -i 1 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class AlbTokenVerifierBenchmark {

  /** The JCA provider that verifies: {@code SunEC}, {@code ACCP} or {@code BC}. */
  @Param({"SunEC", "ACCP", "BC"})
  public String provider = "SunEC";

  private AlbKeyServer keyServer;
  private AlbTokenVerifier verifier;
  private AlbTokenVerifier cachingVerifier;
  private String token;
  private byte[] tokenBytes;
  private Signature rawSignature;
  private byte[] signingInput;
  private byte[] rawSignatureBytes;

  /** Mints the token, starts the key server and warms both verifiers' key caches. */
  @Setup
  public void setUp() throws GeneralSecurityException {
    Provider jca = Es256Providers.byName(provider);
    // a day of validity: the run must never see the token expire
    AlbTokenMinter minter = AlbTokenMinter.builder().tokenLifetime(Duration.ofDays(1)).build();
    keyServer = AlbKeyServer.start(minter);
    Map<String, String> config = AlbTestEnvironment.of(minter, keyServer).properties();
    token = minter.mint("3f1c2b9e-6a7d-4e21-9b55-0c8f4a1d2e3f", cognitoUserInfo());

    verifier = AlbTokenVerifier.builder().configure(config).provider(jca).build();
    cachingVerifier = AlbTokenVerifier.builder().configure(config).provider(jca)
        .cacheVerifiedTokens(1024).build();
    tokenBytes = token.getBytes(StandardCharsets.ISO_8859_1);
    verifier.verify(token);
    cachingVerifier.verify(token);

    int lastDot = token.lastIndexOf('.');
    signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
    byte[] rs = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
    PublicKey key = KeyFactory.getInstance("EC", jca)
        .generatePublic(new X509EncodedKeySpec(minter.publicKey(minter.currentKeyId()).getEncoded()));
    if (jca.getService("Signature", "SHA256withECDSAinP1363Format") != null) {
      rawSignature = Signature.getInstance("SHA256withECDSAinP1363Format", jca);
      rawSignatureBytes = rs;
    } else {
      rawSignature = Signature.getInstance("SHA256withECDSA", jca);
      rawSignatureBytes = der(rs);
    }
    rawSignature.initVerify(key);
    if (!rawEs256()) {
      throw new IllegalStateException("raw es256 verification failed with " + jca.getName());
    }
  }

  /** Stops the key server. */
  @TearDown
  public void tearDown() {
    keyServer.close();
  }

  /** The full verification of an uncached token on a warm key cache. */
  @Benchmark
  public AlbIdentity verify() {
    return verifier.verify(headerValue());
  }

  /** The full verification with the verified-token cache on: a cache hit. */
  @Benchmark
  public AlbIdentity verifyCached() {
    return cachingVerifier.verify(headerValue());
  }

  /** Raw ES256 over the same bytes with the same provider: the floor for {@link #verify}. */
  @Benchmark
  public boolean rawEs256() throws GeneralSecurityException {
    rawSignature.update(signingInput);
    return rawSignature.verify(rawSignatureBytes);
  }

  /**
   * The header value as a servlet container hands it over: a new String per request, decoded from
   * the request bytes, so String's cached hash code never flatters the verified-token cache.
   */
  private String headerValue() {
    return new String(tokenBytes, StandardCharsets.ISO_8859_1);
  }

  /** A Cognito user's userinfo as the ALB puts it in the payload. */
  private static Map<String, Object> cognitoUserInfo() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("email_verified", "true");
    claims.put("email", "alice.example@example.com");
    claims.put("username", "alice.example");
    claims.put("name", "Alice Example");
    return claims;
  }

  /** R||S to ASN.1 DER, for a provider without the P1363 signature format. */
  private static byte[] der(byte[] rs) {
    byte[] r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32)).toByteArray();
    byte[] s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)).toByteArray();
    byte[] der = new byte[6 + r.length + s.length];
    der[0] = 0x30;
    der[1] = (byte) (4 + r.length + s.length);
    der[2] = 0x02;
    der[3] = (byte) r.length;
    System.arraycopy(r, 0, der, 4, r.length);
    der[4 + r.length] = 0x02;
    der[5 + r.length] = (byte) s.length;
    System.arraycopy(s, 0, der, 6 + r.length, s.length);
    return der;
  }
}
