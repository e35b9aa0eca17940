package io.github.albauth.usersync.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.UserOutcome.Kind;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JSON export run through the engine: users and groups in, changes and leavers followed. */
class FileSourceSyncTest {

  private static final UserAttributeMapper MAPPER = user -> {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", user.get("userName"));
    m.put("email", user.get("email"));
    return MappingResult.mapped(m);
  };

  @TempDir Path dir;
  private final InMemoryUserStore store = new InMemoryUserStore();

  private SyncReport sync(String json) throws IOException {
    Path file = dir.resolve("export.json");
    Files.writeString(file, json);
    return SyncEngine.builder().store(store).source(FileSource.builder("hr").json(file))
        .mapper(MAPPER).syncGroups().build().fullSync("import");
  }

  private String members(String group) {
    try (Stream<String> s = store.members(group)) {
      return s.sorted().collect(Collectors.joining(","));
    }
  }

  @Test
  void aJsonExportCreatesUsersAndGroupsThenFollowsChangesAndLeavers() throws IOException {
    SyncReport first = sync("""
        {"users": [
          {"id": "u1", "userName": "alice", "email": "alice@example.com"},
          {"id": "u2", "userName": "bob", "email": "bob@example.com"},
          {"id": "u3", "userName": "carol", "email": "carol@example.com"}
        ],
        "groups": [{"id": "g1", "name": "staff", "members": ["u1", "u2"]},
                   {"id": "g2", "name": "admins", "members": ["u3"]}]}
        """);

    assertThat(first.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(first.count(Kind.CREATED)).isEqualTo(3);
    assertThat(store.findByExternalId("hr", "u2").orElseThrow().attributes())
        .containsEntry("email", "bob@example.com");
    assertThat(members("staff")).isEqualTo("alice,bob");
    assertThat(members("admins")).isEqualTo("carol");

    SyncReport second = sync("""
        {"users": [
          {"id": "u1", "userName": "alice.smith", "email": "alice@example.com"},
          {"id": "u3", "userName": "carol", "email": "carol@example.org"}
        ],
        "groups": [{"id": "g1", "name": "staff", "members": ["u1", "u3"]}]}
        """);

    assertThat(second.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(second.count(Kind.UPDATED)).isEqualTo(2);
    assertThat(second.count(Kind.DEACTIVATED)).isEqualTo(1);
    assertThat(store.findByExternalId("hr", "u1").orElseThrow().username()).isEqualTo("alice.smith");
    assertThat(store.findByUsername("bob").orElseThrow().active()).isFalse();
    assertThat(store.findByUsername("carol").orElseThrow().attributes())
        .containsEntry("email", "carol@example.org");
    assertThat(second.groupChanges()).isEqualTo(3);
    assertThat(members("staff")).isEqualTo("alice.smith,carol");
    assertThat(members("admins")).isEmpty();
  }
}
