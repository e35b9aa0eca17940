package io.github.albauth.usersync;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a delta sync persists between runs and pages: the token of the last complete round, the
 * cursor of the round in progress (to resume after a crash), and the ids of users removed by the
 * round in progress, deprovisioned only when the round completes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param deltaToken the token to ask for the next round's changes
 * @param resumeCursor the next page of the round in progress, or null between rounds
 * @param pendingRemovals ids of users the round in progress removed
 */
public record SyncState(
    String deltaToken, @Nullable String resumeCursor, Set<String> pendingRemovals) {

  /**
   * Validates and copies.
   *
   * @param deltaToken the token to ask for the next round's changes
   * @param resumeCursor the next page of the round in progress, or null between rounds
   * @param pendingRemovals ids of users the round in progress removed
   */
  public SyncState {
    Objects.requireNonNull(deltaToken, "deltaToken");
    pendingRemovals = Set.copyOf(pendingRemovals);
  }
}
