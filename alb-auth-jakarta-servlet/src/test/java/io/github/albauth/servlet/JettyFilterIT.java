package io.github.albauth.servlet;

import io.github.albauth.servlet.containers.EmbeddedContainer;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTokenMinter;

/** The filter in Jetty 12 (ee10). */
class JettyFilterIT extends FilterContainerTests {

  JettyFilterIT(AlbTokenMinter minter, AlbKeyServer keys, AlbTestEnvironment env) {
    super(minter, keys, env);
  }

  @Override
  EmbeddedContainer.Kind kind() {
    return EmbeddedContainer.Kind.JETTY;
  }
}
