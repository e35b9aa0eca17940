package io.github.albauth.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.core.AlbIdentity;
import io.github.albauth.core.AlbTokenVerifier;
import io.github.albauth.testkit.AlbTestEnvironment;
import io.github.albauth.testkit.AlbTestExtension;
import io.github.albauth.testkit.AlbTokenMinter;
import io.github.albauth.usersync.mapping.AttributeMapping;
import io.github.albauth.usersync.AttributeSource;
import io.github.albauth.usersync.mapping.MappingResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AlbTestExtension.class)
class AlbPrincipalTest {

  @Test
  void survivesSessionSerializationWithoutTheTokenDetails(AlbTokenMinter alb,
      AlbTestEnvironment env) throws Exception {
    AlbIdentity identity = AlbTokenVerifier.builder().configure(env.properties()).build()
        .verify(alb.mint("sub-1", Map.of("email", "a@example.com",
            "groups", List.of("b", "a", "b"))));
    MappingResult mapped = AttributeMapping.builder()
        .map("username", "email").map("groups", "distinct(groups)").build()
        .map(AttributeSource.of(identity.claims()));
    AlbPrincipal principal = new AlbPrincipal("a@example.com", Set.of("a", "b"), Set.of("a"),
        mapped.attributes(), identity, null);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(principal);
    }
    AlbPrincipal copy;
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (AlbPrincipal) in.readObject();
    }
    assertThat(copy).isEqualTo(principal);
    assertThat(copy.getName()).isEqualTo("a@example.com");
    assertThat(copy.subject()).isEqualTo("sub-1");
    assertThat(copy.attributes()).containsEntry("groups", List.of("b", "a"));
    assertThat(copy.attribute("username")).isEqualTo("a@example.com");
    assertThat(copy.identity()).isNull();
    assertThat(principal.identity()).isSameAs(identity);
  }
}
