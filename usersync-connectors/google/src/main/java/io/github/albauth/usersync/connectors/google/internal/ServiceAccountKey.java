package io.github.albauth.usersync.connectors.google.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.albauth.usersync.connectors.support.ConnectorKeys;
import io.github.albauth.usersync.connectors.support.Records;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Google service-account key file, as the Cloud console issues it ({@code "type":
 * "service_account"}, {@code client_email}, {@code client_id}, {@code private_key_id}, {@code
 * private_key}, {@code token_uri}, …;
 * https://cloud.google.com/iam/docs/keys-create-delete#creating). Messages about a bad file never
 * show its content; {@link #toString()} shows the account, not the key.
 *
 * <p>Immutable and thread-safe.
 */
public final class ServiceAccountKey {

  /** Google's token endpoint, for a key file without {@code token_uri}. */
  public static final URI GOOGLE_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");
  /** Larger than any key file Google issues (about 2.4 KB), small enough to refuse junk early. */
  static final int MAX_BYTES = 64 * 1024;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // the text is secret
      .build();
  private static final Pattern CLIENT_ID = Pattern.compile("[0-9]{1,64}");
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private final String clientEmail;
  private final @Nullable String clientId;
  private final @Nullable String privateKeyId;
  private final PrivateKey privateKey;
  private final URI tokenUri;

  private ServiceAccountKey(String clientEmail, @Nullable String clientId,
      @Nullable String privateKeyId, PrivateKey privateKey, URI tokenUri) {
    this.clientEmail = clientEmail;
    this.clientId = clientId;
    this.privateKeyId = privateKeyId;
    this.privateKey = privateKey;
    this.tokenUri = tokenUri;
  }

  /**
   * Reads a key file's text.
   *
   * @param what where it came from, for messages (a key name, {@code serviceAccountKey})
   * @param json the file's text
   * @return the key
   * @throws IllegalArgumentException {@code "<what>: <what is wrong>"}, never showing the text
   */
  public static ServiceAccountKey parse(String what, String json) {
    byte[] bytes = Objects.requireNonNull(json, what).getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(what + ": " + bytes.length + " bytes is too large for a"
          + " service-account key file (Google's are about 2.4 KB)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) { // not chained: Jackson quotes the text it choked on
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(what + ": not JSON" + (at == null ? ""
          : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
          + "; give the key file's content as Google issued it");
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": cannot be read as JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(what + ": not a JSON object; give the key file's content"
          + " as Google issued it");
    }
    String type = text(what, root, "type");
    if (type == null) {
      throw new IllegalArgumentException(what + ": has no \"type\"; give a service-account key"
          + " file (\"type\": \"service_account\")");
    }
    if (!type.equals("service_account")) {
      throw new IllegalArgumentException(what + ": is a credential of type \""
          + (KEY_ID.matcher(type).matches() ? type : "?") + "\", not a service-account key;"
          + " create one in the Cloud console: IAM & Admin → Service accounts → (the account) →"
          + " Keys → Add key → JSON");
    }
    String email = required(what, root, "client_email");
    if (!GoogleSettings.ADDRESS.matcher(email).matches()) {
      throw new IllegalArgumentException(what + ": client_email is not an address");
    }
    String id = text(what, root, "client_id");
    if (id != null && !CLIENT_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(what + ": client_id is not a number");
    }
    String keyId = text(what, root, "private_key_id");
    if (keyId != null && !KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException(what + ": private_key_id is not a key id");
    }
    PrivateKey key = ConnectorKeys.privateKey(what + ": private_key",
        required(what, root, "private_key"));
    if (!(key instanceof RSAPrivateKey)) {
      throw new IllegalArgumentException(what + ": private_key is not an RSA key; Google signs"
          + " service-account keys with RSA");
    }
    String uri = text(what, root, "token_uri");
    return new ServiceAccountKey(email, id, keyId, key,
        uri == null ? GOOGLE_TOKEN_URI : tokenUri(what, uri));
  }

  /**
   * Reads a key file.
   *
   * @param what where it came from, for messages
   * @param file the file
   * @return the key
   * @throws IllegalArgumentException when the file cannot be read or is not a key file
   */
  public static ServiceAccountKey read(String what, Path file) {
    Objects.requireNonNull(file, what);
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(what + ": " + file + " is too large for a"
            + " service-account key file (Google's are about 2.4 KB)");
      }
      return parse(what + " (" + file + ")", Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": cannot read " + file + " ("
          + e.getClass().getSimpleName() + "); check the path and the file's permissions", e);
    }
  }

  /**
   * Reads a key file from a stream (a class-path resource, a secret manager's payload), at most
   * 64 KiB; the stream is not closed.
   *
   * @param what where it came from, for messages
   * @param in the stream
   * @return the key
   * @throws IllegalArgumentException when the stream cannot be read or is not a key file
   */
  public static ServiceAccountKey read(String what, InputStream in) {
    Objects.requireNonNull(in, what);
    try {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      return parse(what, new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": cannot read the stream ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static @Nullable String text(String what, JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException(what + ": " + field + " is not a non-blank string");
    }
    return value.asText();
  }

  private static String required(String what, JsonNode root, String field) {
    String value = text(what, root, field);
    if (value == null) {
      throw new IllegalArgumentException(what + ": has no " + field + "; give the key file's"
          + " content as Google issued it");
    }
    return value;
  }

  private static URI tokenUri(String what, String value) {
    try {
      return Records.requireHttps(new URI(value), what + ": token_uri");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + ": token_uri is not a URI", e);
    }
  }

  /** {@return the service account's address ({@code client_email}), the JWT's issuer} */
  public String clientEmail() {
    return clientEmail;
  }

  /** {@return the numeric client id that domain-wide delegation is granted to, or null} */
  public @Nullable String clientId() {
    return clientId;
  }

  /** {@return the key's id ({@code private_key_id}), the JWT header's {@code kid}, or null} */
  public @Nullable String privateKeyId() {
    return privateKeyId;
  }

  /** {@return the RSA private key} */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** {@return the token endpoint ({@code token_uri})} */
  public URI tokenUri() {
    return tokenUri;
  }

  /** Keys are equal when account, key id, endpoint and key material are. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ServiceAccountKey k && clientEmail.equals(k.clientEmail)
        && Objects.equals(clientId, k.clientId) && Objects.equals(privateKeyId, k.privateKeyId)
        && tokenUri.equals(k.tokenUri)
        && MessageDigest.isEqual(privateKey.getEncoded(), k.privateKey.getEncoded());
  }

  @Override
  public int hashCode() {
    return Objects.hash(clientEmail, privateKeyId);
  }

  @Override
  public String toString() {
    return "ServiceAccountKey[" + clientEmail + ", key " + privateKeyId + "]";
  }
}
