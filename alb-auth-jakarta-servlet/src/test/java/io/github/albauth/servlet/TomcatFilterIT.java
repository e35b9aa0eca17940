package io.github.albauth.servlet;

import io.github.albauth.servlet.containers.EmbeddedContainer;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTokenMinter;

/** The filter in Tomcat 10.1. */
class TomcatFilterIT extends FilterContainerTests {

  TomcatFilterIT(AlbTokenMinter minter, AlbKeyServer keys, AlbTestEnvironment env) {
    super(minter, keys, env);
  }

  @Override
  EmbeddedContainer.Kind kind() {
    return EmbeddedContainer.Kind.TOMCAT;
  }
}
