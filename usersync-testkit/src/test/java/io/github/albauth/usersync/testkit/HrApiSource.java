package io.github.albauth.usersync.testkit;

import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.Page;
import io.github.albauth.usersync.SourceUser;
import java.util.stream.Stream;

// README: the connector example, verbatim; ReadmeConnectorTest checks both.
final class HrApiSource implements DirectorySource {
  private final HrClient client; // your client for the IdP's API; throws SOURCE_FAILED on errors
  HrApiSource(HrClient client) {
    this.client = client;
  }
  @Override public String id() {
    return "hr-api";
  }
  @Override public Stream<SourceUser> users() { // lazy: one page in memory at a time
    return Page.stream(cursor -> {                // cursor is null for the first page
      HrClient.UserPage page = client.listUsers(cursor, 200);
      return new Page<>(page.users().stream()
          .map(u -> SourceUser.of((String) u.get("id"), u)).toList(), page.next());
    });
  }
}
