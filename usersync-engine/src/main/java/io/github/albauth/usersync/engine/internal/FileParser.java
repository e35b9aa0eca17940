package io.github.albauth.usersync.engine.internal;

import io.github.albauth.usersync.SourceGroup;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a file source's file: checks size and Jackson's presence, then hands parsing to {@link
 * JacksonFiles} (which alone touches Jackson classes), and checks ids. Stateless.
 */
public final class FileParser {

  /** The users, groups and memberships of a file. */
  public record Parsed(
      List<SourceUser> users, List<SourceGroup> groups, Map<String, List<String>> members) {}

  private FileParser() {}

  /** Loads and validates a JSON or CSV file. */
  public static Parsed load(Path file, long maxBytes, String idField, boolean csv) {
    requireClass("com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core:jackson-databind");
    if (csv) {
      requireClass("com.fasterxml.jackson.dataformat.csv.CsvMapper",
          "com.fasterxml.jackson.dataformat:jackson-dataformat-csv");
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UserSyncException(Reason.SOURCE_FAILED, "cannot read " + file + ": " + e, e);
    }
    if (size > maxBytes) {
      throw new UserSyncException(Reason.FILE_TOO_LARGE,
          file + " has " + size + " bytes, more than maxBytes " + maxBytes);
    }
    JacksonFiles.Raw raw = csv ? JacksonFiles.csv(file, idField) : JacksonFiles.json(file);
    return validate(file, raw, idField);
  }

  private static Parsed validate(Path file, JacksonFiles.Raw raw, String idField) {
    List<SourceUser> users = new ArrayList<>(raw.users().size());
    Set<String> ids = new HashSet<>();
    int row = 0;
    for (Map<String, Object> record : raw.users()) {
      row++;
      Object id = record.get(idField);
      if (!(id instanceof String s) || s.isBlank()) {
        throw new UserSyncException(Reason.MISSING_ID,
            file + ": user " + row + " has no " + idField + " (a non-blank string)");
      }
      if (!ids.add(s)) {
        throw new UserSyncException(Reason.DUPLICATE_ID,
            file + ": user " + row + " repeats " + idField + " " + s);
      }
      users.add(SourceUser.of(s, record));
    }
    List<SourceGroup> groups = new ArrayList<>();
    Map<String, List<String>> members = new LinkedHashMap<>();
    row = 0;
    for (JacksonFiles.RawGroup g : raw.groups()) {
      row++;
      if (g.id() == null || g.id().isBlank() || g.name() == null || g.name().isBlank()) {
        throw new UserSyncException(Reason.MISSING_ID,
            file + ": group " + row + " needs a non-blank id and name");
      }
      if (members.containsKey(g.id())) {
        throw new UserSyncException(Reason.DUPLICATE_ID, file + ": group " + row + " repeats id " + g.id());
      }
      groups.add(new SourceGroup(g.id(), g.name()));
      members.put(g.id(), List.copyOf(g.members()));
    }
    return new Parsed(List.copyOf(users), List.copyOf(groups), members);
  }

  private static void requireClass(String className, String coordinates) {
    try {
      Class.forName(className, false, FileParser.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new UserSyncException(Reason.MISSING_DEPENDENCY, "the file source needs "
          + coordinates + " on the class path; add it as a dependency");
    }
  }
}
