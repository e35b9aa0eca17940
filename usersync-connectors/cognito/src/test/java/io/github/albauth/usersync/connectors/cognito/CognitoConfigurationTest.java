package io.github.albauth.usersync.connectors.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.settings.SettingsRegistry;
import io.github.albauth.usersync.connectors.cognito.internal.Calls;
import io.github.albauth.usersync.connectors.cognito.internal.Operation;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** {@link CognitoConfig}: options, {@code albauth.cognito.*} keys, conflicts, rates and pacing. */
class CognitoConfigurationTest {

  private static final String POOL = "eu-west-1_AbC123dEf";

  @Test
  void theRegionComesFromThePoolIdAndTheDefaultsAreSafe() {
    CognitoConfig config = CognitoConfig.builder().userPoolId(POOL).build();

    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.endpoint()).isNull();
    assertThat(config.sourceId()).isEqualTo("cognito");
    assertThat(config.pageSize()).isEqualTo(60);
    assertThat(config.invitation()).isEqualTo(CognitoConfig.Invitation.SUPPRESS);
    assertThat(config.deleteUsers()).isFalse();
    assertThat(config.emailVerified()).isFalse();
    assertThat(config.maxAttempts()).isEqualTo(5);
    assertThat(config.retryBudget()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.toString()).contains(POOL, "eu-west-1", "suppress");
  }

  @Test
  void everyOptionIsAlsoAKey() {
    CognitoConfig fromKeys = CognitoConfig.builder().configure(SettingsRegistry.discover()
        .fromEnvironment(Map.ofEntries(
            Map.entry("ALBAUTH_COGNITO_USER_POOL_ID", POOL),
            Map.entry("ALBAUTH_COGNITO_REGION", "eu-west-1"),
            Map.entry("ALBAUTH_COGNITO_ENDPOINT", "https://vpce.example.com/"),
            Map.entry("ALBAUTH_COGNITO_SOURCE_ID", "pool"),
            Map.entry("ALBAUTH_COGNITO_GROUPS", "staff,admins"),
            Map.entry("ALBAUTH_COGNITO_PAGE_SIZE", "25"),
            Map.entry("ALBAUTH_COGNITO_GROUP_NAMES", "description"),
            Map.entry("ALBAUTH_COGNITO_RATES", "UserList=5, UserUpdate=20"),
            Map.entry("ALBAUTH_COGNITO_INVITATION", "email-and-sms"),
            Map.entry("ALBAUTH_COGNITO_EMAIL_VERIFIED", "true"),
            Map.entry("ALBAUTH_COGNITO_PHONE_VERIFIED", "true"),
            Map.entry("ALBAUTH_COGNITO_DELETE_USERS", "true"),
            Map.entry("ALBAUTH_COGNITO_CONNECT_TIMEOUT", "3s"),
            Map.entry("ALBAUTH_COGNITO_REQUEST_TIMEOUT", "7s"),
            Map.entry("ALBAUTH_COGNITO_MAX_ATTEMPTS", "3"),
            Map.entry("ALBAUTH_COGNITO_RETRY_BUDGET", "PT40S")))).build();

    assertThat(fromKeys.endpoint()).isEqualTo(URI.create("https://vpce.example.com"));
    assertThat(fromKeys.sourceId()).isEqualTo("pool");
    assertThat(fromKeys.groupsInScope()).containsExactly("staff", "admins");
    assertThat(fromKeys.pageSize()).isEqualTo(25);
    assertThat(fromKeys.groupNamesFromDescriptions()).isTrue();
    assertThat(fromKeys.rates()).containsExactlyInAnyOrderEntriesOf(Map.of(
        CognitoQuota.USER_LIST, 5.0, CognitoQuota.USER_UPDATE, 20.0));
    assertThat(fromKeys.invitation()).isEqualTo(CognitoConfig.Invitation.EMAIL_AND_SMS);
    assertThat(fromKeys.emailVerified()).isTrue();
    assertThat(fromKeys.phoneVerified()).isTrue();
    assertThat(fromKeys.deleteUsers()).isTrue();
    assertThat(fromKeys.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(fromKeys.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(fromKeys.maxAttempts()).isEqualTo(3);
    assertThat(fromKeys.retryBudget()).isEqualTo(Duration.ofSeconds(40));

    CognitoConfig inCode = CognitoConfig.builder().userPoolId(POOL).region("eu-west-1")
        .endpoint(URI.create("https://vpce.example.com")).sourceId("pool")
        .groupsInScope("staff", "admins").pageSize(25).groupNamesFromDescriptions()
        .rate(CognitoQuota.USER_LIST, 5).rate(CognitoQuota.USER_UPDATE, 20)
        .invitation(CognitoConfig.Invitation.EMAIL_AND_SMS).markEmailVerified()
        .markPhoneVerified().deleteUsers().connectTimeout(Duration.ofSeconds(3))
        .requestTimeout(Duration.ofSeconds(7)).maxAttempts(3).retryBudget(Duration.ofSeconds(40))
        .build();
    assertThat(inCode.toString()).isEqualTo(fromKeys.toString());
  }

  @Test
  void aTypoInAKeyFailsWithTheNearestKey() {
    assertThatThrownBy(() -> CognitoConfig.builder()
        .configure(Map.of("albauth.cognito.user-pool", POOL)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("did you mean albauth.cognito.user-pool-id");
  }

  @Test
  void badValuesSayWhatIsWrongAndHowToFixIt() {
    assertThatThrownBy(() -> CognitoConfig.builder().userPoolId("my pool"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<region>_<id>");
    assertThatThrownBy(() -> CognitoConfig.builder().userPoolId("eu-west-1_\u202Eab"))
        .hasMessageContaining("\\u202e");
    assertThatThrownBy(() -> CognitoConfig.builder().pageSize(61))
        .hasMessage("pageSize is 61; give 1 to 60");
    assertThatThrownBy(() -> CognitoConfig.builder().endpoint(URI.create("http://cognito.example")))
        .hasMessageContaining("not an https URL");
    assertThatThrownBy(() -> CognitoConfig.builder().rate(CognitoQuota.USER_LIST, 0))
        .hasMessageContaining("give more than 0");
    assertThatThrownBy(() -> CognitoConfig.builder()
        .configure(Map.of("albauth.cognito.rates", "UserLists=5")))
        .hasMessageContaining("albauth.cognito.rates").hasMessageContaining("use one of UserCreation");
    assertThatThrownBy(() -> CognitoConfig.builder()
        .configure(Map.of("albauth.cognito.rates", "UserList=fast")))
        .hasMessageContaining("is not a number");
    assertThatThrownBy(() -> CognitoConfig.builder()
        .configure(Map.of("albauth.cognito.invitation", "mail")))
        .hasMessageContaining("did you mean email");
    assertThatThrownBy(() -> CognitoConfig.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set albauth.cognito.user-pool-id");
  }

  @Test
  void conflictsFailTheBuild() {
    assertThatThrownBy(() -> CognitoConfig.builder().userPoolId(POOL).userPoolId(POOL))
        .isInstanceOf(IllegalStateException.class).hasMessage("userPoolId was already set");
    assertThatThrownBy(() -> CognitoConfig.builder().userPoolId(POOL).region("us-east-1").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is in eu-west-1");
    assertThatThrownBy(() -> CognitoConfig.builder().userPoolId(POOL)
        .configure(Map.of("albauth.cognito.user-pool-id", "eu-west-1_Other1")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("userPoolId is set twice");
    try (CognitoIdentityProviderClient client = CognitoIdentityProviderClient.builder()
        .region(Region.EU_WEST_1).credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))).build()) {
      assertThatThrownBy(() -> CognitoConfig.builder().userPoolId(POOL).client(client)
          .maxAttempts(3).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("belong to your CognitoIdentityProviderClient");
      CognitoSource source = CognitoSource.create(CognitoConfig.builder().userPoolId(POOL)
          .client(client).build());
      source.close();
      assertThat(client.serviceName()).as("the application's client stays open")
          .isEqualTo("cognito-idp");
    }
  }

  @Test
  void sourcesListAtFivePerSecondStoresAtTheQuotaAndGroupCallsAtFivePerPool() {
    CognitoConfig config = CognitoConfig.builder().userPoolId(POOL)
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .rate(CognitoQuota.USER_POOL_RESOURCE_READ, 20).build();
    try (Calls source = config.open(Calls.Side.SOURCE); Calls store = config.open(Calls.Side.STORE)) {
      assertThat(source.rate(Operation.ListUsers)).isEqualTo(5);
      assertThat(store.rate(Operation.ListUsers)).isEqualTo(30);
      assertThat(store.rate(Operation.AdminGetUser)).isEqualTo(120);
      assertThat(store.rate(Operation.AdminAddUserToGroup)).isEqualTo(25);
      assertThat(store.rate(Operation.GetGroup)).as("5 per operation and pool").isEqualTo(5);
    }
  }

  @Test
  void callsAreSpreadEvenlyAtTheRate() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    List<Duration> waits = new ArrayList<>();
    Clock[] now = {Clock.fixed(start, ZoneOffset.UTC)};
    Clock clock = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0].instant();
      }
    };
    CognitoConfig config = CognitoConfig.builder().userPoolId(POOL)
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .rate(CognitoQuota.USER_UPDATE, 4).clock(clock).sleeper(d -> waits.add(d)).build();
    try (Calls calls = config.open(Calls.Side.STORE)) {
      for (int i = 0; i < 5; i++) {
        calls.call(Operation.AdminDisableUser, () -> "done");
      }
      assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500),
          Duration.ofMillis(750), Duration.ofMillis(1000));
      now[0] = Clock.fixed(start.plusSeconds(10), ZoneOffset.UTC);
      calls.call(Operation.AdminEnableUser, () -> "done");
      assertThat(waits).as("a quiet category starts at once").hasSize(4);
    }
  }
}
