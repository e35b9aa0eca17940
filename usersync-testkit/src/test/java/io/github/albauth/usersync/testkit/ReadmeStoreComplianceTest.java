package io.github.albauth.usersync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.UserStore;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The README's 30-line store passes the compliance kit (its capability tests are skipped). */
class ReadmeStoreComplianceTest extends UserStoreComplianceTest {

  @Override
  protected UserStore newStore() {
    return new MapUserStore();
  }

  @Test
  void theReadmeShowsThisStoreVerbatimInAtMost30Lines() throws IOException {
    assertThat(ReadmeSnippet.assertShownVerbatim("MapUserStore.java", "final class MapUserStore"))
        .isLessThanOrEqualTo(30);
  }
}
