package io.github.albauth.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.servlet.AlbAuthenticationFilter;
import io.github.albauth.servlet.AlbLogout;
import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.spring.boot.autoconfigure.internal.EnvironmentSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/**
 * The README's Spring Boot section says what the code does: its {@code application.yml} is read
 * by the starter's reader into valid settings that build the filter and the logout, and its
 * {@code SecurityFilterChain} is the one {@link ApplicationChainTest} runs.
 */
class ReadmeSpringTest {

  private static final String SECTION = "## Spring Boot: `albauth-spring-boot-starter`";

  @Test
  void theReadmesApplicationYmlIsValidAndSaysWhatItMeans() throws IOException {
    String yaml = block(section(), "```yaml\n");
    StandardEnvironment environment = new StandardEnvironment();
    for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
        new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))) {
      environment.getPropertySources().addFirst(source);
    }

    Map<String, String> settings =
        new EnvironmentSettings(SettingsRegistry.discover()).read(environment).asMap();

    assertThat(settings).containsEntry("albauth.idp", "okta")
        .containsEntry("albauth.exclude-paths", "/health, /actuator/health")
        .containsEntry("albauth.role-mapping", "Okta-Admins=admin")
        .containsEntry("albauth.logout.path", "/logout")
        .containsKey("albauth.expected-signers");
    assertThat(AlbLogout.fromSettings(settings).redirectUri())
        .hasToString("https://acme.okta.com/oauth2/default/v1/logout?client_id=0oa1example");
    AlbAuthenticationFilter.builder().configure(settings).build().destroy();
  }

  @Test
  void theReadmesChainIsTheOneTheTestRuns() throws IOException {
    String test = Files.readString(Path.of("src", "test", "java", "io", "github", "albauth",
        "spring", "boot", "autoconfigure", "ApplicationChainTest.java"), StandardCharsets.UTF_8);
    String chain = test.substring(test.indexOf("// --- README: SecurityFilterChain ---")
        + "// --- README: SecurityFilterChain ---".length(), test.indexOf("// --- end ---"));
    assertThat(normalized(block(section(), "```java\n"))).isEqualTo(normalized(chain));
    assertThat(section()).contains("<artifactId>albauth-spring-boot-starter</artifactId>");
  }

  private static String section() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf(SECTION);
    assertThat(start).as("the README has " + SECTION).isNotNegative();
    return readme.substring(start, readme.indexOf("\n## ", start + SECTION.length()));
  }

  private static String block(String text, String fence) {
    int start = text.indexOf(fence);
    assertThat(start).as("a " + fence.strip() + " block").isNotNegative();
    return text.substring(start + fence.length(), text.indexOf("```", start + fence.length()));
  }

  private static String normalized(String code) {
    return code.replaceAll("\\s+", " ").strip();
  }
}
