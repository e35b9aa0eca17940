package io.github.albauth.usersync.mapping.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The syntax tree of one expression. Offsets are character offsets into the expression text;
 * {@code start} is where the construct begins (where error carets point), {@code end} is exclusive.
 */
public sealed interface Expr {

  /** Where the construct starts. */
  int start();

  /** Where the construct ends (exclusive). */
  int end();

  /** A string, number, boolean or null literal. */
  record Literal(int start, int end, @Nullable Object value) implements Expr {}

  /** An attribute reference such as {@code upn}, {@code profile.login} or {@code `cognito:groups`}. */
  record Path(int start, int end, List<String> segments) implements Expr {
    public Path {
      segments = List.copyOf(segments);
    }
  }

  /** A function call; a pipe {@code x | f(y)} is parsed as {@code f(x, y)}. */
  record Call(int start, int end, String name, List<Expr> args) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  /** A list literal {@code [a, b]}. */
  record ListLiteral(int start, int end, List<Expr> elements) implements Expr {
    public ListLiteral {
      elements = List.copyOf(elements);
    }
  }

  /** A comparison {@code ==} or {@code !=}; {@code start} is the left operand's start. */
  record Binary(int start, int end, String op, int opOffset, Expr left, Expr right)
      implements Expr {}

  /**
   * Two or more operands joined by one left-associative operator: {@code && || ?? +}. {@code
   * opOffsets.get(i)} is where the operator between operand {@code i} and {@code i + 1} is.
   */
  record Chain(String op, List<Expr> operands, List<Integer> opOffsets) implements Expr {
    public Chain {
      operands = List.copyOf(operands);
      opOffsets = List.copyOf(opOffsets);
      if (operands.size() < 2 || opOffsets.size() != operands.size() - 1) {
        throw new IllegalArgumentException("a chain needs n >= 2 operands and n - 1 operators");
      }
    }

    @Override
    public int start() {
      return operands.get(0).start();
    }

    @Override
    public int end() {
      return operands.get(operands.size() - 1).end();
    }
  }

  /** Logical negation {@code !x}. */
  record Not(int start, int end, Expr operand) implements Expr {}

  /** A lambda {@code g -> expression}, allowed only as an argument of map() and filter(). */
  record Lambda(int start, int end, String param, Expr body) implements Expr {}
}
