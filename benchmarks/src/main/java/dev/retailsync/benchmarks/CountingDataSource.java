package dev.retailsync.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts what the JDBC stores ask of the database: connection checkouts,
 * statement executions (a batch counts once: the driver sends it in one round trip) and commits
 * (explicit ones; a write in auto-commit mode commits too but is counted as its statement).
 */
final class CountingDataSource {
  final LongAdder checkouts = new LongAdder();
  final LongAdder executions = new LongAdder();
  final LongAdder commits = new LongAdder();
  private final DataSource target;

  CountingDataSource(DataSource target) {
    this.target = target;
  }

  DataSource dataSource() {
    return proxy(DataSource.class, target);
  }

  void reset() {
    checkouts.reset();
    executions.reset();
    commits.reset();
  }

  /** The counts per change, as figures for a result row. */
  Map<String, Object> perChange(long changes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("checkouts_per_change", checkouts.sum() / (double) changes);
    m.put("statements_per_change", executions.sum() / (double) changes);
    m.put("commits_per_change", commits.sum() / (double) changes);
    return m;
  }

  @SuppressWarnings("unchecked")
  private <T> T proxy(Class<T> type, Object target) {
    InvocationHandler h =
        (p, m, args) -> {
          count(m);
          Object r;
          try {
            r = m.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (r instanceof Connection c && m.getReturnType() == Connection.class) {
            return proxy(Connection.class, c);
          }
          if (r instanceof Statement s && Statement.class.isAssignableFrom(m.getReturnType())) {
            return proxy(m.getReturnType(), s);
          }
          return r;
        };
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
  }

  private void count(Method m) {
    String n = m.getName();
    if (n.equals("getConnection")) {
      checkouts.increment();
    } else if (n.equals("commit")) {
      commits.increment();
    } else if (n.startsWith("execute")) {
      executions.increment();
    }
  }
}
