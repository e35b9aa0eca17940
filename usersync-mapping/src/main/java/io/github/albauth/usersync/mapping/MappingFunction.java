package io.github.albauth.usersync.mapping;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A custom function for mapping expressions: the service-provider interface for what the built-in
 * library does not cover. Register one explicitly with {@link
 * AttributeMapping.Builder#function(MappingFunction)}, or list the implementation class in {@code
 * META-INF/services/io.github.albauth.usersync.mapping.MappingFunction} and call {@link
 * AttributeMapping.Builder#discoverFunctions()} ({@link AttributeMapping#fromProperties} does).
 *
 * <p>A function receives its evaluated arguments and returns a value; it cannot see anything else.
 * Arguments and results use the mapping's value types: {@code null} (absent), {@link String},
 * {@link Boolean}, {@link Number} or a {@link List} of those. Returning anything else is an
 * evaluation error. An exception thrown by {@link #apply} becomes a {@link MappingException} with
 * {@link MappingException.Reason#EVALUATION_ERROR} that names the attribute.
 *
 * <p>Implementations must be thread-safe and should be fast and free of I/O: they run on every
 * login. A function's name must not be one of the built-in functions.
 *
 * <pre>{@code
 * public final class EmployeeIdFunction implements MappingFunction {
 *   public String name() { return "employeeId"; }
 *   public int minArguments() { return 1; }
 *   public Object apply(List<Object> args) {
 *     return args.get(0) instanceof String s ? "E" + s : null;
 *   }
 * }
 * }</pre>
 */
public interface MappingFunction {

  /** {@return the name expressions call it by: letters, digits and {@code _}, not starting with a digit} */
  String name();

  /** {@return the least number of arguments} */
  int minArguments();

  /** {@return the most number of arguments, or {@code -1} for no limit; defaults to {@link #minArguments()}} */
  default int maxArguments() {
    return minArguments();
  }

  /**
   * Computes the function's value.
   *
   * @param arguments the evaluated arguments, unmodifiable; an element is {@code null} when that
   *     argument yielded nothing
   * @return the value, or {@code null} for nothing
   */
  @Nullable Object apply(List<@Nullable Object> arguments);
}
