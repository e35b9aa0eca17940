package io.github.albauth.servlet;

import io.github.albauth.core.IdpPreset;
import io.github.albauth.settings.SettingsRegistry;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Logs a user out of an ALB-authenticated application: invalidates the application's HTTP session
 * (if it has one), expires the ALB's session cookies and redirects the browser to the IdP's logout
 * endpoint, as AWS documents for ALB authentication.
 *
 * <p>The ALB keeps its session in a cookie named {@code AWSELBAuthSessionCookie} by default, split
 * into shards {@code -0}, {@code -1}, … when large; every shard the request carries (of the
 * configured name and of the default name), and shards {@code -0} to {@code -3} of the configured
 * name in any case, are expired. Without the IdP redirect the ALB would sign the user straight back
 * in from the IdP's own session.
 *
 * <p>Call it for POST requests only (the filter's logout path answers any other method with 405):
 * a logout reachable by GET lets any other site log your users out with a link or an image.
 *
 * <p>The IdP logout URL comes from a preset (derived from the configured issuer and client id) or an
 * explicit template; it never comes from the request, so the endpoint cannot be turned into an open
 * redirect. Presets:
 *
 * <table>
 *   <caption>IdP logout endpoints</caption>
 *   <tr><th>idp</th><th>logout URL</th></tr>
 *   <tr><td>cognito</td><td>{@code https://<logout domain>/logout?client_id=…&logout_uri=…} (the
 *       user pool domain must be configured: the token's issuer does not name it)</td></tr>
 *   <tr><td>entra</td><td>{@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/logout?post_logout_redirect_uri=…}</td></tr>
 *   <tr><td>okta</td><td>{@code <issuer>/v1/logout?client_id=…&post_logout_redirect_uri=…}
 *       ({@code <issuer>/oauth2/v1/logout} for the org authorization server)</td></tr>
 *   <tr><td>keycloak</td><td>{@code <issuer>/protocol/openid-connect/logout?client_id=…&post_logout_redirect_uri=…}</td></tr>
 *   <tr><td>onelogin</td><td>{@code <issuer>/logout?client_id=…&post_logout_redirect_uri=…}</td></tr>
 *   <tr><td>google, other</td><td>none: Google offers no RP-initiated logout; the browser goes to the
 *       return URL (configure a template for another IdP)</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class AlbLogout {

  /** The ALB's default session cookie name. */
  public static final String DEFAULT_SESSION_COOKIE = "AWSELBAuthSessionCookie";

  private static final int ALWAYS_EXPIRED_SHARDS = 4;

  private final String sessionCookieName;
  private final URI redirect;

  private AlbLogout(String sessionCookieName, URI redirect) {
    this.sessionCookieName = sessionCookieName;
    this.redirect = redirect;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The logout the filter builds for {@code albauth.logout.path} from the settings: {@code
   * albauth.idp}, the first {@code albauth.expected-issuers} and {@code
   * albauth.expected-client-ids}, and {@code albauth.logout.return-to}, {@code .url}, {@code
   * .cognito-domain}, {@code .session-cookie-name}. For integrations that serve logout themselves
   * (Spring Security's logout).
   *
   * @param albauthSettings key to value; every {@code albauth.*} key must be declared
   * @return the logout helper
   * @throws IllegalArgumentException for an unknown key or a bad value, or when the preset needs a
   *     value that is missing
   */
  public static AlbLogout fromSettings(Map<String, String> albauthSettings) {
    return AlbFilterBuilder.logoutFrom(SettingsRegistry.discover().read(albauthSettings));
  }

  /** {@return where the browser is sent after the cookies are expired} */
  public URI redirectUri() {
    return redirect;
  }

  /** {@return the ALB session cookie name whose shards are expired} */
  public String sessionCookieName() {
    return sessionCookieName;
  }

  /**
   * Invalidates the request's HTTP session, if any (never creates one), expires the ALB session
   * cookies and redirects (302) to the IdP logout endpoint.
   *
   * @param request the current request, whose cookies name the shards to expire
   * @param response the response to write
   * @throws IOException when the redirect cannot be sent
   */
  public void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpSession session = request.getSession(false);
    if (session != null) {
      try {
        session.invalidate();
      } catch (IllegalStateException alreadyInvalidated) {
        // another request of the same user invalidated it meanwhile: it is gone either way
      }
    }
    Set<String> names = new LinkedHashSet<>();
    for (int shard = 0; shard < ALWAYS_EXPIRED_SHARDS; shard++) {
      names.add(sessionCookieName + "-" + shard);
    }
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        String name = cookie.getName();
        if (name.startsWith(sessionCookieName + "-")
            || name.startsWith(DEFAULT_SESSION_COOKIE + "-")) {
          names.add(name);
        }
      }
    }
    for (String name : names) {
      Cookie expired = new Cookie(name, "");
      expired.setPath("/");
      expired.setMaxAge(0);
      expired.setSecure(true);
      expired.setHttpOnly(true);
      response.addCookie(expired);
    }
    response.setHeader("Cache-Control", "no-store");
    response.sendRedirect(redirect.toString());
  }

  /**
   * Builds an {@link AlbLogout}. Not thread-safe.
   */
  public static final class Builder {

    private IdpPreset idp = IdpPreset.OTHER;
    private @Nullable String issuer;
    private @Nullable String clientId;
    private @Nullable String returnTo;
    private @Nullable String template;
    private @Nullable String cognitoDomain;
    private String sessionCookieName = DEFAULT_SESSION_COOKIE;

    private Builder() {}

    /**
     * Chooses the IdP preset: {@code cognito}, {@code entra}, {@code okta}, {@code google},
     * {@code keycloak}, {@code onelogin} or {@code other} (default).
     *
     * @param idp the preset name, case-insensitive
     * @return this builder
     * @throws IllegalArgumentException when no preset has that name
     */
    public Builder idp(String idp) {
      this.idp = IdpPreset.fromConfigName(Objects.requireNonNull(idp, "idp"));
      return this;
    }

    /**
     * Sets the IdP's issuer URL, from which presets derive the logout endpoint.
     *
     * @param issuer for example {@code https://keycloak.example.com/realms/acme}
     * @return this builder
     */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /**
     * Sets the OAuth client id of the ALB's IdP registration.
     *
     * @param clientId the client id
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /**
     * Sets where the IdP sends the browser after logout (must be registered at the IdP).
     *
     * @param returnTo an absolute https URL
     * @return this builder
     */
    public Builder returnTo(String returnTo) {
      this.returnTo = Objects.requireNonNull(returnTo, "returnTo");
      return this;
    }

    /**
     * Sets an explicit logout URL template instead of the preset's, with placeholders
     * {@code {issuer}}, {@code {clientId}} and {@code {returnTo}} (URL-encoded when substituted).
     *
     * @param template for example {@code https://idp.example.com/logout?client_id={clientId}}
     * @return this builder
     */
    public Builder logoutUrlTemplate(String template) {
      this.template = Objects.requireNonNull(template, "template");
      return this;
    }

    /**
     * Sets the Cognito user pool domain for the {@code cognito} preset.
     *
     * @param domain for example {@code auth.example.com} or
     *     {@code myprefix.auth.eu-west-1.amazoncognito.com}
     * @return this builder
     */
    public Builder cognitoDomain(String domain) {
      this.cognitoDomain = Objects.requireNonNull(domain, "domain");
      return this;
    }

    /**
     * Sets the ALB session cookie name, when the listener rule sets {@code SessionCookieName}.
     *
     * @param name the cookie name (without the shard suffix)
     * @return this builder
     */
    public Builder sessionCookieName(String name) {
      if (Objects.requireNonNull(name, "name").isBlank()) {
        throw new IllegalArgumentException("session cookie name must not be blank");
      }
      this.sessionCookieName = name;
      return this;
    }

    /**
     * Builds the logout helper.
     *
     * @return the logout helper
     * @throws IllegalArgumentException when the preset needs a value that is missing, or a URL is
     *     not absolute https (http is accepted for loopback hosts only, for local development)
     */
    public AlbLogout build() {
      String url = template != null ? template : presetTemplate();
      URI redirect;
      if (url == null) {
        if (returnTo == null) {
          throw new IllegalArgumentException("logout for idp '" + idp.configName()
              + "' needs a return URL"
              + " (albauth.logout.return-to) or a logout URL template (albauth.logout.url)");
        }
        redirect = checkedUri(returnTo, "return URL");
      } else {
        if (returnTo != null) {
          checkedUri(returnTo, "return URL");
        }
        String expanded = url
            .replace("{issuer}", issuer == null ? "" : issuer)
            .replace("{clientId}", encode(clientId))
            .replace("{returnTo}", encode(returnTo));
        redirect = checkedUri(expanded, "logout URL");
      }
      return new AlbLogout(sessionCookieName, redirect);
    }

    private @Nullable String presetTemplate() {
      return switch (idp) {
        case COGNITO -> {
          require(cognitoDomain, "a Cognito domain (albauth.logout.cognito-domain)");
          require(clientId, "a client id (albauth.expected-client-ids)");
          yield "https://" + cognitoDomain + "/logout?client_id={clientId}&logout_uri={returnTo}";
        }
        case ENTRA -> require(issuer, "an issuer (albauth.expected-issuers)")
            .replaceFirst("/v2\\.0/?$", "") + "/oauth2/v2.0/logout?post_logout_redirect_uri={returnTo}";
        case OKTA -> {
          String oktaIssuer = trimSlash(require(issuer, "an issuer (albauth.expected-issuers)"));
          String oktaPath = URI.create(oktaIssuer).getPath();
          String oktaLogout = oktaPath == null || oktaPath.isEmpty()
              ? oktaIssuer + "/oauth2/v1/logout" : oktaIssuer + "/v1/logout";
          yield oktaLogout + oidcParameters();
        }
        case KEYCLOAK -> trimSlash(require(issuer, "an issuer (albauth.expected-issuers)"))
            + "/protocol/openid-connect/logout" + oidcParameters();
        case ONELOGIN -> trimSlash(require(issuer, "an issuer (albauth.expected-issuers)")) + "/logout"
            + oidcParameters();
        case GOOGLE, OTHER -> null;
      };
    }

    private String oidcParameters() {
      require(clientId, "a client id (albauth.expected-client-ids)");
      return returnTo == null ? "?client_id={clientId}"
          : "?client_id={clientId}&post_logout_redirect_uri={returnTo}";
    }

    private String require(@Nullable String value, String what) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("logout for idp '" + idp.configName() + "' needs " + what
            + ", or set an explicit logout URL template (albauth.logout.url)");
      }
      return value;
    }

    private static String trimSlash(String url) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(@Nullable String value) {
      return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static URI checkedUri(String value, String what) {
      URI uri;
      try {
        uri = new URI(value);
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(what + " '" + value + "' is not a valid URL: "
            + e.getReason(), e);
      }
      String host = uri.getHost();
      boolean loopback = host != null
          && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
      if (!uri.isAbsolute() || host == null
          || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
        throw new IllegalArgumentException(what + " '" + value + "' must be an absolute https URL"
            + " (http only for localhost)");
      }
      return uri;
    }
  }
}
