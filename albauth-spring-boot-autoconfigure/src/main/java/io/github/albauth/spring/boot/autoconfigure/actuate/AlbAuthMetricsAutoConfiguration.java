package io.github.albauth.spring.boot.autoconfigure.actuate;

import io.github.albauth.servlet.AlbFilterBuilder;
import io.github.albauth.servlet.LoginProvisioner;
import io.github.albauth.spring.boot.autoconfigure.AlbFilterBuilderCustomizer;
import io.github.albauth.spring.boot.autoconfigure.internal.KeyMeters;
import io.github.albauth.spring.boot.autoconfigure.internal.ProvisioningMeters;
import io.github.albauth.spring.boot.autoconfigure.internal.SyncMeters;
import io.github.albauth.spring.boot.autoconfigure.internal.VerificationMeters;
import io.github.albauth.usersync.engine.SyncListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters for albauth, when the application has a {@link MeterRegistry} (Spring Boot
 * Actuator makes one): the filter's verifications by outcome and reason ({@code
 * albauth.verifications}), the ALB key lookups and fetches ({@code albauth.keys.lookups}, {@code
 * albauth.keys.fetches}), the login provisioner's calls ({@code albauth.provisioning}) and the
 * directory sync runs ({@code albauth.sync.runs}, {@code albauth.sync.duration}, {@code
 * albauth.sync.users}). Each is fed by the listener interfaces of the module it measures; tags are
 * outcomes, reason codes and source ids, never a user, token or subject. docs/spring-boot.md lists
 * every meter.
 */
@AutoConfiguration(after = {MetricsAutoConfiguration.class,
    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class AlbAuthMetricsAutoConfiguration {

  /** For Spring. */
  public AlbAuthMetricsAutoConfiguration() {}

  /** The filter's verifications and key lookups, and the login provisioner. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(AlbFilterBuilder.class)
  static class FilterMetrics {

    @Bean
    AlbFilterBuilderCustomizer albAuthFilterMetrics(MeterRegistry registry) {
      VerificationMeters verifications = new VerificationMeters(registry);
      KeyMeters keys = new KeyMeters(registry);
      return builder -> builder.listener(verifications).keySourceListener(keys);
    }

    /**
     * Meters every {@link LoginProvisioner} bean (the auto-configured one or the application's).
     *
     * @param registry the registry, looked up when the first provisioner is created
     * @return the post-processor
     */
    @Bean
    static BeanPostProcessor albAuthProvisioningMetrics(ObjectProvider<MeterRegistry> registry) {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
          return bean instanceof LoginProvisioner provisioner
              && !(bean instanceof ProvisioningMeters)
              ? new ProvisioningMeters(provisioner, registry.getObject()) : bean;
        }
      };
    }
  }

  /** The directory sync runs. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SyncListener.class)
  static class SyncMetrics {

    @Bean
    SyncListener albAuthSyncMetrics(MeterRegistry registry) {
      return new SyncMeters(registry);
    }
  }
}
