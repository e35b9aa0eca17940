package io.github.albauth.usersync.mapping;

import io.github.albauth.usersync.AttributeSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each directory preset against fixtures shaped like the vendor's directory-API user JSON (the
 * claim presets are core's IdpPreset; the servlet module tests them with the mapping).
 */
class DirectoryPresetTest {

  static Stream<Arguments> fixtures() {
    return Stream.of(
        arguments(DirectoryPreset.COGNITO, """
            {"Username": "jane", "Enabled": true, "UserStatus": "CONFIRMED",
             "UserAttributes": [{"Name": "sub", "Value": "7d8ca528"},
                                {"Name": "email", "Value": "jane@example.com"},
                                {"Name": "given_name", "Value": "Jane"},
                                {"Name": "family_name", "Value": "Doe"}]}""",
            expected("jane", "jane@example.com", "Jane Doe", null, true)),
        arguments(DirectoryPreset.COGNITO, """
            {"Username": "eve", "Enabled": true, "UserStatus": "UNCONFIRMED",
             "Attributes": [{"Name": "email", "Value": "eve@example.com"}]}""",
            expected("eve", "eve@example.com", "eve", null, false)),
        arguments(DirectoryPreset.COGNITO, """
            {"Username": "bob", "Enabled": false,
             "Attributes": [{"Name": "email", "Value": "bob@example.com"}]}""",
            expected("bob", "bob@example.com", "bob", null, false)),
        arguments(DirectoryPreset.ENTRA, """
            {"id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd", "userPrincipalName": "AdeleV@contoso.com",
             "mail": "AdeleV@contoso.com", "displayName": "Adele Vance", "givenName": "Adele",
             "surname": "Vance", "accountEnabled": true}""",
            expected("AdeleV@contoso.com", "AdeleV@contoso.com", "Adele Vance", null, true)),
        arguments(DirectoryPreset.OKTA, """
            {"id": "00ub0oNGTSWTBKOLGLNR", "status": "SUSPENDED",
             "profile": {"firstName": "Isaac", "lastName": "Brock",
                         "email": "isaac.brock@example.com", "login": "isaac.brock@example.com"}}""",
            expected("isaac.brock@example.com", "isaac.brock@example.com", "Isaac Brock", null,
                false)),
        arguments(DirectoryPreset.OKTA, """
            {"status": "PASSWORD_EXPIRED", "profile": {"login": "x", "displayName": "X Y"}}""",
            expected("x", null, "X Y", null, true)),
        arguments(DirectoryPreset.GOOGLE, """
            {"kind": "admin#directory#user", "id": "1", "primaryEmail": "liz@example.com",
             "name": {"givenName": "Elizabeth", "familyName": "Smith",
                      "fullName": "Elizabeth Smith"},
             "isAdmin": false, "suspended": true}""",
            expected("liz@example.com", "liz@example.com", "Elizabeth Smith", null, false)),
        arguments(DirectoryPreset.GOOGLE, """
            {"kind": "admin#directory#user", "id": "2", "primaryEmail": "old@example.com",
             "name": {"givenName": "Old", "familyName": "Timer"},
             "suspended": false, "archived": true}""",
            expected("old@example.com", "old@example.com", "Old Timer", null, false)),
        arguments(DirectoryPreset.GOOGLE, """
            {"kind": "admin#directory#user", "id": "3", "primaryEmail": "new@example.com",
             "name": {"fullName": "New Hire"}, "suspended": false, "archived": false}""",
            expected("new@example.com", "new@example.com", "New Hire", null, true)),
        arguments(DirectoryPreset.KEYCLOAK, """
            {"id": "f1b2", "username": "ana", "enabled": true, "firstName": "Ana",
             "lastName": "Lopez", "email": "ana@example.org", "emailVerified": false}""",
            expected("ana", "ana@example.org", "Ana Lopez", null, true)),
        arguments(DirectoryPreset.ONELOGIN, """
            {"id": 123, "username": "ol", "email": "ol@example.com", "firstname": "One",
             "lastname": "Login", "status": 2}""",
            expected("ol", "ol@example.com", "One Login", null, false)),
        arguments(DirectoryPreset.ONELOGIN, """
            {"id": 124, "email": "new@example.com", "status": 1}""",
            expected("new@example.com", "new@example.com", null, null, true)),
        arguments(DirectoryPreset.ONELOGIN, """
            {"id": 125, "username": "lic", "status": 1, "state": 3}""",
            expected("lic", null, "lic", null, false)),
        arguments(DirectoryPreset.ONELOGIN, """
            {"id": 126, "username": "locked", "status": 3, "state": 1}""",
            expected("locked", null, "locked", null, true)),
        arguments(DirectoryPreset.OTHER, """
            {"userName": "jdoe", "mail": "jdoe@example.com", "enabled": false}""",
            expected("jdoe", "jdoe@example.com", null, null, false)));
  }

  static Map<String, @Nullable Object> expected(@Nullable String username,
      @Nullable String email, @Nullable String displayName, @Nullable List<String> groups,
      @Nullable Boolean active) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("username", username);
    m.put("email", email);
    m.put("displayName", displayName);
    m.put("groups", groups);
    m.put("active", active);
    return m;
  }

  @ParameterizedTest(name = "{0} [{index}]")
  @MethodSource("fixtures")
  void mapsTheVendorsJson(DirectoryPreset preset, String json,
      Map<String, @Nullable Object> expected) {
    AttributeMapping mapping = AttributeMapping.builder().preset(preset).build();
    Map<String, @Nullable Object> actual =
        mapping.map(JsonAttributeSources.fromJson(json)).attributes();
    Map<String, @Nullable Object> relevant = new LinkedHashMap<>(expected);
    relevant.keySet().retainAll(preset.expressions().keySet());
    assertThat(actual).isEqualTo(relevant);
  }

  @Test
  void everyPresetNameMatchesAlbauthIdpAndCompiles() {
    assertThat(Stream.of(DirectoryPreset.values()).map(DirectoryPreset::id))
        .containsExactly("cognito", "entra", "okta", "google", "keycloak", "onelogin", "other");
    for (DirectoryPreset preset : DirectoryPreset.values()) {
      assertThat(DirectoryPreset.forId(" " + preset.id().toUpperCase(java.util.Locale.ROOT)))
          .isEqualTo(preset);
      assertThat(preset.expressions()).containsKeys("username", "email", "displayName", "active");
      AttributeMapping.builder().preset(preset).build();
    }
  }

  @Test
  void jacksonTreesMapLikeJsonText() throws Exception {
    String json = "{\"profile\": {\"login\": \"a@b\"}, \"status\": \"ACTIVE\", \"n\": 1}";
    AttributeSource tree = JsonNodeAttributeSources.of(
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
    AttributeMapping mapping = AttributeMapping.builder()
        .preset(DirectoryPreset.OKTA).build();
    assertThat(mapping.map(tree)).isEqualTo(mapping.map(JsonAttributeSources.fromJson(json)));
    assertThat(tree.names()).containsExactly("profile", "status", "n");
    assertThat(tree.get("n")).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonAttributeSources.fromJson("[]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the attribute JSON must be an object, got an array");
  }
}
