package io.github.albauth.usersync.mapping.internal;

import org.jspecify.annotations.Nullable;

/**
 * The door to the optional Jackson dependency: checks that jackson-databind is present before any
 * class that uses it is loaded, so that a missing Jackson gives a clear message instead of a
 * {@link NoClassDefFoundError}.
 */
public final class Json {

  private static final String OBJECT_MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";

  private Json() {}

  /**
   * Parses JSON text into plain values: {@code Map}, {@code List}, {@code String}, {@code Boolean},
   * {@code Number} or null.
   *
   * @param what what the text is, for messages ("the mapping document")
   * @throws IllegalStateException when jackson-databind is not on the class path
   * @throws IllegalArgumentException when the text is not valid JSON
   */
  public static @Nullable Object parse(String json, String what) {
    requireJackson(what);
    return JacksonSupport.parse(json, what);
  }

  /**
   * Converts a Jackson {@code JsonNode} into plain values.
   *
   * @param node a {@code com.fasterxml.jackson.databind.JsonNode}
   */
  public static @Nullable Object fromNode(Object node) {
    requireJackson("a JsonNode");
    return JacksonSupport.fromNode(node);
  }

  /** Fails with a clear message when jackson-databind is missing. */
  static void requireJackson(String what) {
    if (!jacksonPresent(Json.class.getClassLoader())) {
      throw new IllegalStateException("reading " + what + " as JSON needs jackson-databind on the "
          + "class path; add the dependency com.fasterxml.jackson.core:jackson-databind "
          + "(or use Properties or the builder, which need no JSON library)");
    }
  }

  static boolean jacksonPresent(@Nullable ClassLoader loader) {
    try {
      Class.forName(OBJECT_MAPPER, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
