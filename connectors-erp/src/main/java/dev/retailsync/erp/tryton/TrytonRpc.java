package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.core.http.RetryAfter;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import dev.retailsync.erp.TenantGate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Tryton's JSON-RPC 1.0 as the server speaks it: {@code POST /<db>/} with exactly {@code id},
 * {@code method} and {@code params} (any other key flips trytond into its non-RPC mode), a body
 * with a {@code Content-Length}, {@code Authorization: Session base64(login:userId:key)} after
 * {@code common.db.login}, the user's context (at least {@code company}) as the last parameter of
 * every model call, and errors carried in HTTP 200 answers.
 *
 * <p>A 401 (the session expired or was logged out) logs in again once and repeats the call.
 * Thread-safe; every call passes the tenant's concurrency gate.
 */
final class TrytonRpc {
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final OkHttpClient http;
  private final HttpUrl root;
  private final HttpUrl dbUrl;
  private final String login;
  private final String password;
  private final TenantGate gate;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong ids = new AtomicLong();
  private final Object loginLock = new Object();
  private volatile Session session;

  TrytonRpc(
      OkHttpClient http,
      HttpUrl root,
      String database,
      String login,
      String password,
      TenantGate gate,
      Clock clock) {
    this.http = http;
    this.root = root;
    this.dbUrl = root.newBuilder().addPathSegment(database).addPathSegment("").build();
    this.login = login;
    this.password = password;
    this.gate = gate;
    this.clock = clock;
  }

  ObjectMapper json() {
    return json;
  }

  /**
   * Calls {@code model.<model>.<method>} with the given arguments and the user's context as the
   * last parameter.
   *
   * @param model the model, such as {@code party.party}
   * @param method the method, such as {@code search_read}
   * @param args the positional arguments before the context
   * @return the result
   * @throws TrytonCallException for any error, classified
   */
  JsonNode model(String model, String method, List<?> args) {
    return model(model, method, args, Map.of());
  }

  /**
   * Calls a model method with extra context keys, such as {@code _timestamp} or {@code locations}.
   *
   * @param model the model
   * @param method the method
   * @param args the positional arguments before the context
   * @param extraContext keys added to the user's context
   * @return the result
   */
  JsonNode model(String model, String method, List<?> args, Map<String, ?> extraContext) {
    boolean retried = false;
    while (true) {
      Session s = session();
      ArrayNode params = json.createArrayNode();
      for (Object a : args) {
        params.add(TrytonCodec.encode(toNode(a)));
      }
      ObjectNode context = s.context.deepCopy();
      extraContext.forEach((k, v) -> context.set(k, TrytonCodec.encode(toNode(v))));
      params.add(context);
      try {
        return post(dbUrl, "model." + model + "." + method, params, s.header);
      } catch (TrytonCallException e) {
        if (!retried && e.error().httpStatus() == 401) {
          retried = true;
          synchronized (loginLock) {
            if (session == s) {
              session = null;
            }
          }
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * Calls a server-level method at {@code POST /}, such as {@code common.server.version}.
   *
   * @param method the method
   * @return the result
   */
  JsonNode server(String method) {
    return post(root, method, json.createArrayNode(), null);
  }

  /** Logs out the current session, if any; errors are ignored (the session expires anyway). */
  void logout() {
    Session s = session;
    session = null;
    if (s != null) {
      try {
        post(dbUrl, "common.db.logout", json.createArrayNode(), s.header);
      } catch (TrytonCallException e) {
        // Already expired or unreachable: nothing to release.
      }
    }
  }

  /** The logged-in user's id. */
  long userId() {
    return session().userId;
  }

  /** The user's context from {@code get_preferences}, as sent with every model call. */
  JsonNode context() {
    return session().context.deepCopy();
  }

  private Session session() {
    Session s = session;
    if (s != null) {
      return s;
    }
    synchronized (loginLock) {
      if (session == null) {
        session = login();
      }
      return session;
    }
  }

  private Session login() {
    ArrayNode params = json.createArrayNode();
    params.add(login);
    params.addObject().put("password", password);
    params.add("en");
    JsonNode result = post(dbUrl, "common.db.login", params, null);
    if (!result.isArray() || result.size() != 2) {
      throw new TrytonCallException(
          new TrytonErrors.Failure(
              ErpError.of(
                  ErpErrorKind.AUTHENTICATION,
                  200,
                  "LoginFailed",
                  "Tryton refused the login; check the login and password"),
              null),
          false);
    }
    String token = login + ":" + result.get(0).asLong() + ":" + result.get(1).asText();
    String header =
        "Session " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    ArrayNode prefsParams = json.createArrayNode();
    prefsParams.add(true);
    prefsParams.addObject();
    JsonNode prefs = post(dbUrl, "model.res.user.get_preferences", prefsParams, header);
    ObjectNode context = json.createObjectNode();
    for (String key : List.of("company", "employee", "language")) {
      if (prefs.hasNonNull(key)) {
        context.set(key, prefs.get(key));
      }
    }
    if (!context.hasNonNull("company")) {
      throw new TrytonCallException(
          new TrytonErrors.Failure(
              ErpError.of(
                  ErpErrorKind.VALIDATION,
                  200,
                  "NoCompany",
                  "the Tryton user "
                      + login
                      + " has no current company; set one in the user's preferences"),
              null),
          false);
    }
    return new Session(header, context, result.get(0).asLong());
  }

  private JsonNode post(HttpUrl url, String method, ArrayNode params, String authorization) {
    ObjectNode envelope = json.createObjectNode();
    envelope.put("id", ids.incrementAndGet());
    envelope.put("method", method);
    envelope.set("params", params);
    byte[] body;
    try {
      body = json.writeValueAsBytes(envelope);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a Tryton request", e);
    }
    Request.Builder request =
        new Request.Builder()
            .url(url)
            // A byte body has a Content-Length; trytond answers a chunked body with 411.
            .post(RequestBody.create(body, JSON_TYPE))
            .header("Accept", "application/json")
            // Keeps trytond from adding WWW-Authenticate to a 401.
            .header("X-Requested-With", "XMLHttpRequest");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    boolean write = isWrite(method);
    return gate.call(
        () -> {
          try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody rb = response.body();
            String text = rb == null ? "" : rb.string();
            if (response.code() != 200) {
              ErpError e =
                  TrytonErrors.fromHttpStatus(
                      response.code(),
                      RetryAfter.parse(response.header("Retry-After"), clock).orElse(null));
              throw new TrytonCallException(new TrytonErrors.Failure(e, null), false);
            }
            JsonNode answer;
            try {
              answer = json.readTree(text);
            } catch (IOException e) {
              throw new TrytonCallException(
                  new TrytonErrors.Failure(
                      ErpError.of(
                          ErpErrorKind.TRANSIENT,
                          200,
                          "BadJson",
                          "Tryton answered with something that is not JSON"),
                      null),
                  write);
            }
            if (answer.has("error") && !answer.get("error").isNull()) {
              throw new TrytonCallException(TrytonErrors.fromRpcError(answer.get("error")), false);
            }
            return answer.path("result");
          } catch (IOException e) {
            // The server may have applied a write before the connection failed.
            throw new TrytonCallException(
                new TrytonErrors.Failure(
                    ErpError.of(
                        ErpErrorKind.TRANSIENT,
                        0,
                        "IO",
                        "no answer from Tryton ("
                            + e.getClass().getSimpleName()
                            + ": "
                            + e.getMessage()
                            + ")"),
                    null),
                write);
          }
        });
  }

  private static boolean isWrite(String method) {
    return method.endsWith(".create")
        || method.endsWith(".write")
        || method.endsWith(".delete")
        || method.endsWith(".quote")
        || method.endsWith(".confirm")
        || method.endsWith(".process")
        || method.endsWith(".post");
  }

  private Object toNode(Object value) {
    if (value instanceof List<?> list) {
      ArrayNode a = json.createArrayNode();
      for (Object o : list) {
        a.add(TrytonCodec.encode(toNode(o)));
      }
      return a;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode o = json.createObjectNode();
      map.forEach((k, v) -> o.set(String.valueOf(k), TrytonCodec.encode(toNode(v))));
      return o;
    }
    return value;
  }

  private record Session(String header, ObjectNode context, long userId) {}
}
