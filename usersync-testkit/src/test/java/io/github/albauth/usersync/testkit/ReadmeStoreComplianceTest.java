package io.github.albauth.usersync.testkit;

import io.github.albauth.usersync.UserStore;

/** The README's 30-line store passes the compliance kit (its capability tests are skipped). */
class ReadmeStoreComplianceTest extends UserStoreComplianceTest {

  @Override
  protected UserStore newStore() {
    return new MapUserStore();
  }
}
