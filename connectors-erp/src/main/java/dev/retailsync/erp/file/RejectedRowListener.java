package dev.retailsync.erp.file;

import dev.retailsync.api.EntityType;
import java.util.List;

/**
 * Told about every record of an imported file that could not be imported, so the host can route it
 * to its dead-letter store or to whoever fixes the ERP's export. The rest of the file still
 * imports; the errors are also written beside the archived file as {@code <file>.rejected.csv}.
 *
 * <p>Called on the polling thread, at least once per rejected record: a poll repeated from an
 * earlier cursor (after a crash) reports the record again. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RejectedRowListener {

  /** A listener that ignores rejections (they are still written beside the archived file). */
  RejectedRowListener NONE = (type, errors) -> {};

  /**
   * Receives the errors of one rejected record.
   *
   * @param type the entity type the file holds
   * @param errors one error per offending column, at least one
   */
  void rejected(EntityType<?> type, List<RowError> errors);
}
