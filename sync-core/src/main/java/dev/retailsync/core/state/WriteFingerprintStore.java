package dev.retailsync.core.state;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import java.util.Map;

/**
 * What the SDK last wrote to each system, per record and field, as {@link
 * dev.retailsync.core.golden.FieldHash} fingerprints: an inbound change that only repeats it is an
 * echo of our own write and is dropped, which is what stops ping-pong loops between two systems.
 *
 * <p>Implementations are thread-safe.
 */
public interface WriteFingerprintStore {

  /**
   * Returns the fingerprints of what was last written to a system for a record.
   *
   * @param system the system written to
   * @param id the record's canonical id
   * @return the fingerprints by leaf field; empty when nothing was written
   */
  Map<FieldPath, Long> lastWritten(SystemId system, CanonicalId id);

  /**
   * Records a successful write: the fingerprints replace those of the same fields.
   *
   * @param system the system written to
   * @param id the record's canonical id
   * @param fingerprints the written fields' fingerprints
   */
  void recordWritten(SystemId system, CanonicalId id, Map<FieldPath, Long> fingerprints);
}
