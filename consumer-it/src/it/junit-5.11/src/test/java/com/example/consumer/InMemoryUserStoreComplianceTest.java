package com.example.consumer;

import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.store.InMemoryUserStore;
import io.github.albauth.usersync.testkit.UserStoreComplianceTest;

class InMemoryUserStoreComplianceTest extends UserStoreComplianceTest {

  @Override
  protected UserStore newStore() {
    return new InMemoryUserStore();
  }
}
