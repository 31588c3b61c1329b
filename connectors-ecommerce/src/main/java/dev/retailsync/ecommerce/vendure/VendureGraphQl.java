package dev.retailsync.ecommerce.vendure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.RemoteSystemException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Vendure Admin API transport: {@code POST} JSON to the admin-api URL with an API key ({@code
 * vendure-api-key}) or a login session ({@code Authorization: Bearer}), and the first two of
 * Vendure's three error channels turned into exceptions: HTTP 400 (parse and validation, also a
 * non-GraphQL body for malformed JSON) and HTTP 200 with {@code errors[]} ({@code FORBIDDEN}
 * becomes an {@link AuthenticationException}; database errors arrive without a code). The third
 * channel, {@code ErrorResult} union members inside {@code data}, is per mutation and read with
 * {@link #errorResult(JsonNode)}.
 */
final class VendureGraphQl {
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final HttpUrl url;
  private final String apiKey;
  private final String bearerToken;

  VendureGraphQl(OkHttpClient http, HttpUrl url, String apiKey, String bearerToken) {
    this.http = http;
    this.url = url;
    this.apiKey = apiKey;
    this.bearerToken = bearerToken;
  }

  /** Runs one document and returns its {@code data}; throws for channels 1 and 2. */
  JsonNode execute(String operation, String query, Map<String, ?> variables) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    body.put("variables", variables);
    Request.Builder b = new Request.Builder().url(url);
    if (apiKey != null) {
      b.header("vendure-api-key", apiKey);
    } else if (bearerToken != null) {
      b.header("Authorization", "Bearer " + bearerToken);
    }
    ErrorContext ctx = ErrorContext.none();
    String text;
    int status;
    try {
      b.post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE));
      try (Response r = http.newCall(b.build()).execute()) {
        status = r.code();
        text = r.body() == null ? "" : r.body().string();
      }
    } catch (IOException e) {
      throw new RemoteSystemException(
          "Vendure "
              + operation
              + ": no response from "
              + url.host()
              + ":"
              + url.port()
              + " ("
              + e
              + ")",
          0,
          null,
          e,
          ctx,
          true);
    }
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (IOException e) {
      n = null;
    }
    if (status >= 500 || status == 429) {
      throw new RemoteSystemException(
          "Vendure " + operation + ": HTTP " + status, status, null, null, ctx, true);
    }
    if (status == 401 || status == 403) {
      throw new AuthenticationException(
          "Vendure " + operation + ": HTTP " + status + "; check the API key or token", null, ctx);
    }
    if (n == null || !n.isObject()) {
      throw new RemoteSystemException(
          "Vendure " + operation + ": HTTP " + status + " without a GraphQL body",
          status,
          null,
          null,
          ctx,
          false);
    }
    JsonNode errors = n.path("errors");
    if (status != 200 || (errors.isArray() && !errors.isEmpty())) {
      JsonNode first = errors.path(0);
      String code = first.path("extensions").path("code").asText(null);
      String message = first.path("message").asText(n.path("message").asText("HTTP " + status));
      if ("FORBIDDEN".equals(code)) {
        throw new AuthenticationException(
            "Vendure "
                + operation
                + ": FORBIDDEN ("
                + message
                + "); the API key's role or the session lacks a permission, or the credential is"
                + " unknown",
            null,
            ctx);
      }
      throw new RemoteSystemException(
          "Vendure " + operation + ": " + (code == null ? "" : code + ": ") + message,
          status,
          code == null ? (status == 200 ? "INTERNAL_ERROR" : "BAD_REQUEST") : code,
          null,
          ctx,
          false);
    }
    return n.path("data");
  }

  /** A Vendure {@code ErrorResult} in {@code data}: its {@code errorCode} and message. */
  record ErrorResult(String typeName, String errorCode, String message) {}

  /**
   * Returns the {@code ErrorResult} held by a mutation's result, or {@code null} when the result is
   * the expected type. An empty object (the query lacked the ErrorResult fragment) counts as an
   * error too.
   */
  static ErrorResult errorResult(JsonNode result) {
    if (result.hasNonNull("errorCode")) {
      return new ErrorResult(
          result.path("__typename").asText(),
          result.path("errorCode").asText(),
          result.path("message").asText(result.path("errorCode").asText()));
    }
    if (result.isMissingNode() || result.isNull() || result.isEmpty()) {
      return new ErrorResult(
          "", "UNKNOWN_RESULT", "Vendure returned no result fields (an unknown union member)");
    }
    return null;
  }
}
