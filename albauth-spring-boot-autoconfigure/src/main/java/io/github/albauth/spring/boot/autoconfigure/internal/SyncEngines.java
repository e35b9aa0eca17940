package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.settings.Settings;
import io.github.albauth.spring.boot.autoconfigure.sync.SyncEngineCustomizer;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.engine.CleanupAction;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncListener;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.DirectoryPreset;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds the auto-configured sync engines from the {@code albauth.sync.*} keys, the application's
 * store, listeners and customizers. Stateless and thread-safe.
 */
public final class SyncEngines {

  private SyncEngines() {}

  /**
   * Picks the directory source to sync: the one named by {@code albauth.sync.source}, or the only
   * one.
   *
   * @param settings the settings
   * @param sources every directory source bean
   * @return the source
   * @throws IllegalStateException when none matches, or several do and the key does not choose
   */
  public static DirectorySource chooseSource(Settings settings, List<DirectorySource> sources) {
    String ids = sources.stream().map(DirectorySource::id).collect(Collectors.joining(", "));
    Optional<String> chosen = settings.get(OpsSettings.SYNC_SOURCE);
    if (chosen.isPresent()) {
      return sources.stream().filter(source -> source.id().equals(chosen.get())).findFirst()
          .orElseThrow(() -> new IllegalStateException(OpsSettings.SYNC_SOURCE.name() + ": no"
              + " directory source has the id \"" + chosen.get() + "\"; the sources are " + ids));
    }
    if (sources.size() != 1) {
      throw new IllegalStateException("there are " + sources.size() + " directory sources ("
          + ids + "); set " + OpsSettings.SYNC_SOURCE.name() + " to the id of the one to sync");
    }
    return sources.get(0);
  }

  /**
   * The mapping of a directory's user records: {@code albauth.sync.preset} (default: the preset
   * named like the source, else {@code other}) with {@code albauth.sync.mapping.*} over it.
   *
   * @param settings the settings
   * @param sourceId the directory source's id
   * @return the compiled mapping
   * @throws IllegalArgumentException naming the key of an expression that does not compile
   */
  public static UserAttributeMapper directoryMapping(Settings settings, String sourceId) {
    String preset = settings.get(OpsSettings.SYNC_PRESET).orElseGet(() ->
        Arrays.stream(DirectoryPreset.values()).map(DirectoryPreset::id)
            .filter(id -> id.equals(sourceId.toLowerCase(Locale.ROOT))).findFirst()
            .orElse(DirectoryPreset.OTHER.id()));
    AttributeMapping.Builder mapping = AttributeMapping.builder()
        .preset(DirectoryPreset.forId(preset));
    settings.family(OpsSettings.SYNC_MAPPING).forEach(mapping::map);
    try {
      return mapping.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(OpsSettings.SYNC_MAPPING.name() + "*: " + e.getMessage(),
          e);
    }
  }

  /**
   * Starts the directory sync engine's builder: the source, its mapping and the safety keys.
   *
   * @param settings the settings
   * @param store the application's store
   * @param source the directory source
   * @return the builder, for {@link #finish}
   */
  public static SyncEngine.Builder directorySync(Settings settings, UserStore store,
      DirectorySource source) {
    SyncEngine.Builder engine = SyncEngine.builder().store(store).source(source)
        .mapper(directoryMapping(settings, source.id()))
        .cleanup(CleanupAction.valueOf(settings.get(OpsSettings.SYNC_CLEANUP).orElse("disable")
            .toUpperCase(Locale.ROOT)));
    settings.get(OpsSettings.SYNC_MAX_DEPROVISIONS).ifPresent(engine::maxDeprovisions);
    settings.get(OpsSettings.SYNC_MAX_DEPROVISION_PERCENT)
        .ifPresent(percent -> engine.maxDeprovisionShare(percent / 100.0));
    if (settings.get(OpsSettings.SYNC_GROUPS).orElse(false)) {
      engine.syncGroups();
    }
    settings.get(OpsSettings.SYNC_PROTECTED_USERS)
        .ifPresent(users -> engine.protectUsers(users.toArray(String[]::new)));
    settings.get(OpsSettings.SYNC_PROTECTED_GROUPS)
        .ifPresent(groups -> engine.protectGroups(groups.toArray(String[]::new)));
    return engine;
  }

  /**
   * Applies what every auto-configured engine gets (the default groups, the application's
   * listeners and customizers) and builds it.
   *
   * @param engine the builder
   * @param settings the settings
   * @param purpose which engine
   * @param listeners the application's sync listeners, in order
   * @param customizers the application's customizers, in order
   * @return the engine
   */
  public static SyncEngine finish(SyncEngine.Builder engine, Settings settings,
      SyncEngineCustomizer.Purpose purpose, List<SyncListener> listeners,
      List<SyncEngineCustomizer> customizers) {
    settings.get(OpsSettings.SYNC_DEFAULT_GROUPS)
        .ifPresent(groups -> engine.defaultGroups(groups.toArray(String[]::new)));
    listeners.forEach(engine::listener);
    customizers.forEach(customizer -> customizer.customize(purpose, engine));
    return engine.build();
  }
}
