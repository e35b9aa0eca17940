package io.github.albauth.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.SettingsRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documented table of {@code albauth.*} keys (docs/configuration.md) is the settings registry's, and no page names a key
 * that does not exist: the documentation cannot drift from what the modules read.
 */
class SettingsTableTest {

  private static final String BEGIN = "<!-- settings-table -->";
  private static final String END = "<!-- /settings-table -->";
  private static final Pattern KEY = Pattern.compile("(?<![\\w.])albauth\\.[A-Za-z0-9][A-Za-z0-9.-]*");
  /** Keys the documentation names on purpose although no module declares them. */
  private static final Set<String> NOT_KEYS = Set.of(
      "albauth.required-group", "albauth.expected-issuer", "albauth.maping.username",
      "albauth.expected.signers", // what Spring's relaxed binding makes of ALBAUTH_EXPECTED_SIGNERS
      "albauth.expectedSigners", // a relaxed spelling the Spring Boot starter reads
      "albauth.role-mapping.Admins", // the map form of a pairs key, which the starter reads
      "albauth.user", // the MDC key
      "albauth.api.baseline", // a Maven property of the release build
      "albauth.port", "albauth.default-groups", // the example backend's own keys
      // the Spring Boot integration's Micrometer meters
      "albauth.verifications", "albauth.keys.lookups", "albauth.keys.fetches",
      "albauth.sync.runs", "albauth.sync.duration", "albauth.sync.users");

  private final SettingsRegistry registry = SettingsRegistry.discover();

  @Test
  void theDocumentedKeyTableIsTheRegistrys() throws IOException {
    String readme = Files.readString(Path.of("..", "docs", "configuration.md"), StandardCharsets.UTF_8);
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertThat(begin).as("docs/configuration.md has " + BEGIN).isNotNegative();
    assertThat(end).as("docs/configuration.md has " + END).isGreaterThan(begin);
    String documented = readme.substring(begin + BEGIN.length(), end).strip();
    String generated = table();
    if (!documented.equals(generated)) {
      Path expected = Path.of("target", "settings-table.md");
      Files.writeString(expected, generated + "\n", StandardCharsets.UTF_8);
      throw new AssertionError("docs/configuration.md's key table differs from the settings registry; replace"
          + " the lines between " + BEGIN + " and " + END + " with " + expected.toAbsolutePath());
    }
  }

  @Test
  void everyKeyTheDocumentationNamesIsDeclared() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("..", "README.md")));
    try (Stream<Path> docs = Files.walk(Path.of("..", "docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
    }
    Set<String> unknown = new TreeSet<>();
    for (Path page : pages) {
      Matcher m = KEY.matcher(Files.readString(page, StandardCharsets.UTF_8));
      while (m.find()) {
        String key = m.group().replaceAll("[.-]+$", "");
        // a namespace (albauth.logout.*) or a family member (albauth.mapping.displayName)
        boolean family = registry.settings().stream()
            .anyMatch(s -> s.name().startsWith(key + ".") || (s.isFamily() && s.declares(key)));
        if (!family && registry.find(key).isEmpty() && !NOT_KEYS.contains(key)) {
          unknown.add(page.getFileName() + ": " + key);
        }
      }
    }
    assertThat(unknown).as("keys named in the documentation that no module declares").isEmpty();
  }

  private String table() {
    StringBuilder out = new StringBuilder();
    out.append("| key | environment variable | value | default | module | meaning |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (Setting<?> setting : registry.settings()) {
      String name = setting.isFamily() ? setting.name() + "<name>" : setting.name();
      String variable = Setting.environmentVariable(setting.name()) + (setting.isFamily() ? "<NAME>" : "");
      out.append("| `").append(name).append("` | `").append(variable).append("` | ")
          .append(setting.accepts()).append(" | ").append(setting.defaultText()).append(" | ")
          .append(registry.moduleOf(setting)).append(" | ").append(setting.description())
          .append(" |\n");
    }
    return out.toString().strip();
  }
}
