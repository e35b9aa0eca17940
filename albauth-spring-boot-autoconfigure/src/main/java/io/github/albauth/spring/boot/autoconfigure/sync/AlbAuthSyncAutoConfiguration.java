package io.github.albauth.spring.boot.autoconfigure.sync;

import io.github.albauth.servlet.LoginProvisioner;
import io.github.albauth.servlet.UserSyncProvisioner;
import io.github.albauth.spring.boot.autoconfigure.AlbAuthAutoConfiguration;
import io.github.albauth.spring.boot.autoconfigure.AlbAuthSettings;
import io.github.albauth.spring.boot.autoconfigure.AlbFilterBuilderCustomizer;
import io.github.albauth.spring.boot.autoconfigure.internal.ConditionalOnAlbAuthKeys;
import io.github.albauth.spring.boot.autoconfigure.internal.LoginProvisioners;
import io.github.albauth.spring.boot.autoconfigure.internal.OpsSettings;
import io.github.albauth.spring.boot.autoconfigure.internal.ScheduledSync;
import io.github.albauth.spring.boot.autoconfigure.internal.SyncEngines;
import io.github.albauth.spring.boot.autoconfigure.internal.UnusedKeysCheck;
import io.github.albauth.usersync.DeltaSource;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncListener;
import io.github.albauth.usersync.engine.SyncScheduler;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Directory sync and login-time provisioning, when the application has a {@link UserStore} bean.
 *
 * <ul>
 *   <li>With a {@link DirectorySource} bean (a connector from {@code albauth.<idp>.*}, see {@link
 *       AlbAuthConnectorsAutoConfiguration}, or the application's own): a {@link SyncEngine} that
 *       syncs it into the store, mapped by {@code albauth.sync.preset} and {@code
 *       albauth.sync.mapping.*}, with the safety keys {@code albauth.sync.*}.
 *   <li>With {@code albauth.sync.interval} or {@code albauth.sync.cron} as well: a {@link
 *       SyncScheduler} running {@code albauth.sync.mode} on a thread of its own, started when the
 *       application is ready and stopped when the context closes; {@code triggerNow()} runs a sync
 *       at once.
 *   <li>With {@code albauth.provisioning.mode} {@code jit} or {@code lookup}: a {@link
 *       LoginProvisioner} that the servlet filter calls at login ({@link UserSyncProvisioner}; the
 *       store must implement {@code SubjectBindings}).
 * </ul>
 *
 * <p>{@code albauth.provisioning.mode} or a schedule given without what they need fails startup
 * with what is missing. Every engine gets the application's {@link SyncListener} beans and is customized by its
 * {@link SyncEngineCustomizer} beans. Beans the application defines itself ({@code SyncEngine},
 * {@code LoginProvisioner}) take the place of these.
 */
@AutoConfiguration(after = {AlbAuthAutoConfiguration.class,
    AlbAuthConnectorsAutoConfiguration.class})
public class AlbAuthSyncAutoConfiguration {

  /** For Spring. */
  public AlbAuthSyncAutoConfiguration() {}

  /**
   * Fails startup when {@code albauth.provisioning.mode} or a sync schedule is given but cannot be
   * had (no store, no source, a module missing), instead of silently doing nothing.
   *
   * @param settings the settings
   * @param beans the application's beans
   * @return the check
   */
  @Bean
  UnusedKeysCheck albAuthUnusedSyncKeysCheck(AlbAuthSettings settings,
      ListableBeanFactory beans) {
    return new UnusedKeysCheck(settings.settings(), beans);
  }

  /** Syncing a directory source into the store. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SyncEngine.class)
  @ConditionalOnBean({UserStore.class, DirectorySource.class})
  static class DirectorySync {

    @Bean
    @ConditionalOnMissingBean
    SyncEngine albAuthSyncEngine(AlbAuthSettings settings, UserStore store,
        ObjectProvider<DirectorySource> sources, ObjectProvider<SyncListener> listeners,
        ObjectProvider<SyncEngineCustomizer> customizers) {
      DirectorySource source = SyncEngines.chooseSource(settings.settings(),
          sources.orderedStream().toList());
      if (settings.get(OpsSettings.SYNC_MODE).orElse("full").equals("delta")
          && !(source instanceof DeltaSource)) {
        throw new IllegalStateException(OpsSettings.SYNC_MODE.name() + "=delta, but the"
            + " directory source " + source.id() + " has no deltas (DeltaSource); use full");
      }
      return SyncEngines.finish(SyncEngines.directorySync(settings.settings(), store, source),
          settings.settings(), SyncEngineCustomizer.Purpose.DIRECTORY_SYNC,
          listeners.orderedStream().toList(), customizers.orderedStream().toList());
    }

    /** Running the sync on a schedule. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAlbAuthKeys({"albauth.sync.interval", "albauth.sync.cron"})
    static class Scheduled {

      @Bean
      ScheduledSync albAuthScheduledSync(AlbAuthSettings settings, SyncEngine engine) {
        return ScheduledSync.create(settings.settings(), engine);
      }

      @Bean
      SyncScheduler albAuthSyncScheduler(ScheduledSync scheduled) {
        return scheduled.scheduler();
      }

      @Bean
      ApplicationListener<ApplicationReadyEvent> albAuthSyncStart(ScheduledSync scheduled) {
        return ready -> scheduled.start();
      }
    }
  }

  /** Provisioning users at login, through the servlet filter. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({SyncEngine.class, UserSyncProvisioner.class})
  @ConditionalOnBean(UserStore.class)
  @ConditionalOnAlbAuthKeys(value = "albauth.provisioning.mode", offValue = OpsSettings.MODE_NONE)
  static class Provisioning {

    @Bean
    @ConditionalOnMissingBean
    LoginProvisioner albAuthLoginProvisioner(AlbAuthSettings settings, UserStore store,
        ObjectProvider<SyncEngine> engines, ObjectProvider<DirectorySource> sources,
        ObjectProvider<SyncListener> listeners, ObjectProvider<SyncEngineCustomizer> customizers) {
      SyncEngine engine = engines.getIfUnique();
      LoginProvisioners.Directory directory = engine == null ? null : sources.orderedStream()
          .filter(source -> source.id().equals(engine.sourceId())).findFirst()
          .map(source -> new LoginProvisioners.Directory(engine, source)).orElse(null);
      return LoginProvisioners.create(settings.settings(), store, directory,
          listeners.orderedStream().toList(), customizers.orderedStream().toList());
    }

    @Bean(UnusedKeysCheck.PROVISIONING_CUSTOMIZER)
    AlbFilterBuilderCustomizer albAuthProvisioning(LoginProvisioner provisioner) {
      return builder -> builder.provisioner(provisioner);
    }
  }
}
