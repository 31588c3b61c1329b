package dev.retailsync.erp.tryton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * An OkHttp interceptor in front of the real Tryton server: records the JSON-RPC bodies sent, and
 * answers the next call with a scripted fault instead of forwarding it (Tryton itself cannot be
 * told to throttle), or forwards it and then drops the answer (the server applied the write, the
 * client saw a timeout).
 */
final class FaultInjector implements Interceptor {
  /** What the next call gets. */
  enum Next {
    /** HTTP 429 with {@code Retry-After: 7}. */
    THROTTLED,
    /** HTTP 503 with an HTML maintenance page. */
    UNAVAILABLE,
    /** The call reaches Tryton, then the answer is lost as a read timeout. */
    TIMEOUT_AFTER_APPLY,
    /** HTTP 401, as for an expired session. */
    UNAUTHORIZED
  }

  private final AtomicReference<Next> next = new AtomicReference<>();
  private final AtomicReference<Runnable> before = new AtomicReference<>();
  private volatile String beforeMethod;
  private volatile String onlyMethod;
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

  void failNext(Next fault) {
    failNext(fault, null);
  }

  /** Arms a fault for the next call whose method contains {@code method} (any call if null). */
  void failNext(Next fault, String method) {
    onlyMethod = method;
    next.set(fault);
  }

  /** Runs {@code action} just before the next call of {@code method} reaches Tryton. */
  void beforeNext(String method, Runnable action) {
    beforeMethod = method;
    before.set(action);
  }

  List<String> bodies() {
    synchronized (bodies) {
      return List.copyOf(bodies);
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Buffer buffer = new Buffer();
    if (chain.request().body() != null) {
      chain.request().body().writeTo(buffer);
    }
    String body = buffer.readUtf8();
    bodies.add(body);
    String bm = beforeMethod;
    if (bm != null && body.contains("\"method\":\"" + bm + "\"")) {
      Runnable action = before.getAndSet(null);
      if (action != null) {
        action.run();
      }
    }
    String m = onlyMethod;
    Next fault = m == null || body.contains("\"method\":\"" + m) ? next.getAndSet(null) : null;
    if (fault == null) {
      return chain.proceed(chain.request());
    }
    switch (fault) {
      case TIMEOUT_AFTER_APPLY:
        try (Response applied = chain.proceed(chain.request())) {
          applied.body().string();
        }
        throw new java.net.SocketTimeoutException(
            "read timed out (scripted after the server applied it)");
      case THROTTLED:
        return synthetic(chain, 429, "Too Many Requests")
            .newBuilder()
            .header("Retry-After", "7")
            .build();
      case UNAUTHORIZED:
        return synthetic(chain, 401, "");
      default:
        return synthetic(chain, 503, "<html><body>Service Unavailable</body></html>");
    }
  }

  private static Response synthetic(Chain chain, int code, String text) {
    return new Response.Builder()
        .request(chain.request())
        .protocol(Protocol.HTTP_1_1)
        .code(code)
        .message("scripted")
        .body(ResponseBody.create(text, MediaType.get("text/html")))
        .build();
  }
}
