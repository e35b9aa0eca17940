package io.github.albauth.testkit.internal;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The signing keys of a minter: every key ever used, by kid (a random UUID, like real ALB kids),
 * and the current one. Thread-safe.
 */
public final class KeyRing {

  private final Supplier<KeyPair> generator;
  private final Map<String, KeyPair> keys = new LinkedHashMap<>();
  private String currentKid;

  /** A ring holding one fresh key from {@code generator}. */
  public KeyRing(Supplier<KeyPair> generator) {
    this.generator = generator;
    this.currentKid = rotate();
  }

  /** Generates a new key under a new kid and makes it current; returns the new kid. */
  public synchronized String rotate() {
    String kid = UUID.randomUUID().toString();
    keys.put(kid, generator.get());
    currentKid = kid;
    return kid;
  }

  /** The kid of the current key. */
  public synchronized String currentKid() {
    return currentKid;
  }

  /** The private key for {@code kid}, or {@code null} when this ring never had that kid. */
  public synchronized @Nullable PrivateKey privateKey(String kid) {
    KeyPair pair = keys.get(kid);
    return pair == null ? null : pair.getPrivate();
  }

  /**
   * The public key for {@code kid}, cast to {@code type}.
   *
   * @throws IllegalArgumentException when this ring never had that kid
   */
  public synchronized <K extends PublicKey> K publicKey(String kid, Class<K> type) {
    KeyPair pair = keys.get(kid);
    if (pair == null) {
      throw new IllegalArgumentException("unknown kid: " + kid + "; see publicKeys() for the known ones");
    }
    return type.cast(pair.getPublic());
  }

  /** A snapshot of every public key, oldest first, cast to {@code type}. */
  public synchronized <K extends PublicKey> Map<String, K> publicKeys(Class<K> type) {
    Map<String, K> copy = new LinkedHashMap<>();
    keys.forEach((kid, pair) -> copy.put(kid, type.cast(pair.getPublic())));
    return Collections.unmodifiableMap(copy);
  }
}
