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
 * Each preset against fixtures shaped like the vendor's userinfo response (what the ALB forwards)
 * and the vendor's directory-API user JSON.
 */
class MappingPresetTest {

  static Stream<Arguments> fixtures() {
    return Stream.of(
        arguments(MappingPreset.COGNITO, MappingPreset.Source.CLAIMS, """
            {"sub": "7d8ca528-4931-4254-9273-ea5ee853f271", "email_verified": "true",
             "email": "jane@example.com", "username": "jane"}""",
            expected("jane", "jane@example.com", "jane", null, null)),
        arguments(MappingPreset.COGNITO, MappingPreset.Source.DIRECTORY, """
            {"Username": "jane", "Enabled": true, "UserStatus": "CONFIRMED",
             "UserAttributes": [{"Name": "sub", "Value": "7d8ca528"},
                                {"Name": "email", "Value": "jane@example.com"},
                                {"Name": "given_name", "Value": "Jane"},
                                {"Name": "family_name", "Value": "Doe"}]}""",
            expected("jane", "jane@example.com", "Jane Doe", null, true)),
        arguments(MappingPreset.COGNITO, MappingPreset.Source.DIRECTORY, """
            {"Username": "bob", "Enabled": false,
             "Attributes": [{"Name": "email", "Value": "bob@example.com"}]}""",
            expected("bob", "bob@example.com", "bob", null, false)),
        arguments(MappingPreset.ENTRA, MappingPreset.Source.CLAIMS, """
            {"sub": "OLu859SGc2Sr9ZsqbkG-QbeLgJlb41KcdiPoLYNpSFA", "name": "Mikah Ollenburg",
             "family_name": "Ollenburg", "given_name": "Mikah",
             "picture": "https://graph.microsoft.com/v1.0/me/photo/$value",
             "email": "mikoll@contoso.com"}""",
            expected("mikoll@contoso.com", "mikoll@contoso.com", "Mikah Ollenburg", null, null)),
        arguments(MappingPreset.ENTRA, MappingPreset.Source.CLAIMS, """
            {"sub": "x", "upn": "AdeleV@contoso.com", "preferred_username": "adele@contoso.com",
             "groups": ["0b2c4e5f-1c2d-4e5f-8a9b-0c1d2e3f4a5b"]}""",
            expected("AdeleV@contoso.com", null, null,
                List.of("0b2c4e5f-1c2d-4e5f-8a9b-0c1d2e3f4a5b"), null)),
        arguments(MappingPreset.ENTRA, MappingPreset.Source.DIRECTORY, """
            {"id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd", "userPrincipalName": "AdeleV@contoso.com",
             "mail": "AdeleV@contoso.com", "displayName": "Adele Vance", "givenName": "Adele",
             "surname": "Vance", "accountEnabled": true}""",
            expected("AdeleV@contoso.com", "AdeleV@contoso.com", "Adele Vance", null, true)),
        arguments(MappingPreset.OKTA, MappingPreset.Source.CLAIMS, """
            {"sub": "00uid4BxXw6I6TV4m0g3", "name": "John Doe", "given_name": "John",
             "family_name": "Doe", "locale": "en-US", "updated_at": 1311280970,
             "email": "john.doe@example.com", "email_verified": true,
             "preferred_username": "john.doe@example.com", "groups": ["Everyone", "jira-users"]}""",
            expected("john.doe@example.com", "john.doe@example.com", "John Doe",
                List.of("Everyone", "jira-users"), null)),
        arguments(MappingPreset.OKTA, MappingPreset.Source.DIRECTORY, """
            {"id": "00ub0oNGTSWTBKOLGLNR", "status": "SUSPENDED",
             "profile": {"firstName": "Isaac", "lastName": "Brock",
                         "email": "isaac.brock@example.com", "login": "isaac.brock@example.com"}}""",
            expected("isaac.brock@example.com", "isaac.brock@example.com", "Isaac Brock", null,
                false)),
        arguments(MappingPreset.OKTA, MappingPreset.Source.DIRECTORY, """
            {"status": "PASSWORD_EXPIRED", "profile": {"login": "x", "displayName": "X Y"}}""",
            expected("x", null, "X Y", null, true)),
        arguments(MappingPreset.GOOGLE, MappingPreset.Source.CLAIMS, """
            {"sub": "110169484474386276334", "name": "Jane Doe", "given_name": "Jane",
             "family_name": "Doe", "email": "jane@example.com", "email_verified": true,
             "hd": "example.com"}""",
            expected("jane@example.com", "jane@example.com", "Jane Doe", null, null)),
        arguments(MappingPreset.GOOGLE, MappingPreset.Source.DIRECTORY, """
            {"kind": "admin#directory#user", "id": "1", "primaryEmail": "liz@example.com",
             "name": {"givenName": "Elizabeth", "familyName": "Smith",
                      "fullName": "Elizabeth Smith"},
             "isAdmin": false, "suspended": true}""",
            expected("liz@example.com", "liz@example.com", "Elizabeth Smith", null, false)),
        arguments(MappingPreset.KEYCLOAK, MappingPreset.Source.CLAIMS, """
            {"sub": "f1b2", "email_verified": false, "name": "Ana Lopez",
             "preferred_username": "ana", "given_name": "Ana", "family_name": "Lopez",
             "email": "ana@example.org", "groups": ["/staff", "/jira-users"]}""",
            expected("ana", "ana@example.org", "Ana Lopez", List.of("/staff", "/jira-users"),
                null)),
        arguments(MappingPreset.KEYCLOAK, MappingPreset.Source.DIRECTORY, """
            {"id": "f1b2", "username": "ana", "enabled": true, "firstName": "Ana",
             "lastName": "Lopez", "email": "ana@example.org", "emailVerified": false}""",
            expected("ana", "ana@example.org", "Ana Lopez", null, true)),
        arguments(MappingPreset.KEYCLOAK, MappingPreset.Source.CLAIMS, """
            {"sub": "f1b2", "preferred_username": "ana",
             "realm_access": {"roles": ["offline_access", "jira-users"]}}""",
            expected("ana", null, null, List.of("offline_access", "jira-users"), null)),
        arguments(MappingPreset.ENTRA, MappingPreset.Source.CLAIMS, """
            {"sub": "x", "preferred_username": "adele@contoso.com", "roles": ["Jira.Admin"]}""",
            expected("adele@contoso.com", null, null, List.of("Jira.Admin"), null)),
        arguments(MappingPreset.ONELOGIN, MappingPreset.Source.CLAIMS, """
            {"sub": "12345", "email": "ol@example.com", "preferred_username": "ol",
             "name": "One Login", "given_name": "One", "family_name": "Login",
             "groups": ["Sales"]}""",
            expected("ol", "ol@example.com", "One Login", List.of("Sales"), null)),
        arguments(MappingPreset.ONELOGIN, MappingPreset.Source.DIRECTORY, """
            {"id": 123, "username": "ol", "email": "ol@example.com", "firstname": "One",
             "lastname": "Login", "status": 2}""",
            expected("ol", "ol@example.com", "One Login", null, false)),
        arguments(MappingPreset.ONELOGIN, MappingPreset.Source.DIRECTORY, """
            {"id": 124, "email": "new@example.com", "status": 1}""",
            expected("new@example.com", "new@example.com", null, null, true)),
        arguments(MappingPreset.OTHER, MappingPreset.Source.CLAIMS, """
            {"sub": "248289761001", "name": "Jane Doe", "email": "janedoe@example.com"}""",
            expected("janedoe@example.com", "janedoe@example.com", "Jane Doe", null, null)),
        arguments(MappingPreset.OTHER, MappingPreset.Source.DIRECTORY, """
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

  @ParameterizedTest(name = "{0} {1} [{index}]")
  @MethodSource("fixtures")
  void mapsTheVendorsJson(MappingPreset preset, MappingPreset.Source source, String json,
      Map<String, @Nullable Object> expected) {
    AttributeMapping mapping = AttributeMapping.builder().preset(preset, source).build();
    Map<String, @Nullable Object> actual =
        mapping.map(JsonAttributeSources.fromJson(json)).attributes();
    Map<String, @Nullable Object> relevant = new LinkedHashMap<>(expected);
    relevant.keySet().retainAll(preset.expressions(source).keySet());
    assertThat(actual).isEqualTo(relevant);
  }

  @Test
  void everyPresetNameMatchesAlbauthIdpAndCompilesForBothSources() {
    assertThat(Stream.of(MappingPreset.values()).map(MappingPreset::id))
        .containsExactly("cognito", "entra", "okta", "google", "keycloak", "onelogin", "other");
    for (MappingPreset preset : MappingPreset.values()) {
      assertThat(MappingPreset.forId(" " + preset.id().toUpperCase(java.util.Locale.ROOT)))
          .isEqualTo(preset);
      for (MappingPreset.Source source : MappingPreset.Source.values()) {
        assertThat(preset.expressions(source)).containsKeys("username", "email", "displayName");
        AttributeMapping.builder().preset(preset, source).build();
      }
    }
  }

  @Test
  void jacksonTreesMapLikeJsonText() throws Exception {
    String json = "{\"profile\": {\"login\": \"a@b\"}, \"status\": \"ACTIVE\", \"n\": 1}";
    AttributeSource tree = JsonNodeAttributeSources.of(
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
    AttributeMapping mapping = AttributeMapping.builder()
        .preset(MappingPreset.OKTA, MappingPreset.Source.DIRECTORY).build();
    assertThat(mapping.map(tree)).isEqualTo(mapping.map(JsonAttributeSources.fromJson(json)));
    assertThat(tree.names()).containsExactly("profile", "status", "n");
    assertThat(tree.get("n")).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonAttributeSources.fromJson("[]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the attribute JSON must be an object, got an array");
  }
}
