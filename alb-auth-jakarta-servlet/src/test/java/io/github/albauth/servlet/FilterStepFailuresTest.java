package io.github.albauth.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.AlbTokenMinter;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 item 9: whatever a step throws ends in a refusal with the step's reason, except the
 * errors after which the JVM cannot go on.
 */
@ExtendWith(AlbTestExtension.class)
class FilterStepFailuresTest {

  private final AlbTokenMinter minter;
  private final AlbTestEnvironment env;

  FilterStepFailuresTest(AlbTokenMinter minter, AlbTestEnvironment env) {
    this.minter = minter;
    this.env = env;
  }

  private FakeExchange run(AlbAuthenticationFilter filter) throws Exception {
    FakeExchange exchange = new FakeExchange("/whoami",
        Map.of("x-amzn-oidc-data", minter.mint("sub-1", Map.of())));
    filter.doFilter(exchange.request(), exchange.response(), (request, response) -> {
      throw new AssertionError("the chain must not run");
    });
    return exchange;
  }

  private AlbFilterBuilder configured() {
    return AlbAuthenticationFilter.builder().configure(env.properties())
        .provisioningCacheTtl(Duration.ZERO);
  }

  /** Throws any Throwable, checked ones too, from code that declares none. */
  private static <R, T extends Throwable> R sneaky(Throwable failure) throws T {
    @SuppressWarnings("unchecked") // the point: a checked exception the signature does not declare
    T t = (T) failure;
    throw t;
  }

  @Test
  void anyFailureOfTheMappingIs403MappingFailed() throws Exception {
    for (Throwable failure : List.of(new StackOverflowError(), new AssertionError("bug"),
        new NoClassDefFoundError("gone"), new IllegalStateException("bug"),
        new java.io.IOException("sneaky"))) {
      try (FilterLog log = FilterLog.capture()) {
        FakeExchange exchange = run(configured().mapper(source -> sneaky(failure)).build());
        assertThat(exchange.status()).as(failure.toString()).isEqualTo(403);
        assertThat(exchange.body()).isEqualTo("forbidden\n");
        assertThat(log.warnings()).singleElement().asString()
            .endsWith("MAPPING_FAILED (" + failure.getClass().getSimpleName() + ")");
      }
    }
  }

  @Test
  void aMapperThatReturnsNullIs403() throws Exception {
    UserAttributeMapper broken = source -> null;
    assertThat(run(configured().mapper(broken).build()).status()).isEqualTo(403);
  }

  @Test
  void anyFailureOfTheProvisionerIs503ProvisioningFailed() throws Exception {
    for (Throwable failure : List.of(new StackOverflowError(), new LinkageError("bug"),
        new IllegalStateException("store down"), new java.sql.SQLException("sneaky"))) {
      try (FilterLog log = FilterLog.capture()) {
        FakeExchange exchange = run(configured()
            .provisioner((identity, mapping) -> sneaky(failure)).build());
        assertThat(exchange.status()).as(failure.toString()).isEqualTo(503);
        assertThat(exchange.body()).isEqualTo("unavailable\n");
        // an outage names its cause, message included (escaped), so it never reads as "null"
        assertThat(log.warnings()).singleElement().asString()
            .endsWith("PROVISIONING_FAILED (" + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()) + ")");
      }
    }
    assertThat(run(configured().provisioner((identity, mapping) -> null).build()).status())
        .isEqualTo(503);
  }

  @Test
  void fatalVirtualMachineErrorsAreRethrownNotSwallowed() {
    for (VirtualMachineError fatal : List.of(new OutOfMemoryError("heap"), new InternalError("vm"),
        new UnknownError("vm"))) {
      assertThatThrownBy(() -> run(configured().mapper(source -> {
        throw fatal;
      }).build())).isSameAs(fatal);
      assertThatThrownBy(() -> run(configured().provisioner((identity, mapping) -> {
        throw fatal;
      }).build())).isSameAs(fatal);
    }
  }

  @Test
  void aFailureReadingTheMappedGroupsIsTheMappingStepsAndNeverA500() throws Exception {
    // a groups value whose iteration fails only when the filter reads it
    List<String> hostileGroups = new java.util.AbstractList<>() {
      @Override
      public String get(int index) {
        throw new StackOverflowError();
      }

      @Override
      public int size() {
        return 1;
      }
    };
    UserAttributeMapper mapper =
        source -> MappingResult.mapped(Map.of("username", "u", "groups", hostileGroups));
    try (FilterLog log = FilterLog.capture()) {
      FakeExchange exchange = run(configured().mapper(mapper).build());
      assertThat(exchange.status()).isEqualTo(403);
      assertThat(exchange.body()).isEqualTo("forbidden\n");
      assertThat(log.warnings()).singleElement().asString()
          .endsWith("MAPPING_FAILED (StackOverflowError)");
    }
  }
}
