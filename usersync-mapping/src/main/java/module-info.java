/**
 * The attribute-mapping DSL: how token claims or an IdP user record become the attributes of a
 * local user. Custom functions are {@link io.github.albauth.usersync.mapping.MappingFunction}
 * services. Jackson is optional: only JSON text needs it.
 */
module io.github.albauth.usersync.mapping {
  requires transitive io.github.albauth.usersync.spi;
  requires io.github.albauth.settings;
  // re2j (1.8) publishes no module name, so on the module path it is the automatic module named
  // after its jar, "re2j"; javac's requires-automatic lint is off in this module for that reason.
  requires re2j;
  requires static transitive org.jspecify;
  requires static com.fasterxml.jackson.databind;

  exports io.github.albauth.usersync.mapping;

  uses io.github.albauth.usersync.mapping.MappingFunction;

  provides io.github.albauth.settings.SettingsProvider
      with io.github.albauth.usersync.mapping.internal.MappingSettings;
}
