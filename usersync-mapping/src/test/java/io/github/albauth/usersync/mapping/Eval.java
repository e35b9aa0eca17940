package io.github.albauth.usersync.mapping;

import io.github.albauth.usersync.AttributeSource;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Test helper: evaluates one expression as the {@code username} attribute. */
final class Eval {

  private Eval() {}

  static @Nullable Object eval(String expression, Map<String, ?> claims) {
    return mapping(expression).map(AttributeSource.of(claims)).attributes().get("username");
  }

  static AttributeMapping mapping(String expression) {
    return AttributeMapping.builder().map("username", expression).build();
  }

  /** The message of the compile error the expression causes. */
  static String compileError(String expression) {
    try {
      mapping(expression);
    } catch (MappingCompileException e) {
      return e.getMessage();
    }
    throw new AssertionError("compiled: " + expression);
  }
}
