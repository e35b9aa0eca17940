package io.github.albauth.usersync.source;

import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.GroupSource;
import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.engine.internal.FileParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Users and groups from a JSON or CSV export, for bootstrapping, migrations and tests. The file is
 * read and checked once, when the source is built, so a bad file fails before any sync runs.
 *
 * <p>JSON: either an array of user objects, or {@code {"users": [...], "groups": [{"id": "g1",
 * "name": "Staff", "members": ["u1", "u2"]}]}}; each user object has an id field (default {@code
 * id}) and any other fields, nested objects and arrays included. CSV: a header row naming the
 * columns, one of them the id column; empty cells are absent attributes; a {@code groups} column
 * holds group names separated by {@code ;}, which become the file's groups and memberships.
 *
 * <p>Needs {@code jackson-databind} (and {@code jackson-dataformat-csv} for CSV) on the class path;
 * without them building fails with {@link UserSyncException.Reason#MISSING_DEPENDENCY}.
 *
 * <p>Immutable and thread-safe.
 */
public final class FileSource implements DirectorySource, GroupSource {

  private final String id;
  private final List<SourceUser> users;
  private final List<SourceGroup> groups;
  private final Map<String, List<String>> members;

  private FileSource(String id, FileParser.Parsed parsed) {
    this.id = id;
    this.users = parsed.users();
    this.groups = parsed.groups();
    this.members = parsed.members();
  }

  /**
   * Starts a file source; choose the file with {@link Builder#json} or {@link Builder#csv}.
   *
   * @param sourceId the id under which the file's users are stored
   * @return a builder
   */
  public static Builder builder(String sourceId) {
    return new Builder(sourceId);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Stream<SourceUser> users() {
    return users.stream();
  }

  @Override
  public Stream<SourceGroup> groups() {
    return groups.stream();
  }

  @Override
  public Stream<String> memberIds(String groupId) {
    return members.getOrDefault(groupId, List.of()).stream();
  }

  /** Reads a file into a {@link FileSource}. Not thread-safe. */
  public static final class Builder {

    private final String sourceId;
    private String idField = "id";
    private long maxBytes = 64L * 1024 * 1024;

    private Builder(String sourceId) {
      Objects.requireNonNull(sourceId, "sourceId");
      if (sourceId.isBlank()) {
        throw new IllegalArgumentException("source id is blank; name the source");
      }
      this.sourceId = sourceId;
    }

    /**
     * The field (JSON) or column (CSV) holding each user's immutable id (default {@code id}).
     *
     * @param field the field name
     * @return this builder
     */
    public Builder idField(String field) {
      Objects.requireNonNull(field, "field");
      if (field.isBlank()) {
        throw new IllegalArgumentException("id field is blank; name the id field");
      }
      idField = field;
      return this;
    }

    /**
     * The largest file accepted (default 64 MiB).
     *
     * @param bytes positive
     * @return this builder
     */
    public Builder maxBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxBytes is " + bytes + "; use a positive size");
      }
      maxBytes = bytes;
      return this;
    }

    /**
     * Reads a JSON export.
     *
     * @param file the file
     * @return the source, with every user and group read into memory
     * @throws UserSyncException when the file is unreadable, malformed, too large, lacks ids or
     *     repeats one, or Jackson is missing
     */
    public FileSource json(Path file) {
      return new FileSource(sourceId, FileParser.load(file, maxBytes, idField, false));
    }

    /**
     * Reads a CSV export.
     *
     * @param file the file
     * @return the source, with every user and group read into memory
     * @throws UserSyncException when the file is unreadable, malformed, too large, lacks the id
     *     column or an id, or repeats one, or Jackson is missing
     */
    public FileSource csv(Path file) {
      return new FileSource(sourceId, FileParser.load(file, maxBytes, idField, true));
    }
  }
}
