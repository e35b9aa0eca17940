package io.github.albauth.usersync.engine.internal;

import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.engine.UserOutcome;
import io.github.albauth.usersync.engine.internal.UserReconciler.PendingName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Settles the usernames a run could not take when it met them because another user of the same
 * source held them: swaps (A↔B), chains (A→B, B→C) and cycles (A→B, B→C, C→A), and new users taking a
 * name another user leaves. After the pass, each pending user whose name is free takes it; when
 * only cycles are left, one user of a cycle moves to a temporary name to break it. A name held by a
 * user that keeps it (a local user, another source's, or one this source still returns under that
 * name) fails the pending user, with the reason. One run, one thread.
 */
final class NameClaims {

  private final UserReconciler reconciler;
  private final UserStore store;
  private final String sourceId;
  private final boolean dryRun;
  private final List<PendingName> pending = new ArrayList<>();
  /**
   * In a dry run nothing is renamed, so the names it would move are tracked here (null: free); keyed
   * like {@code byCurrent} in {@link #settle} by {@link UserReconciler#nameKey}, as the store compares.
   */
  private final Map<String, @Nullable String> planned = new HashMap<>();

  NameClaims(UserReconciler reconciler, EngineSettings settings, boolean dryRun) {
    this.reconciler = reconciler;
    this.store = settings.store();
    this.sourceId = settings.sourceId();
    this.dryRun = dryRun;
  }

  void add(PendingName name) {
    pending.add(name);
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  /**
   * Settles every pending name and records one outcome per pending user.
   *
   * @param record receives the outcomes
   */
  void settle(Consumer<UserOutcome> record) {
    Map<String, PendingName> byCurrent = new HashMap<>(); // current name -> pending rename
    Map<PendingName, String> current = new HashMap<>();
    for (PendingName p : pending) {
      if (p.currentName() != null) {
        byCurrent.put(reconciler.nameKey(p.currentName()), p);
        current.put(p, p.currentName());
      }
    }
    Deque<PendingName> work = new ArrayDeque<>(pending);
    pending.clear();
    int stalled = 0;
    while (!work.isEmpty()) {
      PendingName p = work.poll();
      String from = current.get(p);
      Optional<String> holder = holder(p.target());
      if (holder.isEmpty()) {
        UserOutcome out;
        try {
          out = reconciler.settle(p, from, dryRun);
        } catch (RuntimeException e) {
          if (UserReconciler.aborts(e)) {
            throw e;
          }
          out = UserReconciler.unsettled(p, from, UserReconciler.describe(e));
        }
        if (out.kind() != UserOutcome.Kind.FAILED) {
          if (from != null) {
            byCurrent.remove(reconciler.nameKey(from));
            planned.put(reconciler.nameKey(from), null);
          }
          planned.put(reconciler.nameKey(p.target()), p.externalId());
        }
        record.accept(out);
        stalled = 0;
        continue;
      }
      PendingName moving = byCurrent.get(reconciler.nameKey(p.target()));
      if (moving == null || moving.equals(p)) {
        record.accept(UserReconciler.unsettled(p, from, "username taken by a user that keeps it"));
        if (from != null) {
          byCurrent.remove(reconciler.nameKey(from));
        }
        stalled = 0;
        continue;
      }
      work.add(p);
      if (++stalled > work.size()) {
        // every pending user waits for another: a cycle; move the holder of p's name aside
        String temporary = reconciler.temporaryName(moving.externalId());
        if (holder(temporary).isPresent()) {
          work.remove(moving);
          byCurrent.remove(reconciler.nameKey(p.target()));
          record.accept(UserReconciler.unsettled(moving, p.target(),
              "temporary name " + temporary + " is taken"));
        } else {
          reconciler.moveAside(moving, p.target(), temporary, dryRun);
          byCurrent.remove(reconciler.nameKey(p.target()));
          byCurrent.put(reconciler.nameKey(temporary), moving);
          current.put(moving, temporary);
          planned.put(reconciler.nameKey(p.target()), null);
          planned.put(reconciler.nameKey(temporary), moving.externalId());
        }
        stalled = 0;
      }
    }
  }

  /** The external id (or "" for a user no source manages) of the user holding a name, if any. */
  private Optional<String> holder(String name) {
    String key = reconciler.nameKey(name);
    if (dryRun && planned.containsKey(key)) {
      return Optional.ofNullable(planned.get(key));
    }
    return store.findByUsername(name)
        .map(u -> u.isManagedBy(sourceId) ? String.valueOf(u.externalId()) : "");
  }
}
