package io.github.albauth.usersync.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.albauth.usersync.UserSyncException;
import io.github.albauth.usersync.UserSyncException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The only class that touches Jackson; loaded after {@link FileParser} checked it is present. */
final class JacksonFiles {

  record RawGroup(@Nullable String id, @Nullable String name, List<String> members) {}

  record Raw(List<Map<String, Object>> users, List<RawGroup> groups) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private JacksonFiles() {}

  static Raw json(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw malformed(file, e);
    } catch (IOException e) {
      throw new UserSyncException(Reason.SOURCE_FAILED, "cannot read " + file + ": " + e, e);
    }
    JsonNode users;
    JsonNode groups = null;
    if (root != null && root.isArray()) {
      users = root;
    } else if (root != null && root.isObject() && root.path("users").isArray()) {
      users = root.get("users");
      groups = root.get("groups");
    } else {
      throw new UserSyncException(Reason.MALFORMED_FILE,
          file + " is neither an array of users nor an object with a \"users\" array");
    }
    List<Map<String, Object>> records = new ArrayList<>();
    for (JsonNode node : users) {
      if (!node.isObject()) {
        throw new UserSyncException(Reason.MALFORMED_FILE,
            file + ": user " + (records.size() + 1) + " is a " + node.getNodeType() + ", not an object");
      }
      @SuppressWarnings("unchecked") // an object node converts to a map with String keys
      Map<String, Object> map = JSON.convertValue(node, Map.class);
      records.add(map);
    }
    List<RawGroup> rawGroups = new ArrayList<>();
    if (groups != null && !groups.isNull()) {
      if (!groups.isArray()) {
        throw new UserSyncException(Reason.MALFORMED_FILE, file + ": \"groups\" is not an array");
      }
      for (JsonNode g : groups) {
        List<String> members = new ArrayList<>();
        g.path("members").forEach(m -> members.add(m.asText()));
        rawGroups.add(new RawGroup(text(g, "id"), text(g, "name"), members));
      }
    }
    return new Raw(records, rawGroups);
  }

  static Raw csv(Path file, String idField) {
    CsvMapper mapper = new CsvMapper();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<Map<String, Object>> records = new ArrayList<>();
    Map<String, List<String>> membersByGroup = new LinkedHashMap<>();
    try (MappingIterator<Map<String, String>> it =
        mapper.readerFor(Map.class).with(schema).readValues(file.toFile())) {
      // The first hasNext() reads the header row, which getParserSchema() needs.
      boolean hasRow = it.hasNext();
      CsvSchema parsed = (CsvSchema) it.getParserSchema();
      if (parsed == null || parsed.column(idField) == null) {
        throw new UserSyncException(Reason.MISSING_ID,
            file + " has no " + idField + " column; the header row must name it");
      }
      while (hasRow) {
        Map<String, String> row = it.next();
        Map<String, Object> record = new LinkedHashMap<>();
        row.forEach((k, v) -> {
          if (v != null && !v.isEmpty()) {
            record.put(k, "groups".equals(k) ? splitGroups(v) : v);
          }
        });
        Object id = record.get(idField);
        if (record.get("groups") instanceof List<?> names && id instanceof String userId) {
          for (Object n : names) {
            membersByGroup.computeIfAbsent((String) n, x -> new ArrayList<>()).add(userId);
          }
        }
        records.add(record);
        hasRow = it.hasNext();
      }
    } catch (UserSyncException e) {
      throw e;
    } catch (JsonProcessingException e) {
      throw malformed(file, e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof JsonProcessingException cause) {
        throw malformed(file, cause);
      }
      throw new UserSyncException(Reason.MALFORMED_FILE, file + " is malformed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UserSyncException(Reason.SOURCE_FAILED, "cannot read " + file + ": " + e, e);
    }
    List<RawGroup> groups = new ArrayList<>();
    membersByGroup.forEach((name, members) -> groups.add(new RawGroup(name, name, members)));
    return new Raw(records, groups);
  }

  private static List<String> splitGroups(String value) {
    List<String> names = new ArrayList<>();
    for (String part : value.split(";", -1)) {
      String name = part.strip();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() ? null : value.asText();
  }

  private static UserSyncException malformed(Path file, JsonProcessingException e) {
    return new UserSyncException(Reason.MALFORMED_FILE, file + " is malformed"
        + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
            + ", column " + e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage(), e);
  }
}
