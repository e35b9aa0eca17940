package io.github.albauth.spring.boot.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.servlet.LoginProvisioner;
import io.github.albauth.spring.boot.autoconfigure.AlbAuthAutoConfiguration;
import io.github.albauth.spring.boot.autoconfigure.AlbFilterBuilderCustomizer;
import io.github.albauth.spring.boot.autoconfigure.internal.DirectoryHealths;
import io.github.albauth.spring.boot.autoconfigure.internal.ProvisioningMeters;
import io.github.albauth.spring.boot.autoconfigure.sync.AlbAuthConnectorsAutoConfiguration;
import io.github.albauth.spring.boot.autoconfigure.sync.AlbAuthSyncAutoConfiguration;
import io.github.albauth.spring.boot.autoconfigure.sync.TestSource;
import io.github.albauth.usersync.engine.SyncListener;
import io.github.albauth.usersync.store.InMemoryUserStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The metrics and health beans exist exactly when the application has what they need (Actuator,
 * Micrometer, a meter registry, directory sources) and can be turned off; an application without
 * them starts as before.
 */
class ActuateAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AlbAuthAutoConfiguration.class,
          AlbAuthConnectorsAutoConfiguration.class, AlbAuthSyncAutoConfiguration.class,
          AlbAuthMetricsAutoConfiguration.class, AlbAuthHealthAutoConfiguration.class))
      .withBean(InMemoryUserStore.class)
      .withBean(TestSource.class, () -> new TestSource("hr", List.of()))
      .withPropertyValues("albauth.provisioning.mode=jit");

  @Test
  void withARegistryTheFilterTheEnginesAndTheProvisionerAreMetered() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      assertThat(context).hasBean("albAuthFilterMetrics").hasBean("albAuthSyncMetrics");
      assertThat(context.getBean(LoginProvisioner.class)).isInstanceOf(ProvisioningMeters.class);
      assertThat(context.getBeansOfType(AlbFilterBuilderCustomizer.class))
          .containsKeys("albAuthFilterMetrics", "albAuthProvisioning");
    });
  }

  @Test
  void withoutARegistryOrMicrometerThereAreNoMeters() {
    runner.run(context -> assertThat(context).hasNotFailed()
        .doesNotHaveBean("albAuthFilterMetrics").doesNotHaveBean("albAuthSyncMetrics"));
    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean("albAuthFilterMetrics"));
  }

  @Test
  void theHealthHasADirectoriesPartWithOneComponentPerSourceToldOfTheRuns() {
    runner.run(context -> {
      CompositeHealthContributor albauth = (CompositeHealthContributor) context.getBean(
          "albauthHealthContributor", HealthContributor.class);
      assertThat(albauth.getContributor("keyEndpoint")).as("no filter in this application")
          .isNull();
      CompositeHealthContributor directories =
          (CompositeHealthContributor) albauth.getContributor("directories");
      assertThat(directories.getContributor("hr")).isNotNull();
      assertThat(context.getBeansOfType(SyncListener.class).values())
          .hasAtLeastOneElementOfType(DirectoryHealths.class);
    });
  }

  @Test
  void theHealthCanBeTurnedOffAndNeedsActuator() {
    runner.withPropertyValues("management.health.albauth.enabled=false")
        .run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean("albauthHealthContributor").doesNotHaveBean(DirectoryHealths.class));
    runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
        .run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean("albauthHealthContributor"));
  }
}
