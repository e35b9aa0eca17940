package io.github.albauth.usersync.engine;

import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared test fixtures: a Graph-style mapper and engine builders. */
final class Fixtures {

  private Fixtures() {}

  /** Maps userName, mail, displayName, accountEnabled, and groups when present. */
  static final UserAttributeMapper MAPPER = source -> {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", source.get("userName"));
    m.put("email", source.get("mail"));
    m.put("displayName", source.get("displayName"));
    if (source.names().contains("accountEnabled")) {
      m.put("active", source.get("accountEnabled"));
    }
    if (source.names().contains("groups")) {
      m.put("groups", source.get("groups"));
    }
    if ("skip".equals(source.get("department"))) {
      return MappingResult.skipped("department is skip");
    }
    return MappingResult.mapped(m);
  };

  static SyncEngine.Builder engine(InMemoryUserStore store, ScriptedSource source) {
    return SyncEngine.builder().store(store).source(source).mapper(MAPPER);
  }
}
