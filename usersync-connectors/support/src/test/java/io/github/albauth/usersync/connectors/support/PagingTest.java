package io.github.albauth.usersync.connectors.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.UserSyncException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PagingTest {

  @RegisterExtension
  static WireMockExtension idp = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private final ManualTime time = new ManualTime(Instant.parse("2026-12-01T10:00:00Z"));
  private final ApiClient client = ApiClient.builder(
      time.settings().maxAttempts(2).build(), ErrorFormat.fields("error.code", "error.message"))
      .build();

  private static @Nullable Object id(Map<String, @Nullable Object> m) {
    return m.get("id");
  }

  private Paging.Builder<@Nullable Object> paging(String path) {
    return Paging.builder(client, "list", URI.create(idp.baseUrl() + path), PagingTest::id);
  }

  private static List<@Nullable Object> all(Paging<@Nullable Object> p) {
    try (Stream<@Nullable Object> s = p.stream()) {
      return s.collect(Collectors.toList());
    }
  }

  @Test
  void followsNextLinkFields() {
    idp.stubFor(get("/users?top=2").willReturn(okJson("{\"value\":[{\"id\":\"a\"},{\"id\":\"b\"}],"
        + "\"@odata.nextLink\":\"" + idp.baseUrl() + "/users?top=2&skiptoken=X\"}")));
    idp.stubFor(get("/users?top=2&skiptoken=X").willReturn(okJson("{\"value\":[{\"id\":\"c\"}]}")));

    assertThat(all(paging("/users?top=2").items("value").nextLinkField("@odata.nextLink").build()))
        .containsExactly("a", "b", "c");
  }

  @Test
  void followsLinkHeaders() {
    // https://developer.okta.com/docs/api/#pagination: Link headers with rel="self" and rel="next"
    idp.stubFor(get("/api/v1/users?limit=2").willReturn(okJson("[{\"id\":\"a\"},{\"id\":\"b\"}]")
        .withHeader("Link", "<" + idp.baseUrl() + "/api/v1/users?limit=2>; rel=\"self\"")
        .withHeader("Link", "<" + idp.baseUrl() + "/api/v1/users?after=b&limit=2>; rel=\"next\"")));
    idp.stubFor(get("/api/v1/users?after=b&limit=2").willReturn(okJson("[]")
        .withHeader("Link", "<" + idp.baseUrl() + "/api/v1/users?after=b&limit=2>; rel=\"self\"")));

    assertThat(all(paging("/api/v1/users?limit=2").linkHeader().build())).containsExactly("a", "b");
  }

  @Test
  void passesPageTokens() {
    idp.stubFor(get("/u?max=1").willReturn(okJson("{\"users\":[{\"id\":\"a\"}],\"nextPageToken\":\"t 1\"}")));
    idp.stubFor(get("/u?max=1&pageToken=t%201").willReturn(okJson("{\"users\":[{\"id\":\"b\"}]}")));

    assertThat(all(paging("/u?max=1").items("users").pageToken("nextPageToken", "pageToken").build()))
        .containsExactly("a", "b");
  }

  @Test
  void pagesByOffsetUntilAShortPage() {
    idp.stubFor(get("/u?max=2").willReturn(okJson("[{\"id\":\"a\"},{\"id\":\"b\"}]")));
    idp.stubFor(get("/u?max=2&first=2").willReturn(okJson("[{\"id\":\"c\"},{\"id\":\"d\"}]")));
    idp.stubFor(get("/u?max=2&first=4").willReturn(okJson("[]")));

    assertThat(all(paging("/u?max=2").offset("first", 2).build())).containsExactly("a", "b", "c", "d");
  }

  @Test
  void passesCursorHeaders() {
    idp.stubFor(get("/u").willReturn(okJson("[{\"id\":\"a\"}]").withHeader("After-Cursor", "c1")));
    idp.stubFor(get("/u?cursor=c1").willReturn(okJson("[{\"id\":\"b\"}]")));

    assertThat(all(paging("/u").cursorHeader("After-Cursor", "cursor").build()))
        .containsExactly("a", "b");
  }

  @Test
  void aFailedPageThrowsAfterThePagesBeforeIt() {
    idp.stubFor(get("/u?top=1").willReturn(okJson("{\"value\":[{\"id\":\"a\"}],"
        + "\"@odata.nextLink\":\"" + idp.baseUrl() + "/u?top=1&p=2\"}")));
    // https://learn.microsoft.com/en-us/graph/errors: the error resource
    idp.stubFor(get("/u?top=1&p=2").willReturn(aResponse().withStatus(503).withBody(
        "{\"error\":{\"code\":\"serviceNotAvailable\",\"message\":\"Service unavailable\","
            + "\"innerError\":{\"date\":\"2026-12-01T10:00:00\",\"request-id\":\"r\"}}}")));
    List<Object> seen = new ArrayList<>();

    assertThatThrownBy(() -> {
      try (Stream<@Nullable Object> s = paging("/u?top=1").items("value")
          .nextLinkField("@odata.nextLink").build().stream()) {
        Iterator<@Nullable Object> it = s.iterator();
        while (it.hasNext()) {
          seen.add(String.valueOf(it.next()));
        }
      }
    }).isInstanceOfSatisfying(SourceCallException.class, e -> {
      assertThat(e.reason()).isEqualTo(UserSyncException.Reason.SOURCE_FAILED);
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.vendorCode()).isEqualTo("serviceNotAvailable");
    });
    assertThat(seen).containsExactly("a");
  }

  @Test
  void refusesANextLinkToAnotherHost() {
    idp.stubFor(get("/u").willReturn(okJson("{\"value\":[{\"id\":\"a\"}],"
        + "\"@odata.nextLink\":\"https://evil.example/steal\"}")));

    assertThatThrownBy(() -> all(paging("/u").items("value").nextLinkField("@odata.nextLink").build()))
        .isInstanceOf(SourceCallException.class).hasMessageContaining("refusing to send credentials");
  }

  @Test
  void refusesARepeatedCursorInsteadOfLooping() {
    idp.stubFor(get("/u").willReturn(okJson("[{\"id\":\"a\"}]").withHeader("After-Cursor", "same")));
    idp.stubFor(get("/u?cursor=same").willReturn(okJson("[{\"id\":\"b\"}]")
        .withHeader("After-Cursor", "same")));

    assertThatThrownBy(() -> all(paging("/u").cursorHeader("After-Cursor", "cursor").build()))
        .isInstanceOf(UserSyncException.class).hasMessageContaining("same next cursor");
  }

  @Test
  void prefetchesOnlyOnePageAhead() {
    idp.stubFor(get("/u?top=1").willReturn(okJson("{\"value\":[{\"id\":\"a\"}],"
        + "\"@odata.nextLink\":\"" + idp.baseUrl() + "/u?top=1&p=2\"}")));
    idp.stubFor(get("/u?top=1&p=2").willReturn(okJson("{\"value\":[{\"id\":\"b\"}],"
        + "\"@odata.nextLink\":\"" + idp.baseUrl() + "/u?top=1&p=3\"}")));
    idp.stubFor(get("/u?top=1&p=3").willReturn(okJson("{\"value\":[{\"id\":\"c\"}]}")));

    try (Stream<@Nullable Object> s = paging("/u?top=1").items("value")
        .nextLinkField("@odata.nextLink").build().stream()) {
      assertThat(s.iterator().next()).isEqualTo("a");
    }
    idp.verify(0, getRequestedFor(urlEqualTo("/u?top=1&p=3")));
    idp.verify(1, getRequestedFor(urlPathEqualTo("/u")).withQueryParam("p",
        com.github.tomakehurst.wiremock.client.WireMock.absent()));
  }

  @Test
  void buildRequiresOneWayToPage() {
    assertThatThrownBy(() -> paging("/u").build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("choose how to find the next page");
    assertThatThrownBy(() -> paging("/u").linkHeader().offset("first", 2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
  }
  @Test
  void optionalItemsReadAMissingArrayAsAnEmptyPage() {
    // Google leaves empty arrays out: https://developers.google.com/workspace/admin/directory/reference/rest/v1/users/list
    idp.stubFor(get("/g?max=1").willReturn(okJson("{\"kind\":\"admin#directory#users\","
        + "\"users\":[{\"id\":\"a\"}],\"nextPageToken\":\"t1\"}")));
    idp.stubFor(get("/g?max=1&pageToken=t1").willReturn(okJson(
        "{\"kind\":\"admin#directory#users\",\"etag\":\"\\\"e\\\"\"}")));
    List<String> kinds = new ArrayList<>();

    assertThat(all(paging("/g?max=1").optionalItems("users").pageToken("nextPageToken", "pageToken")
        .onPage(page -> kinds.add(page.field("kind"))).build())).containsExactly("a");
    assertThat(kinds).containsExactly("admin#directory#users", "admin#directory#users");
    assertThatThrownBy(() -> paging("/g").items("users").optionalItems("users"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
  }
}
