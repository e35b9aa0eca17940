package io.github.albauth.usersync.connectors.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.albauth.usersync.UserSyncException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ApiClient#getCount}: a body that is a bare number (Keycloak, Graph). */
class ApiClientCountTest {

  @RegisterExtension
  static WireMockExtension idp = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  private long count(String body, String contentType) {
    idp.stubFor(get("/users/count").willReturn(aResponse()
        .withHeader("Content-Type", contentType).withBody(body)));
    return ApiClient.builder(HttpSettings.defaults(), ErrorFormat.OAUTH2).build()
        .getCount("count users", URI.create(idp.baseUrl() + "/users/count"), Map.of());
  }

  @Test
  void readsKeycloaksJsonNumberAndGraphsPlainText() {
    assertThat(count("310", "application/json")).isEqualTo(310);
    assertThat(count("\ufeff42\n", "text/plain")).isEqualTo(42);
    assertThat(count("0", "application/json")).isZero();
  }

  @Test
  void refusesAnythingButOneCount() {
    for (String body : List.of("", "-1", "1.5", "\"3\"", "{\"count\":3}", "3 4",
        "99999999999999999999")) {
      assertThatThrownBy(() -> count(body, "application/json")).as(body)
          .isInstanceOfSatisfying(SourceCallException.class,
              e -> assertThat(e.reason()).isEqualTo(UserSyncException.Reason.SOURCE_FAILED))
          .hasMessageContaining("count users")
          .hasMessageContaining("not the JSON expected");
    }
  }
}
