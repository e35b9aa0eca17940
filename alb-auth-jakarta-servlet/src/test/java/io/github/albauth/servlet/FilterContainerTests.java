package io.github.albauth.servlet;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.servlet.containers.EchoServlet;
import io.github.albauth.servlet.containers.EmbeddedContainer;
import io.github.albauth.servlet.containers.RawHttp;
import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.AlbTokenMinter;
import io.github.albauth.testkit.IdpTokenMinter;
import io.github.albauth.testkit.MutableClock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import io.github.albauth.usersync.DirectorySource;
import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserLookup;
import io.github.albauth.usersync.mapping.DirectoryPreset;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.mapping.UserAttributeMapper;
import io.github.albauth.usersync.store.InMemoryUserStore;
import jakarta.servlet.Filter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter end to end in a real container, with tokens minted exactly as an ALB does and keys
 * served on loopback. Subclasses choose the container.
 */
@ExtendWith(AlbTestExtension.class)
abstract class FilterContainerTests {

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final AlbTokenMinter minter;
  private final AlbKeyServer keys;
  private final AlbTestEnvironment env;
  private @Nullable EmbeddedContainer container;

  FilterContainerTests(AlbTokenMinter minter, AlbKeyServer keys, AlbTestEnvironment env) {
    this.minter = minter;
    this.keys = keys;
    this.env = env;
  }

  abstract EmbeddedContainer.Kind kind();

  @BeforeEach
  void healthyKeys() {
    keys.healthy();
  }

  @AfterEach
  void stop() throws Exception {
    if (container != null) {
      container.close();
    }
  }

  private URI start(Filter filter, Map<String, String> initParams) throws Exception {
    container = kind().create();
    container.start(filter, initParams, new EchoServlet());
    return container.baseUri();
  }

  /** Starts the container-created filter (no-arg constructor) with init-params. */
  private URI startWithInitParams(Map<String, String> extra) throws Exception {
    Map<String, String> params = new LinkedHashMap<>(env.properties());
    params.putAll(extra);
    return start(new AlbAuthenticationFilter(), params);
  }

  private AlbFilterBuilder configured() {
    return AlbAuthenticationFilter.builder().configure(env.properties());
  }

  private String token(String sub, Map<String, ?> claims) {
    return minter.mint(sub, claims);
  }

  private static HttpResponse<String> get(URI base, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> lines(HttpResponse<String> response) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : response.body().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }

  @Test
  void signedInUserBecomesThePrincipalWithGroupsAsRoles() throws Exception {
    URI base = startWithInitParams(Map.of(
        "albauth.mapping.username", "email | before(\"@\") | lower",
        "albauth.role-mapping", "Admins=admin"));
    String jwt = token("sub-1", Map.of("email", "A.Example@Example.com",
        "groups", List.of("Admins", "Staff"), "name", "Ann Example"));

    HttpResponse<String> response = get(base, "/whoami?role=admin&role=Staff&role=Admins&role=**",
        "x-amzn-oidc-data", jwt, "x-amzn-oidc-identity", "sub-1");

    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, String> seen = lines(response);
    assertThat(seen).containsEntry("remoteUser", "a.example")
        .containsEntry("principal", "a.example")
        .containsEntry("authType", "ALB")
        .containsEntry("mdc", "a.example")
        .containsEntry("attributePrincipal", "true")
        .containsEntry("subject", "sub-1")
        .containsEntry("groups", "[Admins, Staff]")
        .containsEntry("roles", "[admin, Staff]")
        .containsEntry("inRole:admin", "true")
        .containsEntry("inRole:Staff", "true")
        .containsEntry("inRole:Admins", "false")
        .containsEntry("inRole:**", "true");
    assertThat(seen.get("attributes")).contains("displayName=Ann Example", "email=A.Example@Example.com");
  }

  @Test
  void missingTokenIs401WithAShortBodyAndNoStore() throws Exception {
    URI base = startWithInitParams(Map.of());
    HttpResponse<String> response = get(base, "/whoami");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("unauthorized\n");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  /**
   * The core issue's negative corpus, each token with the verifier's reason the filter must log
   * ({@code INVALID_TOKEN (<reason>)}).
   */
  static Stream<Arguments> badTokens() {
    return Stream.of(
        bad("garbage", "MALFORMED", m -> "not-a-jwt"),
        bad("bearer prefix", "MALFORMED", m -> "Bearer " + m.mint("s", Map.of())),
        bad("expired", "EXPIRED", m ->
            m.token().subject("s").expiresAt(Instant.now().minusSeconds(3600)).sign()),
        bad("other signer", "SIGNER_MISMATCH", m -> m.token().subject("s")
            .header("signer", "arn:aws:elasticloadbalancing:us-east-1:999999999999:"
                + "loadbalancer/app/evil/0123456789abcdef").sign()),
        bad("no signer", "SIGNER_MISMATCH", m -> m.token().subject("s")
            .withoutHeader("signer").sign()),
        bad("alg none", "UNSUPPORTED_ALGORITHM", m -> m.token().subject("s").header("alg", "none")
            .sign()),
        bad("HS256", "UNSUPPORTED_ALGORITHM", m -> m.token().subject("s").header("alg", "HS256")
            .sign()),
        bad("tampered payload", "BAD_SIGNATURE", m -> {
          String[] parts = m.mint("s", Map.of("email", "a@example.com")).split("\\.");
          String forged = b64("{\"sub\":\"admin\",\"email\":\"admin@example.com\"}");
          return parts[0] + "." + forged + "." + parts[2];
        }),
        bad("tampered header", "BAD_SIGNATURE", m -> {
          String[] real = m.mint("s", Map.of()).split("\\.");
          String[] other = m.token().subject("s").header("typ", "JOSE").sign().split("\\.");
          return other[0] + "." + real[1] + "." + real[2];
        }),
        bad("zero signature", "BAD_SIGNATURE", m -> m.token().subject("s")
            .signature(new byte[64])),
        bad("truncated signature", "BAD_SIGNATURE", m -> {
          AlbTokenMinter.TokenBuilder token = m.token().subject("s");
          return token.signature(Arrays.copyOf(signatureOf(token.sign()), 32));
        }),
        bad("real signature as DER", "BAD_SIGNATURE", m -> {
          AlbTokenMinter.TokenBuilder token = m.token().subject("s");
          return token.signature(der(signatureOf(token.sign())));
        }),
        bad("key substitution", "BAD_SIGNATURE", m -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec("secp256r1"));
          return m.token().subject("s").signWith(generator.generateKeyPair().getPrivate()).sign();
        }),
        bad("unknown kid", "UNKNOWN_KEY", m -> m.token().subject("s")
            .keyId("6f0c3a2e-0000-4000-8000-000000000000").sign()),
        bad("kid traversal", "MALFORMED", m -> m.token().subject("s")
            .keyId("../../etc/passwd").sign()),
        bad("kid query", "MALFORMED", m -> m.token().subject("s")
            .keyId(m.currentKeyId() + "?x=1").sign()),
        bad("kid fragment", "MALFORMED", m -> m.token().subject("s")
            .keyId(m.currentKeyId() + "#frag").sign()),
        bad("kid encoded dots", "MALFORMED", m -> m.token().subject("s")
            .keyId("%2e%2e/%2e%2e/" + m.currentKeyId()).sign()),
        bad("kid absolute url", "MALFORMED", m -> m.token().subject("s")
            .keyId("http://evil.example/" + m.currentKeyId()).sign()),
        bad("kid newline", "MALFORMED", m -> m.token().subject("s")
            .keyId(m.currentKeyId() + "\n").sign()),
        bad("crit header", "CRITICAL_HEADER", m -> m.token().subject("s")
            .header("crit", List.of("exp")).sign()),
        bad("jku header", "UNKNOWN_KEY", m -> m.token().subject("s")
            .header("jku", "https://evil.example.com/keys").keyId("11111111-2222-4333-8444-555555555555")
            .sign()),
        bad("wrong issuer", "ISSUER_MISMATCH", m -> m.token().subject("s")
            .header("iss", "https://evil.example").sign()),
        bad("payload issuer differs from header", "ISSUER_MISMATCH", m -> m.token().subject("s")
            .claim("iss", "https://evil.example").sign()),
        bad("wrong client", "CLIENT_MISMATCH", m -> m.token().subject("s")
            .header("client", "other-client").sign()),
        bad("no exp", "MALFORMED", m -> m.token().subject("s")
            .withoutHeader("exp").withoutClaim("exp").sign()),
        bad("non-numeric exp", "MALFORMED", m -> m.token().subject("s")
            .header("exp", "tomorrow").sign()),
        bad("expired in the header only", "EXPIRED", m -> m.token().subject("s")
            .header("exp", Instant.now().minusSeconds(3600).getEpochSecond()).sign()),
        bad("nbf in the future", "NOT_YET_VALID", m -> m.token().subject("s")
            .claim("nbf", Instant.now().plusSeconds(3600).getEpochSecond()).sign()),
        bad("iat in the future", "NOT_YET_VALID", m -> m.token().subject("s")
            .claim("iat", Instant.now().plusSeconds(3600).getEpochSecond()).sign()),
        bad("no sub", "MALFORMED", m -> m.token().withoutClaim("sub")
            .claim("email", "a@example.com").sign()),
        bad("illegal base64 character", "MALFORMED", m -> {
          String token = m.mint("s", Map.of());
          int dot = token.indexOf('.');
          return token.substring(0, dot - 4) + "!" + token.substring(dot - 4);
        }),
        bad("standard base64 character", "MALFORMED", m -> {
          String token = m.mint("s", Map.of());
          int dot = token.indexOf('.');
          return token.substring(0, dot - 4) + "+" + token.substring(dot - 4);
        }),
        bad("header is a json array", "MALFORMED", m -> {
          String token = m.mint("s", Map.of());
          return b64("[]") + token.substring(token.indexOf('.'));
        }),
        bad("header is not json", "MALFORMED", m -> {
          String token = m.mint("s", Map.of());
          return b64("not json") + token.substring(token.indexOf('.'));
        }),
        bad("two segments", "MALFORMED", m -> {
          String token = m.mint("s", Map.of());
          return token.substring(0, token.lastIndexOf('.'));
        }),
        bad("four segments", "MALFORMED", m -> m.mint("s", Map.of()) + ".AAAA"),
        bad("duplicate keys", "MALFORMED", m -> m.token()
            .rawPayloadJson("{\"sub\":\"a\",\"sub\":\"admin\",\"exp\":" + (Instant.now().getEpochSecond() + 60) + "}")
            .sign()),
        bad("deep nesting", "MALFORMED", m -> m.token().subject("s")
            .claim("x", nested(200)).sign()),
        bad("whitespace", "MALFORMED", m -> " " + m.mint("s", Map.of()) + " x"));
  }

  private static Arguments bad(String name, String reason, TokenFactory factory) {
    return Arguments.of(name, reason, factory);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] signatureOf(String token) {
    return Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
  }

  /** The ES256 signature R||S as an ASN.1 DER SEQUENCE of two INTEGERs (what JCA produces). */
  private static byte[] der(byte[] rs) {
    byte[] r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32)).toByteArray();
    byte[] s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)).toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.write(4 + r.length + s.length);
    out.write(0x02);
    out.write(r.length);
    out.writeBytes(r);
    out.write(0x02);
    out.write(s.length);
    out.writeBytes(s);
    return out.toByteArray();
  }

  private static Object nested(int depth) {
    Object value = "leaf";
    for (int i = 0; i < depth; i++) {
      value = List.of(value);
    }
    return value;
  }

  /** Makes a hostile token from the test's minter. */
  @FunctionalInterface
  interface TokenFactory {
    String make(AlbTokenMinter minter) throws Exception;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void everyBadTokenIs401WithItsReasonLoggedAndNeverReachesTheApplication(String name,
      String reason, TokenFactory factory) throws Exception {
    URI base = startWithInitParams(Map.of());
    String token = factory.make(minter);
    HttpResponse<String> response;
    try (FilterLog log = FilterLog.capture()) {
      response = get(base, "/whoami", "x-amzn-oidc-data", token);
      assertThat(response.statusCode()).as(name).isEqualTo(401);
      assertThat(response.body()).isEqualTo("unauthorized\n");
      assertThat(log.warnings()).as(name).singleElement(as(InstanceOfAssertFactories.STRING))
          .contains("INVALID_TOKEN (" + reason + ")");
      log.assertNoneContains(token);
    }
  }

  @Test
  void identityHeaderMustMatchSub() throws Exception {
    URI base = startWithInitParams(Map.of());
    HttpResponse<String> response = get(base, "/whoami",
        "x-amzn-oidc-data", token("sub-1", Map.of()), "x-amzn-oidc-identity", "sub-2");
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void oversizedTokenIsRefusedWithoutA500() throws Exception {
    URI base = startWithInitParams(Map.of("albauth.max-token-size", "2048"));
    String big = token("s", Map.of("blob", "x".repeat(3000)));
    HttpResponse<String> response = get(base, "/whoami", "x-amzn-oidc-data", big);
    assertThat(response.statusCode()).isEqualTo(401);
    String huge = token("s", Map.of("blob", "x".repeat(64 * 1024)));
    HttpResponse<String> tooBigForTheContainer = get(base, "/whoami", "x-amzn-oidc-data", huge);
    assertThat(tooBigForTheContainer.statusCode()).isBetween(400, 499);
  }

  @Test
  void keyServerDownIs503ForUnknownKidsWhileCachedKeysKeepWorking() throws Exception {
    URI base = startWithInitParams(Map.of());
    assertThat(get(base, "/whoami", "x-amzn-oidc-data", token("s", Map.of())).statusCode())
        .isEqualTo(200);
    keys.down();
    assertThat(get(base, "/whoami", "x-amzn-oidc-data", token("s", Map.of())).statusCode())
        .isEqualTo(200);
    minter.rotateKey();
    // the new kid's key cannot be fetched: our outage, not a forged token (was 401 unauthorized)
    HttpResponse<String> outage = get(base, "/whoami", "x-amzn-oidc-data", token("s", Map.of()));
    assertThat(outage.statusCode()).isEqualTo(503);
    assertThat(outage.headers().firstValue("Retry-After")).isPresent();
    assertThat(outage.body()).isEqualTo("unavailable\n");
  }

  @Test
  void excludedPathsNeedNoTokenAndTraversalDoesNotEscape() throws Exception {
    URI base = startWithInitParams(Map.of("albauth.exclude-paths", "/health, /public/*"));
    assertThat(get(base, "/health").statusCode()).isEqualTo(200);
    assertThat(lines(get(base, "/health"))).containsEntry("remoteUser", "null");
    assertThat(get(base, "/public/a/b").statusCode()).isEqualTo(200);
    assertThat(get(base, "/healthz").statusCode()).isEqualTo(401);
    assertThat(get(base, "/admin").statusCode()).isEqualTo(401);
    for (String sneaky : List.of("/public/../admin", "/public/%2e%2e/admin", "/health;x=1/../admin",
        "/public/..;/admin", "//admin")) {
      HttpResponse<String> response = get(base, sneaky);
      assertThat(response.statusCode()).as(sneaky).isIn(400, 401, 404);
      assertThat(response.body()).as(sneaky).doesNotContain("path=");
    }
  }

  @Test
  void jsonErrorPathsGetAJsonBody() throws Exception {
    URI base = startWithInitParams(Map.of("albauth.json-error-paths", "/api/*"));
    HttpResponse<String> response = get(base, "/api/things");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
  }

  @Test
  void requiredGroupsRefuseOthersWith403() throws Exception {
    URI base = startWithInitParams(Map.of("albauth.required-groups", "app-users, admins",
        "albauth.json-error-paths", "/api/*"));
    assertThat(get(base, "/whoami", "x-amzn-oidc-data",
        token("a", Map.of("groups", List.of("app-users")))).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = get(base, "/whoami", "x-amzn-oidc-data",
        token("b", Map.of("groups", List.of("others"))));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).isEqualTo("forbidden\n");
    HttpResponse<String> refusedJson = get(base, "/api/things", "x-amzn-oidc-data",
        token("b", Map.of("groups", List.of("others"))));
    assertThat(refusedJson.statusCode()).isEqualTo(403);
    assertThat(refusedJson.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(refusedJson.body()).isEqualTo("{\"error\":\"forbidden\"}");
  }

  @Test
  void claimsTheMappingCannotHandleAre403MappingFailedNeverA500() throws Exception {
    URI base = startWithInitParams(Map.of(
        "albauth.mapping.username", "email | lower",
        "albauth.mapping-max-string-length", "64",
        "albauth.json-error-paths", "/api/*"));
    String tooLong = token("a", Map.of("email", "x".repeat(100) + "@example.com"));
    String notAString = token("b", Map.of("email", Map.of("address", "b@example.com")));
    try (FilterLog log = FilterLog.capture()) {
      for (String jwt : List.of(tooLong, notAString)) {
        HttpResponse<String> plain = get(base, "/whoami", "x-amzn-oidc-data", jwt);
        assertThat(plain.statusCode()).isEqualTo(403);
        assertThat(plain.body()).isEqualTo("forbidden\n");
        HttpResponse<String> json = get(base, "/api/things", "x-amzn-oidc-data", jwt);
        assertThat(json.statusCode()).isEqualTo(403);
        assertThat(json.headers().firstValue("Content-Type").orElse(""))
            .startsWith("application/json");
        assertThat(json.body()).isEqualTo("{\"error\":\"forbidden\"}");
      }
      assertThat(log.warnings()).hasSize(4)
          .allSatisfy(line -> assertThat(line).contains("MAPPING_FAILED ("));
      assertThat(log.warnings().get(0)).contains("MAPPING_FAILED (INPUT_TOO_LARGE in username)");
      assertThat(log.warnings().get(2)).contains("MAPPING_FAILED (EVALUATION_ERROR in username)");
    }
    assertThat(get(base, "/whoami", "x-amzn-oidc-data",
        token("c", Map.of("email", "C@Example.com"))).body()).contains("remoteUser=c@example.com");
  }

  @Test
  void mappingSkipRuleRefusesWith403() throws Exception {
    URI base = start(configured().mapper(AttributeMapping.builder()
        .map("username", "if(endsWith(email, \"@contractor.example\"), skip(\"contractor\"), email)")
        .build()).build(), Map.of());
    assertThat(get(base, "/whoami", "x-amzn-oidc-data",
        token("a", Map.of("email", "x@example.com"))).statusCode()).isEqualTo(200);
    assertThat(get(base, "/whoami", "x-amzn-oidc-data",
        token("b", Map.of("email", "y@contractor.example"))).statusCode()).isEqualTo(403);
  }

  @Test
  void provisionsAtLoginIntoTheStoreAndRefusesDeactivatedUsers() throws Exception {
    InMemoryUserStore store = new InMemoryUserStore();
    SyncEngine engine = SyncEngine.builder().store(store).sourceId("alb")
        .mapper(AttributeMapping.builder().map("username", "email").map("email", "email")
            .map("groups", "groups").build())
        .defaultGroups("app-users").build();
    URI base = start(configured()
        .provisioner(UserSyncProvisioner.jit(engine, store))
        .provisioningCacheTtl(Duration.ZERO)
        .build(), Map.of());

    HttpResponse<String> first = get(base, "/whoami?role=app-users", "x-amzn-oidc-data",
        token("sub-9", Map.of("email", "new@example.com")));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(lines(first)).containsEntry("remoteUser", "new@example.com")
        .containsEntry("inRole:app-users", "true");
    StoredUser stored = store.findByUsername("new@example.com").orElseThrow();
    assertThat(stored.externalId()).isEqualTo("sub-9");
    assertThat(stored.active()).isTrue();

    store.deactivate("new@example.com");
    HttpResponse<String> refused = get(base, "/whoami", "x-amzn-oidc-data",
        token("sub-9", Map.of("email", "new@example.com")));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(store.findByUsername("new@example.com").orElseThrow().active()).isFalse();
  }

  /** A directory with Graph-shaped user records that can look one up by {@code mail}. */
  private static final class GraphLikeDirectory implements DirectorySource, UserLookup {
    private final Map<String, Map<String, Object>> byMail = new ConcurrentHashMap<>();

    void put(String id, String upn, String mail, boolean enabled) {
      byMail.put(mail, Map.of("id", id, "userPrincipalName", upn, "mail", mail,
          "displayName", "Directory " + upn, "accountEnabled", enabled));
    }

    @Override
    public String id() {
      return "entra";
    }

    @Override
    public Stream<SourceUser> users() {
      return byMail.values().stream().map(r -> SourceUser.of((String) r.get("id"), r));
    }

    @Override
    public Optional<SourceUser> lookup(String attribute, String value) {
      Map<String, Object> record = "mail".equals(attribute) ? byMail.get(value) : null;
      return Optional.ofNullable(record).map(r -> SourceUser.of((String) r.get("id"), r));
    }

    @Override
    public Optional<SourceUser> lookupById(String id) {
      return users().filter(u -> u.id().equals(id)).findFirst();
    }
  }

  @Test
  void loginTimeLookupStoresTheDirectoryRecordAndFollowsItsActiveFlag() throws Exception {
    GraphLikeDirectory directory = new GraphLikeDirectory();
    directory.put("oid-1", "ann@corp.example", "ann@example.com", true);
    directory.put("oid-2", "bob@corp.example", "bob@example.com", false);
    InMemoryUserStore store = new InMemoryUserStore();
    SyncEngine engine = SyncEngine.builder().store(store).source(directory)
        .mapper(AttributeMapping.builder()
            .preset(DirectoryPreset.ENTRA).build())
        .build();
    URI base = start(configured()
        .provisioner(UserSyncProvisioner.lookup(engine, store, "email", "mail"))
        .build(), Map.of());

    HttpResponse<String> ann = get(base, "/whoami", "x-amzn-oidc-data",
        token("pairwise-sub-1", Map.of("email", "ann@example.com", "email_verified", true)));
    assertThat(ann.statusCode()).isEqualTo(200);
    assertThat(lines(ann)).containsEntry("remoteUser", "ann@corp.example");
    assertThat(store.findByUsername("ann@corp.example").orElseThrow().attributes())
        .containsEntry("displayName", "Directory ann@corp.example");

    assertThat(get(base, "/whoami", "x-amzn-oidc-data",
        token("pairwise-sub-2", Map.of("email", "bob@example.com", "email_verified", true)))
        .statusCode()).as("disabled in the directory").isEqualTo(403);
    HttpResponse<String> stranger = get(base, "/whoami", "x-amzn-oidc-data",
        token("pairwise-sub-3", Map.of("email", "eve@example.com", "email_verified", true)));
    assertThat(stranger.statusCode()).as("not in the directory").isEqualTo(403);
    assertThat(get(base, "/whoami", "x-amzn-oidc-data", token("pairwise-sub-4", Map.of()))
        .statusCode()).as("no email claim to look up").isEqualTo(403);
  }

  // --- issue 11: each review reproduction, end to end; each got 200 before the fix ---

  @Test
  void anUnverifiedEmailNeverSelectsAnAccount() throws Exception {
    // nOAuth: sub=attacker-sub-999, email=ceo@corp.example, email_verified=false -> 200 as the CEO
    GraphLikeDirectory directory = new GraphLikeDirectory();
    directory.put("oid-ceo", "ceo@corp.example", "ceo@corp.example", true);
    InMemoryUserStore store = new InMemoryUserStore();
    SyncEngine engine = SyncEngine.builder().store(store).source(directory)
        .mapper(AttributeMapping.builder().preset(DirectoryPreset.ENTRA).build()).build();
    URI base = start(configured().provisioningCacheTtl(Duration.ofMinutes(5))
        .provisioner(UserSyncProvisioner.lookup(engine, store, "email", "mail")).build(), Map.of());
    for (Map<String, ?> claims : List.of(
        Map.of("email", "ceo@corp.example", "email_verified", false),
        Map.of("email", "ceo@corp.example", "email_verified", "false"),
        Map.of("email", "ceo@corp.example"))) {
      assertThat(get(base, "/whoami", "x-amzn-oidc-data", token("attacker-sub-999", claims))
          .statusCode()).as("%s", claims).isEqualTo(403);
    }
    assertThat(store.findByUsername("ceo@corp.example")).as("nothing written").isEmpty();
    // the CEO's own login, with Cognito's string "true" as the ALB passes it, binds the account ...
    assertThat(get(base, "/whoami", "x-amzn-oidc-data", token("ceo-sub",
        Map.of("email", "ceo@corp.example", "email_verified", "true"))).statusCode())
        .isEqualTo(200);
    // ... and a verified email of another subject cannot take it over afterwards
    assertThat(get(base, "/whoami", "x-amzn-oidc-data", token("attacker-sub-999",
        Map.of("email", "ceo@corp.example", "email_verified", true))).statusCode())
        .isEqualTo(403);
  }

  @Test
  void aSkippedOutcomeNeverSignsIn() throws Exception {
    // with an engine filter that now excludes contractors, SKIPPED still signed the user in
    InMemoryUserStore store = new InMemoryUserStore();
    AttributeMapping mapping = AttributeMapping.builder().map("username", "email")
        .map("email", "email").build();
    SyncEngine before = SyncEngine.builder().store(store).sourceId("alb").mapper(mapping).build();
    URI open = start(configured().provisioner(UserSyncProvisioner.jit(before, store)).build(),
        Map.of());
    String contractor = token("sub-c", Map.of("email", "c@contractor.example"));
    assertThat(get(open, "/whoami", "x-amzn-oidc-data", contractor).statusCode()).isEqualTo(200);
    java.util.Objects.requireNonNull(container).close();
    SyncEngine after = SyncEngine.builder().store(store).sourceId("alb").mapper(mapping)
        .filter(user -> !String.valueOf(user.attributes().get("email")).endsWith("@contractor.example"))
        .build();
    URI filtered = start(configured().provisioner(UserSyncProvisioner.jit(after, store)).build(),
        Map.of());
    assertThat(get(filtered, "/whoami", "x-amzn-oidc-data", contractor).statusCode())
        .isEqualTo(403);
  }

  @Test
  void aLocalAccountIsNeverTakenOverByUsername() throws Exception {
    // MatchKey.USERNAME, local admin in superusers: preferred_username=admin -> 200 as admin
    InMemoryUserStore store = new InMemoryUserStore();
    store.create(StoredUser.local("admin", true, Map.of()));
    store.createGroup(io.github.albauth.usersync.StoredGroup.local("superusers"));
    store.addMember("superusers", "admin");
    SyncEngine engine = SyncEngine.builder().store(store).sourceId("alb")
        .matchBy(io.github.albauth.usersync.engine.MatchKey.USERNAME)
        .mapper(AttributeMapping.builder().map("username", "preferred_username").build()).build();
    URI base = start(configured().provisioner(UserSyncProvisioner.jit(engine, store)).build(),
        Map.of());
    try (FilterLog log = FilterLog.capture()) {
      HttpResponse<String> attacker = get(base, "/whoami?role=superusers", "x-amzn-oidc-data",
          token("attacker-sub", Map.of("preferred_username", "admin")));
      assertThat(attacker.statusCode()).isEqualTo(403);
      assertThat(log.warnings()).singleElement().asString()
          .contains("PROVISIONING_REFUSED (LOCAL_ACCOUNT");
    }
    assertThat(store.boundSubject("admin")).isEmpty();
  }

  @Test
  void anotherSubjectCannotLogIntoABoundAccount() throws Exception {
    // two subjects whose tokens carry the same immutable id claim: the first binds the account
    InMemoryUserStore store = new InMemoryUserStore();
    SyncEngine engine = SyncEngine.builder().store(store).sourceId("alb")
        .mapper(AttributeMapping.builder().map("username", "email").build()).build();
    URI base = start(configured().provisioningCacheTtl(Duration.ofMinutes(5))
        .provisioner(UserSyncProvisioner.jit(engine, store, "employee_id")).build(), Map.of());
    assertThat(get(base, "/whoami", "x-amzn-oidc-data", token("sub-ann",
        Map.of("email", "ann@example.com", "employee_id", "E1"))).statusCode()).isEqualTo(200);
    try (FilterLog log = FilterLog.capture()) {
      assertThat(get(base, "/whoami", "x-amzn-oidc-data", token("sub-eve",
          Map.of("email", "ann@example.com", "employee_id", "E1"))).statusCode()).isEqualTo(403);
      assertThat(log.warnings()).anySatisfy(line -> assertThat(line).contains("SUBJECT_MISMATCH"));
    }
  }

  @Test
  void aChangedIdentityIsNeverServedFromTheCache() throws Exception {
    // tokens whose mapped username was missing, empty or an array were accepted as the cached account
    InMemoryUserStore store = new InMemoryUserStore();
    SyncEngine engine = SyncEngine.builder().store(store).sourceId("alb")
        .mapper(AttributeMapping.builder().map("username", "email").map("email", "email").build())
        .build();
    URI base = start(configured().provisioningCacheTtl(Duration.ofMinutes(5))
        .configure(Map.of("albauth.mapping.username", "email"))
        .provisioner(UserSyncProvisioner.jit(engine, store)).build(), Map.of());
    assertThat(get(base, "/whoami", "x-amzn-oidc-data",
        token("sub-1", Map.of("email", "ann@example.com"))).statusCode()).isEqualTo(200);
    for (Map<String, ?> claims : List.of(Map.<String, Object>of(), Map.of("email", ""),
        Map.of("email", List.of("ann@example.com")))) {
      assertThat(get(base, "/whoami", "x-amzn-oidc-data", token("sub-1", claims)).statusCode())
          .as("%s", claims).isEqualTo(403);
    }
    // a changed attribute reaches the store on the next request
    assertThat(get(base, "/whoami", "x-amzn-oidc-data",
        token("sub-1", Map.of("email", "ann.new@example.com"))).statusCode()).isEqualTo(200);
    assertThat(store.findByExternalId("alb", "sub-1").orElseThrow().username())
        .isEqualTo("ann.new@example.com");
  }

  @Test
  void provisioningFailureOfTheStoreIs503() throws Exception {
    URI base = start(configured()
        .provisioner((identity, mapping) -> {
          throw new IllegalStateException("database down");
        })
        .build(), Map.of());
    HttpResponse<String> response = get(base, "/whoami", "x-amzn-oidc-data",
        token("s", Map.of()));
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("unavailable\n").doesNotContain("database");
  }

  @Test
  void verifiedAccessTokenGroupsAreMergedABadAccessTokenIs401AndAnotherUsersIs403(IdpTokenMinter idp)
      throws Exception {
    URI base = startWithInitParams(Map.of(
        "albauth.access-token.groups", "true",
        "albauth.access-token.issuer", idp.issuer(),
        "albauth.access-token.audiences", idp.clientId(),
        "albauth.access-token.jwks-url", env.jwksUri()));
    String alb = token("sub-1", Map.of("groups", List.of("from-id-token")));
    String access = idp.token().subject("sub-1").groups("from-access-token").sign();

    HttpResponse<String> ok = get(base, "/whoami", "x-amzn-oidc-data", alb,
        "x-amzn-oidc-accesstoken", access);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(lines(ok)).containsEntry("groups", "[from-id-token, from-access-token]");

    assertThat(get(base, "/whoami", "x-amzn-oidc-data", alb).statusCode()).isEqualTo(401);
    String someoneElses = idp.token().subject("sub-admin").groups("admins").sign();
    assertThat(get(base, "/whoami", "x-amzn-oidc-data", alb, "x-amzn-oidc-accesstoken",
        someoneElses).statusCode()).isEqualTo(403);
    assertThat(get(base, "/whoami", "x-amzn-oidc-data", alb, "x-amzn-oidc-accesstoken",
        access.substring(0, access.length() - 4) + "AAAA").statusCode()).isEqualTo(401);
  }

  @Test
  void withoutTheSameSubjectAnAccessTokenMustBeBoundByAClaimPair(IdpTokenMinter idp)
      throws Exception {
    // reproduced: with match-subject=false, Eve's ALB token plus her boss's access token gave Eve
    // the boss's roles
    Map<String, String> okta = Map.of(
        "albauth.access-token.groups", "true",
        "albauth.access-token.match-subject", "false",
        "albauth.access-token.issuer", idp.issuer(),
        "albauth.access-token.audiences", idp.clientId(),
        "albauth.access-token.jwks-url", env.jwksUri());
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> configured().configure(okta).build())
        .hasMessageStartingWith("an access token that need not share the ALB token's sub must be"
            + " bound by a claim pair (albauth.access-token.bind-claims");
    URI base = start(configured().configure(okta)
        .configure(Map.of("albauth.access-token.bind-claims", "sub=uid")).build(), Map.of());
    String eve = token("00u-eve", Map.of());
    String evesOwn = idp.token().subject("eve@corp.example").claim("uid", "00u-eve")
        .groups("staff").sign();
    String bosses = idp.token().subject("boss@corp.example").claim("uid", "00u-boss")
        .groups("executives").sign();
    HttpResponse<String> own = get(base, "/whoami", "x-amzn-oidc-data", eve,
        "x-amzn-oidc-accesstoken", evesOwn);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(lines(own)).containsEntry("groups", "[staff]");
    assertThat(get(base, "/whoami", "x-amzn-oidc-data", eve, "x-amzn-oidc-accesstoken", bosses)
        .statusCode()).isEqualTo(403);
    String noUid = idp.token().subject("eve@corp.example").groups("staff").sign();
    assertThat(get(base, "/whoami", "x-amzn-oidc-data", eve, "x-amzn-oidc-accesstoken", noUid)
        .statusCode()).isEqualTo(403);
  }

  @Test
  void provisioningIsCachedPerUserForTheTtlThenAskedAgain() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    AtomicInteger calls = new AtomicInteger();
    AtomicBoolean active = new AtomicBoolean(true);
    URI base = start(configured()
        .clock(clock)
        .provisioningCacheTtl(Duration.ofMinutes(5))
        .provisioner((identity, mapping) -> {
          calls.incrementAndGet();
          return ProvisionedUser.of("local-" + identity.subject(), active.get(), List.of("staff"));
        })
        .build(), Map.of());
    String jwt = token("sub-7", Map.of());
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> response = get(base, "/whoami", "x-amzn-oidc-data", jwt);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(lines(response)).containsEntry("remoteUser", "local-sub-7")
          .containsEntry("groups", "[staff]");
    }
    assertThat(calls).hasValue(1);

    active.set(false);
    clock.advance(Duration.ofMinutes(4));
    assertThat(get(base, "/whoami", "x-amzn-oidc-data", jwt).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(2));
    assertThat(get(base, "/whoami", "x-amzn-oidc-data", jwt).statusCode()).isEqualTo(403);
    assertThat(calls).hasValue(2);
  }

  @Test
  void refusalsAreLoggedWithReasonCodesAndNeverTheToken() throws Exception {
    try (FilterLog log = FilterLog.capture()) {
      URI base = startWithInitParams(Map.of());
      String expired = minter.token().subject("s").expiresAt(Instant.now().minusSeconds(600))
          .sign();
      String forged = minter.token().subject("s").signature(new byte[64]);
      get(base, "/whoami", "x-amzn-oidc-data", expired);
      get(base, "/whoami", "x-amzn-oidc-data", forged);
      get(base, "/whoami?x=%0d%0aFAKE", "x-amzn-oidc-data", "Bearer " + expired);

      List<String> messages = log.all();
      assertThat(messages).anySatisfy(m -> assertThat(m).contains("INVALID_TOKEN (EXPIRED)"));
      assertThat(messages).anySatisfy(m -> assertThat(m).contains("INVALID_TOKEN (BAD_SIGNATURE)"));
      log.assertNoneContains(expired);
      log.assertNoneContains(forged);
      for (String message : messages) {
        assertThat(message).doesNotContain("\r", "\n");
      }
    }
  }

  @Test
  void aFloodOfRefusalsLogsAtMostTheConfiguredLinesPerMinuteThenASummary() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    URI base = start(configured().configure(Map.of("albauth.failure-log.per-minute", "5"))
        .clock(clock).build(), Map.of());
    String forged = minter.token().subject("s").signature(new byte[64]);
    try (FilterLog log = FilterLog.capture()) {
      for (int i = 0; i < 200; i++) {
        assertThat(get(base, "/whoami", "x-amzn-oidc-data", forged).statusCode()).isEqualTo(401);
      }
      assertThat(log.warnings()).hasSize(5)
          .allSatisfy(line -> assertThat(line).contains("INVALID_TOKEN (BAD_SIGNATURE)"));
      assertThat(log.all()).as("the suppressed ones at DEBUG").hasSize(200);

      clock.advance(Duration.ofMinutes(1));
      get(base, "/whoami", "x-amzn-oidc-data", forged);
      assertThat(log.warnings()).hasSize(7).element(5, as(InstanceOfAssertFactories.STRING))
          .isEqualTo("195 further authentication failures were not logged in the last 60000 ms");
      assertThat(log.warnings().get(6)).contains("INVALID_TOKEN (BAD_SIGNATURE)");
      log.assertNoneContains(forged);
    }
  }

  @Test
  void concurrentRequestsOfManyUsersEachSeeTheirOwnPrincipal() throws Exception {
    URI base = startWithInitParams(Map.of("albauth.mapping.username", "email"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Map<String, String>>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String email = "user" + i + "@example.com";
        String jwt = token("sub-" + i, Map.of("email", email));
        calls.add(() -> lines(get(base, "/whoami", "x-amzn-oidc-data", jwt)));
      }
      List<Future<Map<String, String>>> results = pool.invokeAll(calls);
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get())
            .containsEntry("remoteUser", "user" + i + "@example.com")
            .containsEntry("mdc", "user" + i + "@example.com");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // --- issue 10: duplicate headers, unbypassable exclusions, logout and sessions, no Error escapes

  private static RawHttp.Response raw(URI base, String method, String target, String... headers)
      throws IOException {
    return RawHttp.send(base, method, target, headers);
  }

  /** Issue 10 item 6: the ALB sends each of its headers once; a second copy is an attack. */
  @Test
  void anAlbHeaderSentTwiceIs401Malformed() throws Exception {
    URI base = startWithInitParams(Map.of());
    String valid = token("sub-1", Map.of());
    String other = token("sub-2", Map.of());
    List<List<String>> twice = List.of(
        List.of("x-amzn-oidc-data: " + valid, "x-amzn-oidc-data: junk"),
        List.of("x-amzn-oidc-data: " + valid, "x-amzn-oidc-data: " + other),
        List.of("x-amzn-oidc-data: " + valid, "X-Amzn-Oidc-Data: " + valid),
        List.of("x-amzn-oidc-data: " + valid, "x-amzn-oidc-data: "),
        List.of("x-amzn-oidc-data: " + valid, "x-amzn-oidc-identity: sub-1",
            "x-amzn-oidc-identity: sub-2"),
        List.of("x-amzn-oidc-data: " + valid, "x-amzn-oidc-identity: sub-1",
            "X-AMZN-OIDC-IDENTITY: sub-1"),
        List.of("x-amzn-oidc-data: " + valid, "x-amzn-oidc-accesstoken: a",
            "x-amzn-oidc-accesstoken: b"));
    assertThat(raw(base, "GET", "/whoami", "x-amzn-oidc-data: " + valid,
        "x-amzn-oidc-identity: sub-1").status()).isEqualTo(200);
    try (FilterLog log = FilterLog.capture()) {
      for (List<String> headers : twice) {
        RawHttp.Response response = raw(base, "GET", "/whoami", headers.toArray(String[]::new));
        assertThat(response.status()).as(headers.toString()).isEqualTo(401);
        assertThat(response.body()).as(headers.toString()).isEqualTo("unauthorized\n");
      }
      assertThat(log.warnings()).hasSize(twice.size()).allSatisfy(line -> assertThat(line)
          .containsPattern("MALFORMED \\(x-amzn-oidc-(data|identity|accesstoken) header sent"
              + " twice\\)"));
      log.assertNoneContains(valid);
    }
  }

  /**
   * Neither container splits one header line at commas for {@code getHeaders}; a comma-joined
   * value (what a proxy that folds repeated headers would send) is one value that does not verify.
   */
  @Test
  void aCommaJoinedAlbHeaderIsOneValueThatDoesNotVerify() throws Exception {
    URI base = startWithInitParams(Map.of());
    String valid = token("sub-1", Map.of());
    try (FilterLog log = FilterLog.capture()) {
      assertThat(raw(base, "GET", "/whoami", "x-amzn-oidc-data: " + valid + ", junk").status())
          .isEqualTo(401);
      assertThat(raw(base, "GET", "/whoami", "x-amzn-oidc-data: " + valid + "," + valid).status())
          .isEqualTo(401);
      assertThat(raw(base, "GET", "/whoami", "x-amzn-oidc-data: " + valid,
          "x-amzn-oidc-identity: sub-1, sub-2").status()).isEqualTo(401);
      assertThat(log.warnings()).hasSize(3)
          .allSatisfy(line -> assertThat(line).contains("INVALID_TOKEN ("));
    }
  }

  @Test
  void theConfiguredTokenHeaderSentTwiceIs401Malformed() throws Exception {
    URI base = startWithInitParams(Map.of("albauth.token-header", "x-alb-token"));
    String valid = token("sub-1", Map.of());
    assertThat(raw(base, "GET", "/whoami", "x-alb-token: " + valid).status()).isEqualTo(200);
    try (FilterLog log = FilterLog.capture()) {
      assertThat(raw(base, "GET", "/whoami", "x-alb-token: " + valid, "x-alb-token: junk")
          .status()).isEqualTo(401);
      assertThat(log.warnings()).singleElement(as(InstanceOfAssertFactories.STRING))
          .contains("MALFORMED (x-alb-token header sent twice)");
    }
  }

  /** The exclusions of the path tests: an extension is only excluded within its directory. */
  static final String EXCLUDES = "/health, /public/*, /static/*.css";

  /**
   * Issue 10 item 7: every spelling of a protected path (and every spelling of an excluded one
   * that is not in canonical form) is authenticated or refused by the container; before, with
   * {@code *.css} excluded, Jetty 12 served 9 and Tomcat 10.1 18 of these without a principal.
   */
  @Test
  void noSpellingOfAProtectedPathIsServedWithoutAuthentication() throws Exception {
    URI base = startWithInitParams(Map.of("albauth.exclude-paths", EXCLUDES));
    List<String> mustAuthenticate = List.of(
        "/api/secret.css", "/api/secret.CSS", "/api/secret%3b.css", "/api/secret%3B.css",
        "/api/secret%2ecss", "/api/secret%2Ecss", "/api/x/..;/secret.css", "/api/secret%2500.css",
        "/api/secret%00.css", "/api/secret;.css", "/api/secret.css;x=1", "/api/secret;x=1.css",
        "//api/secret.css", "/api//secret.css", "/api/secret.css.", "/api/secret.css%2f",
        "/api/secret.css/", "/api/secret.css%20", "/api%2fsecret.css", "/api/secret?x=.css",
        "/static/../api/secret.css", "/static/..;/api/secret.css", "/static/%2e%2e/api/secret.css",
        "/static/%2e%2e%2fapi/secret.css", "/static%2f..%2fapi%2fsecret.css",
        "/static/./../api/secret.css", "/static/..%2fapi/secret.css", "/static/..%5capi/secret.css",
        "/static/%2e%2e;/api/secret.css", "/static/.%2e/api/secret.css",
        "/public/../admin", "/public/..;/admin", "/public/%2e%2e/admin", "/public%2f..%2fadmin",
        "/public/.%2e/admin", "/public;x=1/../admin", "/public/%2e%2e%2fadmin",
        "/public/..%00/admin", "/public/..%2500/admin", "//public/../admin",
        "/health/../admin", "/health;/../admin", "/health/..;/admin", "/health%2f..%2fadmin",
        "/HEALTH", "/Health", "/health.", "/health%2e", "/health/", "/health%20", "/health%00",
        "/health%2500", "/health/x", "/healthz", "/PUBLIC/a", "/Public/a",
        "/public./a", "/public%2e/a", "/publicx/a", "/admin", "/", "/static/site.CSS",
        "/Static/site.css", "/static/site.css.", "/static/site.css%00", "/static/site%2500.css",
        "/static/site%3b.css", "/static;x=1/../api/secret.css");
    List<String> served = new ArrayList<>();
    for (String target : mustAuthenticate) {
      RawHttp.Response response = raw(base, "GET", target);
      if (!List.of(400, 401, 404).contains(response.status())
          || response.body().contains("servletPath=")) {
        served.add(target + " -> " + response.status() + " "
            + response.body().replace('\n', ' '));
      }
    }
    assertThat(served).as("served without authentication on " + kind()).isEmpty();
  }

  @Test
  void theGenuineExcludedPathsAreServedWithoutAToken() throws Exception {
    URI base = startWithInitParams(Map.of("albauth.exclude-paths", EXCLUDES));
    for (String target : List.of("/health", "/public", "/public/a/b", "/public/a.css",
        "/static/site.css", "/static/deep/site.css", "/health?x=1")) {
      RawHttp.Response response = raw(base, "GET", target);
      assertThat(response.status()).as(target).isEqualTo(200);
      assertThat(response.body()).as(target).contains("principal=null");
    }
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  /** Issue 10 item 9: an Error thrown by a step ends in a refusal, never in a 500. */
  @Test
  void aStackOverflowInTheMappingIs403AndInTheProvisionerIs503() throws Exception {
    UserAttributeMapper bySub = AttributeMapping.builder().map("username", "sub").build();
    URI base = start(configured()
        .mapper(source -> {
          if (source.get("boom") != null) {
            recurse(0);
          }
          return bySub.map(source);
        })
        .provisioner((identity, mapping) -> {
          if (identity.claims().containsKey("store-boom")) {
            recurse(0);
          }
          return ProvisionedUser.of(identity.subject(), true, List.of());
        })
        .provisioningCacheTtl(Duration.ZERO)
        .build(), Map.of());
    try (FilterLog log = FilterLog.capture()) {
      RawHttp.Response mapping = raw(base, "GET", "/whoami",
          "x-amzn-oidc-data: " + token("s1", Map.of("boom", "1")));
      assertThat(mapping.status()).isEqualTo(403);
      assertThat(mapping.body()).isEqualTo("forbidden\n");
      RawHttp.Response store = raw(base, "GET", "/whoami",
          "x-amzn-oidc-data: " + token("s2", Map.of("store-boom", "1")));
      assertThat(store.status()).isEqualTo(503);
      assertThat(store.body()).isEqualTo("unavailable\n");
      assertThat(store.headers("Retry-After")).containsExactly("5");
      assertThat(log.warnings()).hasSize(2);
      assertThat(log.warnings().get(0)).contains("MAPPING_FAILED (StackOverflowError)");
      assertThat(log.warnings().get(1)).contains("PROVISIONING_FAILED (StackOverflowError)");
    }
    assertThat(raw(base, "GET", "/whoami", "x-amzn-oidc-data: " + token("s3", Map.of()))
        .status()).as("the filter still works").isEqualTo(200);
  }

  /** Issue 10 item 8: a session planted before login must not survive the login. */
  @Test
  void theSessionIdChangesWhenASubjectFirstAuthenticatesOnAnExistingSession() throws Exception {
    URI base = startWithInitParams(Map.of("albauth.exclude-paths", "/public/*"));
    String planted = sessionCookie(raw(base, "GET", "/public/start?session=create"));
    String plantedId = planted.substring(planted.indexOf('=') + 1);
    String jwt = token("sub-1", Map.of());

    RawHttp.Response login = raw(base, "GET", "/whoami", "x-amzn-oidc-data: " + jwt,
        "Cookie: " + planted);
    assertThat(login.status()).isEqualTo(200);
    String rotated = sessionCookie(login);
    String rotatedId = rotated.substring(rotated.indexOf('=') + 1);
    assertThat(rotatedId).isNotEqualTo(plantedId);
    // Jetty's cookie is the session id plus a worker suffix (".node0")
    assertThat(rotatedId).startsWith(lines(login).get("session"));
    assertThat(lines(login)).containsEntry("sessionSubject", env.issuer() + " sub-1");

    RawHttp.Response again = raw(base, "GET", "/whoami", "x-amzn-oidc-data: " + jwt,
        "Cookie: " + rotated);
    assertThat(again.headers("Set-Cookie")).as("no second rotation").isEmpty();
    assertThat(lines(again)).containsEntry("session", lines(login).get("session"));
    assertThat(lines(raw(base, "GET", "/whoami", "x-amzn-oidc-data: " + jwt,
        "Cookie: " + planted))).as("the planted id is dead").containsEntry("session", "null");
  }

  @Test
  void aSessionOfAnotherSubjectIsInvalidated() throws Exception {
    URI base = startWithInitParams(Map.of());
    RawHttp.Response first = raw(base, "GET", "/whoami?session=create",
        "x-amzn-oidc-data: " + token("sub-1", Map.of()));
    String session = sessionCookie(first);
    assertThat(lines(first)).containsEntry("sessionSubject", env.issuer() + " sub-1");

    String otherUser = token("sub-2", Map.of());
    RawHttp.Response without = raw(base, "GET", "/whoami", "x-amzn-oidc-data: " + otherUser,
        "Cookie: " + session);
    assertThat(without.status()).isEqualTo(200);
    assertThat(lines(without)).containsEntry("subject", "sub-2").containsEntry("session", "null");

    RawHttp.Response created = raw(base, "GET", "/whoami?session=create",
        "x-amzn-oidc-data: " + otherUser, "Cookie: " + session);
    assertThat(lines(created)).containsEntry("sessionSubject", env.issuer() + " sub-2");
    assertThat(sessionCookie(created)).isNotEqualTo(session);
    assertThat(lines(raw(base, "GET", "/whoami", "x-amzn-oidc-data: " + token("sub-1", Map.of()),
        "Cookie: " + session))).as("sub-1's session is gone").containsEntry("session", "null");
  }

  @Test
  void anApplicationWithoutSessionsGetsNoSession() throws Exception {
    URI base = startWithInitParams(Map.of());
    RawHttp.Response response = raw(base, "GET", "/whoami",
        "x-amzn-oidc-data: " + token("sub-1", Map.of()));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers("Set-Cookie")).isEmpty();
    assertThat(lines(response)).containsEntry("session", "null");
  }

  /** Issue 10 item 8: a cross-site link must not log the user out. */
  @Test
  void logoutOverGetIs405AndDoesNothing() throws Exception {
    URI base = startWithInitParams(Map.of(
        "albauth.idp", "keycloak",
        "albauth.logout.path", "/logout",
        "albauth.logout.return-to", "https://app.example.com/"));
    try (FilterLog log = FilterLog.capture()) {
      for (String method : List.of("GET", "HEAD", "PUT", "DELETE")) {
        RawHttp.Response response = raw(base, method, "/logout",
            "Cookie: AWSELBAuthSessionCookie-0=abc");
        assertThat(response.status()).as(method).isEqualTo(405);
        assertThat(response.headers("Allow")).as(method).containsExactly("POST");
        assertThat(response.headers("Set-Cookie")).as(method).isEmpty();
        assertThat(response.headers("Location")).as(method).isEmpty();
      }
      assertThat(log.warnings()).hasSize(4).first(as(InstanceOfAssertFactories.STRING))
          .isEqualTo("albauth refused GET /logout from 127.0.0.1: logout needs POST");
    }
  }

  @Test
  void logoutOverPostInvalidatesTheSessionExpiresTheAlbCookiesAndRedirects() throws Exception {
    URI base = startWithInitParams(Map.of(
        "albauth.idp", "keycloak",
        "albauth.logout.path", "/logout",
        "albauth.logout.return-to", "https://app.example.com/",
        "albauth.exclude-paths", "/public/*"));
    String session = sessionCookie(raw(base, "GET", "/public/start?session=create"));
    RawHttp.Response response = raw(base, "POST", "/logout",
        "Cookie: " + session + "; AWSELBAuthSessionCookie-0=abc; AWSELBAuthSessionCookie-7=def;"
            + " other=1");
    assertThat(response.status()).isEqualTo(302);
    assertThat(response.headers("Location")).containsExactly(env.issuer()
        + "/protocol/openid-connect/logout?client_id=" + env.clientId()
        + "&post_logout_redirect_uri=https%3A%2F%2Fapp.example.com%2F");
    List<String> cookies = response.headers("Set-Cookie");
    for (String shard : List.of("-0", "-1", "-2", "-3", "-7")) {
      assertThat(cookies).anySatisfy(c -> assertThat(c)
          .startsWith("AWSELBAuthSessionCookie" + shard + "=")
          .containsAnyOf("Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT"));
    }
    assertThat(cookies).noneSatisfy(c -> assertThat(c).startsWith("other="));
    assertThat(lines(raw(base, "GET", "/public/after", "Cookie: " + session)))
        .as("the session is gone").containsEntry("session", "null");
  }

  @Test
  void logoutFromAnotherSiteIs403() throws Exception {
    URI base = startWithInitParams(Map.of(
        "albauth.idp", "keycloak",
        "albauth.logout.path", "/logout",
        "albauth.logout.return-to", "https://app.example.com/"));
    try (FilterLog log = FilterLog.capture()) {
      RawHttp.Response crossSite = raw(base, "POST", "/logout", "Sec-Fetch-Site: cross-site",
          "Cookie: AWSELBAuthSessionCookie-0=abc");
      assertThat(crossSite.status()).isEqualTo(403);
      assertThat(crossSite.headers("Set-Cookie")).isEmpty();
      assertThat(log.warnings()).singleElement(as(InstanceOfAssertFactories.STRING))
          .endsWith(": cross-site logout");
    }
    for (String site : List.of("same-origin", "same-site", "none")) {
      assertThat(raw(base, "POST", "/logout", "Sec-Fetch-Site: " + site).status()).as(site)
          .isEqualTo(302);
    }
  }

  /** The session cookie a response set, as {@code NAME=value}. */
  private static String sessionCookie(RawHttp.Response response) {
    return response.headers("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .findFirst().orElseThrow(() -> new AssertionError("no session cookie in "
            + response.headerLines()));
  }

  private static Map<String, String> lines(RawHttp.Response response) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : response.body().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }
}
