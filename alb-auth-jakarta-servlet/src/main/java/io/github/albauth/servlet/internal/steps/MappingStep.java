package io.github.albauth.servlet.internal.steps;

import io.github.albauth.core.AccessToken;
import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.usersync.AttributeSource;
import io.github.albauth.usersync.Usernames;
import io.github.albauth.usersync.mapping.MappingException;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import java.util.Collection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Map: the token's claims to the user's attributes; the username in its canonical form (never a
 * silent fallback to another claim); the IdP's groups (mapped, plus the access token's).
 */
public final class MappingStep implements LoginStep {
  private final UserAttributeMapper mapper;

  /**
   * The step.
   *
   * @param mapper the claim mapping
   */
  public MappingStep(UserAttributeMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void apply(LoginAttempt attempt) throws Refusal {
    MappingResult mapped;
    try {
      mapped = Objects.requireNonNull(mapper.map(AttributeSource.of(attempt.identity().claims())),
          "the mapper returned null");
    } catch (MappingException e) {
      throw new Refusal(AlbAuthFailure.MAPPING_FAILED,
          e.reason() + (e.attribute() == null ? "" : " in " + e.attribute()));
    }
    if (mapped.isSkipped()) {
      throw new Refusal(AlbAuthFailure.USER_SKIPPED, "");
    }
    Object name = mapped.attributes().get("username");
    if (!(name instanceof String text)) {
      // a mapping that wants sub says "?? sub": nothing falls back silently
      throw new Refusal(AlbAuthFailure.INVALID_USERNAME,
          name == null ? "the mapping gave no username" : "the mapped username is not a string");
    }
    Usernames.Result canonical = Usernames.canonicalize(text);
    String username = canonical.username();
    if (username == null) {
      // the reason names the character by code point; it never echoes it
      throw new Refusal(AlbAuthFailure.INVALID_USERNAME, String.valueOf(canonical.reason()));
    }
    attempt.mapped(mapped);
    attempt.username(username);
    addStrings(attempt, mapped.attributes().get("groups"));
    AccessToken accessToken = attempt.accessToken();
    if (accessToken != null) {
      attempt.groups().addAll(accessToken.groups());
    }
  }

  private static void addStrings(LoginAttempt attempt, @Nullable Object value) {
    if (value instanceof String s && !s.isBlank()) {
      attempt.groups().add(s);
    } else if (value instanceof Collection<?> values) {
      for (Object v : values) {
        if (v instanceof String s && !s.isBlank()) {
          attempt.groups().add(s);
        }
      }
    }
  }

  @Override
  public AlbAuthFailure unexpectedFailure() {
    return AlbAuthFailure.MAPPING_FAILED;
  }
}
