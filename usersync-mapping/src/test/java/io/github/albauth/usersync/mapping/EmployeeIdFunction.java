package io.github.albauth.usersync.mapping;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A custom function found through ServiceLoader (listed in META-INF/services of the tests). */
public final class EmployeeIdFunction implements MappingFunction {

  /** The public no-argument constructor ServiceLoader calls. */
  public EmployeeIdFunction() {}

  @Override
  public String name() {
    return "employeeId";
  }

  @Override
  public int minArguments() {
    return 1;
  }

  @Override
  public int maxArguments() {
    return 2;
  }

  @Override
  public @Nullable Object apply(List<@Nullable Object> arguments) {
    Object prefix = arguments.size() > 1 ? arguments.get(1) : "E";
    return arguments.get(0) instanceof String s ? prefix + s : null;
  }
}
