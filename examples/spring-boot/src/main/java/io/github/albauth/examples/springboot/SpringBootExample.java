package io.github.albauth.examples.springboot;

import static io.github.albauth.spring.security.AlbAuthConfigurer.albAuth;
import static org.springframework.security.config.Customizer.withDefaults;

import io.github.albauth.usersync.store.InMemoryUserStore;
import java.io.PrintStream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A Spring Boot application behind an ALB: every request is signed in by albauth from the ALB's
 * token ({@code albAuth()}), {@code GET /whoami} shows the user, {@code GET /admin/report} needs
 * the role {@code admin} ({@code @PreAuthorize}; the IdP group {@code Admins} is that role by
 * {@code albauth.role-mapping}), users are provisioned at login into the application's store
 * ({@code albauth.provisioning.mode=jit}), and {@code GET /actuator/health} is open, with albauth's
 * component. The keys are in {@code application.yml}; {@code ALBAUTH_*} environment variables and
 * {@code --albauth.*} arguments override them.
 *
 * <p>Without {@code albauth.expected-signers} it runs in <b>development mode</b> ({@link
 * DevelopmentMode}): it trusts tokens signed by a local test key and listens on loopback only.
 * Never run that in production.
 */
@SpringBootApplication
@EnableMethodSecurity
public class SpringBootExample {

  /** For Spring. */
  public SpringBootExample() {}

  /**
   * Runs the application until the process is stopped.
   *
   * @param args Spring Boot arguments, e.g. {@code --server.port=9090}
   */
  public static void main(String[] args) {
    run(System.out, args);
  }

  /**
   * Starts the application.
   *
   * @param console where development mode prints its banner and curl commands
   * @param args Spring Boot arguments
   * @return the running application; close it to stop
   */
  public static ConfigurableApplicationContext run(PrintStream console, String... args) {
    SpringApplication application = new SpringApplication(SpringBootExample.class);
    application.addListeners(new DevelopmentMode(console));
    return application.run(args);
  }

  /**
   * Every request signed in by albauth ({@code albauth.exclude-paths} are open); the roles are
   * checked by {@code @PreAuthorize} on the controller. Stateless: the ALB sends the token with
   * every request.
   *
   * @param http Spring Security's builder
   * @return the chain
   * @throws Exception when Spring Security cannot build it
   */
  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    http.with(albAuth(), withDefaults())
        .authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  /**
   * The application's user store, which albauth provisions users into at login. A real
   * application gives its own {@code UserStore} (and {@code SubjectBindings}, {@code GroupStore}).
   *
   * @return the store
   */
  @Bean
  InMemoryUserStore users() {
    return new InMemoryUserStore();
  }
}
