package io.github.albauth.usersync.mapping.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * The list that functions build: an array without copies, no null elements. Knows whether it
 * holds only strings, so that the final result needs no conversion.
 *
 * <p>One object is both the builder and the list, to save an allocation per list on every
 * evaluation: the function that creates it fills it with {@link #addValue} and {@link
 * #addFlattened}, then hands it on; from then on nothing changes it, and to everyone else it is an
 * immutable list (the public mutators of {@link AbstractList} throw). Not thread-safe while being
 * filled; immutable and thread-safe afterwards.
 */
final class ValueList extends AbstractList<Object> implements RandomAccess {

  private Object[] items;
  private int size;
  private boolean allStrings = true;

  /** Starts an empty list with room for {@code capacity} values before it grows. */
  ValueList(int capacity) {
    items = new Object[Math.max(capacity, 4)];
  }

  @Override
  public Object get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + ", size " + size);
    }
    return items[index];
  }

  @Override
  public int size() {
    return size;
  }

  boolean allStrings() {
    return allStrings;
  }

  /**
   * Empties this list to fill it again from its own elements, for a function that consumes a list
   * built for it alone (see {@link Node#buildsFreshList()}). Returns the elements: the caller reads
   * element {@code i} before it adds anything for it, and once done with it has added at most
   * {@code i + 1} values in all, so no unread element is overwritten.
   */
  Object[] refill() {
    size = 0;
    allStrings = true;
    return items;
  }

  /** Whether a value equals an earlier one. */
  boolean hasRepeats() {
    for (int i = 1; i < size; i++) {
      if (holds(items[i], i)) {
        return true;
      }
    }
    return false;
  }

  /** Removes, in place, each value equal to an earlier one; returns this list. */
  ValueList removeRepeats() {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      Object v = items[i];
      if (!holds(v, kept)) {
        items[kept++] = v;
      }
    }
    Arrays.fill(items, kept, size, null);
    size = kept;
    return this;
  }

  /** Whether one of the first {@code limit} values equals {@code v}. */
  private boolean holds(Object v, int limit) {
    for (int j = 0; j < limit; j++) {
      if (items[j].equals(v)) {
        return true;
      }
    }
    return false;
  }

  /** Adds a value (not null) while filling. */
  void addValue(Object value) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = value;
    allStrings &= value instanceof String;
  }

  /** Adds a value, or each element of a list, while filling; nulls are dropped. */
  void addFlattened(@Nullable Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof String) {
      addValue(value);
    } else if (value instanceof ValueList other) {
      // no nulls in there: one copy of the array
      int n = other.size;
      if (size + n > items.length) {
        items = Arrays.copyOf(items, Math.max(size + n, size * 2));
      }
      System.arraycopy(other.items, 0, items, size, n);
      size += n;
      allStrings &= other.allStrings;
    } else if (value instanceof List<?> list) {
      for (int i = 0, n = list.size(); i < n; i++) {
        Object e = list.get(i);
        if (e != null) {
          addValue(e);
        }
      }
    } else {
      addValue(value);
    }
  }
}
