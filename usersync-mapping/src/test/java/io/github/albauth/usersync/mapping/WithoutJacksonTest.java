package io.github.albauth.usersync.mapping;

import io.github.albauth.usersync.AttributeSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Jackson is optional: with only this module, the SPI, RE2/J and JSpecify on the class path, Properties
 * mappings compile and evaluate, and the JSON entry points fail with a message saying what to add.
 */
class WithoutJacksonTest {

  private static final String EXPECTED = "reading the mapping document as JSON needs "
      + "jackson-databind on the class path; add the dependency "
      + "com.fasterxml.jackson.core:jackson-databind (or use Properties or the builder, which need "
      + "no JSON library)";

  @Test
  void propertiesWorkAndJsonSaysToAddJackson() throws Exception {
    URL[] urls = {
        location(AttributeMapping.class),
        location(AttributeSource.class),
        location(com.google.re2j.Pattern.class),
        location(org.jspecify.annotations.NullMarked.class),
        location(io.github.albauth.settings.SettingsRegistry.class)};
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader isolated = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      thread.setContextClassLoader(isolated);
      assertThatThrownBy(() -> isolated.loadClass("com.fasterxml.jackson.databind.ObjectMapper"))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> mappingClass = isolated.loadClass(AttributeMapping.class.getName());
      Class<?> sourceClass = isolated.loadClass(AttributeSource.class.getName());

      Properties p = new Properties();
      p.setProperty("albauth.mapping.username", "preferred_username | before(\"@\")");
      Object mapping = mappingClass.getMethod("fromProperties", Properties.class).invoke(null, p);
      Object source = sourceClass.getMethod("of", Map.class)
          .invoke(null, Map.of("preferred_username", "ann@corp"));
      Object result = mappingClass.getMethod("map", sourceClass).invoke(mapping, source);
      assertThat(result.toString()).isEqualTo("MappingResult{username=ann}");

      Method fromJson = mappingClass.getMethod("fromJson", String.class);
      assertThatThrownBy(() -> fromJson.invoke(null, "{}"))
          .isInstanceOf(InvocationTargetException.class)
          .cause()
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(EXPECTED);
      Class<?> sources = isolated.loadClass(JsonAttributeSources.class.getName());
      assertThatThrownBy(() -> sources.getMethod("fromJson", String.class).invoke(null, "{}"))
          .cause()
          .hasMessageStartingWith("reading the attribute JSON as JSON needs jackson-databind");
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
