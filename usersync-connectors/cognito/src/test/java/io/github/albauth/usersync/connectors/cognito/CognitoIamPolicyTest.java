package io.github.albauth.usersync.connectors.cognito;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.StoredGroup;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserDeletion;
import io.github.albauth.usersync.UserUpdate;
import io.github.albauth.usersync.connectors.cognito.internal.Operation;
import io.github.albauth.usersync.connectors.cognito.simulation.CognitoSimulation;
import io.github.albauth.usersync.testkit.DirectorySourceComplianceTest;
import io.github.albauth.usersync.testkit.TestDirectory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The IAM policies in docs/connectors/cognito.md list exactly the actions each direction calls:
 * an SDK {@link ExecutionInterceptor} records the operation of every request while the source and
 * the store do everything they can, against the simulation.
 */
class CognitoIamPolicyTest {

  static final CognitoSimulation COGNITO = new CognitoSimulation(Clock.systemUTC());

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(COGNITO)).build();

  private static final Pattern POLICY = Pattern.compile(
      "<!-- iam-policy: (\\w+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);

  private final Set<String> recorded = new ConcurrentSkipListSet<>();

  private static Map<String, Set<String>> documentedPolicies() throws IOException {
    String doc = Files.readString(Path.of("..", "..", "docs", "connectors", "cognito.md"),
        StandardCharsets.UTF_8);
    Map<String, Set<String>> policies = new HashMap<>();
    Matcher m = POLICY.matcher(doc);
    ObjectMapper json = new ObjectMapper();
    while (m.find()) {
      JsonNode statement = json.readTree(m.group(2)).get("Statement").get(0);
      assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
      assertThat(statement.get("Resource").asText())
          .matches("arn:aws:cognito-idp:[a-z0-9-]+:\\d{12}:userpool/[a-z0-9-]+_\\w+");
      Set<String> actions = new TreeSet<>();
      statement.get("Action").forEach(a -> actions.add(a.asText()));
      policies.put(m.group(1), actions);
    }
    assertThat(policies).containsOnlyKeys("source", "target");
    return policies;
  }

  private CognitoIdentityProviderClient recordingClient() {
    return CognitoIdentityProviderClient.builder().region(Region.EU_WEST_1)
        .endpointOverride(URI.create(server.baseUrl()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "made-up")))
        .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void beforeExecution(Context.BeforeExecution context,
              ExecutionAttributes attributes) {
            recorded.add("cognito-idp:"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
          }
        })).build();
  }

  private CognitoConfig.Builder config(CognitoIdentityProviderClient client) {
    CognitoConfig.Builder b = CognitoConfig.builder().userPoolId(CognitoSimulation.POOL_ID)
        .client(client);
    for (CognitoQuota q : CognitoQuota.values()) {
      b.rate(q, 1000);
    }
    return b;
  }

  @Test
  void theSourcePolicyListsExactlyWhatTheSourceCalls() throws IOException {
    TestDirectory directory = new TestDirectory(
        DirectorySourceComplianceTestData.users(), DirectorySourceComplianceTestData.groups());
    COGNITO.serve(server, directory);
    try (CognitoIdentityProviderClient client = recordingClient();
        CognitoSource all = CognitoSource.create(config(client).build());
        CognitoSource scoped = CognitoSource.create(config(client).groupsInScope("g1").build())) {
      for (CognitoSource source : new CognitoSource[] {all, scoped}) {
        try (Stream<?> users = source.users(); Stream<?> groups = source.groups();
            Stream<?> members = source.memberIds("g1")) {
          // toList, not count: count may skip the mapping that makes the call
          assertThat(users.toList().size() + groups.toList().size() + members.toList().size())
              .isPositive();
        }
        source.lookupById("u1");
        source.lookup("email", "user1.mail@example.com");
      }
    }
    assertThat(recorded).isEqualTo(documentedPolicies().get("source"));
  }

  @Test
  void theTargetPolicyListsExactlyWhatTheStoreCalls() throws IOException {
    COGNITO.emptyPool(server);
    try (CognitoIdentityProviderClient client = recordingClient();
        CognitoUserStore store = CognitoUserStore.create(config(client).deleteUsers().build(),
            user -> InitialPassword.permanent("Corr3ct-Horse!"))) {
      store.create(StoredUser.managed("ann", "hr", "1", false, Map.of("email", "a@example.com")));
      store.create(StoredUser.managed("bob", "hr", "2", true, Map.of("title", "Dev")));
      Map<String, Object> changes = new HashMap<>();
      changes.put("title", null);
      changes.put("department", "R&D");
      store.update("bob", new UserUpdate("robert", changes));
      store.reactivate("ann");
      store.deactivate("ann");
      store.createGroup(StoredGroup.managed("staff", "hr", "g1"));
      store.addManagedMember("staff", "ann", "hr");
      store.addMember("staff", "robert");
      assertThat(store.managedMembers("staff", "hr")).containsExactly("ann");
      assertThat(store.managedMemberships("robert", "hr")).isEmpty();
      store.renameGroup("staff", "people");
      store.removeMember("people", "robert");
      try (Stream<StoredUser> users = store.managedBy("hr");
          Stream<StoredGroup> groups = store.managedGroups("hr")) {
        assertThat(users.count() + groups.count()).isEqualTo(3);
      }
      assertThat(store.findByExternalId("hr", "1")).isPresent();
      ((UserDeletion) store).delete("ann");
    }
    assertThat(recorded).isEqualTo(documentedPolicies().get("target"));
    assertThat(Arrays.stream(Operation.values()).map(Operation::iamAction)
        .collect(Collectors.toSet()))
        .as("every operation the connector knows is in a policy")
        .isEqualTo(documentedPolicies().values().stream().flatMap(Set::stream)
            .collect(Collectors.toSet()));
  }

  /** The compliance kit's seven users, for the source run. */
  private static final class DirectorySourceComplianceTestData extends DirectorySourceComplianceTest {
    static java.util.List<TestDirectory.User> users() {
      return sevenUsers().users();
    }

    static java.util.List<TestDirectory.Group> groups() {
      return sevenUsers().groups();
    }

    @Override
    protected io.github.albauth.usersync.DirectorySource sourceFor(TestDirectory d, int pageSize) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected void failAfterFirstPage() {
      throw new UnsupportedOperationException();
    }

    @Override
    protected boolean isActive(io.github.albauth.usersync.SourceUser user) {
      throw new UnsupportedOperationException();
    }
  }
}
