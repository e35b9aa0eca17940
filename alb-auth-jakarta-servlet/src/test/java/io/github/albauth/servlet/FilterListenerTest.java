package io.github.albauth.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.core.AlbPublicKeySource;
import io.github.albauth.core.AlbTokenException;
import io.github.albauth.core.AlbTokenVerifier;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.AlbTokenMinter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The listeners an application adds to the filter ({@link AlbFilterBuilder#listener}, {@link
 * AlbFilterBuilder#keySourceListener}): told of every decision the statistics count and of every
 * key lookup, each listener in the order added, and a listener that throws changes nothing.
 */
@ExtendWith(AlbTestExtension.class)
class FilterListenerTest {

  private final AlbTokenMinter minter;
  private final AlbKeyServer keys;
  private final AlbTestEnvironment env;

  FilterListenerTest(AlbTokenMinter minter, AlbKeyServer keys, AlbTestEnvironment env) {
    this.minter = minter;
    this.keys = keys;
    this.env = env;
  }

  /** Records what it is told, as text. */
  private static final class Recorder implements AlbFilterListener, AlbPublicKeySource.Listener {
    final List<String> events;
    private final String name;

    Recorder(String name) {
      this(name, new CopyOnWriteArrayList<>());
    }

    Recorder(String name, List<String> events) {
      this.name = name;
      this.events = events;
    }

    @Override
    public void authenticated(HttpServletRequest request, AlbPrincipal principal) {
      events.add(name + " authenticated " + principal.getName() + " " + request.getServletPath());
    }

    @Override
    public void refused(HttpServletRequest request, AlbAuthFailure failure) {
      events.add(name + " refused " + failure + " " + request.getServletPath());
    }

    @Override
    public void onHit(String keyId) {
      events.add(name + " hit");
    }

    @Override
    public void onMiss(String keyId) {
      events.add(name + " miss");
    }

    @Override
    public void onFetch(String keyId, Duration latency) {
      events.add(name + " fetch");
    }

    @Override
    public void onFailure(String keyId, AlbTokenException.Reason reason, Duration latency) {
      events.add(name + " failure " + reason);
    }
  }

  private FakeExchange request(AlbAuthenticationFilter filter, String path,
      Map<String, String> headers) throws Exception {
    FakeExchange exchange = new FakeExchange(path, headers);
    filter.doFilter(exchange.request(), exchange.response(), (request, response) -> { });
    return exchange;
  }

  private Map<String, String> token(String subject) {
    return Map.of("x-amzn-oidc-data", minter.mint(subject, Map.of("email", subject + "@corp.example")));
  }

  @Test
  void listenersAreToldOfEveryCountedDecisionInTheOrderAdded() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    Recorder first = new Recorder("first", events);
    Recorder second = new Recorder("second", events);
    AlbAuthenticationFilter filter = AlbAuthenticationFilter.builder().configure(env.properties())
        .excludePaths("/health").listener(first).listener(second).build();

    request(filter, "/whoami", token("ann"));
    request(filter, "/whoami", Map.of());
    request(filter, "/health", Map.of());
    request(filter, "/whoami", Map.of("x-amzn-oidc-data", "not.a.token"));

    assertThat(events).containsExactly(
        "first authenticated ann@corp.example /whoami",
        "second authenticated ann@corp.example /whoami",
        "first refused MISSING_TOKEN /whoami", "second refused MISSING_TOKEN /whoami",
        "first refused INVALID_TOKEN /whoami", "second refused INVALID_TOKEN /whoami");
    assertThat(filter.statistics()).as("the decisions the statistics count, no more")
        .isEqualTo(new AlbFilterStatistics(1, 2, 0,
            Map.of(AlbAuthFailure.MISSING_TOKEN, 1L, AlbAuthFailure.INVALID_TOKEN, 1L)));
  }

  @Test
  void aListenerThatThrowsChangesNoAnswerAndIsLoggedAtWarnOnce() throws Exception {
    Recorder after = new Recorder("after");
    AlbAuthenticationFilter filter = AlbAuthenticationFilter.builder().configure(env.properties())
        .listener(new AlbFilterListener() {
          @Override
          public void authenticated(HttpServletRequest request, AlbPrincipal principal) {
            throw new IllegalStateException("meter registry closed");
          }

          @Override
          public void refused(HttpServletRequest request, AlbAuthFailure failure) {
            throw new IllegalStateException("meter registry closed");
          }
        })
        .listener(after)
        .build();
    try (FilterLog log = FilterLog.capture()) {
      FakeExchange signedIn = new FakeExchange("/whoami", token("ann"));
      List<Object> reached = new CopyOnWriteArrayList<>();
      filter.doFilter(signedIn.request(), signedIn.response(),
          (request, response) -> reached.add(((HttpServletRequest) request).getUserPrincipal()));
      FakeExchange refused = request(filter, "/whoami", Map.of());

      assertThat(reached).singleElement().isInstanceOf(AlbPrincipal.class);
      assertThat(signedIn.status()).isEqualTo(200);
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.body()).isEqualTo("unauthorized\n");
      assertThat(after.events).containsExactly("after authenticated ann@corp.example /whoami",
          "after refused MISSING_TOKEN /whoami");
      assertThat(log.warnings()).filteredOn(line -> line.contains("listener")).singleElement()
          .asString().contains("threw IllegalStateException: meter registry closed",
              "later failures of it are logged at DEBUG");
      assertThat(log.all()).filteredOn(line -> line.contains("meter registry closed")).hasSize(2);
    }
  }

  @Test
  void keySourceListenersAreToldOfHitsMissesFetchesAndFailures() throws Exception {
    Recorder first = new Recorder("first");
    Recorder second = new Recorder("second");
    AlbAuthenticationFilter filter = AlbAuthenticationFilter.builder().configure(env.properties())
        .keySourceListener(first).keySourceListener(second).build();

    assertThat(request(filter, "/a", token("ann")).status()).isEqualTo(200);
    assertThat(request(filter, "/a", token("bob")).status()).isEqualTo(200);
    keys.down();
    minter.rotateKey();
    assertThat(request(filter, "/a", token("cid")).status()).isEqualTo(503);

    assertThat(first.events).containsExactly("first miss", "first fetch", "first hit",
        "first miss", "first failure KEY_UNAVAILABLE");
    assertThat(second.events).containsExactly("second miss", "second fetch", "second hit",
        "second miss", "second failure KEY_UNAVAILABLE");
  }

  @Test
  void aKeySourceListenerCannotListenToAVerifierGivenInCode() {
    try (AlbTokenVerifier verifier = AlbTokenVerifier.builder().requireSigner(env.signerArn())
        .publicKeyUrl(env.publicKeyUrlTemplate()).build()) {
      AlbFilterBuilder builder = AlbAuthenticationFilter.builder().verifier(verifier)
          .keySourceListener(new Recorder("r"));
      assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("set the listener on that verifier's builder");
    }
  }
}
