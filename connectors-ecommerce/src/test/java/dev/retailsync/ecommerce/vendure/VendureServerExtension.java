package dev.retailsync.ecommerce.vendure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs the test class against a real Vendure 3.7 server (sql.js) on loopback, installed with {@code
 * npm ci --ignore-scripts} from the {@code package.json} and {@code package-lock.json} committed in
 * {@code src/test/vendure} (the lockfile records no download addresses; npm uses whatever registry
 * its configuration names), seeded once into a cache outside {@code target/}.
 *
 * <p>What happens, once per JVM unless noted:
 *
 * <ol>
 *   <li>decide run or skip (an {@link ExecutionCondition}: skipped tests are reported with the
 *       reason, printed once to stderr as well): needs the project folder, Node &ge; 20 and npm;
 *   <li>under a file lock, {@code npm ci} into {@code ~/.cache/retail-sync/vendure/<key>} where
 *       {@code <key>} hashes {@code package.json} and the lockfile (a lockfile change installs into
 *       a new directory); a marker file records a finished install;
 *   <li>copy the scripts ({@code config.js}, {@code seed.js}, {@code server.js}, {@code
 *       products.csv}) to {@code <key>/run-<hash of the scripts>/} and seed {@code seed.sqlite}
 *       there once ({@code seed.js} verifies row counts and renames its temporary file into place);
 *   <li>before <em>each test class</em>: stop the server, copy the pristine seed over the per-JVM
 *       working database in {@code target/vendure}, start Node on a free loopback port (it writes
 *       its own pid file), probe {@code {__typename}} until it answers, log in as superadmin and
 *       create a connector role and an API key for the class;
 *   <li>at the end (and on JVM exit) stop the server by its pid (SIGTERM, SIGKILL after 15 s),
 *       after checking that {@code /proc/<pid>/cmdline} still names the server script.
 * </ol>
 *
 * <p>Settings: {@code retailsync.realServers} (system property) or {@code RETAILSYNC_REAL_SERVERS}
 * (environment): {@code required} turns a skip into a failure, {@code skip} skips on purpose, any
 * other value (or none) runs when possible. {@code vendure.cache} moves the cache, {@code
 * vendure.project} names the committed project folder (default {@code src/test/vendure}, else the
 * nearest {@code connectors-ecommerce/src/test/vendure} up the directory tree, for other modules
 * using the test-jar), {@code vendure.workDir} the working folder.
 */
@SuppressWarnings("exports")
public final class VendureServerExtension
    implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
  static final List<String> SCRIPTS = List.of("config.js", "seed.js", "server.js", "products.csv");
  static final List<String> CONNECTOR_PERMISSIONS =
      List.of(
          "ReadCustomer",
          "CreateCustomer",
          "UpdateCustomer",
          "DeleteCustomer",
          "ReadOrder",
          "CreateOrder",
          "UpdateOrder",
          "ReadCatalog",
          "UpdateCatalog",
          "ReadProduct",
          "UpdateProduct",
          "ReadStockLocation",
          "ReadSettings");

  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final Object LOCK = new Object();
  private static Decision decision;
  private static Server server;

  /** Creates the extension; JUnit calls this. */
  public VendureServerExtension() {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return verdict(decide(), mode());
  }

  /** Enabled or disabled with the reason; under {@code required}, a disabled verdict throws. */
  static ConditionEvaluationResult verdict(Decision d, String mode) {
    if (d.run()) {
      return ConditionEvaluationResult.enabled(d.reason());
    }
    if (mode.equals("required")) {
      throw new IllegalStateException(
          "retailsync.realServers=required, but the Vendure server cannot run here: " + d.reason());
    }
    return ConditionEvaluationResult.disabled(d.reason());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (LOCK) {
      if (server == null) {
        server = new Server(project(), cacheDir(), workDir());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "vendure-stop"));
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.create(VendureServerExtension.class))
            .put("server", (AutoCloseable) server::stop);
      }
      server.restartFromPristine();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == VendureTestServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    synchronized (LOCK) {
      if (server == null || server.info == null) {
        throw new ParameterResolutionException("the Vendure server is not running");
      }
      return server.info;
    }
  }

  static String mode() {
    String p = System.getProperty("retailsync.realServers");
    if (p == null || p.isBlank()) {
      p = System.getenv("RETAILSYNC_REAL_SERVERS");
    }
    return p == null ? "auto" : p.trim().toLowerCase(Locale.ROOT);
  }

  private static synchronized Decision decide() {
    if (decision == null) {
      decision = evaluate(mode(), project(), new LocalMachine());
      System.err.println(
          "[vendure] "
              + (decision.run() ? "real Vendure tests run: " : "skipped: ")
              + decision.reason());
    }
    return decision;
  }

  static Decision evaluate(String mode, Path project, Machine machine) {
    if (mode.equals("skip")) {
      return new Decision(false, "retailsync.realServers=skip disables the real Vendure server");
    }
    if (!Files.isRegularFile(project.resolve("package-lock.json"))) {
      return new Decision(false, "the Vendure project folder is missing: " + project);
    }
    Optional<String> node = machine.nodeVersion();
    if (node.isEmpty()) {
      return new Decision(false, "node not found on PATH (Node >= 20 and npm required)");
    }
    int major = majorOf(node.get());
    if (major < 20) {
      return new Decision(
          false, "node " + node.get() + " is too old (Node >= 20 and npm required)");
    }
    if (!machine.hasNpm()) {
      return new Decision(false, "npm not found on PATH (Node >= 20 and npm required)");
    }
    return new Decision(true, "node " + node.get() + " and npm are available");
  }

  static int majorOf(String version) {
    String v = version.trim();
    if (v.startsWith("v")) {
      v = v.substring(1);
    }
    int dot = v.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static Path project() {
    return project(System.getProperty("vendure.project"), Path.of("").toAbsolutePath());
  }

  /**
   * The committed Vendure project: the property, else {@code src/test/vendure}, else up the tree.
   */
  static Path project(String property, Path cwd) {
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath();
    }
    Path here = cwd.resolve("src/test/vendure");
    if (Files.isRegularFile(here.resolve("package-lock.json"))) {
      return here;
    }
    // another module of the reactor (through the test-jar): look up the tree for ours
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("connectors-ecommerce/src/test/vendure");
      if (Files.isRegularFile(candidate.resolve("package-lock.json"))) {
        return candidate;
      }
    }
    return here;
  }

  static Path cacheDir() {
    String p = System.getProperty("vendure.cache");
    return p == null || p.isBlank()
        ? Path.of(System.getProperty("user.home"), ".cache", "retail-sync", "vendure")
        : Path.of(p);
  }

  static Path workDir() {
    String p = System.getProperty("vendure.workDir");
    return Path.of(p == null || p.isBlank() ? "target/vendure" : p).toAbsolutePath();
  }

  /** Run or skip, with the reason. */
  record Decision(boolean run, String reason) {}

  /** What the machine offers; replaced in tests. */
  interface Machine {
    /** The output of {@code node -p process.versions.node}, when node runs. */
    Optional<String> nodeVersion();

    /** Whether {@code npm --version} runs. */
    boolean hasNpm();
  }

  static final class LocalMachine implements Machine {
    @Override
    public Optional<String> nodeVersion() {
      return output(List.of("node", "-p", "process.versions.node"));
    }

    @Override
    public boolean hasNpm() {
      return output(List.of("npm", "--version")).isPresent();
    }

    private static Optional<String> output(List<String> command) {
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
          p.destroyForcibly();
          return Optional.empty();
        }
        return Optional.of(new String(out, StandardCharsets.UTF_8).trim());
      } catch (IOException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  static String sha256(Path dir, List<String> files) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String f : files) {
        md.update(f.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(Files.readAllBytes(dir.resolve(f)));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The installed, seeded and (between classes) running server of this JVM. */
  static final class Server {
    private final Path project;
    private final Path cache;
    private final Path work;
    private final OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(30))
            .build();
    private Path runDir;
    private Path seed;
    private long pid = -1;
    private int classes;
    VendureTestServer info;

    Server(Path project, Path cache, Path work) {
      this.project = project;
      this.cache = cache;
      this.work = work;
    }

    void restartFromPristine() throws IOException, InterruptedException {
      if (seed == null) {
        prepare();
      }
      stop();
      Files.createDirectories(work);
      long me = ProcessHandle.current().pid();
      Path db = work.resolve("vendure-" + me + ".sqlite");
      Files.copy(seed, db, StandardCopyOption.REPLACE_EXISTING);
      int port = freePort();
      Path pidFile = work.resolve("vendure-" + me + ".pid");
      Path log = work.resolve("vendure-" + me + ".log");
      Files.deleteIfExists(pidFile);
      long started = System.nanoTime();
      List<String> command =
          Files.isExecutable(Path.of("/usr/bin/setsid"))
              ? List.of("/usr/bin/setsid", "node", runDir.resolve("server.js").toString())
              : List.of("node", runDir.resolve("server.js").toString());
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(runDir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Map<String, String> env = pb.environment();
      env.put("VENDURE_PORT", Integer.toString(port));
      env.put("VENDURE_DB", db.toString());
      env.put("VENDURE_PID_FILE", pidFile.toString());
      env.put("VENDURE_DISABLE_TELEMETRY", "true");
      Process wrapper = pb.start();
      String base = "http://127.0.0.1:" + port + "/admin-api";
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (true) {
        if (pid < 0 && Files.isRegularFile(pidFile)) {
          String text = Files.readString(pidFile).trim();
          if (!text.isEmpty()) {
            pid = Long.parseLong(text);
          }
        }
        if (ready(base)) {
          break;
        }
        boolean dead =
            pid > 0
                ? ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE
                : !wrapper.isAlive() && wrapper.exitValue() != 0;
        if (dead || System.nanoTime() > deadline) {
          stop();
          throw new IllegalStateException(
              "Vendure did not become ready on port "
                  + port
                  + (dead ? " (the process ended)" : " within " + READY_TIMEOUT)
                  + "; log "
                  + log
                  + ":\n"
                  + tail(log));
        }
        Thread.sleep(100);
      }
      if (pid < 0) {
        pid = Long.parseLong(Files.readString(pidFile).trim());
      }
      System.err.printf(
          Locale.ROOT,
          "[vendure] started pid %d on port %d in %.1f s%n",
          pid,
          port,
          (System.nanoTime() - started) / 1e9);
      classes++;
      String token = login(base);
      String apiKey = createApiKey(base, token, classes);
      info = new VendureTestServer(base, token, apiKey, pid);
    }

    private void prepare() throws IOException, InterruptedException {
      String installKey = sha256(project, List.of("package.json", "package-lock.json"));
      Path install = cache.resolve(installKey);
      Files.createDirectories(cache);
      try (FileChannel ch =
              FileChannel.open(
                  cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = ch.lock()) {
        if (!held.isValid()) {
          throw new IllegalStateException("lost the lock on " + cache.resolve(".lock"));
        }
        Path marker = install.resolve("node_modules").resolve(".retail-sync-installed");
        if (!Files.isRegularFile(marker)) {
          Files.createDirectories(install);
          Files.copy(
              project.resolve("package.json"),
              install.resolve("package.json"),
              StandardCopyOption.REPLACE_EXISTING);
          Files.copy(
              project.resolve("package-lock.json"),
              install.resolve("package-lock.json"),
              StandardCopyOption.REPLACE_EXISTING);
          run(
              install,
              List.of(
                  "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"),
              "npm ci");
          Files.writeString(marker, installKey);
        }
        runDir = install.resolve("run-" + sha256(project, SCRIPTS));
        seed = runDir.resolve("seed.sqlite");
        if (!Files.isRegularFile(seed)) {
          Files.createDirectories(runDir);
          for (String f : SCRIPTS) {
            Files.copy(project.resolve(f), runDir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
          }
          run(runDir, List.of("node", "seed.js", seed.toString()), "seeding");
        }
      }
    }

    private void run(Path dir, List<String> command, String what)
        throws IOException, InterruptedException {
      long t0 = System.nanoTime();
      Path log = Files.createTempFile("vendure-" + what.replace(' ', '-'), ".log");
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      p.pid();
      if (!p.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(what + " timed out after " + INSTALL_TIMEOUT);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            what + " failed (exit " + p.exitValue() + ") in " + dir + ":\n" + tail(log));
      }
      Files.deleteIfExists(log);
      System.err.printf(
          Locale.ROOT, "[vendure] %s took %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
    }

    private boolean ready(String base) {
      try {
        JsonNode n = post(base, null, "{__typename}", Map.of());
        return "Query".equals(n.path("data").path("__typename").asText());
      } catch (IOException e) {
        return false;
      }
    }

    private String login(String base) throws IOException {
      String body =
          JSON.writeValueAsString(
              Map.of(
                  "query",
                  "mutation L($u: String!, $p: String!) { login(username: $u, password: $p,"
                      + " rememberMe: true) { __typename ... on CurrentUser { id } ... on"
                      + " ErrorResult { errorCode message } } }",
                  "variables",
                  Map.of("u", "superadmin", "p", "superadmin")));
      Request req =
          new Request.Builder().url(base).post(RequestBody.create(body, JSON_TYPE)).build();
      try (Response r = http.newCall(req).execute()) {
        String token = r.header("vendure-auth-token");
        JsonNode n = JSON.readTree(r.body().string());
        if (!"CurrentUser".equals(n.path("data").path("login").path("__typename").asText())
            || token == null) {
          throw new IllegalStateException("superadmin login failed: " + n);
        }
        return token;
      }
    }

    private String createApiKey(String base, String token, int n) throws IOException {
      JsonNode role =
          post(
              base,
              token,
              "mutation R($input: CreateRoleInput!) { createRole(input: $input) { id } }",
              Map.of(
                  "input",
                  Map.of(
                      "code",
                      "retail-sync-test-" + n,
                      "description",
                      "retail-sync connector (tests)",
                      "permissions",
                      CONNECTOR_PERMISSIONS)));
      String roleId = role.path("data").path("createRole").path("id").asText("");
      if (roleId.isEmpty()) {
        throw new IllegalStateException("createRole failed: " + role.path("errors"));
      }
      JsonNode key =
          post(
              base,
              token,
              "mutation K($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey } }",
              Map.of(
                  "input",
                  Map.of(
                      "roleIds",
                      List.of(roleId),
                      "translations",
                      List.of(Map.of("languageCode", "en", "name", "retail-sync test " + n)))));
      String apiKey = key.path("data").path("createApiKey").path("apiKey").asText("");
      if (apiKey.isEmpty()) {
        throw new IllegalStateException("createApiKey failed: " + key.path("errors"));
      }
      return apiKey;
    }

    private JsonNode post(String base, String token, String query, Map<String, ?> variables)
        throws IOException {
      String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
      Request.Builder b = new Request.Builder().url(base).post(RequestBody.create(body, JSON_TYPE));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      try (Response r = http.newCall(b.build()).execute()) {
        return JSON.readTree(r.body().string());
      }
    }

    /** Stops the server by its recorded pid, if that pid still runs our server script. */
    synchronized void stop() {
      if (pid <= 0) {
        return;
      }
      long target = pid;
      pid = -1;
      info = null;
      Optional<ProcessHandle> h = ProcessHandle.of(target);
      if (h.isEmpty() || !h.get().isAlive() || !runsServer(target)) {
        return;
      }
      h.get().destroy();
      try {
        h.get().onExit().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        h.get().destroyForcibly();
      }
    }

    private boolean runsServer(long target) {
      try {
        String cmd =
            Files.readString(Path.of("/proc", Long.toString(target), "cmdline")).replace('\0', ' ');
        return runDir != null && cmd.contains(runDir.resolve("server.js").toString());
      } catch (IOException e) {
        return false;
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      }
    }

    private static String tail(Path log) {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }
  }
}
