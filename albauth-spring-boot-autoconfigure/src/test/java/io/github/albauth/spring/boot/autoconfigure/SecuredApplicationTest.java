package io.github.albauth.spring.boot.autoconfigure;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The tests of a Spring Boot application with Spring Security and method security on embedded
 * Tomcat (random port), trusting the test kit's signer and keys. One minter and key server serve
 * every such test class (the JVM stops them), so Spring can reuse an application between classes
 * that configure it alike.
 */
@SpringBootTest(classes = SecuredApplicationTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SecuredApplicationTest {

  static final AlbFixture ALB = AlbFixture.start();

  @LocalServerPort
  int port;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableMethodSecurity
  @Import(WhoAmIController.class)
  static class App {}

  @DynamicPropertySource
  static void albauth(DynamicPropertyRegistry registry) {
    ALB.register(registry);
  }
}
