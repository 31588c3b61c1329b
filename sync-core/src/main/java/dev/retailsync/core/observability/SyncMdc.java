package dev.retailsync.core.observability;

/**
 * The SLF4J MDC keys the engine sets on every thread it runs a change on, and clears afterwards.
 * Connectors read {@link #CORRELATION_ID} to forward the correlation id to the remote system as a
 * header where the platform allows one.
 */
public final class SyncMdc {
  /** The correlation id of the change being processed. */
  public static final String CORRELATION_ID = "sync.correlationId";

  /** The system being read from or written to. */
  public static final String SYSTEM = "sync.system";

  /** The operation, such as {@code poll}, {@code process} or {@code upsert}. */
  public static final String OPERATION = "sync.operation";

  /** The entity type's name, such as {@code account}. */
  public static final String ENTITY = "sync.entity";

  private SyncMdc() {}
}
