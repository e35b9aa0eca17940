package io.github.albauth.usersync.mapping.internal;

import io.github.albauth.usersync.mapping.MappingCompileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a syntax tree into a tree of {@link Node}s: resolves functions, checks arity, compiles
 * regular expressions, assigns lambda variables to slots. Not thread-safe; one instance compiles
 * one expression.
 */
public final class Compiler {

  /** A compiled expression: its root node and how many lambda variable slots it needs. */
  public record Compiled(Node root, int slots, String text) {}

  private final FunctionTable functions;
  private final @Nullable String attribute;
  private final String text;
  private final int firstSlot;
  private final List<String> locals = new ArrayList<>();
  private int maxSlots;

  private Compiler(FunctionTable functions, @Nullable String attribute, String text,
      int firstSlot) {
    this.functions = functions;
    this.attribute = attribute;
    this.text = text;
    this.firstSlot = firstSlot;
  }

  /**
   * Parses and compiles one expression.
   *
   * @param firstSlot the index of the first lambda variable in {@link EvalContext#locals}
   * @throws MappingCompileException when the text is not a valid expression
   */
  public static Compiled compile(FunctionTable functions, @Nullable String attribute, String text,
      int firstSlot) {
    Expr expr = Parser.parse(attribute, text);
    Compiler compiler = new Compiler(functions, attribute, text, firstSlot);
    Node root = compiler.node(expr);
    return new Compiled(root, compiler.maxSlots, text);
  }

  /** Compiles one sub-expression. */
  Node node(Expr expr) {
    if (expr instanceof Expr.Literal lit) {
      return new Const(lit.start(), lit.value());
    } else if (expr instanceof Expr.Path path) {
      return path(path);
    } else if (expr instanceof Expr.Call call) {
      return call(call);
    } else if (expr instanceof Expr.ListLiteral list) {
      return Builtins.append(list.start(), nodes(list.elements()));
    } else if (expr instanceof Expr.Not not) {
      Node operand = node(not.operand());
      return new Node(not.start()) {
        @Override
        @Nullable Object eval(EvalContext ctx) {
          return !truth(ctx, operand, offset, "'!' expects a boolean");
        }
      };
    } else if (expr instanceof Expr.Binary bin) {
      return comparison(bin);
    } else if (expr instanceof Expr.Chain chain) {
      return chain(chain);
    } else if (expr instanceof Expr.Lambda lambda) {
      throw error(lambda.start(),
          "a lambda (" + lambda.param() + " -> ...) is only allowed as an argument of map() or filter()");
    }
    throw new IllegalStateException("unknown syntax node " + expr);
  }

  Node[] nodes(List<Expr> exprs) {
    Node[] out = new Node[exprs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node(exprs.get(i));
    }
    return out;
  }

  private Node path(Expr.Path path) {
    List<String> segments = path.segments();
    String first = segments.get(0);
    String[] rest = segments.subList(1, segments.size()).toArray(new String[0]);
    String shown = snippet(path);
    int local = locals.lastIndexOf(first);
    if (local >= 0) {
      return rest.length == 0
          ? new Local(path.start(), firstSlot + local)
          : new LocalPath(path.start(), firstSlot + local, rest, shown);
    }
    return new SourcePath(path.start(), first, rest, shown);
  }

  private Node call(Expr.Call call) {
    FunctionTable.Entry entry = functions.get(call.name());
    if (entry == null) {
      String suggestion = Diagnostics.closest(call.name(), functions.names());
      throw error(call.start(), "unknown function '" + call.name() + "'"
          + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"));
    }
    int n = call.args().size();
    if (n < entry.min() || (entry.max() >= 0 && n > entry.max())) {
      throw error(call.start(), call.name() + "() takes " + arity(entry.min(), entry.max())
          + ", got " + n);
    }
    return entry.factory().create(this, call);
  }

  private static String arity(int min, int max) {
    if (max < 0) {
      return "at least " + plural(min);
    } else if (min == max) {
      return plural(min);
    } else if (max == min + 1) {
      return min + " or " + plural(max);
    }
    return min + " to " + plural(max);
  }

  private static String plural(int n) {
    return n + (n == 1 ? " argument" : " arguments");
  }

  private Node comparison(Expr.Binary bin) {
    Node left = node(bin.left());
    Node right = node(bin.right());
    boolean negate = bin.op().equals("!=");
    return new Node(bin.opOffset()) {
      @Override
      @Nullable Object eval(EvalContext ctx) {
        return Values.equal(left.eval(ctx), right.eval(ctx)) != negate;
      }
    };
  }

  /**
   * Compiles an operator chain into one node that loops over its operands, however many: nothing
   * recurses per operator. The node's offset is the last operator's, where the root of the
   * equivalent tree {@code ((a + b) + c)} would be.
   */
  private Node chain(Expr.Chain chain) {
    int[] opOffsets = chain.opOffsets().stream().mapToInt(Integer::intValue).toArray();
    int last = opOffsets[opOffsets.length - 1];
    switch (chain.op()) {
      case "??" -> {
        List<Expr> choices = new ArrayList<>();
        flattenCoalesce(chain, choices);
        return Builtins.coalesce(this, last, choices);
      }
      case "+" -> {
        return Builtins.plus(opOffsets, nodes(chain.operands()));
      }
      case "&&", "||" -> {
        Node[] operands = nodes(chain.operands());
        boolean isAnd = chain.op().equals("&&");
        String expects = "'" + chain.op() + "' expects a boolean";
        return new Node(last) {
          @Override
          @Nullable Object eval(EvalContext ctx) {
            for (int i = 0; i < operands.length; i++) {
              // operand i is checked at the operator before it (the first at the first), as in
              // the tree ((a && b) && c)
              if (truth(ctx, operands[i], opOffsets[Math.max(0, i - 1)], expects) != isAnd) {
                return !isAnd;
              }
            }
            return isAnd;
          }
        };
      }
      default -> throw new IllegalStateException("unknown operator " + chain.op());
    }
  }

  /**
   * Splices parenthesised {@code ??} chains into one list of choices, so that a trace counts all
   * of them; the recursion is only as deep as the parentheses.
   */
  private static void flattenCoalesce(Expr.Chain chain, List<Expr> out) {
    for (Expr e : chain.operands()) {
      if (e instanceof Expr.Chain inner && inner.op().equals("??")) {
        flattenCoalesce(inner, out);
      } else {
        out.add(e);
      }
    }
  }

  /**
   * A condition: null is false, a boolean is itself, anything else is an error.
   *
   * @param expects the start of the message, e.g. "'&&' expects a boolean"
   */
  static boolean truth(EvalContext ctx, Node node, int offset, String expects) {
    Object v = node.eval(ctx);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v == null) {
      return false;
    }
    throw ctx.error(offset, expects + ", got " + Values.typeName(v)
        + "; test presence with present(x) or compare with ==");
  }

  // ---------------------------------------------------------------- helpers for Builtins

  /** Compiles a lambda argument {@code x -> body}. */
  Lambda lambda(Expr.Call call, int index, String example) {
    Expr arg = call.args().get(index);
    if (!(arg instanceof Expr.Lambda lambda)) {
      throw error(arg.start(), call.name() + "() expects a lambda such as " + example
          + " as argument " + (index + 1));
    }
    int slot = firstSlot + locals.size();
    locals.add(lambda.param());
    maxSlots = Math.max(maxSlots, locals.size());
    Node body = node(lambda.body());
    locals.remove(locals.size() - 1);
    return new Lambda(slot, body);
  }

  /** Returns the value of a string-literal argument, or fails at compile time. */
  String stringLiteral(Expr.Call call, int index, String what) {
    Expr arg = call.args().get(index);
    if (arg instanceof Expr.Literal lit && lit.value() instanceof String s) {
      return s;
    }
    throw error(arg.start(), call.name() + "() expects a string literal as argument "
        + (index + 1) + " (" + what + ")");
  }

  /**
   * The text of a sub-expression, whitespace collapsed, for traces. Reads at most 61 characters
   * of it: a chain of thousands of fallbacks takes a snippet of each.
   */
  String snippet(Expr expr) {
    int end = Math.min(expr.end(), text.length());
    StringBuilder s = new StringBuilder(61);
    boolean space = false;
    for (int i = expr.start(); i < end && s.length() <= 60; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = s.length() > 0;
      } else {
        if (space) {
          s.append(' ');
          space = false;
        }
        s.append(c);
      }
    }
    return s.length() > 60 ? s.substring(0, 57) + "..." : s.toString();
  }

  MappingCompileException error(int offset, String problem) {
    return Diagnostics.compileError(attribute, text, offset, problem);
  }

  /** A lambda's variable slot and body. */
  record Lambda(int slot, Node body) {}

  // ---------------------------------------------------------------- core nodes

  /** A literal. */
  static final class Const extends Node {
    final @Nullable Object value;

    Const(int offset, @Nullable Object value) {
      super(offset);
      this.value = value;
    }

    @Override
    @Nullable Object eval(EvalContext ctx) {
      return value;
    }
  }

  /** A path from the source, such as {@code upn} or {@code profile.login}. */
  static final class SourcePath extends Node {
    private final String first;
    private final String[] rest;
    private final String shown;

    SourcePath(int offset, String first, String[] rest, String shown) {
      super(offset);
      this.first = first;
      this.rest = rest;
      this.shown = shown;
    }

    @Override
    @Nullable Object eval(EvalContext ctx) {
      Object v = navigate(ctx.source.get(first), rest);
      ctx.checkRead(v, offset, shown);
      if (ctx.trace != null) {
        ctx.note(v == null ? shown + " is absent" : shown + " = " + Values.render(v));
      }
      return v;
    }
  }

  /** A lambda variable: {@code g}. */
  static final class Local extends Node {
    final int slot;

    Local(int offset, int slot) {
      super(offset);
      this.slot = slot;
    }

    @Override
    @Nullable Object eval(EvalContext ctx) {
      return ctx.locals[slot];
    }
  }

  /** A lambda variable followed by a path: {@code g.name}. */
  static final class LocalPath extends Node {
    private final int slot;
    private final String[] rest;
    private final String shown;

    LocalPath(int offset, int slot, String[] rest, String shown) {
      super(offset);
      this.slot = slot;
      this.rest = rest;
      this.shown = shown;
    }

    @Override
    @Nullable Object eval(EvalContext ctx) {
      // a field inside a list of objects: the source's bounds were checked on the list only
      Object v = navigate(ctx.locals[slot], rest);
      ctx.checkRead(v, offset, shown);
      return v;
    }
  }

  /**
   * Follows a path into nested objects; on a list, follows it into each element and collects the
   * results.
   */
  static @Nullable Object navigate(@Nullable Object start, String[] segments) {
    Object v = start;
    for (String segment : segments) {
      if (v instanceof Map<?, ?> map) {
        v = map.get(segment);
      } else if (v instanceof List<?> list) {
        ValueList out = new ValueList(list.size());
        for (Object e : list) {
          if (e instanceof Map<?, ?> m) {
            out.addFlattened(m.get(segment));
          }
        }
        v = out;
      } else {
        return null;
      }
    }
    return v;
  }
}
