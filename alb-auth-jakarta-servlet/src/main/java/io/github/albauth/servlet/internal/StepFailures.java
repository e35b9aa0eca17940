package io.github.albauth.servlet.internal;

/**
 * What the filter's steps do with a failure they did not expect: every {@code Throwable} a step
 * throws (an unchecked exception, an {@code Error} such as a {@code StackOverflowError} from a
 * deeply recursive mapping, or a checked exception thrown sneakily) ends in the filter's refusal
 * handling, except the errors after which the JVM cannot be trusted to go on.
 */
public final class StepFailures {

  private StepFailures() {}

  /**
   * Rethrows an error the filter must not swallow: every {@link VirtualMachineError}
   * ({@code OutOfMemoryError}, {@code InternalError}, {@code UnknownError}) except
   * {@link StackOverflowError}, which is over once the stack has unwound to the filter and is the
   * typical result of hostile input (deep nesting) to a recursive step.
   *
   * @param failure what a step threw
   */
  public static void rethrowIfFatal(Throwable failure) {
    if (failure instanceof VirtualMachineError fatal && !(failure instanceof StackOverflowError)) {
      throw fatal;
    }
  }

  /**
   * Names a failure for a log line: its simple class name only, since a message may carry
   * request-supplied text.
   *
   * @param failure what a step threw
   * @return for example {@code StackOverflowError}
   */
  public static String describe(Throwable failure) {
    return failure.getClass().getSimpleName();
  }

  /**
   * Names a failure of our own side (a store, a handler) with its message, escaped and cut, so an
   * outage's log line says what failed (host, status, timeout) instead of only a class name.
   *
   * @param failure what was thrown
   * @return for example {@code IllegalStateException: store down}
   */
  public static String describeWithMessage(Throwable failure) {
    String message = failure.getMessage();
    return message == null ? describe(failure)
        : describe(failure) + ": " + Responses.forLog(message, 200);
  }
}
