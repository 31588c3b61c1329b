package dev.retailsync.testkit;

/**
 * A failure the kit asks a connector's remote (usually its fake) to produce on the next call, to
 * check that the connector reports it with the right retryable verdict.
 */
public enum Fault {
  /** The next call is refused for a rate or concurrency limit (HTTP 429 or the platform's own). */
  THROTTLED,
  /** The next call fails with a server error or a maintenance page (HTTP 503). */
  UNAVAILABLE
}
