package io.github.albauth.usersync.engine.internal;

import io.github.albauth.usersync.engine.CleanupAction;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.engine.MatchKey;
import io.github.albauth.usersync.engine.MissingValue;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.engine.SyncListener;
import io.github.albauth.usersync.SyncLock;
import io.github.albauth.usersync.SyncStateStore;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The validated configuration of an engine, as the builder hands it over. Immutable. */
public record EngineSettings(
    String sourceId,
    @Nullable DirectorySource source,
    UserStore store,
    UserAttributeMapper mapper,
    Predicate<SourceUser> filter,
    MatchKey matchKey,
    CleanupAction cleanup,
    boolean stripGroupsOnCleanup,
    Set<String> protectedUsers,
    Set<String> protectedGroups,
    Set<String> defaultGroups,
    MissingValue missingDefault,
    Map<String, MissingValue> missingPerAttribute,
    int maxDeprovisions,
    double maxDeprovisionShare,
    boolean allowEmptySource,
    boolean syncGroups,
    SyncLock lock,
    Duration lockAtMostFor,
    SyncStateStore stateStore,
    Clock clock,
    List<SyncListener> listeners,
    int maxReportedOutcomes,
    int maxConsecutiveFailures,
    boolean fullSyncWhenDeltaExpires,
    Duration sourceCallTimeout,
    Duration sourceRunTimeout,
    boolean linkAccountsByUsername) {

  /** Returns the policy for an attribute whose expression yielded nothing. */
  public MissingValue missing(String attribute) {
    return missingPerAttribute.getOrDefault(attribute, missingDefault);
  }
}
