package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The running Tryton test server as {@link TrytonServerExtension} hands it to tests: where it
 * listens, how to log in, and the ids the seed created (read from the JSON the seed wrote, never
 * hard-coded).
 *
 * <p>Public so that tests in other modules (through this module's test-jar) can start the server
 * with {@link RealTryton} and take this record as a constructor or method parameter, then build a
 * connector with {@link #connector()} or drive the warehouse with {@link TrytonWarehouse}.
 *
 * @param baseUrl the server's root URL, ending in {@code /}
 * @param database the database name
 * @param login the admin login
 * @param password the admin password (a loopback test database)
 * @param idsJson the seed's ids, as JSON
 * @param pid the trytond process id
 */
public record TrytonTestServer(
    String baseUrl, String database, String login, String password, String idsJson, long pid) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  /**
   * Returns a seeded id, such as {@code id("customers", "seed")} or {@code id("company")}.
   *
   * @param path the keys in the seed's JSON
   * @return the id
   */
  public long id(String... path) {
    try {
      JsonNode node = JSON.readTree(idsJson);
      for (String p : path) {
        node = node.path(p);
      }
      if (!node.canConvertToLong()) {
        throw new IllegalArgumentException("the seed wrote no id at " + String.join(".", path));
      }
      return node.asLong();
    } catch (IOException e) {
      throw new IllegalStateException("unreadable seed ids", e);
    }
  }

  /**
   * Returns a builder for a connector against this server, with its credentials set.
   *
   * @return the builder
   */
  public TrytonConnector.Builder connector() {
    return TrytonConnector.builder()
        .baseUrl(baseUrl)
        .database(database)
        .credentials(login, password);
  }

  /**
   * Returns a raw JSON-RPC client logged in as the admin, for changes made behind a connector's
   * back.
   *
   * @return the client; log it out when done
   */
  TrytonRpc rpc() {
    return new TrytonRpc(
        new OkHttpClient(),
        okhttp3.HttpUrl.get(baseUrl),
        database,
        login,
        password,
        dev.retailsync.erp.TenantGate.unshared("test", 2),
        java.time.Clock.systemUTC());
  }

  /**
   * Waits until the wall clock enters the next second: Tryton's {@code _timestamp} has one-second
   * resolution on SQLite, so a change made in the same second as the version it should replace
   * would read alike.
   */
  static void nextSecond() {
    long second = System.currentTimeMillis() / 1000;
    while (System.currentTimeMillis() / 1000 == second) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Hides the password. */
  @Override
  public String toString() {
    return "TrytonTestServer[" + baseUrl + database + ", pid " + pid + "]";
  }

  /**
   * Waits until the server answers {@code common.server.version} with 6.0 and lists the database.
   *
   * @param baseUrl the root URL
   * @param database the database that must be listed
   * @param process the server process; waiting stops when it dies
   * @param timeout how long to wait
   * @param log the server's log, whose tail goes into the failure
   * @throws InterruptedException if interrupted
   */
  static void awaitReady(
      String baseUrl, String database, Process process, Duration timeout, Path log)
      throws InterruptedException {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(1, TimeUnit.SECONDS)
            .readTimeout(5, TimeUnit.SECONDS)
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    try {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "trytond exited with code "
                  + process.exitValue()
                  + " before it answered"
                  + TrytonServerExtension.tail(log));
        }
        try {
          JsonNode version = post(http, baseUrl, "common.server.version");
          JsonNode dbs = post(http, baseUrl, "common.db.list");
          if (version.path("result").asText().startsWith("6.0.")
              && dbs.path("result").toString().contains("\"" + database + "\"")) {
            return;
          }
          last = "answered " + version + " and " + dbs;
        } catch (IOException e) {
          last = e.toString();
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException(
          "trytond did not become ready within "
              + timeout
              + " ("
              + last
              + ")"
              + TrytonServerExtension.tail(log));
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static JsonNode post(OkHttpClient http, String url, String method) throws IOException {
    Request request =
        new Request.Builder()
            .url(url)
            .post(
                RequestBody.create(
                    "{\"id\":1,\"method\":\"" + method + "\",\"params\":[]}", JSON_TYPE))
            .header("Accept", "application/json")
            .build();
    try (Response response = http.newCall(request).execute()) {
      return JSON.readTree(response.body().string());
    }
  }
}
