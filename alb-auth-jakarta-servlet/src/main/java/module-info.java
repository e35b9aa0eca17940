/**
 * The Jakarta Servlet 6 filter: verify the ALB token, map claims, gate, provision, set the
 * principal. Provisioning at login through the sync engine is optional: add {@code
 * io.github.albauth:usersync-engine} to use {@code UserSyncProvisioner}.
 */
module io.github.albauth.servlet {
  requires transitive io.github.albauth.core;
  requires transitive io.github.albauth.usersync.mapping;
  requires io.github.albauth.settings;
  requires transitive jakarta.servlet;
  requires static io.github.albauth.usersync.engine;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.github.albauth.servlet;

  provides io.github.albauth.settings.SettingsProvider
      with io.github.albauth.servlet.internal.FilterSettings;
}
