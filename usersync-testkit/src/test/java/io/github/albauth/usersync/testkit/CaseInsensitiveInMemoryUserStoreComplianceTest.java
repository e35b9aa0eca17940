package io.github.albauth.usersync.testkit;

import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.store.InMemoryUserStore;

/** The reference store passes the compliance kit when its usernames ignore case, too. */
class CaseInsensitiveInMemoryUserStoreComplianceTest extends UserStoreComplianceTest {

  @Override
  protected UserStore newStore() {
    return InMemoryUserStore.caseInsensitive();
  }
}
