package io.github.albauth.usersync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks that a class shown in the README is the compiled one, line for line. */
final class ReadmeSnippet {

  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCES = Path.of("src", "test", "java", "io", "github", "albauth",
      "usersync", "testkit");

  private ReadmeSnippet() {}

  /**
   * Asserts that the README shows the class of a test source file verbatim, from its declaration
   * to its closing brace, and returns its length in lines.
   *
   * @param file the test source file name, such as {@code MapUserStore.java}
   * @param declaration how the class declaration line begins
   */
  static int assertShownVerbatim(String file, String declaration) throws IOException {
    List<String> compiled = block(Files.readAllLines(SOURCES.resolve(file)), declaration);
    List<String> shown = block(Files.readAllLines(README), declaration);
    assertThat(compiled).as("%s in %s", declaration, file).isNotEmpty();
    assertThat(shown).as("the README's copy of %s", file).isEqualTo(compiled);
    return compiled.size();
  }

  private static List<String> block(List<String> lines, String declaration) {
    List<String> block = new ArrayList<>();
    for (String line : lines) {
      if (block.isEmpty() && !line.startsWith(declaration)) {
        continue;
      }
      block.add(line);
      if (line.equals("}")) {
        break;
      }
    }
    return block;
  }
}
