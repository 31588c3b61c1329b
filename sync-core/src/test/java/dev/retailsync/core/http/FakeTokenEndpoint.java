package dev.retailsync.core.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import okhttp3.FormBody;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** An in-process token endpoint at the OkHttp level: no sockets, scripted answers. */
final class FakeTokenEndpoint implements Interceptor {
  /** A scripted answer. */
  record Answer(int code, String body, String retryAfter) {
    static Answer ok(String body) {
      return new Answer(200, body, null);
    }
  }

  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  final List<java.util.Map<String, String>> forms = Collections.synchronizedList(new ArrayList<>());
  private final Function<java.util.Map<String, String>, Answer> handler;

  FakeTokenEndpoint(Function<java.util.Map<String, String>, Answer> handler) {
    this.handler = handler;
  }

  OkHttpClient client() {
    return new OkHttpClient.Builder().addInterceptor(this).build();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request r = chain.request();
    requests.add(r);
    java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
    if (r.body() instanceof FormBody f) {
      for (int i = 0; i < f.size(); i++) {
        form.put(f.name(i), f.value(i));
      }
    }
    forms.add(form);
    Answer a = handler.apply(form);
    Response.Builder b =
        new Response.Builder()
            .request(r)
            .protocol(Protocol.HTTP_1_1)
            .code(a.code())
            .message("fake")
            .body(ResponseBody.create(a.body(), MediaType.get("application/json")));
    if (a.retryAfter() != null) {
      b.header("Retry-After", a.retryAfter());
    }
    return b.build();
  }
}
