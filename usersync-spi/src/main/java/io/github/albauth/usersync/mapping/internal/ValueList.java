package io.github.albauth.usersync.mapping.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * The immutable list that functions build: an array without copies, no null elements. Knows
 * whether it holds only strings, so that the final result needs no conversion.
 */
final class ValueList extends AbstractList<Object> implements RandomAccess {

  private final Object[] items;
  private final int size;
  private final boolean allStrings;

  private ValueList(Object[] items, int size, boolean allStrings) {
    this.items = items;
    this.size = size;
    this.allStrings = allStrings;
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

  /** Collects values; single use. */
  static final class Builder {
    private Object[] items;
    private int size;
    private boolean allStrings = true;

    Builder(int capacity) {
      items = new Object[Math.max(capacity, 4)];
    }

    void add(Object value) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = value;
      allStrings &= value instanceof String;
    }

    /** Adds a value, or each element of a list; nulls are dropped. */
    void addFlattened(@Nullable Object value) {
      if (value == null) {
        return;
      }
      if (value instanceof List<?> list) {
        for (int i = 0, n = list.size(); i < n; i++) {
          Object e = list.get(i);
          if (e != null) {
            add(e);
          }
        }
      } else {
        add(value);
      }
    }

    int size() {
      return size;
    }

    ValueList build() {
      return new ValueList(items, size, allStrings);
    }
  }
}
