package dev.retailsync.core.state;

import dev.retailsync.core.deadletter.DeadLetterStore;
import dev.retailsync.core.observability.AuditTrail;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The JDBC state stores on one database: embedded H2 (the default for examples and tests, in memory
 * or in a file) or PostgreSQL (shared by several instances of a host). Building it creates or
 * migrates the schema (versioned scripts, the applied version recorded in {@code
 * rs_schema_version}) and refuses a schema newer than this release knows.
 *
 * <pre>{@code
 * JdbcStateStores stores = JdbcStateStores.builder(dataSource).schema("retailsync").build();
 * GoldenRecordStore golden = stores.goldenRecords();
 * }</pre>
 *
 * <p>The host owns the {@link DataSource} (a pool such as HikariCP in production). Instances are
 * thread-safe; build one per database and reuse it.
 */
public final class JdbcStateStores {
  private final Jdbc jdbc;
  private final Clock clock;
  private final Supplier<String> tokens;

  private JdbcStateStores(Builder b) {
    this.jdbc = new Jdbc(b.dataSource, b.schema, b.flushEveryWrite);
    this.clock = b.clock;
    this.tokens = b.tokens;
    SchemaMigrator.migrate(jdbc, clock);
  }

  /**
   * Returns a builder.
   *
   * @param dataSource the database; the host owns and closes it
   * @return the builder
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /**
   * Returns the schema version this release creates and reads.
   *
   * @return the version
   */
  public static int schemaVersion() {
    return SchemaMigrator.LATEST;
  }

  /**
   * Returns the golden record store.
   *
   * @return the store
   */
  public GoldenRecordStore goldenRecords() {
    return new JdbcGoldenRecordStore(jdbc);
  }

  /**
   * Returns the review queue.
   *
   * @return the queue
   */
  public ReviewQueue reviewQueue() {
    return new JdbcReviewQueue(jdbc);
  }

  /**
   * Returns the store of write fingerprints.
   *
   * @return the store
   */
  public WriteFingerprintStore writeFingerprints() {
    return new JdbcWriteFingerprintStore(jdbc);
  }

  /**
   * Returns the idempotency store.
   *
   * @return the store
   */
  public IdempotencyStore idempotency() {
    return new JdbcIdempotencyStore(jdbc, clock, tokens);
  }

  /**
   * Returns the store of the flows' cursors.
   *
   * @return the store
   */
  public CursorStore cursors() {
    return new JdbcCursorStore(jdbc, clock);
  }

  /**
   * Returns the leases of this database, shared by every instance of the host that uses it; the
   * cursor store's fenced saves check them.
   *
   * @return the store
   */
  public LeaseStore leases() {
    return new JdbcLeaseStore(jdbc, clock);
  }

  /**
   * Returns the cross-reference of ids.
   *
   * @return the store
   */
  public CrossReferenceStore crossReferences() {
    return new JdbcCrossReferenceStore(jdbc);
  }

  /**
   * Returns the dead letter store.
   *
   * @return the store
   */
  public DeadLetterStore deadLetters() {
    return new JdbcDeadLetterStore(jdbc);
  }

  /**
   * Returns the audit trail.
   *
   * @return the trail
   */
  public AuditTrail auditTrail() {
    return new JdbcAuditTrail(jdbc);
  }

  /** Builds {@link JdbcStateStores}. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private String schema;
    private Clock clock = Clock.systemUTC();
    private Supplier<String> tokens = () -> UUID.randomUUID().toString();
    private boolean flushEveryWrite = true;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * Puts the tables in a schema, created if missing; by default the connection's current schema.
     *
     * @param schema a plain SQL identifier
     * @return this builder
     */
    public Builder schema(String schema) {
      this.schema = schema;
      return this;
    }

    /**
     * Sets the clock leases, retention and migration stamps are measured with.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how idempotency lease tokens are issued; random UUIDs by default.
     *
     * @param tokens issues unique tokens
     * @return this builder
     */
    public Builder leaseTokens(Supplier<String> tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /**
     * Sets whether every write waits for the database to flush it to disk before it returns; yes by
     * default. With {@code false}, on PostgreSQL, the writes the engine always follows with a
     * flushed write of the same change commit without waiting for their write-ahead log to be
     * flushed ({@code synchronous_commit} off for their own transaction only, never for the
     * connection): idempotency claims, golden record saves, cross-reference links, write
     * fingerprints and audit entries. Every other write (an idempotency key's completion or
     * failure, dead letters, cursors, leases, review items) still waits for its flush, and since
     * PostgreSQL writes its log in order, that flush makes every earlier write durable too. A
     * PostgreSQL crash (not a crash of the host) may then lose the unflushed writes of the changes
     * in flight, at most the last few hundred milliseconds; the engine applies those changes again
     * on restart, as after a crash of the host. Visibility and atomicity are unchanged: another
     * instance sees a write as soon as it commits. Worth it where a flush is slow; on the shared
     * build machine the state benchmark measured from no gain to twice the changes per second,
     * varying from run to run. H2 is unaffected.
     *
     * @param flushEveryWrite whether every write waits for its flush
     * @return this builder
     */
    public Builder flushEveryWrite(boolean flushEveryWrite) {
      this.flushEveryWrite = flushEveryWrite;
      return this;
    }

    /**
     * Connects, creates or migrates the schema, and returns the stores.
     *
     * @return the stores
     * @throws StateStoreException if the database cannot be reached (retryable), is not H2 or
     *     PostgreSQL, or holds a schema newer than this release
     */
    public JdbcStateStores build() {
      return new JdbcStateStores(this);
    }
  }
}
