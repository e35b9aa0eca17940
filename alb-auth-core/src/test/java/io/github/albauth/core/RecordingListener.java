package io.github.albauth.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A key-source listener that records events as short strings ("hit", "failure UNKNOWN_KEY"). Thread-safe. */
public final class RecordingListener implements AlbPublicKeySource.Listener {
  private final List<String> events = new CopyOnWriteArrayList<>();

  /**
   * Returns the events so far.
   *
   * @return the live list of events
   */
  public List<String> events() {
    return events;
  }

  @Override
  public void onHit(String keyId) {
    events.add("hit");
  }

  @Override
  public void onMiss(String keyId) {
    events.add("miss");
  }

  @Override
  public void onFetch(String keyId, Duration latency) {
    events.add(latency.isNegative() ? "fetch with negative latency" : "fetch");
  }

  @Override
  public void onFailure(String keyId, AlbTokenException.Reason reason, Duration latency) {
    events.add("failure " + reason);
  }
}
