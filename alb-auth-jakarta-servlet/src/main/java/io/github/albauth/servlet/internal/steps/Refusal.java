package io.github.albauth.servlet.internal.steps;

import io.github.albauth.servlet.AlbAuthFailure;
import io.github.albauth.servlet.internal.StepFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A refusal on its way to the response: a reason code and a detail safe to log. No stack trace. */
public final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(Refusal.class);

  private final AlbAuthFailure failure;
  private final String detail;

  /**
   * A refusal.
   *
   * @param failure the reason code
   * @param detail what the log line adds, already escaped; empty for none
   */
  public Refusal(AlbAuthFailure failure, String detail) {
    super(failure.name(), null, false, false);
    this.failure = failure;
    this.detail = detail;
  }

  /**
   * The refusal for a step's unexpected failure (any Throwable but a fatal VirtualMachineError,
   * which is rethrown): the step's own reason, the failure's class in the log line (and, for an
   * outage of ours, answered 503, its escaped message), its stack trace at DEBUG.
   *
   * @param failure the step's reason code
   * @param cause what was thrown
   * @return the refusal
   */
  public static Refusal unexpected(AlbAuthFailure failure, Throwable cause) {
    StepFailures.rethrowIfFatal(cause);
    LOG.debug("albauth {}: unexpected failure", failure, cause);
    return new Refusal(failure, failure.status() == 503
        ? StepFailures.describeWithMessage(cause) : StepFailures.describe(cause));
  }

  /** {@return the reason code} */
  public AlbAuthFailure failure() {
    return failure;
  }

  /** {@return what the log line adds; empty for nothing} */
  public String detail() {
    return detail;
  }
}
