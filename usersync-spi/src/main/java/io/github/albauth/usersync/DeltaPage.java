package io.github.albauth.usersync;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of changes from a {@link DeltaSource}: users created or changed (each a complete record,
 * so a connector whose API returns only the changed properties fetches the full user), ids of users
 * removed (Graph {@code @removed}, Okta {@code DEPROVISIONED}), and either the cursor of the next
 * page or, on the last page only, the token for the next round (Graph returns its {@code
 * @odata.deltaLink} only on the last page).
 *
 * <p>Immutable and thread-safe.
 *
 * @param changed users created or changed since the token
 * @param removedIds immutable ids of users removed from the source (or from its scope)
 * @param nextCursor the next page's cursor, or {@code null} on the last page
 * @param deltaToken the token for the next round; set exactly when {@code nextCursor} is null
 */
public record DeltaPage(
    List<SourceUser> changed,
    List<String> removedIds,
    @Nullable String nextCursor,
    @Nullable String deltaToken) {

  /**
   * Validates that exactly one of next cursor and delta token is present; copies the lists.
   *
   * @param changed users created or changed since the token
   * @param removedIds immutable ids of users removed from the source (or from its scope)
   * @param nextCursor the next page's cursor, or {@code null} on the last page
   * @param deltaToken the token for the next round; set exactly when {@code nextCursor} is null
   */
  public DeltaPage {
    changed = List.copyOf(changed);
    removedIds = List.copyOf(removedIds);
    if ((nextCursor == null) == (deltaToken == null)) {
      throw new IllegalArgumentException(
          "a delta page has either a next cursor or (on the last page) a delta token, got "
              + (nextCursor == null ? "neither" : "both"));
    }
  }

  /**
   * A page with more to come.
   *
   * @param changed changed users
   * @param removedIds removed user ids
   * @param nextCursor the next page's cursor
   * @return a page whose {@link #nextCursor()} is set
   */
  public static DeltaPage more(List<SourceUser> changed, List<String> removedIds, String nextCursor) {
    return new DeltaPage(changed, removedIds, Objects.requireNonNull(nextCursor), null);
  }

  /**
   * The last page of a round.
   *
   * @param changed changed users
   * @param removedIds removed user ids
   * @param deltaToken the token to ask for the next round's changes
   * @return a page whose {@link #deltaToken()} is set
   */
  public static DeltaPage last(List<SourceUser> changed, List<String> removedIds, String deltaToken) {
    return new DeltaPage(changed, removedIds, null, Objects.requireNonNull(deltaToken));
  }
}
