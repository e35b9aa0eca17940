package io.github.albauth.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AlbLogoutTest {

  private static final String RETURN = "https://app.example.com/bye?x=1";
  private static final String RETURN_ENCODED = "https%3A%2F%2Fapp.example.com%2Fbye%3Fx%3D1";

  @Test
  void cognitoUsesTheConfiguredDomainAndLogoutUri() {
    AlbLogout logout = AlbLogout.builder().idp("COGNITO").cognitoDomain("auth.example.com")
        .clientId("abc123").returnTo(RETURN).build();
    assertThat(logout.redirectUri()).hasToString(
        "https://auth.example.com/logout?client_id=abc123&logout_uri=" + RETURN_ENCODED);
  }

  @Test
  void fromSettingsBuildsWhatTheFiltersLogoutPathUses() {
    AlbLogout logout = AlbLogout.fromSettings(java.util.Map.of(
        "albauth.idp", "keycloak",
        "albauth.expected-issuers", "https://kc.example.com/realms/acme, https://other.example.com",
        "albauth.expected-client-ids", "alb",
        "albauth.logout.return-to", RETURN,
        "albauth.logout.session-cookie-name", "MyAlbCookie"));
    assertThat(logout.redirectUri()).hasToString(
        "https://kc.example.com/realms/acme/protocol/openid-connect/logout?client_id=alb"
            + "&post_logout_redirect_uri=" + RETURN_ENCODED);
    assertThat(logout.sessionCookieName()).isEqualTo("MyAlbCookie");
    assertThatThrownBy(() -> AlbLogout.fromSettings(java.util.Map.of("albauth.logout.retrun-to", RETURN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown key albauth.logout.retrun-to; did you mean albauth.logout.return-to?");
    assertThatThrownBy(() -> AlbLogout.fromSettings(java.util.Map.of("albauth.idp", "okta")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs an issuer (albauth.expected-issuers)");
  }

  @Test
  void entraDerivesTheTenantEndpointFromTheV2Issuer() {
    AlbLogout logout = AlbLogout.builder().idp("entra")
        .issuer("https://login.microsoftonline.com/7f3c0000-0000-0000-0000-000000000000/v2.0")
        .clientId("c").returnTo(RETURN).build();
    assertThat(logout.redirectUri()).hasToString("https://login.microsoftonline.com/"
        + "7f3c0000-0000-0000-0000-000000000000/oauth2/v2.0/logout?post_logout_redirect_uri="
        + RETURN_ENCODED);
  }

  @Test
  void oktaCustomAndOrgAuthorizationServers() {
    assertThat(AlbLogout.builder().idp("okta").issuer("https://acme.okta.com/oauth2/default")
        .clientId("0oa1").returnTo(RETURN).build().redirectUri()).hasToString(
        "https://acme.okta.com/oauth2/default/v1/logout?client_id=0oa1&post_logout_redirect_uri="
            + RETURN_ENCODED);
    assertThat(AlbLogout.builder().idp("okta").issuer("https://acme.okta.com/")
        .clientId("0oa1").build().redirectUri()).hasToString(
        "https://acme.okta.com/oauth2/v1/logout?client_id=0oa1");
  }

  @Test
  void keycloakAndOneLogin() {
    assertThat(AlbLogout.builder().idp("keycloak").issuer("https://kc.example.com/realms/acme")
        .clientId("alb").returnTo(RETURN).build().redirectUri()).hasToString(
        "https://kc.example.com/realms/acme/protocol/openid-connect/logout?client_id=alb"
            + "&post_logout_redirect_uri=" + RETURN_ENCODED);
    assertThat(AlbLogout.builder().idp("onelogin").issuer("https://acme.onelogin.com/oidc/2")
        .clientId("id").returnTo(RETURN).build().redirectUri()).hasToString(
        "https://acme.onelogin.com/oidc/2/logout?client_id=id&post_logout_redirect_uri="
            + RETURN_ENCODED);
  }

  @Test
  void googleHasNoLogoutEndpointSoTheBrowserGoesToTheReturnUrl() {
    assertThat(AlbLogout.builder().idp("google").returnTo(RETURN).build().redirectUri())
        .hasToString(RETURN);
    assertThatThrownBy(() -> AlbLogout.builder().idp("google").build())
        .hasMessage("logout for idp 'google' needs a return URL (albauth.logout.return-to)"
            + " or a logout URL template (albauth.logout.url)");
  }

  @Test
  void explicitTemplateWins() {
    AlbLogout logout = AlbLogout.builder().idp("keycloak")
        .logoutUrlTemplate("https://sso.example.com/end?c={clientId}&r={returnTo}")
        .clientId("a b").returnTo(RETURN).build();
    assertThat(logout.redirectUri())
        .hasToString("https://sso.example.com/end?c=a+b&r=" + RETURN_ENCODED);
  }

  @Test
  void missingPresetInputsSayWhatToConfigure() {
    assertThatThrownBy(() -> AlbLogout.builder().idp("cognito").clientId("c").build())
        .hasMessage("logout for idp 'cognito' needs a Cognito domain"
            + " (albauth.logout.cognito-domain), or set an explicit logout URL template"
            + " (albauth.logout.url)");
    assertThatThrownBy(() -> AlbLogout.builder().idp("keycloak").clientId("c").build())
        .hasMessage("logout for idp 'keycloak' needs an issuer (albauth.expected-issuers),"
            + " or set an explicit logout URL template (albauth.logout.url)");
    assertThatThrownBy(() -> AlbLogout.builder().idp("ping"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idp \"ping\" is unknown; use one of cognito, entra, okta, google, keycloak,"
            + " onelogin, other");
  }

  @Test
  void refusesNonHttpsTargetsExceptLoopback() {
    assertThatThrownBy(() -> AlbLogout.builder().returnTo("http://evil.example.com/").build())
        .hasMessage("return URL 'http://evil.example.com/' must be an absolute https URL"
            + " (http only for localhost)");
    assertThatThrownBy(() -> AlbLogout.builder().returnTo("/relative").build())
        .hasMessage("return URL '/relative' must be an absolute https URL (http only for"
            + " localhost)");
    assertThatThrownBy(() -> AlbLogout.builder().returnTo("javascript:alert(1)").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AlbLogout.builder().returnTo("http://localhost:8080/").build().redirectUri())
        .hasToString("http://localhost:8080/");
  }

  @Test
  void blankCookieNameIsRefused() {
    assertThatThrownBy(() -> AlbLogout.builder().sessionCookieName(" "))
        .hasMessage("session cookie name must not be blank");
  }

  @Test
  void logoutInvalidatesTheSessionAndExpiresTheShardsOfBothCookieNames() throws Exception {
    AtomicBoolean invalidated = new AtomicBoolean();
    HttpSession session = proxy(HttpSession.class, (method, args) -> {
      if (method.equals("invalidate")) {
        invalidated.set(true);
      }
      return null;
    });
    Cookie[] sent = {new Cookie("MyAlbCookie-0", "a"), new Cookie("MyAlbCookie-5", "b"),
        new Cookie("AWSELBAuthSessionCookie-2", "c"), new Cookie("MyAlbCookieX", "d"),
        new Cookie("other", "e")};
    HttpServletRequest request = proxy(HttpServletRequest.class, (method, args) -> switch (method) {
      case "getSession" -> args != null && Boolean.FALSE.equals(args[0]) ? session : fail("creates a session");
      case "getCookies" -> sent;
      default -> null;
    });
    List<String> expired = new ArrayList<>();
    List<String> redirects = new ArrayList<>();
    HttpServletResponse response = proxy(HttpServletResponse.class, (method, args) -> {
      if (method.equals("addCookie")) {
        Cookie cookie = (Cookie) args[0];
        assertThat(cookie.getMaxAge()).isZero();
        expired.add(cookie.getName());
      } else if (method.equals("sendRedirect")) {
        redirects.add((String) args[0]);
      }
      return null;
    });

    AlbLogout.builder().sessionCookieName("MyAlbCookie").returnTo(RETURN).build()
        .logout(request, response);

    assertThat(invalidated).isTrue();
    assertThat(expired).containsExactlyInAnyOrder("MyAlbCookie-0", "MyAlbCookie-1",
        "MyAlbCookie-2", "MyAlbCookie-3", "MyAlbCookie-5", "AWSELBAuthSessionCookie-2");
    assertThat(redirects).containsExactly(RETURN);
  }

  @FunctionalInterface
  private interface Answer {
    @Nullable Object answer(String method, Object[] args);
  }

  private static <T> T proxy(Class<T> type, Answer answer) {
    return type.cast(Proxy.newProxyInstance(AlbLogoutTest.class.getClassLoader(),
        new Class<?>[] {type}, (p, method, args) -> answer.answer(method.getName(), args)));
  }
}
