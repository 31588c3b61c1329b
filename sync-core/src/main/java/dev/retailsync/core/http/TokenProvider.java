package dev.retailsync.core.http;

/**
 * Supplies access tokens for one credential. Implementations refresh single-flight: however many
 * threads ask at once, one request goes to the token endpoint.
 *
 * <p>Implementations are thread-safe.
 */
public interface TokenProvider {

  /**
   * Returns a valid token, fetching one when there is none or it is about to expire.
   *
   * @return the token
   * @throws dev.retailsync.api.AuthenticationException if the endpoint refuses the credential
   * @throws dev.retailsync.api.SyncException retryable, if the endpoint could not be reached
   */
  OAuthToken token();

  /**
   * Marks a token as rejected (a 401), so that the next {@link #token()} fetches a new one, unless
   * another thread already replaced it.
   *
   * @param rejected the token the failed call used
   */
  void invalidate(OAuthToken rejected);
}
