package io.github.albauth.usersync.mapping.internal;

import io.github.albauth.usersync.AttributeSource;
import io.github.albauth.usersync.mapping.MappingException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The state of one evaluation: the source, the bounds, the lambda variables and, in a dry run, the
 * trace. Created per {@code map} call; never shared between threads.
 */
public final class EvalContext {

  final AttributeSource source;
  final int maxStringLength;
  final int maxListSize;
  /** The lambda variables, at the slots the compiler assigned. */
  final @Nullable Object[] locals;
  final @Nullable List<String> trace;
  @Nullable String attribute;
  String text = "";

  EvalContext(AttributeSource source, int maxStringLength, int maxListSize,
      @Nullable Object[] locals, @Nullable List<String> trace) {
    this.source = source;
    this.maxStringLength = maxStringLength;
    this.maxListSize = maxListSize;
    this.locals = locals;
    this.trace = trace;
  }

  /** An evaluation error at an offset of the current expression. */
  MappingException error(int offset, String problem) {
    return Diagnostics.evaluationError(
        MappingException.Reason.EVALUATION_ERROR, attribute, text, offset, problem);
  }

  /** An input-too-large error at an offset of the current expression. */
  MappingException tooLarge(int offset, String problem) {
    return Diagnostics.evaluationError(
        MappingException.Reason.INPUT_TOO_LARGE, attribute, text, offset, problem);
  }

  /** Adds a line to the dry-run trace, when tracing. */
  void note(String line) {
    if (trace != null) {
      trace.add(line);
    }
  }

  /**
   * Checks a value read from outside the expression (the source, a custom function) against the
   * bounds: a string's length, a list's size and its strings' lengths.
   *
   * @param shown what the value is, for the message: {@code upn}, {@code employeeId() result}
   */
  void checkRead(@Nullable Object v, int offset, String shown) {
    if (v instanceof String s) {
      if (s.length() > maxStringLength) {
        throw tooLarge(offset, shown + " is " + s.length() + " characters long, more than "
            + "the limit of " + maxStringLength + " (maxStringLength)");
      }
    } else if (v instanceof List<?> list) {
      if (list.size() > maxListSize) {
        throw tooLarge(offset, shown + " has " + list.size() + " values, more than the "
            + "limit of " + maxListSize + " (maxListSize)");
      }
      for (Object e : list) {
        if (e instanceof String s && s.length() > maxStringLength) {
          throw tooLarge(offset, "a value of " + shown + " is " + s.length()
              + " characters long, more than the limit of " + maxStringLength
              + " (maxStringLength)");
        }
      }
    }
  }

  /**
   * Checks the length of a string an expression is about to build against the bound, so that a
   * refusal never first builds it.
   */
  void checkLength(long length, int offset, String what) {
    if (length > maxStringLength) {
      throw tooLarge(offset, what + " would be " + length + " characters long, more than the "
          + "limit of " + maxStringLength + " (maxStringLength)");
    }
  }

  /** Checks a string that an expression built against the bound. */
  String checkBuilt(String value, int offset, String what) {
    if (value.length() > maxStringLength) {
      throw tooLarge(offset, what + " is " + value.length() + " characters long, more than the "
          + "limit of " + maxStringLength + " (maxStringLength)");
    }
    return value;
  }

  /** Checks a list that an expression built against the bound. */
  void checkBuiltSize(int size, int offset, String what) {
    if (size > maxListSize) {
      throw tooLarge(offset, what + " has " + size + " values, more than the limit of "
          + maxListSize + " (maxListSize)");
    }
  }

  /** "line L, column C" of an offset of the current expression, for traces. */
  String where(int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return "line " + Diagnostics.lineNumber(text, offset) + ", column " + (offset - lineStart + 1);
  }
}
