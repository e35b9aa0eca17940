package io.github.albauth.usersync.testkit;

import io.github.albauth.usersync.IdpSubject;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.engine.LoginRequest;
import io.github.albauth.usersync.engine.LoginResult;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.source.JitSource;
import java.util.Map;

// README: the login example, verbatim; ReadmeLoginTest checks both.
final class LoginPath {
  private final SyncEngine engine; // its store implements SubjectBindings
  LoginPath(SyncEngine engine) {
    this.engine = engine;
  }
  /** The account a verified token signs in to, with its groups; or why not. */
  LoginResult signIn(String issuer, Map<String, Object> claims) {
    IdpSubject subject = new IdpSubject(issuer, (String) claims.get("sub"));
    SourceUser user = JitSource.fromClaim("oid").user(claims); // Entra: oid, as directory sync
    return engine.login(LoginRequest.jit(subject, user));
    // lookup instead: LoginRequest.lookup(subject, "mail", email, emailVerified)
  }
}
