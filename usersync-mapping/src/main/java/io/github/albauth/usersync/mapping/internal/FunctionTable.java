package io.github.albauth.usersync.mapping.internal;

import io.github.albauth.usersync.mapping.MappingFunction;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The functions an expression may call: the built-ins plus registered custom ones. Immutable. */
public final class FunctionTable {

  /** Creates the node of one call, after the arity check. */
  @FunctionalInterface
  interface Factory {
    Node create(Compiler compiler, Expr.Call call);
  }

  /** One function: name, arity ({@code max} -1 for unbounded), and how to compile a call. */
  record Entry(String name, int min, int max, Factory factory) {}

  private static final FunctionTable BUILTINS = new FunctionTable(Builtins.entries());

  private final Map<String, Entry> entries;

  private FunctionTable(Map<String, Entry> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /** The built-in functions only. */
  public static FunctionTable builtins() {
    return BUILTINS;
  }

  /**
   * The built-ins plus custom functions.
   *
   * @throws IllegalArgumentException when a name is invalid, a built-in's, or given twice
   */
  public static FunctionTable with(Collection<MappingFunction> custom) {
    if (custom.isEmpty()) {
      return BUILTINS;
    }
    Map<String, Entry> all = new LinkedHashMap<>(BUILTINS.entries);
    for (MappingFunction fn : custom) {
      String name = fn.name();
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("custom function name '" + name + "' is not valid; "
            + "use letters, digits and _, not starting with a digit");
      }
      if (BUILTINS.entries.containsKey(name)) {
        throw new IllegalArgumentException("custom function '" + name + "' has the name of a "
            + "built-in function; choose another name");
      }
      if (all.containsKey(name)) {
        throw new IllegalArgumentException("custom function '" + name + "' is registered twice ("
            + fn.getClass().getName() + ")");
      }
      int min = fn.minArguments();
      int max = fn.maxArguments();
      if (min < 0 || (max >= 0 && max < min) || max < -1) {
        throw new IllegalArgumentException("custom function '" + name + "' has invalid arity "
            + min + ".." + max + "; minArguments must be >= 0 and maxArguments >= minArguments or -1");
      }
      all.put(name, new Entry(name, min, max, Builtins.custom(fn)));
    }
    return new FunctionTable(all);
  }

  /** Returns the function of that name, or null. */
  @Nullable Entry get(String name) {
    return entries.get(name);
  }

  /** Returns all function names, sorted. */
  public Set<String> names() {
    return Collections.unmodifiableSet(new TreeSet<>(entries.keySet()));
  }
}
