package io.github.albauth.usersync.mapping.internal;

import org.jspecify.annotations.Nullable;

/**
 * A compiled expression: a tree of small nodes, each evaluating itself against a context. Nodes are
 * immutable and thread-safe; all per-evaluation state lives in the {@link EvalContext}.
 */
public abstract class Node {

  /** Offset of the construct in the expression text (where error carets point). */
  final int offset;

  Node(int offset) {
    this.offset = offset;
  }

  /** Evaluates to a String, Boolean, Number, List, Map (only from a source) or null. */
  abstract @Nullable Object eval(EvalContext ctx);

  /**
   * Whether every evaluation yields either no list or a list that this node has just built and
   * handed to its caller alone; the calling function may then change that list in place instead
   * of copying it. Known at compile time.
   */
  boolean buildsFreshList() {
    return false;
  }
}
