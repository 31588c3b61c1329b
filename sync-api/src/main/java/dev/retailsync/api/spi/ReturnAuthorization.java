package dev.retailsync.api.spi;

import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.model.ReturnRequest;

/**
 * A domain operation of ERPs: authorise a return (issue an RMA) or refuse it. Obtain it with {@code
 * connector.operation(ReturnAuthorization.class)}. The same request with the same key yields one
 * RMA. Implementations are thread-safe.
 */
public interface ReturnAuthorization {

  /**
   * Asks the system to authorise a return.
   *
   * @param request the return request
   * @param key the key that makes a retry safe
   * @return the verdict; when accepted, {@link SubmissionResult#number()} is the RMA number
   * @throws dev.retailsync.api.SyncException if the system could not be reached or gave no verdict
   */
  SubmissionResult authorize(ReturnRequest request, IdempotencyKey key);
}
