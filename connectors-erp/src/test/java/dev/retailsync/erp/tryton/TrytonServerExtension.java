package dev.retailsync.erp.tryton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs the test class against a real Tryton 6.0 server on loopback, installed from Debian packages
 * when missing and the machine allows it (root or passwordless sudo, and apt offering tryton-server
 * 6.0), with a database built and seeded once into a cache outside {@code target/}.
 *
 * <p>What happens, once per JVM unless noted:
 *
 * <ol>
 *   <li>decide run or skip (an {@link ExecutionCondition}, so Surefire and Failsafe report the
 *       tests as skipped with the reason, printed once to stderr as well);
 *   <li>install the missing packages with {@code apt-get install --no-install-recommends} (retrying
 *       once after {@code apt-get update});
 *   <li>build and seed the database into {@code <data>/<key>/} where {@code <key>} hashes the
 *       package versions, the module list, the database name, the seed script, the admin password
 *       and the fiscal years the seed creates (so a new year rebuilds it); the build runs in a
 *       temporary directory renamed into place only when complete, under a file lock;
 *   <li>before <em>each test class</em>: stop the server, copy the pristine database over the live
 *       one, start {@code trytond} on a free loopback port and wait until it answers;
 *   <li>at the end (and on JVM exit) stop the server by its process id, after checking that the id
 *       still names a trytond process.
 * </ol>
 *
 * <p>Settings: {@code retailsync.realServers} (system property) or {@code RETAILSYNC_REAL_SERVERS}
 * (environment): {@code required} turns a skip into a failure, {@code skip} skips on purpose, any
 * other value (or none) runs when possible. {@code tryton.data} moves the cache (default {@code
 * ~/.cache/retail-sync/tryton}); {@code tryton.port} fixes the port (default: a free one).
 */
// Test code patched into the module: JUnit is on the class path, not a module it reads.
@SuppressWarnings("exports")
public final class TrytonServerExtension
    implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
  static final String DATABASE = "retail";
  static final String LOGIN = "admin";
  // A test database on loopback only; trytond does not apply its password rules to user 0.
  static final String PASSWORD = "retail-sync-admin";

  static final List<String> PACKAGES =
      List.of(
          "tryton-server",
          "tryton-proteus",
          "tryton-modules-party",
          "tryton-modules-company",
          "tryton-modules-currency",
          "tryton-modules-country",
          "tryton-modules-product",
          "tryton-modules-stock",
          "tryton-modules-sale",
          "tryton-modules-account",
          "tryton-modules-account-product",
          "tryton-modules-account-invoice",
          "tryton-modules-account-invoice-stock",
          "tryton-modules-sale-credit-limit");
  static final List<String> MODULES =
      List.of(
          "party",
          "company",
          "currency",
          "country",
          "product",
          "stock",
          "sale",
          "account",
          "account_product",
          "account_invoice",
          "account_invoice_stock",
          "sale_credit_limit");

  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Object LOCK = new Object();
  private static Decision decision;
  private static Server server;

  /** Creates the extension; JUnit calls this. */
  public TrytonServerExtension() {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return verdict(decide(), mode());
  }

  /** Enabled or disabled with the reason; under {@code required}, a disabled verdict throws. */
  static ConditionEvaluationResult verdict(Decision d, String mode) {
    if (d.run) {
      return ConditionEvaluationResult.enabled(d.reason);
    }
    if (mode.equals("required")) {
      throw new IllegalStateException(
          "retailsync.realServers=required, but the Tryton server cannot run here: " + d.reason);
    }
    return ConditionEvaluationResult.disabled(d.reason);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (LOCK) {
      if (server == null) {
        server = new Server(dataDir());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "tryton-stop"));
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.create(TrytonServerExtension.class))
            .put("server", (AutoCloseable) server::stop);
      }
      server.restartFromPristine();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TrytonTestServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    synchronized (LOCK) {
      if (server == null || server.info == null) {
        throw new ParameterResolutionException("the Tryton server is not running");
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
      decision = evaluate(mode(), new LocalMachine());
      System.err.println(
          "[tryton] " + (decision.run ? "real Tryton tests run: " : "skipped: ") + decision.reason);
    }
    return decision;
  }

  static Decision evaluate(String mode, Machine machine) {
    if (mode.equals("skip")) {
      return new Decision(false, "retailsync.realServers=skip disables the real Tryton server");
    }
    if (machine.trytonInstalled()) {
      return new Decision(true, "Tryton 6.0 is installed");
    }
    if (!machine.hasAptGet()) {
      return new Decision(
          false,
          "Tryton 6.0 is not installed and there is no apt-get to install it (needs Debian 12)");
    }
    if (!machine.isRoot() && !machine.canSudo()) {
      return new Decision(
          false,
          "Tryton 6.0 is not installed and installing it needs root or passwordless sudo"
              + " (apt-get install tryton-server 6.0)");
    }
    if (!machine.aptOffersTryton60()) {
      return new Decision(
          false, "apt offers no tryton-server 6.0 candidate (needs Debian 12 package lists)");
    }
    return new Decision(true, "Tryton 6.0 will be installed from Debian packages");
  }

  /** What the run-or-skip decision asks of the machine. */
  interface Machine {
    boolean trytonInstalled();

    boolean hasAptGet();

    boolean isRoot();

    boolean canSudo();

    boolean aptOffersTryton60();
  }

  /** This machine. */
  private static final class LocalMachine implements Machine {
    @Override
    public boolean trytonInstalled() {
      return Files.isExecutable(Path.of("/usr/bin/trytond")) && missingPackages().isEmpty();
    }

    @Override
    public boolean hasAptGet() {
      return Files.isExecutable(Path.of("/usr/bin/apt-get"));
    }

    @Override
    public boolean isRoot() {
      return TrytonServerExtension.isRoot();
    }

    @Override
    public boolean canSudo() {
      return TrytonServerExtension.canSudo();
    }

    @Override
    public boolean aptOffersTryton60() {
      return run(List.of("apt-cache", "policy", "tryton-server"), Duration.ofSeconds(30))
          .matches("(?s).*Candidate: 6\\.0\\..*");
    }
  }

  private static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[1].equals("0");
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  private static boolean canSudo() {
    if (!Files.isExecutable(Path.of("/usr/bin/sudo"))) {
      return false;
    }
    try {
      Process p =
          new ProcessBuilder("/usr/bin/sudo", "-n", "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static List<String> missingPackages() {
    Map<String, String> installed = installedVersions();
    List<String> missing = new ArrayList<>();
    for (String pkg : PACKAGES) {
      if (!installed.getOrDefault(pkg, "").startsWith("6.0.")) {
        missing.add(pkg);
      }
    }
    return missing;
  }

  /** The installed version of each package, from one dpkg-query call. */
  static Map<String, String> installedVersions() {
    List<String> cmd =
        new ArrayList<>(List.of("dpkg-query", "-W", "-f=${Package} ${Status} ${Version}\\n"));
    cmd.addAll(PACKAGES);
    Map<String, String> versions = new TreeMap<>();
    for (String line : run(cmd, Duration.ofSeconds(30)).split("\\R")) {
      String[] p = line.trim().split(" ");
      // "<pkg> install ok installed <version>"
      if (p.length == 5 && p[3].equals("installed")) {
        versions.put(p[0], p[4]);
      }
    }
    return versions;
  }

  private static Path dataDir() {
    String p = System.getProperty("tryton.data");
    return p != null && !p.isBlank()
        ? Path.of(p)
        : Path.of(System.getProperty("user.home"), ".cache", "retail-sync", "tryton");
  }

  /** Runs a command and returns its output (stdout and stderr); never throws for an exit code. */
  private static String run(List<String> command, Duration timeout) {
    try {
      Path out = Files.createTempFile("tryton-cmd", ".log");
      try {
        Process p =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          return "timed out after " + timeout + ": " + String.join(" ", command);
        }
        return Files.readString(out);
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      return "cannot run " + command + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Runs a build step; a non-zero exit fails with the step's log tail. */
  private static void step(String what, List<String> command, Path log, List<String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    for (String kv : env) {
      int eq = kv.indexOf('=');
      pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    Files.writeString(log, "\n$ " + String.join(" ", command) + "\n", StandardOpenOption.APPEND);
    Process p = pb.start();
    if (!p.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(what + " timed out after " + BUILD_TIMEOUT + tail(log));
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(what + " failed with exit code " + p.exitValue() + tail(log));
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "; last lines of "
          + log
          + ":\n  "
          + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "; no log at " + log;
    }
  }

  record Decision(boolean run, String reason) {}

  /** The server of this JVM: its cache, its live copy, its process. */
  private static final class Server {
    private final Path data;
    private Path cache;
    private Process process;
    private TrytonTestServer info;

    Server(Path data) {
      this.data = data;
    }

    void restartFromPristine() throws Exception {
      if (cache == null) {
        Files.createDirectories(data);
        long t0 = System.nanoTime();
        cache = installAndBuild();
        System.err.printf(
            "[tryton] packages and seeded database ready in %.1f s (%s)%n",
            (System.nanoTime() - t0) / 1e9, cache);
      }
      long started = System.nanoTime();
      stop();
      // One live directory per JVM, so two builds sharing the cache never share a live database.
      Path live = data.resolve("live-" + ProcessHandle.current().pid());
      if (process == null && !Files.exists(live)) {
        removeStaleLiveDirectories();
      }
      Files.createDirectories(live);
      Files.copy(
          cache.resolve(DATABASE + ".sqlite"),
          live.resolve(DATABASE + ".sqlite"),
          StandardCopyOption.REPLACE_EXISTING);
      int port = port();
      Path conf = live.resolve("trytond.conf");
      Files.writeString(conf, config(live, port));
      Path log = live.resolve("trytond.log");
      Files.writeString(log, "");
      process =
          new ProcessBuilder("/usr/bin/trytond", "-c", conf.toString(), "-d", DATABASE, "-v")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      Files.writeString(live.resolve("trytond.pid"), Long.toString(process.pid()));
      String baseUrl = "http://127.0.0.1:" + port + "/";
      TrytonTestServer.awaitReady(baseUrl, DATABASE, process, READY_TIMEOUT, log);
      System.err.printf(
          "[tryton] pristine copy restored, trytond %d ready on %s in %.1f s%n",
          process.pid(), baseUrl, (System.nanoTime() - started) / 1e9);
      info =
          new TrytonTestServer(
              baseUrl,
              DATABASE,
              LOGIN,
              PASSWORD,
              Files.readString(cache.resolve("ids.json")),
              process.pid());
    }

    private static int port() throws IOException {
      String fixed = System.getProperty("tryton.port");
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        int wanted = fixed == null || fixed.isBlank() ? 0 : Integer.parseInt(fixed.trim());
        try {
          socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
        } catch (IOException e) {
          throw new IllegalStateException(
              "port "
                  + wanted
                  + " on 127.0.0.1 is taken (another trytond, such as the system service?);"
                  + " free it or set -Dtryton.port to a free port",
              e);
        }
        return socket.getLocalPort();
      }
    }

    private static String config(Path dir, int port) {
      return "[database]\nuri = sqlite://\npath = "
          + dir.toAbsolutePath()
          + "\nlist = True\nlanguage = en\n\n[web]\nlisten = 127.0.0.1:"
          + port
          + "\n";
    }

    /**
     * Removes the live directories of JVMs that are gone (killed before their shutdown hook ran),
     * stopping the trytond each one started: by the pid it recorded, and only when that process is
     * still a trytond serving that directory's configuration.
     */
    private void removeStaleLiveDirectories() throws IOException {
      try (Stream<Path> dirs = Files.list(data)) {
        for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("live")).toList()) {
          String name = dir.getFileName().toString();
          long owner = -1;
          if (name.startsWith("live-")) {
            try {
              owner = Long.parseLong(name.substring(5));
            } catch (NumberFormatException e) {
              owner = -1;
            }
          }
          if (owner > 0 && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
            continue;
          }
          Path pidFile = dir.resolve("trytond.pid");
          if (Files.isRegularFile(pidFile)) {
            try {
              long pid = Long.parseLong(Files.readString(pidFile).trim());
              String conf = dir.resolve("trytond.conf").toString();
              if (cmdline(pid).contains(conf)) {
                ProcessHandle.of(pid)
                    .ifPresent(
                        h -> {
                          h.destroy();
                          try {
                            h.onExit().get(15, TimeUnit.SECONDS);
                          } catch (Exception e) {
                            h.destroyForcibly();
                          }
                        });
              }
            } catch (NumberFormatException e) {
              // An unreadable pid file names no process to stop.
            }
          }
          deleteTree(dir);
        }
      }
    }

    private static String cmdline(long pid) {
      try {
        return new String(
                Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
            .replace('\0', ' ');
      } catch (IOException e) {
        return "";
      }
    }

    /** Installs what is missing and builds the seeded database once per cache key. */
    private Path installAndBuild() throws Exception {
      try (FileChannel channel =
              FileChannel.open(
                  data.resolve("build.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = channel.lock()) {
        if (!held.isValid()) {
          throw new IllegalStateException("could not lock " + data.resolve("build.lock"));
        }
        install();
        byte[] seed = seedScript();
        String key = cacheKey(seed);
        Path target = data.resolve(key);
        if (Files.isRegularFile(target.resolve("ids.json"))) {
          return target;
        }
        Path build = data.resolve("build." + ProcessHandle.current().pid());
        deleteTree(build);
        Files.createDirectories(build);
        try {
          build(build, seed);
          try {
            Files.move(build, target, StandardCopyOption.ATOMIC_MOVE);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(build, target);
          }
        } finally {
          deleteTree(build);
        }
        return target;
      }
    }

    private void install() throws Exception {
      List<String> missing = missingPackages();
      if (missing.isEmpty()) {
        return;
      }
      Path log = data.resolve("install.log");
      Files.writeString(log, "");
      List<String> sudo = isRoot() ? List.of() : List.of("/usr/bin/sudo", "-n");
      Path policy = Path.of("/usr/sbin/policy-rc.d");
      boolean ownPolicy = false;
      if (!Files.exists(policy) && isRoot()) {
        // The package's postinst would start a system trytond on port 8000; refuse it.
        Files.writeString(policy, "#!/bin/sh\nexit 101\n");
        policy.toFile().setExecutable(true);
        ownPolicy = true;
      }
      try {
        List<String> install = new ArrayList<>(sudo);
        install.addAll(
            List.of("/usr/bin/apt-get", "install", "-y", "-q", "--no-install-recommends"));
        install.addAll(PACKAGES);
        List<String> env = List.of("DEBIAN_FRONTEND=noninteractive");
        try {
          step("apt-get install", install, log, env);
        } catch (IllegalStateException first) {
          List<String> update = new ArrayList<>(sudo);
          update.addAll(List.of("/usr/bin/apt-get", "update", "-q"));
          step("apt-get update", update, log, env);
          step("apt-get install (after update)", install, log, env);
        }
      } finally {
        if (ownPolicy) {
          Files.deleteIfExists(policy);
        }
      }
      List<String> still = missingPackages();
      if (!still.isEmpty()) {
        throw new IllegalStateException("apt-get did not install " + still + tail(log));
      }
    }

    private static void build(Path dir, byte[] seed) throws Exception {
      Path log = dir.resolve("build.log");
      Files.writeString(log, "");
      Path conf = dir.resolve("trytond.conf");
      Files.writeString(conf, config(dir, 8000));
      Files.writeString(dir.resolve(DATABASE + ".sqlite"), "");
      Path pass = dir.resolve("passfile");
      Files.writeString(pass, PASSWORD + "\n");
      Path script = dir.resolve("seed.py");
      Files.write(script, seed);
      step(
          "trytond-admin --all",
          List.of(
              "/usr/bin/trytond-admin",
              "-c",
              conf.toString(),
              "-d",
              DATABASE,
              "--all",
              "--email",
              "admin@example.com"),
          log,
          List.of("TRYTONPASSFILE=" + pass));
      List<String> activate =
          new ArrayList<>(
              List.of("/usr/bin/trytond-admin", "-c", conf.toString(), "-d", DATABASE, "-u"));
      activate.addAll(MODULES);
      activate.add("--activate-dependencies");
      step("trytond-admin -u (module activation)", activate, log, List.of());
      step(
          "seed script",
          List.of(
              "/usr/bin/python3",
              script.toString(),
              conf.toString(),
              DATABASE,
              dir.resolve("ids.json").toString()),
          log,
          List.of());
      Files.delete(pass);
    }

    private static byte[] seedScript() throws IOException {
      try (InputStream in = TrytonServerExtension.class.getResourceAsStream("/tryton/seed.py")) {
        if (in == null) {
          throw new IllegalStateException("test resource /tryton/seed.py is missing");
        }
        return in.readAllBytes();
      }
    }

    private static String cacheKey(byte[] seed) throws NoSuchAlgorithmException {
      StringBuilder stamp = new StringBuilder();
      Map<String, String> versions = installedVersions();
      for (String pkg : PACKAGES) {
        stamp.append(pkg).append('=').append(versions.getOrDefault(pkg, "")).append('\n');
      }
      stamp.append("modules=").append(MODULES).append('\n');
      stamp.append("database=").append(DATABASE).append('\n');
      stamp.append("password=").append(PASSWORD).append('\n');
      int year = LocalDate.now().getYear();
      // The seed creates fiscal years year-1 .. year+1: a new year needs a new database.
      stamp.append("fiscalYears=").append(year - 1).append("..").append(year + 1).append('\n');
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(stamp.toString().getBytes(StandardCharsets.UTF_8));
      sha.update(seed);
      return "db-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    /** Stops the server this JVM started, by its process id, after checking it is trytond. */
    synchronized void stop() {
      Process p = process;
      process = null;
      info = null;
      if (p == null) {
        return;
      }
      Optional<ProcessHandle> handle = ProcessHandle.of(p.pid());
      if (handle.isEmpty() || !handle.get().isAlive()) {
        return;
      }
      if (!isTrytond(p.pid())) {
        return;
      }
      handle.get().destroy();
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          handle.get().destroyForcibly();
          p.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        handle.get().destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }

    private static boolean isTrytond(long pid) {
      try {
        byte[] cmd = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
        return new String(cmd, StandardCharsets.UTF_8).contains("trytond");
      } catch (IOException e) {
        return false;
      }
    }

    private static void deleteTree(Path dir) throws IOException {
      if (!Files.exists(dir)) {
        return;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
