package io.github.albauth.testkit;

import static io.github.albauth.testkit.internal.Options.once;

import io.github.albauth.testkit.internal.AbstractMinterBuilder;
import io.github.albauth.testkit.internal.AbstractTokenBuilder;
import io.github.albauth.testkit.internal.KeyRing;
import io.github.albauth.testkit.internal.Keys;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Mints {@code x-amzn-oidc-data} tokens exactly as an AWS Application Load Balancer does: header
 * {@code {"typ":"JWT","kid":"<uuid>","alg":"ES256","iss":…,"client":…,"signer":"<alb arn>","exp":…}},
 * payload = the IdP's user claims followed by {@code exp} and {@code iss}, segments in base64url
 * <em>with</em> {@code =} padding, and an ES256 signature (R||S, 64 bytes) over the segments exactly
 * as emitted.
 *
 * <pre>{@code
 * AlbTokenMinter minter = AlbTokenMinter.create();
 * String token = minter.mint("alice", Map.of("email", "alice@example.com"));
 * String forged = minter.token().subject("alice").header("signer", "arn:…:other").sign();
 * }</pre>
 *
 * <p>Thread-safe; each {@link TokenBuilder} is not.
 */
public final class AlbTokenMinter {

  private static final Pattern ARN = Pattern.compile(
      "arn:(aws[a-z-]*):elasticloadbalancing:([a-z0-9-]+):[0-9]{12}:loadbalancer/app/[^/]+/[0-9a-f]+");

  private final String signerArn;
  private final String region;
  private final String issuer;
  private final String clientId;
  private final Clock clock;
  private final Duration tokenLifetime;
  private final KeyRing keys = new KeyRing(() -> Keys.ecKeyPair("secp256r1"));

  private AlbTokenMinter(DefaultBuilder builder, String signerArn, String region) {
    this.signerArn = signerArn;
    this.region = region;
    this.issuer = builder.issuer();
    this.clientId = builder.clientId();
    this.clock = builder.clock();
    this.tokenLifetime = builder.tokenLifetime();
  }

  /** {@return a builder for a minter; every option has a default} */
  public static Builder builder() {
    return new DefaultBuilder();
  }

  /**
   * Creates a minter with the defaults: region {@code us-east-1}, a random ALB signer ARN
   * {@code arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/test-alb/<16 hex>},
   * issuer {@code https://idp.example.test}, client id {@code test-client}, one P-256 key, tokens
   * valid for 2 minutes on {@link Clock#systemUTC()}.
   *
   * @return the minter
   */
  public static AlbTokenMinter create() {
    return builder().build();
  }

  /** {@return the ALB ARN every token names in its {@code signer} header} */
  public String signerArn() {
    return signerArn;
  }

  /** {@return the region of {@link #signerArn()}} */
  public String region() {
    return region;
  }

  /** {@return the IdP issuer in the header and payload {@code iss}} */
  public String issuer() {
    return issuer;
  }

  /** {@return the OIDC client id in the header {@code client}} */
  public String clientId() {
    return clientId;
  }

  /** {@return the clock that sets {@code exp}} */
  public Clock clock() {
    return clock;
  }

  /** {@return the kid of the key new tokens are signed with: a random UUID, like real ALB kids} */
  public String currentKeyId() {
    return keys.currentKid();
  }

  /**
   * Looks up a public key, also one that was rotated out.
   *
   * @param kid a key id this minter signed with
   * @return the public key for {@code kid}
   * @throws IllegalArgumentException when this minter never had that kid
   */
  public ECPublicKey publicKey(String kid) {
    return keys.publicKey(kid, ECPublicKey.class);
  }

  /** {@return every key this minter ever signed with, by kid, oldest first (a snapshot)} */
  public Map<String, ECPublicKey> publicKeys() {
    return keys.publicKeys(ECPublicKey.class);
  }

  /**
   * Makes a new P-256 key under a new kid the current one; older keys stay published.
   *
   * @return the new kid
   */
  public String rotateKey() {
    return keys.rotate();
  }

  /**
   * Starts a token signed with the current key, expiring after the token lifetime.
   *
   * @return a builder for one token
   */
  public TokenBuilder token() {
    return new AlbTokenBuilder();
  }

  /**
   * Mints a token in one call: {@code token().subject(subject).claims(claims).sign()}.
   *
   * @param subject the {@code sub} claim
   * @param claims further payload claims, added after the defaults (and replacing them)
   * @return the signed token
   */
  public String mint(String subject, Map<String, ?> claims) {
    return token().subject(subject).claims(claims).sign();
  }

  /** Options of an {@link AlbTokenMinter}; each may be set once. Not thread-safe. */
  public interface Builder extends MinterBuilder<Builder, AlbTokenMinter> {
    /**
     * Sets the ALB ARN in the {@code signer} header; its region becomes {@link #region()}.
     * Default: a random one.
     *
     * @param arn an ALB ARN, {@code arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>}
     * @return this builder
     */
    Builder signerArn(String arn);

    /**
     * Builds the minter; tokens live 2 minutes by default, as the ALB's.
     *
     * @return the minter
     * @throws IllegalArgumentException when the signer ARN is not an ALB ARN
     */
    @Override
    AlbTokenMinter build();
  }

  /**
   * One ALB token: defaults as the ALB sends them (padded segments, ES256 R||S over the segments as
   * emitted), every part overridable for negative tests. Not thread-safe; use one per token.
   */
  public interface TokenBuilder extends JwsBuilder<TokenBuilder> {
    /**
     * Writes the segments without {@code =} padding (default: padded, like the ALB).
     *
     * @return this builder
     */
    TokenBuilder unpadded();
  }

  private final class AlbTokenBuilder extends AbstractTokenBuilder<TokenBuilder>
      implements TokenBuilder {

    AlbTokenBuilder() {
      this(clock.instant().plus(tokenLifetime).getEpochSecond(), keys.currentKid());
    }

    private AlbTokenBuilder(long exp, String kid) {
      super(keys, clock, AlbTokenMinter.this.defaultHeader(kid, exp), AlbTokenMinter.this.trailer(exp), true, true);
    }

    @Override
    protected TokenBuilder self() {
      return this;
    }
  }

  private Map<String, Object> defaultHeader(String kid, long exp) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "JWT");
    header.put("kid", kid);
    header.put("alg", "ES256");
    header.put("iss", issuer);
    header.put("client", clientId);
    header.put("signer", signerArn);
    header.put("exp", exp);
    return header;
  }

  private Map<String, Object> trailer(long exp) {
    Map<String, Object> trailer = new LinkedHashMap<>();
    trailer.put("exp", exp);
    trailer.put("iss", issuer);
    return trailer;
  }

  private static final class DefaultBuilder extends AbstractMinterBuilder<Builder, AlbTokenMinter>
      implements Builder {
    private @Nullable String signerArn;

    DefaultBuilder() {
      super(Duration.ofMinutes(2));
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    public Builder signerArn(String arn) {
      signerArn = once("signer arn", signerArn, arn);
      return this;
    }

    @Override
    public AlbTokenMinter build() {
      String arn = signerArn != null ? signerArn
          : "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/test-alb/"
              + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
      Matcher matcher = ARN.matcher(arn);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("signer arn is not an alb arn: " + arn
            + "; expected arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>");
      }
      return new AlbTokenMinter(this, arn, matcher.group(2));
    }
  }
}
