package io.github.albauth.usersync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.UserOutcome;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import io.github.albauth.usersync.source.FileSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's "running a sync" quickstart. */
class ReadmeQuickstartTest {

  @TempDir Path dir;

  @Test
  void quickstartRuns() throws IOException {
    Files.writeString(dir.resolve("users.csv"), "id,login,mail,enabled\nu1,alice,a@x,true\nu2,bob,b@x,false\n");
    Path csv = dir.resolve("users.csv");
    // README quickstart begins
    UserAttributeMapper mapping = user -> {        // or a compiled mapping-DSL document
      Map<String, Object> m = new HashMap<>();
      m.put("username", user.get("login"));
      m.put("email", user.get("mail"));
      m.put("active", user.get("enabled"));
      return MappingResult.mapped(m);
    };
    SyncEngine engine = SyncEngine.builder()
        .store(new MapUserStore())
        .source(FileSource.builder("hr-export").csv(csv))
        .mapper(mapping)
        .maxDeprovisions(100)
        .build();
    SyncReport plan = engine.dryRun("manual");      // what would change, nothing written
    SyncReport report = engine.fullSync("manual");
    // README quickstart ends
    assertThat(plan.count(UserOutcome.Kind.CREATED)).isEqualTo(2);
    assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    assertThat(report.count(UserOutcome.Kind.CREATED)).isEqualTo(2);
  }
}
