package dev.retailsync.core.engine;

import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.SystemId;
import dev.retailsync.core.observability.SyncMdc;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Sets the engine's MDC keys for a stretch of work and, on close, puts back what the thread had
 * before: nothing on the engine's own threads, the host's context on a host thread that drives the
 * engine.
 */
final class MdcScope implements AutoCloseable {
  private final Map<String, String> previous;

  private MdcScope(Map<String, String> previous) {
    this.previous = previous;
  }

  static MdcScope open(
      CorrelationId correlationId, SystemId system, String operation, EntityType<?> type) {
    MdcScope scope = new MdcScope(MDC.getCopyOfContextMap());
    if (correlationId != null) {
      MDC.put(SyncMdc.CORRELATION_ID, correlationId.value());
    } else {
      MDC.remove(SyncMdc.CORRELATION_ID);
    }
    MDC.put(SyncMdc.SYSTEM, system.value());
    MDC.put(SyncMdc.OPERATION, operation);
    MDC.put(SyncMdc.ENTITY, type.name());
    return scope;
  }

  @Override
  public void close() {
    if (previous == null || previous.isEmpty()) {
      MDC.remove(SyncMdc.CORRELATION_ID);
      MDC.remove(SyncMdc.SYSTEM);
      MDC.remove(SyncMdc.OPERATION);
      MDC.remove(SyncMdc.ENTITY);
    } else {
      MDC.setContextMap(previous);
    }
  }
}
