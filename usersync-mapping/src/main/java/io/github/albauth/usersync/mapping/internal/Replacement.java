package io.github.albauth.usersync.mapping.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.github.albauth.usersync.mapping.MappingCompileException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A regex replacement parsed once: literal text and group references ({@code $1}, {@code ${1}},
 * {@code ${name}}, {@code $$} for a dollar sign). References to groups the pattern lacks fail at compile time.
 */
final class Replacement {

  private final String[] literals;
  private final int[] groups;
  private final int literalLength;

  private Replacement(String[] literals, int[] groups) {
    this.literals = literals;
    this.groups = groups;
    int length = 0;
    for (String literal : literals) {
      length += literal.length();
    }
    this.literalLength = length;
  }

  static Replacement parse(String text, Pattern pattern,
      Function<String, MappingCompileException> error) {
    List<String> literals = new ArrayList<>();
    List<Integer> groups = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$') {
        literal.append(c);
        i++;
        continue;
      }
      if (i + 1 < text.length() && text.charAt(i + 1) == '$') {
        literal.append('$');
        i += 2;
        continue;
      }
      int group;
      if (i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
        int j = i + 1;
        while (j < text.length() && Character.isDigit(text.charAt(j))) {
          j++;
        }
        group = Integer.parseInt(text.substring(i + 1, Math.min(j, i + 6)));
        if (group > pattern.groupCount()) {
          throw error.apply("the replacement refers to group " + group + ", but the pattern has "
              + pattern.groupCount() + (pattern.groupCount() == 1 ? " group" : " groups"));
        }
        i = j;
      } else if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw error.apply("the replacement has a '${' without its closing '}'");
        }
        String name = text.substring(i + 2, close);
        Integer index = name.matches("[0-9]{1,5}") ? Integer.valueOf(name)
            : pattern.namedGroups().get(name);
        if (index != null && index > pattern.groupCount()) {
          throw error.apply("the replacement refers to group " + index + ", but the pattern has "
              + pattern.groupCount() + (pattern.groupCount() == 1 ? " group" : " groups"));
        }
        if (index == null) {
          throw error.apply("the replacement refers to group '" + name + "', which the pattern "
              + "does not define; name a group with (?P<" + name + ">...)");
        }
        group = index;
        i = close + 1;
      } else {
        throw error.apply("a $ in the replacement must be followed by a group number, {name} or "
            + "another $ (write $$ for a dollar sign)");
      }
      literals.add(literal.toString());
      literal.setLength(0);
      groups.add(group);
    }
    literals.add(literal.toString());
    return new Replacement(literals.toArray(new String[0]),
        groups.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The length of the replacement of the current match, without building it. */
  long length(Matcher m) {
    long length = literalLength;
    for (int group : groups) {
      int start = m.start(group);
      if (start >= 0) {
        length += m.end(group) - start;
      }
    }
    return length;
  }

  void appendTo(StringBuilder sb, Matcher m) {
    for (int k = 0; k < groups.length; k++) {
      sb.append(literals[k]);
      String g = m.group(groups[k]);
      if (g != null) {
        sb.append(g);
      }
    }
    sb.append(literals[groups.length]);
  }
}
