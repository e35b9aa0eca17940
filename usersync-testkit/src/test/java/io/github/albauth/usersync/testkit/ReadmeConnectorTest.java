package io.github.albauth.usersync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.UserOutcome;
import io.github.albauth.usersync.mapping.MappingResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's connector, shown verbatim, pages lazily and syncs through the engine. */
class ReadmeConnectorTest {

  private final List<String> cursors = new ArrayList<>();
  private final HrClient client = (cursor, limit) -> {
    cursors.add(String.valueOf(cursor));
    return cursor == null
        ? new HrClient.UserPage(List.of(user("1", "alice"), user("2", "bob")), "p2")
        : new HrClient.UserPage(List.of(user("3", "carol")), null);
  };

  private static Map<String, Object> user(String id, String name) {
    return Map.of("id", id, "login", name);
  }

  @Test
  void theReadmeShowsThisConnectorVerbatim() throws IOException {
    assertThat(ReadmeSnippet.assertShownVerbatim("HrApiSource.java", "final class HrApiSource"))
        .isLessThanOrEqualTo(20);
  }

  @Test
  void pagesAreFetchedOnlyAsTheStreamIsRead() {
    try (Stream<?> users = new HrApiSource(client).users()) {
      assertThat(users.limit(1).count()).isEqualTo(1);
    }
    assertThat(cursors).containsExactly("null");
  }

  @Test
  void aSyncThroughTheConnectorCreatesEveryUser() {
    MapUserStore store = new MapUserStore();
    SyncReport report = SyncEngine.builder().store(store).source(new HrApiSource(client))
        .mapper(u -> MappingResult.mapped(Map.of("username", u.get("login"))))
        .build().fullSync("manual");

    assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(report.count(UserOutcome.Kind.CREATED)).isEqualTo(3);
    assertThat(cursors).containsExactly("null", "p2");
    assertThat(store.findByExternalId("hr-api", "3").orElseThrow().username()).isEqualTo("carol");
  }
}
