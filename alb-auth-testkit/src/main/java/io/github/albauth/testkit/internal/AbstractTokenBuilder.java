package io.github.albauth.testkit.internal;

import io.github.albauth.testkit.JwsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The part every token builder of the test kit shares: a header and a payload as ordered JSON
 * members (or raw JSON text), base64url segments (padded or not), and a signature over the segments
 * exactly as emitted. Payload members come in this order: the claims set through {@link #claim},
 * then the minter's defaults (such as {@code exp} and {@code iss}) that were not overridden or
 * dropped. Not thread-safe.
 *
 * @param <B> the fluent type returned by every option
 */
public abstract class AbstractTokenBuilder<B extends JwsBuilder<B>> implements JwsBuilder<B> {

  private final LinkedHashMap<String, @Nullable Object> header;
  private final LinkedHashMap<String, @Nullable Object> claims = new LinkedHashMap<>();
  private final LinkedHashMap<String, @Nullable Object> defaultClaims;
  private final Set<String> droppedClaims = new HashSet<>();
  private final KeyRing keys;
  private final PrivateKey currentKey;
  private final Clock clock;
  private final boolean expiryInHeader;
  private String kid;
  private @Nullable PrivateKey signingKey;
  private @Nullable String rawHeader;
  private @Nullable String rawPayload;
  private boolean padded;

  /**
   * Starts a token signed by the current key of {@code keys}.
   *
   * @param header the default header members in order; must contain {@code kid}
   * @param defaultClaims the default payload members, written after the caller's own claims
   * @param expiryInHeader whether {@link #expiresAt} also sets the header's {@code exp}
   * @param padded whether segments carry {@code =} padding by default
   */
  protected AbstractTokenBuilder(KeyRing keys, Clock clock, Map<String, ?> header,
      Map<String, ?> defaultClaims, boolean expiryInHeader, boolean padded) {
    this.keys = keys;
    this.clock = clock;
    this.kid = Objects.requireNonNull((String) header.get("kid"), "header kid");
    this.currentKey = Objects.requireNonNull(keys.privateKey(kid), "private key of current kid");
    this.header = new LinkedHashMap<>(header);
    this.defaultClaims = new LinkedHashMap<>(defaultClaims);
    this.expiryInHeader = expiryInHeader;
    this.padded = padded;
  }

  /** This builder, typed as its public interface. */
  protected abstract B self();

  /** Sets the {@code sub} claim. */
  @Override
  public B subject(String subject) {
    return claim("sub", Objects.requireNonNull(subject, "subject"));
  }

  /** Sets a payload claim (String, Number, Boolean, List, Map or null), replacing a default. */
  @Override
  public B claim(String name, @Nullable Object value) {
    Objects.requireNonNull(name, "name");
    droppedClaims.remove(name);
    claims.put(name, value);
    return self();
  }

  /** Sets every claim of {@code values}, in their iteration order. */
  @Override
  public B claims(Map<String, ?> values) {
    values.forEach(this::claim);
    return self();
  }

  /** Drops a claim, whether set by the caller or a default. */
  @Override
  public B withoutClaim(String name) {
    claims.remove(name);
    droppedClaims.add(name);
    return self();
  }

  /** Sets {@code exp} (epoch seconds) in the payload, and in the header where that carries one. */
  @Override
  public B expiresAt(Instant expiry) {
    long seconds = expiry.getEpochSecond();
    if (expiryInHeader) {
      header.put("exp", seconds);
    }
    return defaultClaim("exp", seconds);
  }

  /** Expires {@code lifetime} after the minter clock's now. */
  @Override
  public B expiresIn(Duration lifetime) {
    return expiresAt(clock.instant().plus(lifetime));
  }

  /** Replaces a default claim, or the caller's claim of that name, keeping its position. */
  protected B defaultClaim(String name, @Nullable Object value) {
    if (claims.containsKey(name)) {
      claims.put(name, value);
    } else {
      defaultClaims.put(name, value);
    }
    return self();
  }

  /** Adds or overrides a header member. */
  @Override
  public B header(String name, @Nullable Object value) {
    header.put(Objects.requireNonNull(name, "name"), value);
    return self();
  }

  /** Drops a header member. */
  @Override
  public B withoutHeader(String name) {
    header.remove(name);
    return self();
  }

  /**
   * Sets the header {@code kid}; the token is signed with that kid's key when the minter has it,
   * otherwise with the current key.
   */
  @Override
  public B keyId(String keyId) {
    this.kid = Objects.requireNonNull(keyId, "keyId");
    header.put("kid", keyId);
    return self();
  }

  /** Signs with this key instead of the minter's. */
  @Override
  public B signWith(PrivateKey key) {
    this.signingKey = Objects.requireNonNull(key, "key");
    return self();
  }

  /** Emits segments without {@code =} padding. */
  public B unpadded() {
    this.padded = false;
    return self();
  }

  /** Uses this exact header JSON text instead of the header members. */
  @Override
  public B rawHeaderJson(String json) {
    this.rawHeader = Objects.requireNonNull(json, "json");
    return self();
  }

  /** Uses this exact payload JSON text instead of the claims. */
  @Override
  public B rawPayloadJson(String json) {
    this.rawPayload = Objects.requireNonNull(json, "json");
    return self();
  }

  /** {@code headerSegment + "." + payloadSegment}, exactly the text the signature covers. */
  @Override
  public String signingInput() {
    String headerJson = rawHeader != null ? rawHeader : Json.write(header);
    String payloadJson = rawPayload != null ? rawPayload : Json.write(payload());
    return segment(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
        + segment(payloadJson.getBytes(StandardCharsets.UTF_8));
  }

  /** The compact token, signed over {@link #signingInput()}. */
  @Override
  public String sign() {
    PrivateKey key = signingKey;
    if (key == null) {
      PrivateKey kidKey = keys.privateKey(kid);
      key = kidKey != null ? kidKey : currentKey;
    }
    String input = signingInput();
    return input + "." + segment(Keys.sign(key, input));
  }

  /** The compact token with exactly these signature bytes. */
  @Override
  public String signature(byte[] signatureBytes) {
    return signingInput() + "." + segment(signatureBytes);
  }

  private Map<String, @Nullable Object> payload() {
    LinkedHashMap<String, @Nullable Object> payload = new LinkedHashMap<>(claims);
    defaultClaims.forEach((name, value) -> {
      if (!payload.containsKey(name) && !droppedClaims.contains(name)) {
        payload.put(name, value);
      }
    });
    return payload;
  }

  private String segment(byte[] bytes) {
    Base64.Encoder encoder = Base64.getUrlEncoder();
    return (padded ? encoder : encoder.withoutPadding()).encodeToString(bytes);
  }
}
