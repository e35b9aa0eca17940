/**
 * The registry of {@code albauth.*} configuration keys, shared by every albauth module that reads
 * configuration. Depends on nothing but jspecify's annotations.
 */
module io.github.albauth.settings {
  requires static transitive org.jspecify;

  exports io.github.albauth.settings;

  uses io.github.albauth.settings.SettingsProvider;
}
