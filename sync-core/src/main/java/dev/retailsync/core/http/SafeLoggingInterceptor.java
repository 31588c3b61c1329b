package dev.retailsync.core.http;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each call at DEBUG (method, host, path, status, time) and failures at WARN, never a header,
 * a query value or a body: tokens travel in headers, and queries and bodies carry personal data.
 *
 * <p>Thread-safe.
 */
public final class SafeLoggingInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger("dev.retailsync.http");

  /** Creates the interceptor. */
  public SafeLoggingInterceptor() {}

  /**
   * Renders a URL without query values: {@code https://host/path?q=<redacted>}.
   *
   * @param url the URL
   * @return the redacted rendering
   */
  public static String redact(HttpUrl url) {
    StringBuilder sb =
        new StringBuilder(url.scheme()).append("://").append(url.host()).append(url.encodedPath());
    for (int i = 0; i < url.querySize(); i++) {
      sb.append(i == 0 ? '?' : '&').append(url.queryParameterName(i)).append("=<redacted>");
    }
    return sb.toString();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} {} -> {} in {} ms",
            request.method(),
            redact(request.url()),
            response.code(),
            (System.nanoTime() - start) / 1_000_000);
      }
      return response;
    } catch (IOException e) {
      LOG.warn(
          "{} {} failed after {} ms: {}",
          request.method(),
          redact(request.url()),
          (System.nanoTime() - start) / 1_000_000,
          e.getClass().getSimpleName());
      throw e;
    }
  }
}
