package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.servlet.AlbFilterProperties;
import io.github.albauth.servlet.LoginProvisioner;
import io.github.albauth.servlet.UserSyncProvisioner;
import io.github.albauth.settings.Settings;
import io.github.albauth.spring.boot.autoconfigure.sync.SyncEngineCustomizer;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncListener;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds the login provisioner {@code albauth.provisioning.*} asks for. Stateless and
 * thread-safe.
 */
public final class LoginProvisioners {

  private LoginProvisioners() {}

  /**
   * The provisioner of {@code albauth.provisioning.mode}: {@code jit} provisions from the token's
   * claims through an engine of its own (the claim mapping of {@code albauth.idp} and {@code
   * albauth.mapping.*}, like the filter's); {@code lookup} looks the user up through the directory
   * sync engine.
   *
   * @param settings the settings
   * @param store the application's store; must implement {@code SubjectBindings}
   * @param directory the directory sync engine and its source, or null when there is none
   * @param listeners the application's sync listeners, for the login engine
   * @param customizers the application's engine customizers, for the login engine
   * @return the provisioner
   * @throws IllegalStateException when {@code lookup} has no directory that can look users up
   * @throws IllegalArgumentException when the store cannot bind subjects
   */
  public static LoginProvisioner create(Settings settings, UserStore store,
      @Nullable Directory directory, List<SyncListener> listeners,
      List<SyncEngineCustomizer> customizers) {
    String mode = settings.get(OpsSettings.PROVISIONING_MODE).orElse(OpsSettings.MODE_NONE);
    if (mode.equals(OpsSettings.MODE_LOOKUP)) {
      if (directory == null || !(directory.source() instanceof UserLookup)) {
        throw new IllegalStateException(OpsSettings.PROVISIONING_MODE.name() + "=lookup looks"
            + " users up in the synced directory, but "
            + (directory == null ? "there is none: configure a connector (albauth.okta.*,"
                + " albauth.entra.*, albauth.keycloak.*) or a DirectorySource bean"
                : "its source " + directory.source().id() + " cannot look users up (UserLookup)"));
      }
      String claim = settings.get(OpsSettings.PROVISIONING_LOOKUP_CLAIM).orElse("email");
      return UserSyncProvisioner.lookup(directory.engine(), store, claim,
          settings.get(OpsSettings.PROVISIONING_LOOKUP_ATTRIBUTE).orElse(claim));
    }
    String sourceId = settings.get(OpsSettings.PROVISIONING_SOURCE_ID).orElse(
        directory != null ? directory.engine().sourceId() : OpsSettings.DEFAULT_JIT_SOURCE_ID);
    SyncEngine engine = SyncEngines.finish(SyncEngine.builder().store(store).sourceId(sourceId)
            .mapper(AlbFilterProperties.claimMapping(settings.asMap())),
        settings, SyncEngineCustomizer.Purpose.LOGIN, listeners, customizers);
    String idClaim = settings.get(OpsSettings.PROVISIONING_ID_CLAIM).orElse("sub");
    return idClaim.equals("sub") ? UserSyncProvisioner.jit(engine, store)
        : UserSyncProvisioner.jit(engine, store, idClaim);
  }

  /**
   * The directory sync engine and the source it syncs.
   *
   * @param engine the engine
   * @param source its source
   */
  public record Directory(SyncEngine engine, DirectorySource source) {}
}
