package io.github.albauth.core.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * ES256 signature check on one JCA provider, tuned for the hot path: one {@link Signature} per
 * thread, re-initialised only when the key changes; keys translated once into the provider's own
 * key type (ACCP would otherwise convert a foreign key on every call); R||S passed straight through
 * when the provider speaks P1363, else transcoded to DER. r and s are range-checked here, before
 * the provider sees them. Thread-safe.
 */
public final class Es256Verifier {
  private static final int MAX_TRANSLATED_KEYS = 256;

  private final Provider provider;
  private final String algorithm;
  private final boolean p1363;
  private final ConcurrentMap<ECPublicKey, PublicKey> translated = new ConcurrentHashMap<>();
  private final ThreadLocal<State> states;

  /**
   * Creates a verifier.
   *
   * @param provider the provider that verifies
   */
  public Es256Verifier(Provider provider) {
    this.provider = provider;
    this.p1363 = provider.getService("Signature", CryptoProviders.P1363) != null;
    this.algorithm = p1363 ? CryptoProviders.P1363 : CryptoProviders.DER;
    try {
      Signature.getInstance(algorithm, provider);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("provider " + provider.getName() + " cannot verify " + algorithm, e);
    }
    this.states = ThreadLocal.withInitial(this::newState);
    CryptoProviders.logOnce(provider);
  }

  /**
   * Returns the provider that verifies.
   *
   * @return the provider
   */
  public Provider provider() {
    return provider;
  }

  /**
   * Verifies an ES256 signature.
   *
   * @param key the signer's P-256 key
   * @param signingInput the exact bytes that were signed
   * @param rs the signature, R||S, 64 bytes
   * @return true if the signature is valid
   */
  public boolean verify(ECPublicKey key, byte[] signingInput, byte[] rs) {
    if (rs.length != P256.SIGNATURE_LENGTH || !P256.isInRange(rs)) {
      return false;
    }
    State state = states.get();
    try {
      if (state.lastKey != key) {
        state.signature.initVerify(providerKey(key));
        state.lastKey = key;
      }
      state.signature.update(signingInput);
      return state.signature.verify(p1363 ? rs : P256.toDer(rs));
    } catch (GeneralSecurityException | RuntimeException e) {
      // A provider that throws leaves the Signature in an unknown state: start afresh next time.
      states.remove();
      return false;
    }
  }

  private PublicKey providerKey(ECPublicKey key) throws GeneralSecurityException {
    PublicKey known = translated.get(key);
    if (known != null) {
      return known;
    }
    PublicKey own = (PublicKey) KeyFactory.getInstance("EC", provider).translateKey(key);
    if (translated.size() >= MAX_TRANSLATED_KEYS) {
      translated.clear();
    }
    translated.put(key, own);
    return own;
  }

  private State newState() {
    try {
      return new State(Signature.getInstance(algorithm, provider));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class State {
    final Signature signature;
    @Nullable ECPublicKey lastKey;

    State(Signature signature) {
      this.signature = signature;
    }
  }
}
