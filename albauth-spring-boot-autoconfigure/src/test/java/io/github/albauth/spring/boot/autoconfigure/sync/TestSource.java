package io.github.albauth.spring.boot.autoconfigure.sync;

import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.UserSyncException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A directory in memory that can look users up, and fail on demand the way a connector does
 * ({@code SOURCE_FAILED}). Thread-safe.
 */
public final class TestSource implements DirectorySource, UserLookup {

  private final String id;
  private final List<Map<String, Object>> users = new CopyOnWriteArrayList<>();
  private final AtomicInteger lookupsById = new AtomicInteger();
  private volatile @Nullable String failure;

  /**
   * A directory with these users (records with {@code id}, {@code username}, {@code email}).
   *
   * @param id the source id
   * @param users the user records
   */
  public TestSource(String id, List<Map<String, Object>> users) {
    this.id = id;
    this.users.addAll(users);
  }

  /**
   * A user record.
   *
   * @param id the user's id
   * @param username its username, also the local part of its email
   * @return the record
   */
  public static Map<String, Object> user(String id, String username) {
    return Map.of("id", id, "username", username, "email", username + "@corp.example");
  }

  /**
   * From now on every call fails with {@code SOURCE_FAILED} and this message, or answers again.
   *
   * @param message the failure, or null to answer
   */
  public void failWith(@Nullable String message) {
    failure = message;
  }

  /**
   * Removes a user from the directory.
   *
   * @param userId its id
   */
  public void remove(String userId) {
    users.removeIf(u -> u.get("id").equals(userId));
  }

  /** {@return how many times {@link #lookupById} was asked} */
  public int lookupsById() {
    return lookupsById.get();
  }

  private void failIfAsked() {
    String message = failure;
    if (message != null) {
      throw new UserSyncException(UserSyncException.Reason.SOURCE_FAILED, message);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Stream<SourceUser> users() {
    failIfAsked();
    return users.stream().map(u -> SourceUser.of((String) u.get("id"), u));
  }

  @Override
  public Optional<SourceUser> lookup(String attribute, String value) {
    failIfAsked();
    return users.stream().filter(u -> value.equals(u.get(attribute))).findFirst()
        .map(u -> SourceUser.of((String) u.get("id"), u));
  }

  @Override
  public Optional<SourceUser> lookupById(String userId) {
    lookupsById.incrementAndGet();
    return lookup("id", userId);
  }
}
