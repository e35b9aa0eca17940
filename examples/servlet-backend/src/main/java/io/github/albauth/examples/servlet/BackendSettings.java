package io.github.albauth.examples.servlet;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.SettingsProvider;
import java.util.List;

/**
 * The example's own {@code albauth.*} keys, declared in the settings registry like the library's,
 * so that every albauth entry point accepts them and a typo in them fails too. An application that
 * adds keys under {@code albauth.} does the same. Stateless.
 */
public final class BackendSettings implements SettingsProvider {

  /** {@code albauth.port}: the port to listen on. */
  public static final Setting<Integer> PORT = Setting.integer(ServletBackend.PORT, 0, 65_535,
      "8080", "the example backend's port (0: any free port)");
  /** {@code albauth.default-groups}: groups every JIT-provisioned user gets. */
  public static final Setting<List<String>> DEFAULT_GROUPS = Setting.list(
      ServletBackend.DEFAULT_GROUPS, "none", "groups the example backend gives every user it provisions");

  /** For {@link java.util.ServiceLoader}. */
  public BackendSettings() {}

  @Override
  public String module() {
    return "servlet-backend (example)";
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(PORT, DEFAULT_GROUPS);
  }
}
