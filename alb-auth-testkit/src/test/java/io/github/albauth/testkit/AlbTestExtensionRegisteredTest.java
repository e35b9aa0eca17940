package io.github.albauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension registered programmatically, with a per-class instance and constructor injection. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlbTestExtensionRegisteredTest {

  @RegisterExtension
  static final AlbTestExtension ALB = new AlbTestExtension();

  private final AlbTokenMinter minter;
  private final AlbTestEnvironment environment;

  AlbTestExtensionRegisteredTest(AlbTokenMinter minter, AlbTestEnvironment environment) {
    this.minter = minter;
    this.environment = environment;
  }

  @Test
  void constructorAndMethodParametersShareOneSet(AlbTokenMinter sameMinter, AlbKeyServer server) {
    assertThat(sameMinter).isSameAs(minter);
    assertThat(environment.publicKeyUrlTemplate()).isEqualTo(server.urlTemplate());
    assertThat(environment.signerArn()).isEqualTo(minter.signerArn());
  }
}
