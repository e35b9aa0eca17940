package io.github.albauth.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A key-source listener that records events as short strings ("hit", "failure UNKNOWN_KEY") and,
 * for fetches and failures, their latency. Thread-safe.
 */
public final class RecordingListener implements AlbPublicKeySource.Listener {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<String> timedEvents = new CopyOnWriteArrayList<>();
  private final List<Duration> latencies = new CopyOnWriteArrayList<>();

  /** Creates a listener that has recorded nothing. */
  public RecordingListener() {}

  /**
   * Returns the events so far.
   *
   * @return the live list of events
   */
  public List<String> events() {
    return events;
  }

  /**
   * Returns the fetch and failure events, in order, each at the same index as its latency.
   *
   * @return the live list of timed events
   */
  public List<String> timedEvents() {
    return timedEvents;
  }

  /**
   * Returns the latencies reported with fetches and failures, in order.
   *
   * @return the live list of latencies
   */
  public List<Duration> latencies() {
    return latencies;
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
    record(latency.isNegative() ? "fetch with negative latency" : "fetch", latency);
  }

  @Override
  public void onFailure(String keyId, AlbTokenException.Reason reason, Duration latency) {
    record("failure " + reason, latency);
  }

  private synchronized void record(String event, Duration latency) {
    events.add(event);
    timedEvents.add(event);
    latencies.add(latency);
  }
}
