package io.github.albauth.usersync.mapping;

import io.github.albauth.usersync.AttributeSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The mapping document: builder, Properties, JSON, presets, required attributes, skip, SPI. */
class AttributeMappingTest {

  static final Map<String, Object> CLAIMS = Map.of(
      "upn", "A.Example@Domain.com",
      "name", "A. Example",
      "email", "a.example@domain.com",
      "groups", List.of("jira-dev", "staff"),
      "employee", "123");

  @Test
  void seedExampleUpnToLocalUsername() {
    AttributeMapping mapping = AttributeMapping.builder()
        .map("username", "regexReplace(upn, \"(.*)@.*\", \"$1\") | lower")
        .build();
    MappingResult result = mapping.map(AttributeSource.of(Map.of("upn", "a.example@domain.com")));
    assertThat(result.string("username")).isEqualTo("a.example");
    assertThat(result.isSkipped()).isFalse();
  }

  /** What the servlet passes for albauth.idp=entra (core's IdpPreset.ENTRA.claimMappings()). */
  private static final Map<String, String> ENTRA_CLAIM_DEFAULTS = new java.util.LinkedHashMap<>();

  static {
    ENTRA_CLAIM_DEFAULTS.put("username", "email ?? sub");
    ENTRA_CLAIM_DEFAULTS.put("email", "email");
    ENTRA_CLAIM_DEFAULTS.put("displayName", "name ?? join(\" \", given_name, family_name)");
    ENTRA_CLAIM_DEFAULTS.put("groups", "groups ?? roles");
  }

  @Test
  void presetSuppliesDefaultsAndExplicitMappingsOverrideOrRemoveThem() {
    AttributeMapping mapping = AttributeMapping.builder()
        .defaults("entra", ENTRA_CLAIM_DEFAULTS)
        .map("username", "upn | before(\"@\") | lower")
        .map("groups", "")
        .map("department", "\"IT\"")
        .build();
    assertThat(mapping.expressions()).containsExactly(
        Map.entry("username", "upn | before(\"@\") | lower"),
        Map.entry("email", "email"),
        Map.entry("displayName", "name ?? join(\" \", given_name, family_name)"),
        Map.entry("department", "\"IT\""));
    assertThat(mapping.map(AttributeSource.of(CLAIMS)).attributes()).containsExactly(
        Map.entry("username", "a.example"),
        Map.entry("email", "a.example@domain.com"),
        Map.entry("displayName", "A. Example"),
        Map.entry("department", "IT"));
  }

  @Test
  void absentValuesArePresentAsNull() {
    MappingResult result = AttributeMapping.builder().map("username", "upn").map("email", "mail")
        .build().map(AttributeSource.of(Map.of("upn", "u")));
    assertThat(result.attributes()).containsEntry("email", null).hasSize(2);
  }

  @Test
  void fromProperties() throws IOException {
    Properties p = new Properties();
    p.load(new StringReader("""
        albauth.mapping.username = preferred_username | before("@")
        albauth.mapping.groups = append(filter(groups, g -> startsWith(g, "jira-")), \\
            "jira-software-users")
        albauth.mapping.employeeNumber = employeeId(employee)
        albauth.mapping-max-string-length = 256
        albauth.mapping-max-list-size = 50
        other.key = ignored
        """));
    AttributeMapping mapping = AttributeMapping.fromProperties(p);
    assertThat(mapping.maxStringLength()).isEqualTo(256);
    assertThat(mapping.maxListSize()).isEqualTo(50);
    Map<String, Object> claims = Map.of("preferred_username", "alice@corp.example",
        "groups", List.of("jira-dev", "staff"), "employee", "42", "email", "alice@corp.example");
    assertThat(mapping.map(AttributeSource.of(claims)).attributes()).containsOnly(
        Map.entry("username", "alice"),
        Map.entry("groups", List.of("jira-dev", "jira-software-users")),
        Map.entry("employeeNumber", "E42"));
  }

  @Test
  void badPropertiesValuesAreNamed() {
    assertThatThrownBy(() -> DirectoryPreset.forId("auth0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown idp preset 'auth0'; use one of cognito, entra, okta, google, "
            + "keycloak, onelogin, other");
    Properties limit = new Properties();
    limit.setProperty("albauth.mapping.username", "upn");
    limit.setProperty("albauth.mapping-max-list-size", "many");
    assertThatThrownBy(() -> AttributeMapping.fromProperties(limit))
        .hasMessage("albauth.mapping-max-list-size: \"many\" is not a whole number");
    Properties name = new Properties();
    name.setProperty("albauth.mapping.user name", "upn");
    assertThatThrownBy(() -> AttributeMapping.fromProperties(name))
        .hasMessage("invalid key albauth.mapping.user name: after albauth.mapping. comes a name of"
            + " letters, digits, _ and -");
  }

  @Test
  void aTypoInAMappingKeyFailsWithTheNearestKey() {
    Properties typo = new Properties();
    typo.setProperty("albauth.maping.username", "upn");
    assertThatThrownBy(() -> AttributeMapping.fromProperties(typo))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown key albauth.maping.username; did you mean albauth.mapping.username?");
    // usersync-mapping alone does not know the verifier's keys: they are typos here
    assertThatThrownBy(() -> AttributeMapping.builder().configure(Map.of("albauth.idp", "okta")))
        .hasMessageStartingWith("unknown key albauth.idp");
  }

  @Test
  void codeAndConfigurationMayAgreeButNeverConflict() {
    AttributeMapping same = AttributeMapping.builder().map("username", "upn")
        .configure(Map.of("albauth.mapping.username", " upn ", "albauth.mapping.email", "mail"))
        .maxListSize(10).configure(Map.of("albauth.mapping-max-list-size", "10")).build();
    assertThat(same.expressions()).containsEntry("username", "upn").containsEntry("email", "mail");
    assertThat(same.maxListSize()).isEqualTo(10);
    assertThatThrownBy(() -> AttributeMapping.builder().map("username", "upn")
        .configure(Map.of("albauth.mapping.username", "mail")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("attribute 'username' is mapped twice, in code to upn and by"
            + " albauth.mapping.username to mail; remove one of them");
    assertThatThrownBy(() -> AttributeMapping.builder().map("username", "upn").maxStringLength(100)
        .configure(Map.of("albauth.mapping-max-string-length", "200")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("max string length is set twice, in code to 100 and by"
            + " albauth.mapping-max-string-length to 200; remove one of them");
  }

  @Test
  void propertiesBringNoPresetOfTheirOwn() {
    // albauth.idp is the token verifier's key: the claim defaults come from its preset, which the
    // servlet filter passes with defaults(); the mapping's own Properties never choose one
    Properties minimal = new Properties();
    minimal.setProperty("albauth.mapping.email", "lower(email)");
    assertThatThrownBy(() -> AttributeMapping.fromProperties(minimal))
        .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.attribute()).isEqualTo("username"));
    Properties chosen = new Properties();
    assertThat(AttributeMapping.builder().preset(DirectoryPreset.KEYCLOAK).properties(chosen).build()
        .map(AttributeSource.of(java.util.Map.of("username", "kc"))).string("username"))
        .isEqualTo("kc");
  }

  @Test
  void usernameIsRequiredAndOthersCanBe() {
    assertThatThrownBy(() -> AttributeMapping.builder().map("email", "email").build())
        .isInstanceOfSatisfying(MappingException.class, e -> {
          assertThat(e.reason()).isEqualTo(MappingException.Reason.MISSING_REQUIRED_ATTRIBUTE);
          assertThat(e.attribute()).isEqualTo("username");
          assertThat(e.getMessage()).isEqualTo("attribute 'username' is required but has no "
              + "expression; set albauth.mapping.username or start from a preset");
        });
    assertThatThrownBy(() -> AttributeMapping.builder().preset(DirectoryPreset.GOOGLE)
        .require("groups").build())
        .isInstanceOfSatisfying(MappingException.class,
            e -> assertThat(e.attribute()).isEqualTo("groups"));
    assertThatThrownBy(() -> AttributeMapping.builder().preset(DirectoryPreset.GOOGLE)
        .map("username", " ").build())
        .hasMessageStartingWith("attribute 'username' is required but has no expression");
  }

  @Test
  void optionsRefuseToBeSetTwice() {
    assertThatThrownBy(() -> AttributeMapping.builder().map("username", "a").map("username", "b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("attribute 'username' is already mapped to a");
    assertThatThrownBy(() -> AttributeMapping.builder().preset(DirectoryPreset.OKTA)
        .preset(DirectoryPreset.ENTRA))
        .hasMessage("preset was already set to okta (directory)");
    assertThatThrownBy(() -> AttributeMapping.builder().defaults("okta", Map.of())
        .preset(DirectoryPreset.ENTRA))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("preset was already set to okta");
    assertThatThrownBy(() -> AttributeMapping.builder().maxStringLength(5).maxStringLength(6))
        .hasMessage("maxStringLength was already set to 5");
    assertThatThrownBy(() -> AttributeMapping.builder().maxListSize(5).maxListSize(6))
        .hasMessage("maxListSize was already set to 5");
    assertThatThrownBy(() -> AttributeMapping.builder().maxListSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxListSize must be positive, got 0");
    assertThatThrownBy(() -> AttributeMapping.builder().maxStringLength(-1))
        .hasMessage("maxStringLength must be positive, got -1");
    assertThatThrownBy(() -> AttributeMapping.builder().discoverFunctions().discoverFunctions())
        .hasMessage("function discovery was already requested");
  }

  @Test
  void skipRuleSkipsTheUser() {
    AttributeMapping mapping = AttributeMapping.builder()
        .map("username", "upn")
        .map("active", "cond(endsWith(upn, \"@contractor.example\"), skip(\"contractors are not "
            + "synced\"), contains(groups, \"disabled\"), skip(), true)")
        .build();
    assertThat(mapping.map(AttributeSource.of(Map.of("upn", "x@contractor.example"))))
        .isEqualTo(MappingResult.skipped("contractors are not synced"));
    assertThat(mapping.map(AttributeSource.of(Map.of("upn", "x@corp", "groups", "disabled")))
        .skipReason())
        .isEqualTo("skipped by the mapping of attribute 'active' at line 1, column 110");
    assertThat(mapping.map(AttributeSource.of(Map.of("upn", "x@corp"))).attributes())
        .containsEntry("active", true);
  }

  @Test
  void fromJsonWithMultiLineExpressions() {
    AttributeMapping mapping = AttributeMapping.fromJson("""
        {
          "preset": "okta",
          "attributes": {
            "username": "profile.login | before(\\"@\\")",
            "groups": ["append(",
                       "  groups,",
                       "  \\"jira-software-users\\")"]
          },
          "required": ["email"],
          "maxStringLength": 100,
          "maxListSize": 10
        }
        """);
    assertThat(mapping.expressions().get("groups"))
        .isEqualTo("append(\n  groups,\n  \"jira-software-users\")");
    Map<String, Object> user = Map.of("status", "ACTIVE",
        "profile", Map.of("login", "bob@corp", "email", "bob@corp"), "groups", List.of("a"));
    assertThat(mapping.map(AttributeSource.of(user)).attributes()).containsExactly(
        Map.entry("username", "bob"),
        Map.entry("email", "bob@corp"),
        entry("displayName", null),
        Map.entry("active", true),
        Map.entry("groups", List.of("a", "jira-software-users")));
  }

  @Test
  void jsonCompileErrorsPointIntoTheMultiLineExpression() {
    assertThatThrownBy(() -> AttributeMapping.fromJson("""
        {"attributes": {"username": ["coalesce(", "  upn,", "  lowr(mail))"]}}
        """))
        .isInstanceOfSatisfying(MappingCompileException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.column()).isEqualTo(3);
          assertThat(e.getMessage()).isEqualTo("attribute 'username', line 3, column 3: unknown "
              + "function 'lowr'; did you mean 'lower'?\n  lowr(mail))\n  ^");
        });
  }

  @Test
  void malformedJsonDocumentsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> AttributeMapping.fromJson("[1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the mapping document must be a JSON object");
    assertThatThrownBy(() -> AttributeMapping.fromJson("{\"atributes\": {}}"))
        .hasMessage("the mapping document has an unknown field 'atributes'; known fields: preset, "
            + "attributes, required, maxStringLength, maxListSize");
    assertThatThrownBy(() -> AttributeMapping.fromJson("{\"attributes\": {\"username\": 1}}"))
        .hasMessage("the expression of attribute 'username' must be a string or an array of "
            + "strings");
    assertThatThrownBy(() -> AttributeMapping.fromJson("{\"preset\": \"okta\", \"source\": \"claims\"}"))
        .hasMessageStartingWith("the mapping document has an unknown field 'source'");
    assertThatThrownBy(() -> AttributeMapping.fromJson("{\"maxListSize\": \"ten\"}"))
        .hasMessage("the mapping document's maxListSize must be a whole number, got ten");
    assertThatThrownBy(() -> AttributeMapping.fromJson("{\"attributes\": {"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the mapping document is not valid JSON: ");
  }

  @Test
  void customFunctionsExplicitAndDiscovered() {
    AttributeMapping explicit = AttributeMapping.builder().function(new EmployeeIdFunction())
        .map("username", "employeeId(employee, \"X\")").build();
    assertThat(explicit.map(AttributeSource.of(CLAIMS)).string("username")).isEqualTo("X123");
    AttributeMapping discovered = AttributeMapping.builder().discoverFunctions()
        .map("username", "employeeId(employee)").build();
    assertThat(discovered.map(AttributeSource.of(CLAIMS)).string("username")).isEqualTo("E123");
    AttributeMapping both = AttributeMapping.builder().function(new EmployeeIdFunction())
        .discoverFunctions().map("username", "employeeId(employee)").build();
    assertThat(both.map(AttributeSource.of(CLAIMS)).string("username")).isEqualTo("E123");
    assertThatThrownBy(() -> AttributeMapping.builder().map("username", "employeeId(employee)")
        .build())
        .hasMessageStartingWith("attribute 'username', line 1, column 1: unknown function "
            + "'employeeId'");
    assertThatThrownBy(() -> AttributeMapping.builder().function(new EmployeeIdFunction())
        .map("username", "employeeId()").build())
        .hasMessageStartingWith("attribute 'username', line 1, column 1: employeeId() takes 1 or "
            + "2 arguments, got 0");
  }

  @Test
  void brokenServiceEntryIsReportedClearly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path services = dir.resolve("META-INF/services");
    java.nio.file.Files.createDirectories(services);
    java.nio.file.Files.writeString(services.resolve(MappingFunction.class.getName()),
        "com.example.Missing\n");
    try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
        new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      assertThatThrownBy(() -> AttributeMapping.builder().discoverFunctions(loader)
          .map("username", "upn").build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("a custom mapping function listed in META-INF/services/"
              + "io.github.albauth.usersync.mapping.MappingFunction could not be loaded: ")
          .hasMessageContaining("com.example.Missing");
    }
  }

  @Test
  void customFunctionsCannotReplaceBuiltinsOrClash() {
    assertThatThrownBy(() -> AttributeMapping.builder().map("username", "upn")
        .function(EvaluationErrorsTest.function("lower", a -> "x")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("custom function 'lower' has the name of a built-in function; choose another "
            + "name");
    assertThatThrownBy(() -> AttributeMapping.builder().map("username", "upn")
        .function(EvaluationErrorsTest.function("x", a -> "x"))
        .function(EvaluationErrorsTest.function("x", a -> "y")).build())
        .hasMessageStartingWith("custom function 'x' is registered twice");
    assertThatThrownBy(() -> AttributeMapping.builder().map("username", "upn")
        .function(EvaluationErrorsTest.function("my-fn", a -> "x")).build())
        .hasMessage("custom function name 'my-fn' is not valid; use letters, digits and _, not "
            + "starting with a digit");
  }

  static Map.Entry<String, @Nullable Object> entry(String key, @Nullable Object value) {
    return new AbstractMap.SimpleImmutableEntry<>(key, value);
  }

  @Test
  void oneMappingIsSafeToShareBetweenThreads() {
    AttributeMapping mapping = AttributeMapping.builder()
        .map("username", "upn | before(\"@\") | lower")
        .map("groups", "map(filter(groups, g -> startsWith(g, \"jira-\")), g -> upper(g))")
        .build();
    List<MappingResult> results = IntStream.range(0, 2000).parallel()
        .mapToObj(i -> mapping.map(AttributeSource.of(Map.of("upn", "User" + i + "@x",
            "groups", List.of("jira-" + i, "other")))))
        .toList();
    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).attributes()).containsExactly(
          Map.entry("username", "user" + i), Map.entry("groups", List.of("JIRA-" + i)));
    }
  }
}
