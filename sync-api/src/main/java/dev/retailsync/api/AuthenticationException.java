package dev.retailsync.api;

/**
 * Thrown when a remote system refuses the credentials: an invalid client, a revoked grant, an
 * expired certificate, or a session that stays invalid after one re-authentication. The message
 * names the organisation or user but never a token, key or secret.
 *
 * <p>Not retryable: the credentials must be fixed.
 */
public class AuthenticationException extends SyncException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what was refused and how to fix it, without secrets
   * @param cause the underlying failure, or {@code null}
   * @param context where it happened
   */
  public AuthenticationException(String message, Throwable cause, ErrorContext context) {
    super(message, cause, context, false);
  }
}
