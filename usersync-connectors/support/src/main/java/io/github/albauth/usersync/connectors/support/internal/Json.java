package io.github.albauth.usersync.connectors.support.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads response bodies with Jackson's streaming parser: a page's items are mapped one JSON object
 * at a time, so no tree of the whole page is ever built.
 */
public final class Json {

  /** Whole bodies: nothing may follow the value. */
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /** Values inside a streamed page, where the rest of the page follows by design. */
  private static final ObjectMapper STREAMING = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, @Nullable Object>> MAP =
      new TypeReference<>() {};

  private Json() {}

  /** An item that the caller's mapping refused (missing id and such): the page is malformed. */
  public static final class BadItem extends IOException {
    private static final long serialVersionUID = 1L;

    BadItem(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What a page body holds: the mapped items and the other top-level fields. */
  public record Body<T>(List<T> items, Map<String, @Nullable Object> fields) {}

  /**
   * Reads a page.
   *
   * @param in the body
   * @param itemsField the field holding the items array, or null when the body is the array
   * @param itemsRequired whether a body without the items field is malformed (else it has none,
   *     as Google's APIs leave out empty arrays)
   * @param item maps one item; a runtime exception from it makes the page malformed
   * @throws com.fasterxml.jackson.core.JsonProcessingException when the body is not the JSON
   *     expected ({@link BadItem} when an item was refused)
   * @throws IOException when reading fails
   */
  public static <T> Body<T> readPage(InputStream in, @Nullable String itemsField,
      boolean itemsRequired, Function<Map<String, @Nullable Object>, T> item) throws IOException {
    try (JsonParser p = STREAMING.createParser(in)) {
      List<T> items = new ArrayList<>();
      Map<String, @Nullable Object> fields = new LinkedHashMap<>();
      JsonToken first = p.nextToken();
      if (itemsField == null) {
        expect(p, first, JsonToken.START_ARRAY, "a JSON array");
        readItems(p, item, items);
      } else {
        expect(p, first, JsonToken.START_OBJECT, "a JSON object");
        boolean seen = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (name.equals(itemsField)) {
            expect(p, value, JsonToken.START_ARRAY, "an array in \"" + itemsField + "\"");
            readItems(p, item, items);
            seen = true;
          } else {
            fields.put(name, p.readValueAs(Object.class));
          }
        }
        if (!seen && itemsRequired) {
          throw MismatchedInputException.from(p, Map.class,
              "the body has no \"" + itemsField + "\" array");
        }
      }
      if (p.nextToken() != null) {
        throw MismatchedInputException.from(p, Map.class, "trailing content after the JSON value");
      }
      return new Body<>(items, fields);
    }
  }

  private static <T> void readItems(JsonParser p, Function<Map<String, @Nullable Object>, T> item,
      List<T> into) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      expect(p, t, JsonToken.START_OBJECT, "an object in the items array");
      Map<String, @Nullable Object> record = p.readValueAs(MAP);
      try {
        into.add(item.apply(record));
      } catch (RuntimeException e) {
        throw new BadItem("item " + into.size() + " is not usable: " + e.getMessage(), e);
      }
    }
  }

  private static void expect(JsonParser p, @Nullable JsonToken actual, JsonToken expected,
      String what) throws IOException {
    if (actual != expected) {
      throw MismatchedInputException.from(p, Map.class, "expected " + what + ", found " + actual);
    }
  }

  /**
   * Reads a JSON object.
   *
   * @param in the body
   * @return the object
   * @throws IOException when reading fails or the body is not a JSON object
   */
  public static Map<String, @Nullable Object> readObject(InputStream in) throws IOException {
    return MAPPER.readValue(in, MAP);
  }

  /**
   * Reads a body that is one non-negative integer and nothing else.
   *
   * @param in the body
   * @return the number
   * @throws IOException when reading fails or the body is something else
   */
  public static long readCount(InputStream in) throws IOException {
    try (JsonParser p = STREAMING.createParser(in)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
        throw MismatchedInputException.from(p, Long.class, "expected a count, found " + t);
      }
      long count = p.getLongValue();
      if (p.nextToken() != null) {
        throw MismatchedInputException.from(p, Long.class, "trailing content after the count");
      }
      return count;
    }
  }

  /**
   * Reads a JSON object from bytes, for error bodies.
   *
   * @param body the bytes
   * @return the object, or null when the bytes are not a JSON object
   */
  public static @Nullable Map<String, @Nullable Object> readObjectOrNull(byte[] body) {
    try {
      return MAPPER.readValue(body, MAP);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Writes a value as JSON.
   *
   * @param value a map, list or scalar
   * @return the JSON text
   */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("not serializable as JSON: " + value.getClass(), e);
    }
  }
}
