package io.github.albauth.usersync.connectors.cognito;

import io.github.albauth.usersync.UserStore;
import io.github.albauth.usersync.testkit.UserStoreComplianceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store compliance kit against cognito-local: a fresh user pool for each test. */
@ExtendWith(CognitoLocal.Resolver.class)
class CognitoLocalStoreComplianceIT extends UserStoreComplianceTest {

  private static final AtomicInteger POOLS = new AtomicInteger();
  private static CognitoLocal local;
  private final List<CognitoUserStore> opened = new ArrayList<>();

  @BeforeAll
  static void start(CognitoLocal cognitoLocal) {
    local = cognitoLocal;
  }

  @AfterEach
  void close() {
    opened.forEach(CognitoUserStore::close);
  }

  @Override
  protected UserStore newStore() {
    String pool = local.createPool("compliance-" + POOLS.incrementAndGet());
    CognitoUserStore store = CognitoUserStore.create(local.config(pool).deleteUsers().build());
    opened.add(store);
    return store;
  }
}
