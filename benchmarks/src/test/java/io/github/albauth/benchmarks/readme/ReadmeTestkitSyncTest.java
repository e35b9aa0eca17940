package io.github.albauth.benchmarks.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Pins the README's test kit example to {@link ReadmeTestkitExampleTest}, which runs it. */
class ReadmeTestkitSyncTest {

  private static final Path SOURCE =
      Path.of("src/test/java/io/github/albauth/benchmarks/readme/ReadmeTestkitExampleTest.java");

  @Test
  void readmeShowsExactlyTheCodeThatRuns() throws IOException {
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);

    String example = "@ExtendWith" + between(source, "@ExtendWith", "// README-TESTKIT-END");
    String shown = between(between(readme, "A JUnit 5 test (this exact code", "| entry point |"), "```java\n", "```");

    assertThat(shown.strip()).isEqualTo(example.strip());
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("marker %s", start).isNotNegative();
    int to = text.indexOf(end, from + start.length());
    assertThat(to).as("marker %s", end).isNotNegative();
    return text.substring(from + start.length(), to);
  }
}
