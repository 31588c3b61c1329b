package dev.retailsync.core.http;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a rotating refresh token lives between refreshes. With rotation, a refresh returns a new
 * refresh token and invalidates the old one; presenting the old one again revokes the whole grant.
 * So the provider saves the new token here <em>before</em> it uses the new access token, and the
 * host's implementation must persist it durably (a database row, a secret manager) and share it
 * between the instances that use the credential.
 *
 * <p>Implementations are thread-safe.
 */
public interface RefreshTokenStore {

  /**
   * Returns the current refresh token.
   *
   * @return the token
   */
  String load();

  /**
   * Replaces the refresh token with a rotated one; must be durable when it returns.
   *
   * @param refreshToken the new token
   */
  void save(String refreshToken);

  /**
   * Returns a store that keeps the token in memory only (tests, short-lived tools).
   *
   * @param initial the first refresh token
   * @return the store
   */
  static RefreshTokenStore inMemory(String initial) {
    AtomicReference<String> ref = new AtomicReference<>(initial);
    return new RefreshTokenStore() {
      @Override
      public String load() {
        return ref.get();
      }

      @Override
      public void save(String refreshToken) {
        ref.set(refreshToken);
      }

      @Override
      public String toString() {
        return "RefreshTokenStore[in memory, <redacted>]";
      }
    };
  }
}
