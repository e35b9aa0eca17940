package io.github.albauth.usersync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry run shows each attribute's value and why. */
class MappingDryRunTest {

  static final String CLAIMS = """
      {"upn": "A.Example@Domain.com", "given_name": "Anna", "family_name": "Example",
       "groups": ["jira-dev", "staff"], "department": "ENG"}""";

  static AttributeMapping mapping() {
    return AttributeMapping.builder()
        .map("username", "upn | before(\"@\") | lower")
        .map("email", "email")
        .map("displayName", "name ?? join(\" \", given_name, family_name)")
        .map("groups", "append(filter(groups, g -> startsWith(g, \"jira-\")), "
            + "\"jira-software-users\")")
        .map("department", "switch(lower(department), \"eng\", \"Engineering\", \"Other\")")
        .map("active", "if(contains(groups, \"disabled\"), false, true)")
        .map("title", "lower(groups)")
        .build();
  }

  @Test
  void reportsValueAndWhyForEachAttribute() {
    MappingDryRun.Report report = MappingDryRun.run(mapping(), CLAIMS);
    assertThat(report.result()).isNull();
    assertThat(report.attributes()).extracting(MappingDryRun.AttributeReport::attribute)
        .containsExactly("username", "email", "displayName", "groups", "department", "active",
            "title");
    assertThat(report.attributes().get(3).value())
        .isEqualTo(List.of("jira-dev", "jira-software-users"));
    assertThat(report.toString()).isEqualTo("""
        username = "a.example"
          expression: upn | before("@") | lower
          - upn = "A.Example@Domain.com"
        email = null
          expression: email
          - email is absent
        displayName = "Anna Example"
          expression: name ?? join(" ", given_name, family_name)
          - name is absent
          - given_name = "Anna"
          - family_name = "Example"
          - fallback at line 1, column 6: used choice 2 of 2 (join(" ", given_name, family_name))
        groups = ["jira-dev", "jira-software-users"]
          expression: append(filter(groups, g -> startsWith(g, "jira-")), "jira-software-users")
          - groups = ["jira-dev", "staff"]
        department = "Engineering"
          expression: switch(lower(department), "eng", "Engineering", "Other")
          - department = "ENG"
          - switch at line 1, column 1: "eng" matched case 1 ("eng")
        active = true
          expression: if(contains(groups, "disabled"), false, true)
          - groups = ["jira-dev", "staff"]
          - if at line 1, column 1: contains(groups, "disabled") is false
        title = ERROR
          expression: lower(groups)
          - groups = ["jira-dev", "staff"]
          error: attribute 'title', line 1, column 1: lower() expects a string as argument 1, got a list
                 lower(groups)
                 ^
        """);
  }

  @Test
  void reportsRulesAndSkips() {
    AttributeMapping mapping = AttributeMapping.builder()
        .map("username", "cond(endsWith(upn, \".org\"), skip(\"no .org users\"), "
            + "endsWith(upn, \".com\"), before(upn, \"@\"))")
        .build();
    MappingDryRun.Report report = MappingDryRun.run(mapping, "{\"upn\": \"x@y.org\"}");
    assertThat(report.result()).isEqualTo(MappingResult.skipped("no .org users"));
    assertThat(report.toString()).isEqualTo("""
        username = SKIP USER: no .org users
          expression: cond(endsWith(upn, ".org"), skip("no .org users"), endsWith(upn, ".com"), before(upn, "@"))
          - upn = "x@y.org"
          - rules at line 1, column 1: rule 1 of 2 matched (endsWith(upn, ".org"))
          - skip at line 1, column 29: no .org users
        => the user is skipped: no .org users
        """);
    assertThat(MappingDryRun.run(mapping, "{\"upn\": \"x@y.com\"}").toString()).contains(
        "username = \"x\"\n", "- rules at line 1, column 1: rule 2 of 2 matched "
            + "(endsWith(upn, \".com\"))\n");
    assertThat(MappingDryRun.run(mapping, "{\"upn\": \"x@y.net\"}").toString()).contains(
        "username = null\n", "- rules at line 1, column 1: no rule matched, no default\n");
  }

  @Test
  void commandLineReadsPropertiesOrJsonAndClaims(@TempDir Path dir) throws IOException {
    Path properties = dir.resolve("mapping.properties");
    Files.writeString(properties, "albauth.mapping.username = upn | before(\"@\")\n");
    Path json = dir.resolve("mapping.json");
    Files.writeString(json, "{\"attributes\": {\"username\": \"lower(upn)\"}}");
    Path claims = dir.resolve("claims.json");
    Files.writeString(claims, CLAIMS);
    // a mapping file brings no preset: only what it maps
    assertThat(runMain(properties.toString(), claims.toString()))
        .isEqualTo("0\nusername = \"A.Example\"\n  expression: upn | before(\"@\")\n"
            + "  - upn = \"A.Example@Domain.com\"\n");
    assertThat(runMain(json.toString(), claims.toString())).startsWith(
        "0\nusername = \"a.example@domain.com\"\n");
    assertThat(runMain(json.toString())).isEqualTo(
        "2\nusage: MappingDryRun <mapping.properties|mapping.json> <claims.json>\n");
    Files.writeString(json, "{\"attributes\": {\"username\": \"lowr(upn)\"}}");
    assertThat(runMain(json.toString(), claims.toString())).isEqualTo(
        "2\nattribute 'username', line 1, column 1: unknown function 'lowr'; did you mean "
            + "'lower'?\nlowr(upn)\n^\n");
    Files.writeString(json, "{\"attributes\": {\"username\": \"lower(groups)\"}}");
    assertThat(runMain(json.toString(), claims.toString())).startsWith("1\nusername = ERROR\n");
  }

  private static String runMain(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int status = MappingDryRun.run(args, out, out);
    return status + "\n" + bytes.toString(StandardCharsets.UTF_8);
  }
}
