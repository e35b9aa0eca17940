package io.github.albauth.usersync.mapping;

import org.jspecify.annotations.Nullable;

/**
 * An expression of a mapping could not be compiled: a syntax error, an unknown function, a wrong
 * number of arguments, an invalid regular expression. The message gives the line and column, the
 * offending line of the expression and a caret under the problem, for example:
 *
 * <pre>
 * attribute 'username', line 1, column 1: unknown function 'lowr'; did you mean 'lower'?
 * lowr(upn)
 * ^
 * </pre>
 *
 * <p>{@link #reason()} is always {@link Reason#COMPILE_ERROR}. Immutable and thread-safe.
 */
public final class MappingCompileException extends MappingException {

  private static final long serialVersionUID = 1L;

  /** The 1-based line of the problem within the expression. */
  private final int line;
  /** The 1-based column of the problem within its line. */
  private final int column;
  /** The whole expression text. */
  private final String expression;

  /**
   * Creates the exception.
   *
   * @param attribute the attribute whose expression is wrong, when known
   * @param message the full message (position, problem, expression line and caret)
   * @param line 1-based line of the problem within the expression
   * @param column 1-based column of the problem within its line
   * @param expression the whole expression text
   */
  public MappingCompileException(
      @Nullable String attribute, String message, int line, int column, String expression) {
    super(Reason.COMPILE_ERROR, attribute, message);
    this.line = line;
    this.column = column;
    this.expression = expression;
  }

  /** {@return the 1-based line of the problem within the expression} */
  public int line() {
    return line;
  }

  /** {@return the 1-based column of the problem within its line} */
  public int column() {
    return column;
  }

  /** {@return the whole expression text} */
  public String expression() {
    return expression;
  }
}
