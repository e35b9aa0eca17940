package io.github.albauth.usersync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jackson is optional: without it the file source says what to add instead of failing obscurely. */
class FileSourceWithoutJacksonTest {

  @TempDir Path dir;

  @Test
  void withoutJacksonTheFileSourceAsksForIt() throws Exception {
    Path file = Files.writeString(dir.resolve("users.json"), "[]");
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("jackson")) {
        urls.add(toUrl(entry));
      }
    }
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> source = loader.loadClass(FileSource.class.getName());
      Object builder = source.getMethod("builder", String.class).invoke(null, "x");
      Throwable thrown = catchThrowable(() -> {
        try {
          builder.getClass().getMethod("json", Path.class).invoke(builder, file);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      });
      assertThat(thrown.getClass().getName()).isEqualTo("io.github.albauth.usersync.UserSyncException");
      assertThat(thrown.getClass().getMethod("reason").invoke(thrown)).hasToString("MISSING_DEPENDENCY");
      assertThat(thrown).hasMessage("the file source needs com.fasterxml.jackson.core:jackson-databind on the"
          + " class path; add it as a dependency");
    }
  }

  private static URL toUrl(String entry) throws MalformedURLException {
    return Path.of(entry).toUri().toURL();
  }
}
