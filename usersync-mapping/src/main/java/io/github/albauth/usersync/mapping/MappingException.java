package io.github.albauth.usersync.mapping;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A mapping could not be compiled or evaluated. {@link #reason()} says which kind of problem it
 * is, for code; the message says what is wrong and where, for people.
 */
public class MappingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Machine-readable kinds of mapping failure. */
  public enum Reason {
    /** The expression text is not valid (syntax, unknown function, wrong arity, bad regex). */
    COMPILE_ERROR,
    /** A required attribute (such as {@code username}) has no expression. */
    MISSING_REQUIRED_ATTRIBUTE,
    /** Evaluating an expression failed for this input (for example a type mismatch). */
    EVALUATION_ERROR,
    /** An input value is larger than the configured bound. */
    INPUT_TOO_LARGE
  }

  /** The kind of failure. */
  private final Reason reason;
  /** The mapped attribute concerned, or null when not specific to one. */
  private final @Nullable String attribute;

  /**
   * Creates the exception.
   *
   * @param reason the kind of failure
   * @param attribute the mapped attribute concerned, when known
   * @param message what is wrong and how to fix it
   */
  public MappingException(Reason reason, @Nullable String attribute, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.attribute = attribute;
  }

  /** {@return the kind of failure} */
  public Reason reason() {
    return reason;
  }

  /** {@return the mapped attribute concerned, or {@code null} when not specific to one} */
  public @Nullable String attribute() {
    return attribute;
  }
}
