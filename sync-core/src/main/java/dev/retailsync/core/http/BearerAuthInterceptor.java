package dev.retailsync.core.http;

import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds {@code Authorization: Bearer <token>} to every request, and on a 401 invalidates the token
 * it used and replays the request once with a fresh one. A second 401 is returned to the caller,
 * which reports it as an authentication error: never a loop.
 *
 * <p>Thread-safe.
 */
public final class BearerAuthInterceptor implements Interceptor {
  private final TokenProvider tokens;

  /**
   * Creates the interceptor.
   *
   * @param tokens where tokens come from
   */
  public BearerAuthInterceptor(TokenProvider tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    OAuthToken token = tokens.token();
    Response response = chain.proceed(withToken(chain.request(), token));
    if (response.code() != 401) {
      return response;
    }
    response.close();
    tokens.invalidate(token);
    return chain.proceed(withToken(chain.request(), tokens.token()));
  }

  private static Request withToken(Request request, OAuthToken token) {
    return request.newBuilder().header("Authorization", "Bearer " + token.accessToken()).build();
  }
}
