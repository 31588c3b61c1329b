package dev.retailsync.erp;

/**
 * The one error taxonomy every ERP connector maps its platform's errors into, so that the engine's
 * retry and dead-letter logic never looks at an ERP's own error format.
 *
 * <p>Each kind carries the default retryable verdict; a connector may override it for one error
 * (for example a {@link #THROTTLED} daily allocation that does not reset within the run).
 */
public enum ErpErrorKind {
  /** The credentials were refused or have expired; fix the configuration. */
  AUTHENTICATION(false),
  /** The credentials are valid but lack the permission for this record or operation. */
  PERMISSION(false),
  /** The ERP's rate or concurrency limit was reached; retry after the wait it asked for. */
  THROTTLED(true),
  /** The record changed since the version the write was based on; re-read and re-plan. */
  CONFLICT(false),
  /** The ERP refused the record's data; the error names the field where the ERP did. */
  VALIDATION(false),
  /** The record or endpoint does not exist. */
  NOT_FOUND(false),
  /** A timeout, a 5xx or a dropped connection; the same request may succeed later. */
  TRANSIENT(true),
  /** An error the connector could not classify; treated as not retryable. */
  UNKNOWN(false);

  private final boolean retryable;

  ErpErrorKind(boolean retryable) {
    this.retryable = retryable;
  }

  /**
   * Tells whether an error of this kind may succeed when retried unchanged.
   *
   * @return the default verdict for this kind
   */
  public boolean retryable() {
    return retryable;
  }
}
