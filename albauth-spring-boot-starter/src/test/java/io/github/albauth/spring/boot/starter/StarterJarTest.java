package io.github.albauth.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.settings.Setting;
import io.github.albauth.settings.SettingsRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the starter brings to an application's class path carries the IDE metadata for every key
 * the application's albauth modules declare, and the auto-configuration's registration.
 */
class StarterJarTest {

  @Test
  void theAutoconfigureJarCarriesTheMetadataOfEveryKey() throws IOException {
    String metadata = albauthResource("META-INF/spring-configuration-metadata.json")
        .replaceAll("\"\\s*:\\s*", "\": ");
    for (Setting<?> setting : SettingsRegistry.discover().settings()) {
      String name = setting.isFamily()
          ? setting.name().substring(0, setting.name().length() - 1) : setting.name();
      assertThat(metadata).as(name).contains("\"name\": \"" + name + "\"");
    }
    assertThat(metadata).contains("\"name\": \"albauth.idp\"", "\"value\": \"okta\"");
  }

  @Test
  void theAutoconfigureJarRegistersTheAutoConfigurations() throws IOException {
    assertThat(albauthResource(
        "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
        .contains("io.github.albauth.spring.boot.autoconfigure.AlbAuthAutoConfiguration",
            "io.github.albauth.spring.boot.autoconfigure.AlbAuthServletAutoConfiguration");
  }

  /** A resource of the albauth-spring-boot-autoconfigure jar (Spring's jars have their own). */
  private static String albauthResource(String name) throws IOException {
    List<URL> ours = new ArrayList<>();
    for (URL url : Collections.list(StarterJarTest.class.getClassLoader().getResources(name))) {
      if (url.toString().contains("albauth-spring-boot-autoconfigure")) {
        ours.add(url);
      }
    }
    assertThat(ours).as(name + " of albauth-spring-boot-autoconfigure").singleElement()
        .satisfies(url -> assertThat(url.getProtocol()).as("from the jar").isEqualTo("jar"));
    try (InputStream in = ours.get(0).openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
