package dev.retailsync.erp.tryton;

import dev.retailsync.erp.ErpError;

/**
 * A failed Tryton call, classified. Internal to the connector: it becomes a {@code WriteOutcome} or
 * a {@code SyncException} before the engine sees it.
 */
final class TrytonCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient TrytonErrors.Failure failure;
  private final boolean uncertain;

  TrytonCallException(TrytonErrors.Failure failure, boolean uncertain) {
    super(failure.error().message(), null, false, false);
    this.failure = failure;
    this.uncertain = uncertain;
  }

  /** The classified error. */
  ErpError error() {
    return failure.error();
  }

  /** The {@code UserWarning} name to acknowledge, or {@code null}. */
  String warningName() {
    return failure.warningName();
  }

  /** Whether a write may have been applied although no answer arrived. */
  boolean uncertain() {
    return uncertain;
  }
}
