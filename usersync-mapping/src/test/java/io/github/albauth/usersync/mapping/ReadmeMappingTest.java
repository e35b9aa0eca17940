package io.github.albauth.usersync.mapping;

import io.github.albauth.usersync.AttributeSource;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.mapping.internal.FunctionTable;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The README's mapping section cannot rot: its code compiles here and its examples run. */
class ReadmeMappingTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Path DSL_REFERENCE = Path.of("..", "docs", "mapping-dsl.md");

  @Test
  void quickstartCompilesAndRuns() throws IOException {
    Map<String, Object> claims = Map.of("upn", "A.Example@Domain.com", "given_name", "Zoë",
        "family_name", "Müller", "groups", List.of("jira-dev", "staff"));
    String username = null;
    // README:begin
    AttributeMapping mapping = AttributeMapping.builder()
        .map("email", "email")
        .map("username", "regexReplace(upn, \"(.*)@.*\", \"$1\") | lower")
        .map("displayName", "join(\" \", given_name, family_name) | normalizeDiacritics")
        .map("groups", "append(filter(groups, g -> startsWith(g, \"jira-\")), \"jira-software-users\")")
        .map("active", "if(contains(groups, \"contractors\"), skip(\"contractors are not synced\"), true)")
        .build();                                             // compile errors are thrown here

    MappingResult result = mapping.map(AttributeSource.of(claims));   // thread-safe, per login
    if (!result.isSkipped()) {
      username = result.string("username");                  // "a.example"
    }
    // README:end
    assertThat(username).isEqualTo("a.example");
    assertThat(result.attributes()).containsEntry("displayName", "Zoe Muller")
        .containsEntry("groups", List.of("jira-dev", "jira-software-users"))
        .containsEntry("active", true);
    String snippet = ownSnippet().replace("  username = ", "  String username = ");
    assertThat(readme()).contains(snippet);
  }

  @Test
  void everyExampleInTheTablesGivesTheDocumentedResult() throws IOException {
    String readme = Files.readString(DSL_REFERENCE, StandardCharsets.UTF_8);
    AttributeSource claims = JsonAttributeSources.fromJson(block(readme, "mapping-sample-claims"));
    String tables = readme.substring(readme.indexOf("<!-- mapping-examples -->"),
        readme.indexOf("<!-- /mapping-examples -->"));
    Pattern row = Pattern.compile("^\\| (.+?) \\| .+ \\| `(.+)` \\| (.+) \\|$", Pattern.MULTILINE);
    Matcher m = row.matcher(tables);
    Set<String> documented = new TreeSet<>();
    int rows = 0;
    while (m.find()) {
      String name = m.group(1);
      String example = m.group(2).replace("\\|", "|");
      String expected = m.group(3).replace("\\|", "|");
      rows++;
      if (name.startsWith("`") && name.contains("(")) {
        documented.add(name.substring(1, name.indexOf('(')));
      }
      MappingResult result = Eval.mapping(example).map(claims);
      String actual = result.isSkipped()
          ? "skipped: `" + render(result.skipReason()) + "`"
          : "`" + render(result.attributes().get("username")) + "`";
      assertThat(actual).as(example).isEqualTo(expected);
    }
    assertThat(rows).isGreaterThan(50);
    assertThat(documented).isEqualTo(FunctionTable.builtins().names());
  }

  @Test
  void propertiesAndJsonExamplesLoad() throws IOException {
    String readme = readme();
    Properties p = new Properties();
    p.load(new StringReader(block(readme, "mapping-properties")));
    // albauth.idp is alb-auth-core's key, which this module's tests do not have on their path
    assertThat(p.remove("albauth.idp")).isEqualTo("okta");
    AttributeMapping fromProperties = AttributeMapping.fromProperties(p);
    MappingResult r = fromProperties.map(AttributeSource.of(Map.of(
        "preferred_username", "Ann@corp", "groups", List.of("jira-Dev", "x"), "department", "ENG")));
    assertThat(r.attributes()).containsEntry("username", "ann")
        .containsEntry("groups", List.of("jira-dev", "jira-software-users"))
        .containsEntry("department", "Engineering");
    AttributeMapping fromJson = AttributeMapping.fromJson(block(readme, "mapping-json"));
    assertThat(fromJson.map(AttributeSource.of(Map.of("groups", List.of("contractors"))))
        .skipReason()).isEqualTo("contractors are not synced");
  }

  private static String render(@Nullable Object v) {
    if (v instanceof String s) {
      return "\"" + s + "\"";
    } else if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(e -> parts.add(render(e)));
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(v);
  }

  private static String readme() throws IOException {
    return Files.readString(README, StandardCharsets.UTF_8);
  }

  /** The fenced block right after {@code <!-- marker -->}. */
  private static String block(String readme, String marker) {
    int at = readme.indexOf("<!-- " + marker + " -->");
    int start = readme.indexOf('\n', readme.indexOf("```", at)) + 1;
    return readme.substring(start, readme.indexOf("```", start));
  }

  /** This file's README:begin … README:end lines, de-indented by four spaces. */
  private static String ownSnippet() throws IOException {
    String source = Files.readString(
        Path.of("src/test/java/io/github/albauth/usersync/mapping/ReadmeMappingTest.java"),
        StandardCharsets.UTF_8);
    String body = source.substring(source.indexOf('\n', source.indexOf("// README:" + "begin")) + 1,
        source.indexOf("    // README:" + "end"));
    StringBuilder out = new StringBuilder();
    for (String line : body.split("\n", -1)) {
      out.append(line.length() >= 4 ? line.substring(4) : line.strip()).append('\n');
    }
    return out.toString().stripTrailing();
  }
}
