package io.github.albauth.usersync.mapping.internal;

/** Thrown by {@code skip()} to end the evaluation of a user: control flow, no stack trace. */
final class SkipSignal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  final String reason;

  SkipSignal(String reason) {
    super(reason, null, false, false);
    this.reason = reason;
  }
}
