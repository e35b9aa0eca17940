package io.github.albauth.usersync.testkit;

import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.store.InMemoryUserStore;

/** The reference store passes the compliance kit. */
class InMemoryUserStoreComplianceTest extends UserStoreComplianceTest {

  @Override
  protected UserStore newStore() {
    return new InMemoryUserStore();
  }
}
