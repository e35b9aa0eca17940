package io.github.albauth.servlet.internal;

import io.github.albauth.core.AlbPublicKeySource;
import io.github.albauth.core.AlbTokenException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The listeners the application added to a filter, called in the order added. A listener that
 * throws does not keep the others from being called nor change the request's answer; its first
 * failure is logged at WARN (a broken listener would otherwise fill the log, once per request),
 * later ones at DEBUG. Thread-safe.
 *
 * @param <L> the listener type
 */
public final class Listeners<L> {

  private final List<L> listeners;
  private final Logger log;
  private final Set<L> failedBefore = ConcurrentHashMap.newKeySet();

  /**
   * Listeners to call.
   *
   * @param listeners in the order added
   * @param log where failures are reported
   */
  public Listeners(List<L> listeners, Logger log) {
    this.listeners = List.copyOf(listeners);
    this.log = log;
  }

  /** {@return whether there is no listener} */
  public boolean isEmpty() {
    return listeners.isEmpty();
  }

  /**
   * Calls every listener.
   *
   * @param call what to tell each
   */
  public void each(Consumer<L> call) {
    for (L listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        String name = listener.getClass().getName();
        if (failedBefore.add(listener)) {
          log.warn("albauth listener {} threw {}; later failures of it are logged at DEBUG", name,
              StepFailures.describeWithMessage(e));
        } else {
          log.debug("albauth listener {} threw {}", name, StepFailures.describeWithMessage(e));
        }
      }
    }
  }

  /**
   * One key-source listener that tells every listener, for the verifier the filter builds.
   *
   * @param all the application's key-source listeners
   * @return the listener to give the verifier's builder
   */
  public static AlbPublicKeySource.Listener keySource(Listeners<AlbPublicKeySource.Listener> all) {
    return new AlbPublicKeySource.Listener() {
      @Override
      public void onHit(String keyId) {
        all.each(listener -> listener.onHit(keyId));
      }

      @Override
      public void onMiss(String keyId) {
        all.each(listener -> listener.onMiss(keyId));
      }

      @Override
      public void onFetch(String keyId, Duration latency) {
        all.each(listener -> listener.onFetch(keyId, latency));
      }

      @Override
      public void onFailure(String keyId, AlbTokenException.Reason reason, Duration latency) {
        all.each(listener -> listener.onFailure(keyId, reason, latency));
      }
    };
  }
}
