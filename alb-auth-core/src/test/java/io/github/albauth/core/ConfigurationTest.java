package io.github.albauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.testkit.AlbKeyServer;
import io.github.albauth.testkit.AlbTokenMinter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import io.github.albauth.settings.Setting;
import io.github.albauth.settings.SettingsRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** albauth.* keys, environment variables, and the messages build() gives. */
class ConfigurationTest {
  private static final String ARN =
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";

  private static AlbTokenVerifier.Builder configured(Map<String, String> properties) {
    return AlbTokenVerifier.builder().configure(properties);
  }

  @Test
  void theTestkitEnvironmentPropertiesConfigureAWorkingVerifier() {
    AlbTokenMinter minter = AlbTokenMinter.create();
    try (AlbKeyServer server = AlbKeyServer.start(minter)) {
      Map<String, String> props = new LinkedHashMap<>();
      props.put(AlbAuthProperties.EXPECTED_SIGNERS, minter.signerArn());
      props.put(AlbAuthProperties.EXPECTED_ISSUERS, minter.issuer());
      props.put(AlbAuthProperties.EXPECTED_CLIENT_IDS, " other , " + minter.clientId() + " ");
      props.put(AlbAuthProperties.PUBLIC_KEY_URL, server.urlTemplate());
      props.put(AlbAuthProperties.CLOCK_SKEW, "PT30S");
      props.put(AlbAuthProperties.IDP, "Keycloak");
      props.put(AlbAuthProperties.MAX_TOKEN_SIZE, "8192");
      props.put(AlbAuthProperties.KEY_CACHE_SIZE, "10");
      props.put(AlbAuthProperties.KEY_FETCH_TIMEOUT, "PT1S");
      props.put(AlbAuthProperties.PROVIDER, "jdk");
      props.put(AlbAuthProperties.VERIFIED_TOKEN_CACHE_SIZE, "100");
      props.put(AlbAuthProperties.REGION, minter.region());
      AlbTokenVerifier verifier = configured(props).build();
      String token = minter.mint("user-1", Map.of("preferred_username", "ada"));
      assertThat(verifier.verify(token).username()).isEqualTo("ada");
    }
  }

  @Test
  void propertiesObjectsWorkToo() {
    Properties p = new Properties();
    p.setProperty(AlbAuthProperties.EXPECTED_SIGNERS, ARN);
    p.setProperty("unrelated.key", "x");
    assertThat(SettingsRegistry.fromProperties(p)).containsOnlyKeys(AlbAuthProperties.EXPECTED_SIGNERS);
    AlbTokenVerifier.builder().configure(p).build();
  }

  @Test
  void signersAreRequired() {
    assertThatThrownBy(() -> configured(Map.of()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no expected signer: set albauth.expected-signers (requireSigner) to your load balancer's arn;"
            + " every alb in a region signs with the same keys, so the signer is what proves a token came from yours");
  }

  @Test
  void badSignerArnsSayWhatIsExpected() {
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.EXPECTED_SIGNERS, "my-alb")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("signer \"my-alb\" is not an application load balancer arn; expected"
            + " arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>");
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.EXPECTED_SIGNERS,
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/nlb/50dc6c495c0c9188")).build())
        .hasMessageStartingWith("signer \"arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/");
  }

  @Test
  void regionMustAgreeWithTheSigner() {
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.EXPECTED_SIGNERS, ARN, AlbAuthProperties.REGION, "us-east-1")).build())
        .hasMessage("region us-east-1 does not match region eu-west-1 of signer " + ARN + "; remove albauth.region or correct it");
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.EXPECTED_SIGNERS, ARN, AlbAuthProperties.REGION, "x/y")).build())
        .hasMessage("region \"x/y\" is not an aws region such as eu-west-1");
  }

  @Test
  void chinaNeedsAnExplicitKeyUrl() {
    String cn = "arn:aws-cn:elasticloadbalancing:cn-north-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.EXPECTED_SIGNERS, cn)).build())
        .hasMessage("signer " + cn + " is in partition aws-cn, for which aws documents no public key endpoint;"
            + " set albauth.public-key-url (publicKeyUrl)");
    configured(Map.of(AlbAuthProperties.EXPECTED_SIGNERS, cn,
        AlbAuthProperties.PUBLIC_KEY_URL, "https://keys.example.cn/{region}/{kid}")).build();
  }

  @Test
  void partitionAndRegionOfASignerMustAgree() {
    String tail = ":123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
    for (String[] bad : new String[][] {
        {"aws", "us-gov-west-1", "aws-us-gov"}, {"aws", "cn-north-1", "aws-cn"},
        {"aws-us-gov", "eu-west-1", "aws"}, {"aws-us-gov", "cn-northwest-1", "aws-cn"},
        {"aws-cn", "us-east-1", "aws"}, {"aws-cn", "us-gov-east-1", "aws-us-gov"}}) {
      String arn = "arn:" + bad[0] + ":elasticloadbalancing:" + bad[1] + tail;
      assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.EXPECTED_SIGNERS, arn)).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("signer \"" + arn + "\" has partition " + bad[0] + " but region " + bad[1] + ", which is in partition "
              + bad[2] + " (aws-us-gov goes with us-gov-*, aws-cn with cn-*, aws with every other region);"
              + " copy the arn from the load balancer's details page or from aws elbv2 describe-load-balancers");
    }
    // other partitions (e.g. iso) are not second-guessed; they need an explicit key url anyway
    configured(Map.of(AlbAuthProperties.EXPECTED_SIGNERS, "arn:aws-iso:elasticloadbalancing:us-iso-east-1" + tail,
        AlbAuthProperties.PUBLIC_KEY_URL, "https://keys.example/{region}/{kid}")).build();
  }

  @Test
  void govCloudAndCommercialNeedNoKeyUrl() {
    configured(Map.of(AlbAuthProperties.EXPECTED_SIGNERS,
        ARN + ",arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:loadbalancer/app/gov/50dc6c495c0c9188")).build();
  }

  @Test
  void aGovCloudSignerFetchesItsKeyFromTheGovCloudEndpoint() {
    String gov = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:loadbalancer/app/gov/50dc6c495c0c9188";
    AlbTokenMinter govMinter = AlbTokenMinter.builder().signerArn(gov).build();
    List<URI> requested = new CopyOnWriteArrayList<>();
    AlbPublicKeySource capturing = AlbPublicKeySource.builder()
        .fetcher(uri -> {
          requested.add(uri);
          return pem(govMinter.publicKey(govMinter.currentKeyId()));
        })
        .build();
    AlbTokenVerifier verifier = AlbTokenVerifier.builder().requireSigner(gov).publicKeySource(capturing).build();

    assertThat(verifier.verify(govMinter.mint("user-1", Map.of())).signer()).isEqualTo(gov);
    assertThat(requested).containsExactly(URI.create("https://s3-us-gov-west-1.amazonaws.com/aws-elb-public-keys-prod-us-gov-west-1/"
        + govMinter.currentKeyId()));
  }

  private static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  @Test
  void plainHttpKeyUrlsOnlyToLoopback() {
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.EXPECTED_SIGNERS, ARN,
            AlbAuthProperties.PUBLIC_KEY_URL, "http://keys.example.com/{kid}")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("public key url \"http://keys.example.com/{kid}\" must use https (plain http is allowed only to a loopback host)");
  }

  @Test
  void badValuesNameTheKeyAndTheFix() {
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.CLOCK_SKEW, "ten seconds")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("albauth.clock-skew: \"ten seconds\" is not a duration; give ISO-8601 (PT10S, PT2M)"
            + " or a number with ms, s, m, h or d (10s, 500ms)");
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.CLOCK_SKEW, "PT10M")))
        .hasMessage("albauth.clock-skew: PT10M is out of range; give PT0S to PT5M");
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.MAX_TOKEN_SIZE, "big")))
        .hasMessageStartingWith("albauth.max-token-size: \"big\" is not a size");
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.MAX_TOKEN_SIZE, "10")))
        .hasMessage("albauth.max-token-size: 10 is out of range; give 1024 to 1048576");
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.IDP, "auth0")))
        .hasMessage("albauth.idp: \"auth0\" is not one of [cognito, entra, okta, google, keycloak,"
            + " onelogin, other]");
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.KEY_CACHE_SIZE, "0")))
        .hasMessage("albauth.key-cache-size: 0 is out of range; give 1 to 100000");
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.EXPECTED_ISSUERS, "")))
        .hasMessage("albauth.expected-issuers: the value is empty; remove the key or give"
            + " comma-separated list");
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.EXPECTED_SIGNERS, ARN, AlbAuthProperties.PROVIDER, "NoSuchProvider")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("provider \"NoSuchProvider\" is not installed; use auto, jdk, or the name of an installed jca provider");
    assertThatThrownBy(() -> AlbTokenVerifier.builder().keyCacheSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key cache size must be between 1 and 100000 but was 0");
  }

  @Test
  void aTypoInAKeyFailsWithTheNearestKey() {
    // reproduced: albauth.expected-issuer=... (singular) left the issuer check off
    assertThatThrownBy(() -> configured(Map.of(AlbAuthProperties.EXPECTED_SIGNERS, ARN,
        "albauth.expected-issuer", "https://idp.example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown key albauth.expected-issuer; did you mean albauth.expected-issuers?");
    // keys outside albauth.* are not ours to judge
    assertThat(configured(Map.of(AlbAuthProperties.EXPECTED_SIGNERS, ARN, "server.port", "8080"))
        .build()).isNotNull();
  }

  @Test
  void codeAndConfigurationMayAgreeButNeverConflict() {
    // reproduced: idp(OKTA).configure({albauth.idp=okta}) failed with "idp was already set"
    try (AlbTokenVerifier verifier = AlbTokenVerifier.builder().requireSigner(ARN).idp(IdpPreset.OKTA)
        .configure(Map.of(AlbAuthProperties.IDP, "okta")).build()) {
      assertThat(verifier).isNotNull();
    }
    assertThatThrownBy(() -> AlbTokenVerifier.builder().requireSigner(ARN).idp(IdpPreset.OKTA)
        .configure(Map.of(AlbAuthProperties.IDP, "entra")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("idp is set twice, in code to okta and by albauth.idp to entra; remove one of them");
    // reproduced: requireSigner(A).configure({expected-signers=B}) quietly built with [A, B]
    String other = ARN.replace("50dc6c495c0c9188", "0123456789abcdef");
    assertThatThrownBy(() -> AlbTokenVerifier.builder().requireSigner(ARN)
        .configure(Map.of(AlbAuthProperties.EXPECTED_SIGNERS, other)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("expected signers is set twice, in code to [" + ARN + "] and by"
            + " albauth.expected-signers to [" + other + "]; remove one of them");
    assertThatThrownBy(() -> AlbTokenVerifier.builder()
        .configure(Map.of(AlbAuthProperties.CLOCK_SKEW, "PT5S"))
        .configure(Map.of(AlbAuthProperties.CLOCK_SKEW, "PT6S")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("albauth.clock-skew is configured twice, as \"PT5S\" and as \"PT6S\"; remove one of them");
  }

  @Test
  void optionsRefuseToBeSetTwice() {
    assertThatThrownBy(() -> AlbTokenVerifier.builder().clockSkew(java.time.Duration.ofSeconds(5)).clockSkew(java.time.Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("clock skew was already set to PT5S");
    assertThatThrownBy(() -> AlbTokenVerifier.builder().provider("jdk").provider("auto"))
        .hasMessage("provider was already set");
  }

  @Test
  void aCustomKeySourceExcludesKeySourceOptions() {
    AlbPublicKeySource source = AlbPublicKeySource.builder().build();
    assertThatThrownBy(() -> AlbTokenVerifier.builder().requireSigner(ARN).publicKeySource(source).keyCacheSize(5).build())
        .hasMessage("a public key source was set: configure its url, cache size, timeouts and listener on"
            + " AlbPublicKeySource.builder() instead of on this builder");
  }

  @Test
  void environmentVariablesMapOntoTheRegistry() {
    Map<String, String> env = new HashMap<>();
    env.put("ALBAUTH_EXPECTED_SIGNERS", ARN);
    env.put("ALBAUTH_CLOCK_SKEW", "PT5S");
    env.put("PATH", "/usr/bin");
    assertThat(SettingsRegistry.discover().fromEnvironment(env))
        .containsOnly(Map.entry(AlbAuthProperties.EXPECTED_SIGNERS, ARN), Map.entry(AlbAuthProperties.CLOCK_SKEW, "PT5S"));
    // the servlet module is not on this module's test path: its keys are unknown here
    assertThatThrownBy(() -> SettingsRegistry.discover().fromEnvironment(Map.of("ALBAUTH_TOKEN_HEADER", "x")))
        .hasMessageStartingWith("unknown environment variable ALBAUTH_TOKEN_HEADER");
  }

  @Test
  void everyCoreKeyIsDeclaredOnceInTheRegistry() throws IllegalAccessException {
    SettingsRegistry registry = SettingsRegistry.discover();
    List<String> names = new java.util.ArrayList<>();
    for (java.lang.reflect.Field field : AlbAuthProperties.class.getFields()) {
      names.add((String) field.get(null));
    }
    assertThat(names).hasSize(13);
    for (String name : names) {
      assertThat(registry.find(name)).as(name).isPresent();
      assertThat(registry.moduleOf(registry.find(name).orElseThrow())).isEqualTo("alb-auth-core");
    }
    assertThat(registry.settings()).extracting(Setting::name).containsExactlyInAnyOrderElementsOf(names);
  }
}
