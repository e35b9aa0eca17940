package io.github.albauth.servlet.internal.steps;

import io.github.albauth.core.AccessToken;
import io.github.albauth.core.AlbIdentity;
import io.github.albauth.servlet.AlbPrincipal;
import io.github.albauth.usersync.mapping.MappingResult;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the steps learn about one request, handed from step to step. A step reads what an earlier
 * step must have set (a missing value is a pipeline bug) and sets its own. One per request; not
 * thread-safe.
 */
public final class LoginAttempt {
  private final HttpServletRequest request;
  private @Nullable String token;
  private @Nullable AlbIdentity identity;
  private @Nullable AccessToken accessToken;
  private @Nullable MappingResult mapped;
  private @Nullable String username;
  private boolean provisioned;
  private final Set<String> groups = new LinkedHashSet<>();
  private @Nullable AlbPrincipal principal;

  /**
   * Starts an attempt.
   *
   * @param request the request
   */
  public LoginAttempt(HttpServletRequest request) {
    this.request = request;
  }

  HttpServletRequest request() {
    return request;
  }

  String token() {
    return Objects.requireNonNull(token, "token: the header step runs first");
  }

  void token(String value) {
    token = value;
  }

  AlbIdentity identity() {
    return Objects.requireNonNull(identity, "identity: the verify step runs first");
  }

  void identity(AlbIdentity value) {
    identity = value;
  }

  @Nullable AccessToken accessToken() {
    return accessToken;
  }

  void accessToken(AccessToken value) {
    accessToken = value;
  }

  MappingResult mapped() {
    return Objects.requireNonNull(mapped, "mapping: the mapping step runs first");
  }

  void mapped(MappingResult value) {
    mapped = value;
  }

  String username() {
    return Objects.requireNonNull(username, "username: the mapping step runs first");
  }

  void username(String value) {
    username = value;
  }

  /** The groups so far: the IdP's (token, access token), then the store's after provisioning. */
  Set<String> groups() {
    return groups;
  }

  boolean provisioned() {
    return provisioned;
  }

  void provisioned(boolean value) {
    provisioned = value;
  }

  /** {@return the principal, once the last step made it} */
  public AlbPrincipal principal() {
    return Objects.requireNonNull(principal, "principal: the principal step runs last");
  }

  void principal(AlbPrincipal value) {
    principal = value;
  }
}
