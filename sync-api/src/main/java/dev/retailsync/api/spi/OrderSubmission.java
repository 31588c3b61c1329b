package dev.retailsync.api.spi;

import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.model.Order;

/**
 * A domain operation of ERPs: submit an order and get the ERP's synchronous verdict (accepted with
 * the ERP's order number, or rejected with reasons such as a credit hold, an unknown item or a
 * blocked customer). Obtain it with {@code connector.operation(OrderSubmission.class)}.
 *
 * <p>Submitting the same order twice with the same idempotency key creates one ERP order: the
 * second call returns the first call's result. Implementations are thread-safe.
 */
public interface OrderSubmission {

  /**
   * Submits an order.
   *
   * @param order the order
   * @param key the key that makes a retry safe; derive it from the order's source and version
   * @return the ERP's verdict
   * @throws dev.retailsync.api.SyncException if the ERP could not be reached or gave no verdict;
   *     {@link dev.retailsync.api.SyncException#isRetryable()} says whether to retry with the same
   *     key
   */
  SubmissionResult submit(Order order, IdempotencyKey key);
}
