package io.github.albauth.spring.boot.autoconfigure.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.AbstractThrowableAssert;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

/** What made a context fail to start, as albauth threw it (Spring wraps it in its own). */
public final class StartupFailures {

  private StartupFailures() {}

  /**
   * The first {@link IllegalArgumentException} or {@link IllegalStateException} in the chain of
   * causes of a context's startup failure: the one albauth threw.
   *
   * @param context a context that failed to start
   * @return an assertion on it
   */
  public static AbstractThrowableAssert<?, ? extends Throwable> startupFailure(
      AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable failure = context.getStartupFailure();
    while (failure != null && !(failure instanceof IllegalArgumentException
        || failure instanceof IllegalStateException)) {
      failure = failure.getCause();
    }
    return assertThat(failure).as("albauth's exception in %s", context.getStartupFailure())
        .isNotNull();
  }
}
