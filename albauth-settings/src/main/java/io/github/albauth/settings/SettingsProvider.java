package io.github.albauth.settings;

import java.util.List;

/**
 * The {@code albauth.*} keys one module reads, found with {@link java.util.ServiceLoader} so that
 * every entry point knows every key of every albauth module on the class or module path, and can
 * refuse the others as typos. albauth's own modules provide one each; an application or a
 * third-party module that adds keys under {@code albauth.} provides its own ({@code provides
 * io.github.albauth.settings.SettingsProvider with ...} in {@code module-info.java}, and a {@code
 * META-INF/services/io.github.albauth.settings.SettingsProvider} file for the class path).
 *
 * <p>Implementations must be stateless and thread-safe, with a public no-argument constructor.
 */
public interface SettingsProvider {

  /** {@return the artifact that reads these keys, e.g. {@code alb-auth-core}} */
  String module();

  /** {@return the keys (and key families) the module reads} */
  List<Setting<?>> settings();
}
