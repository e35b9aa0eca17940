package io.github.albauth.usersync.mapping.internal;

import io.github.albauth.usersync.AttributeSource;
import io.github.albauth.usersync.mapping.MappingException;
import io.github.albauth.usersync.mapping.MappingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compiled mapping document: one compiled expression per attribute, in document order, and the
 * input bounds. Immutable and thread-safe.
 */
public final class Program {

  /** What a dry run found for one attribute. */
  public record Traced(
      String attribute, String expression, @Nullable Object value, List<String> steps,
      @Nullable String error, @Nullable String skipReason) {}

  private final String[] names;
  private final Node[] roots;
  private final String[] texts;
  /** How many lambda variables the expressions need, after the attribute values in a frame. */
  private final int slots;
  private final int maxStringLength;
  private final int maxListSize;

  private Program(String[] names, Node[] roots, String[] texts, int slots, int maxStringLength,
      int maxListSize) {
    this.names = names;
    this.roots = roots;
    this.texts = texts;
    this.slots = slots;
    this.maxStringLength = maxStringLength;
    this.maxListSize = maxListSize;
  }

  /**
   * Compiles every expression.
   *
   * @param expressions attribute name to expression text, in output order
   * @throws io.github.albauth.usersync.mapping.MappingCompileException on the first bad expression
   */
  public static Program compile(Map<String, String> expressions, FunctionTable functions,
      int maxStringLength, int maxListSize) {
    int n = expressions.size();
    String[] names = new String[n];
    Node[] roots = new Node[n];
    String[] texts = new String[n];
    int slots = 0;
    int i = 0;
    for (Map.Entry<String, String> e : expressions.entrySet()) {
      Compiler.Compiled compiled = Compiler.compile(functions, e.getKey(), e.getValue(), n);
      names[i] = e.getKey();
      roots[i] = compiled.root();
      texts[i] = e.getValue();
      slots = Math.max(slots, compiled.slots());
      i++;
    }
    return new Program(names, roots, texts, slots, maxStringLength, maxListSize);
  }

  /** Turns the attribute values of a mapped user into the result. */
  @FunctionalInterface
  public interface Results {
    /** Wraps the values; the map is immutable and owned by the result. */
    MappingResult mapped(AttributeValues values);
  }

  /** Maps one user. */
  public MappingResult evaluate(AttributeSource source, Results results) {
    // one array for the results and, after them, the lambda variables: one allocation less
    int n = roots.length;
    @Nullable Object[] frame = new Object[n + slots];
    EvalContext ctx = new EvalContext(source, maxStringLength, maxListSize, frame, null);
    try {
      for (int i = 0; i < n; i++) {
        ctx.attribute = names[i];
        ctx.text = texts[i];
        frame[i] = Values.toResult(roots[i].eval(ctx), ctx, 0);
      }
    } catch (SkipSignal skip) {
      return MappingResult.skipped(skip.reason);
    }
    if (slots > 0) {
      Arrays.fill(frame, n, frame.length, null);
    }
    return results.mapped(new AttributeValues(names, frame));
  }

  /** Evaluates every attribute separately, recording why each value came out as it did. */
  public List<Traced> trace(AttributeSource source) {
    List<Traced> out = new ArrayList<>(names.length);
    for (int i = 0; i < roots.length; i++) {
      List<String> steps = new ArrayList<>();
      EvalContext ctx = new EvalContext(source, maxStringLength, maxListSize,
          new Object[names.length + slots], steps);
      ctx.attribute = names[i];
      ctx.text = texts[i];
      Object value = null;
      String error = null;
      String skip = null;
      try {
        value = Values.toResult(roots[i].eval(ctx), ctx, 0);
      } catch (SkipSignal s) {
        skip = s.reason;
      } catch (MappingException e) {
        error = e.getMessage();
      }
      out.add(new Traced(names[i], texts[i], value, List.copyOf(steps), error, skip));
    }
    return out;
  }
}
