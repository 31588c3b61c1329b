package dev.retailsync.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.retailsync.core.state.JdbcStateStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * {@code benchmarks/run state [CHANGES] [ROUNDS]}: changes per second through the full path (the
 * pipeline benchmark's feed and flow: validate, dedupe, resolve, merge, plan, deliver, record
 * outcomes) with the engine's state in memory, in embedded H2 and in PostgreSQL ({@code
 * 127.0.0.1:5432}, database {@code test}, when reachable), measured in the same run. Each round
 * starts from empty stores (a fresh H2 database or PostgreSQL schema).
 */
final class StateBenchmark {
  private static final String PG_URL =
      System.getProperty("retailsync.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = System.getProperty("retailsync.pg.user", "postgres");

  private StateBenchmark() {}

  static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    ObjectMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    List<byte[]> feed = PipelineBenchmark.feed(n, new Random(42), mapper);
    String caseName = n + " customer changes, full path (60% new/20% repeat/20% update)";
    Results results = new Results("state");
    results.add(
        row(
            caseName,
            "retail-sync, state in memory",
            Measure.run(1, rounds, n, () -> PipelineBenchmark.ours(feed, mapper, true))));

    int[] db = {0};
    CountingDataSource[] h2Count = {null};
    Map<String, Object> h2Row =
        Measure.run(
            1,
            rounds,
            n,
            () -> {
              JdbcConnectionPool h2 =
                  JdbcConnectionPool.create(
                      "jdbc:h2:mem:state" + db[0]++ + ";DB_CLOSE_DELAY=-1", "sa", "");
              // Counts the last round only, the migration left out.
              h2Count[0] = new CountingDataSource(h2);
              try {
                JdbcStateStores stores = JdbcStateStores.builder(h2Count[0].dataSource()).build();
                h2Count[0].reset();
                return PipelineBenchmark.ours(feed, mapper, true, b -> b.stateStores(stores));
              } finally {
                h2.dispose();
              }
            });
    h2Row.putAll(h2Count[0].perChange(n));
    results.add(row(caseName, "retail-sync, state in embedded H2 (JdbcStateStores)", h2Row));

    if (postgresReachable()) {
      PGConnectionPoolDataSource pgSource = new PGConnectionPoolDataSource();
      pgSource.setURL(PG_URL);
      pgSource.setUser(PG_USER);
      JdbcConnectionPool pg = JdbcConnectionPool.create(pgSource);
      CountingDataSource pgCount = new CountingDataSource(pg);
      try {
        results.add(
            row(
                caseName,
                "retail-sync, state in PostgreSQL (JdbcStateStores)",
                postgres(feed, mapper, n, rounds, pgCount, true)));
        results.add(
            row(
                caseName,
                "retail-sync, state in PostgreSQL, flushEveryWrite(false)",
                postgres(feed, mapper, n, rounds, pgCount, false)));
      } finally {
        pg.dispose();
      }
    } else {
      System.out.println("PostgreSQL is not reachable at " + PG_URL + ": its row is left out");
    }
    results.publish();
  }

  /** Rounds of the full path with the state in a fresh PostgreSQL schema each, counted. */
  private static Map<String, Object> postgres(
      List<byte[]> feed,
      ObjectMapper mapper,
      int n,
      int rounds,
      CountingDataSource pg,
      boolean flushEveryWrite) {
    Map<String, Object> figures =
        Measure.run(
            0,
            rounds,
            n,
            () -> {
              String schema = "bench_state_" + System.nanoTime();
              // Counts the last round only; building the stores (migration) is left out.
              JdbcStateStores stores =
                  JdbcStateStores.builder(pg.dataSource())
                      .schema(schema)
                      .flushEveryWrite(flushEveryWrite)
                      .build();
              pg.reset();
              try {
                return PipelineBenchmark.ours(feed, mapper, true, b -> b.stateStores(stores));
              } finally {
                execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
              }
            });
    figures.putAll(pg.perChange(n));
    return figures;
  }

  private static boolean postgresReachable() {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> row(String c, String engine, Map<String, Object> figures) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("case", c);
    row.put("engine", engine);
    row.putAll(figures);
    return row;
  }
}
