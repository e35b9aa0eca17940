package io.github.albauth.core.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * ES256 signature check on one JCA provider, tuned for the hot path: per thread, one {@link
 * Signature} per key, initialised once and never re-initialised with another key; the key
 * translated once (per thread) into the provider's own key type (ACCP would otherwise convert a
 * foreign key on every call); R||S passed straight through when the provider speaks P1363, else
 * transcoded to DER. r and s are range-checked here, before the provider sees them. Thread-safe.
 *
 * <p>Why one Signature per key rather than re-initialising one: ACCP destroys the key a Signature
 * holds when that Signature is initialised with another key ("Key has been destroyed"), so a
 * translated key must never be shared with, or outlive, a re-initialisation. After a key rotation
 * two kids are in use at once; each thread keeps a Signature for each.
 */
public final class Es256Verifier {
  /** Signatures kept per thread: ALB key ids in use at once are few (a rotation overlaps two). */
  private static final int MAX_KEYS_PER_THREAD = 8;

  private final Provider provider;
  private final String algorithm;
  private final boolean p1363;
  private final ThreadLocal<State> states = ThreadLocal.withInitial(State::new);

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
    Signature signature = null;
    try {
      signature = state.signatureFor(key);
      signature.update(signingInput);
      return signature.verify(p1363 ? rs : P256.toDer(rs));
    } catch (GeneralSecurityException | RuntimeException e) {
      // A provider that throws leaves the Signature in an unknown state: start afresh next time.
      state.forget(key);
      return false;
    }
  }

  private Signature newSignature(ECPublicKey key) throws GeneralSecurityException {
    Signature signature = Signature.getInstance(algorithm, provider);
    // translated for this Signature alone: see the class comment
    signature.initVerify((PublicKey) KeyFactory.getInstance("EC", provider).translateKey(key));
    return signature;
  }

  /** One thread's Signatures, by key; the last one is found by identity, the others by equality. */
  private final class State {
    private final Map<ECPublicKey, Signature> byKey = new HashMap<>();
    private @Nullable ECPublicKey lastKey;
    private @Nullable Signature last;

    Signature signatureFor(ECPublicKey key) throws GeneralSecurityException {
      if (key == lastKey && last != null) {
        return last;
      }
      Signature signature = byKey.get(key);
      if (signature == null) {
        if (byKey.size() >= MAX_KEYS_PER_THREAD) {
          byKey.clear();
        }
        signature = newSignature(key);
        byKey.put(key, signature);
      }
      lastKey = key;
      last = signature;
      return signature;
    }

    void forget(ECPublicKey key) {
      byKey.remove(key);
      lastKey = null;
      last = null;
    }
  }
}
