package io.github.albauth.spring.boot.autoconfigure.internal;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.Settings;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;

/**
 * Fails startup when a key asks for provisioning or a scheduled sync that the application cannot
 * have (no {@code UserStore} bean, no directory source, a module missing from the class path):
 * a key that silently does nothing would leave users unprovisioned or a directory unsynced
 * without a word. Runs once every singleton exists.
 */
public final class UnusedKeysCheck implements SmartInitializingSingleton {

  /** The bean that gives the filter the provisioner the key asks for. */
  public static final String PROVISIONING_CUSTOMIZER = "albAuthProvisioning";
  private static final String SYNC_SCHEDULER = "io.github.albauth.usersync.engine.SyncScheduler";

  private final Settings settings;
  private final ListableBeanFactory beans;

  /**
   * A check of the application's beans against its settings.
   *
   * @param settings the settings
   * @param beans the application's beans
   */
  public UnusedKeysCheck(Settings settings, ListableBeanFactory beans) {
    this.settings = settings;
    this.beans = beans;
  }

  @Override
  public void afterSingletonsInstantiated() {
    String mode = settings.get(OpsSettings.PROVISIONING_MODE).orElse(OpsSettings.MODE_NONE);
    if (!mode.equals(OpsSettings.MODE_NONE) && !beans.containsBean(PROVISIONING_CUSTOMIZER)) {
      throw new IllegalStateException(OpsSettings.PROVISIONING_MODE.name() + "=" + mode
          + " provisions users at login into the application's store, but there is no"
          + " UserStore bean (or usersync-engine is not on the class path); define one, or remove"
          + " the key");
    }
    for (Setting<?> schedule : List.of(OpsSettings.SYNC_INTERVAL, OpsSettings.SYNC_CRON)) {
      if (settings.contains(schedule) && !has(SYNC_SCHEDULER)) {
        throw new IllegalStateException(schedule.name() + " schedules the directory sync, but"
            + " there is nothing to sync: it needs a UserStore bean and a directory source (a"
            + " connector's albauth.<idp>.* keys, or a DirectorySource bean), and usersync-engine"
            + " on the class path");
      }
    }
  }

  private boolean has(String type) {
    ClassLoader loader = getClass().getClassLoader();
    return ClassUtils.isPresent(type, loader)
        && beans.getBeanNamesForType(ClassUtils.resolveClassName(type, loader)).length > 0;
  }
}
