package io.github.albauth.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.albauth.core.AlbIdentity;
import io.github.albauth.core.AlbTokenVerifier;
import io.github.albauth.core.IdpPreset;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.AlbTokenMinter;
import io.github.albauth.usersync.AttributeSource;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.JsonAttributeSources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one table of IdP presets ({@link IdpPreset}, core) read by the mapping: each preset's claim
 * mappings against fixtures shaped like the vendor's userinfo response (what the ALB forwards), and
 * the username the mapping makes equals {@link AlbIdentity#username()} for every preset.
 */
class IdpPresetClaimsTest {

  static Stream<Arguments> fixtures() {
    return Stream.of(
        arguments(IdpPreset.COGNITO, """
            {"sub": "7d8ca528-4931-4254-9273-ea5ee853f271", "email_verified": "true",
             "email": "jane@example.com", "username": "jane"}""",
            expected("jane@example.com", "jane@example.com", null, null)),
        arguments(IdpPreset.ENTRA, """
            {"sub": "OLu859SGc2Sr9ZsqbkG-QbeLgJlb41KcdiPoLYNpSFA", "name": "Mikah Ollenburg",
             "family_name": "Ollenburg", "given_name": "Mikah",
             "picture": "https://graph.microsoft.com/v1.0/me/photo/$value",
             "email": "mikoll@contoso.com"}""",
            expected("mikoll@contoso.com", "mikoll@contoso.com", "Mikah Ollenburg", null)),
        // Graph's userinfo carries no upn or preferred_username: without email the subject names
        arguments(IdpPreset.ENTRA, """
            {"sub": "x", "upn": "AdeleV@contoso.com", "preferred_username": "adele@contoso.com",
             "roles": ["Jira.Admin"]}""",
            expected("x", null, null, List.of("Jira.Admin"))),
        arguments(IdpPreset.OKTA, """
            {"sub": "00uid4BxXw6I6TV4m0g3", "name": "John Doe", "given_name": "John",
             "family_name": "Doe", "locale": "en-US", "updated_at": 1311280970,
             "email": "john@example.com", "email_verified": true,
             "preferred_username": "john.doe", "groups": ["Everyone", "jira-users"]}""",
            expected("john.doe", "john@example.com", "John Doe", List.of("Everyone", "jira-users"))),
        arguments(IdpPreset.GOOGLE, """
            {"sub": "110169484474386276334", "name": "Jane Doe", "given_name": "Jane",
             "family_name": "Doe", "email": "jane@example.com", "email_verified": true,
             "hd": "example.com"}""",
            expected("jane@example.com", "jane@example.com", "Jane Doe", null)),
        arguments(IdpPreset.KEYCLOAK, """
            {"sub": "f1b2", "email_verified": false, "name": "Ana Lopez",
             "preferred_username": "ana", "given_name": "Ana", "family_name": "Lopez",
             "email": "ana@example.org", "groups": ["/staff", "/jira-users"]}""",
            expected("ana", "ana@example.org", "Ana Lopez", List.of("/staff", "/jira-users"))),
        arguments(IdpPreset.KEYCLOAK, """
            {"sub": "f1b2", "preferred_username": "ana",
             "realm_access": {"roles": ["offline_access", "jira-users"]}}""",
            expected("ana", null, null, List.of("offline_access", "jira-users"))),
        arguments(IdpPreset.ONELOGIN, """
            {"sub": "12345", "email": "ol@example.com", "preferred_username": "ol",
             "name": "One Login", "given_name": "One", "family_name": "Login",
             "groups": ["Sales"]}""",
            expected("ol", "ol@example.com", "One Login", List.of("Sales"))),
        arguments(IdpPreset.OTHER, """
            {"sub": "248289761001", "name": "Jane Doe", "email": "janedoe@example.com"}""",
            expected("janedoe@example.com", "janedoe@example.com", "Jane Doe", null)));
  }

  static Map<String, @Nullable Object> expected(String username, @Nullable String email,
      @Nullable String displayName, @Nullable List<String> groups) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("username", username);
    m.put("email", email);
    m.put("displayName", displayName);
    m.put("groups", groups);
    return m;
  }

  @ParameterizedTest(name = "{0} [{index}]")
  @MethodSource("fixtures")
  void mapsTheVendorsUserinfo(IdpPreset preset, String json, Map<String, @Nullable Object> expected) {
    AttributeMapping mapping = AttributeMapping.builder()
        .defaults(preset.configName(), preset.claimMappings()).build();
    Map<String, @Nullable Object> actual =
        mapping.map(JsonAttributeSources.fromJson(json)).attributes();
    Map<String, @Nullable Object> relevant = new LinkedHashMap<>(expected);
    relevant.keySet().retainAll(preset.claimMappings().keySet());
    assertThat(actual).isEqualTo(relevant);
  }

  @Test
  @ExtendWith(AlbTestExtension.class)
  void theMappingsUsernameIsTheVerifiersForEveryPreset(AlbTokenMinter alb, AlbTestEnvironment env) {
    List<Map<String, Object>> claimSets = List.of(
        Map.of("email", "e@example.com", "preferred_username", "pu", "username", "un",
            "upn", "upn@example.com"),
        Map.of("preferred_username", "only-pu"),
        Map.of("email", "only-e@example.com"),
        Map.of("email", "   "),
        Map.of());
    for (IdpPreset preset : IdpPreset.values()) {
      AlbTokenVerifier verifier = AlbTokenVerifier.builder()
          .configure(env.properties()).idp(preset).build();
      AttributeMapping mapping = AttributeMapping.builder()
          .defaults(preset.configName(), preset.claimMappings()).build();
      for (Map<String, Object> claims : claimSets) {
        AlbIdentity identity = verifier.verify(alb.mint("sub-1", claims));
        assertThat(mapping.map(AttributeSource.of(identity.claims())).string("username"))
            .as("%s, claims %s", preset, claims)
            .isEqualTo(identity.username());
      }
    }
  }
}
