package dev.retailsync.core.resilience;

import dev.retailsync.api.SystemId;

/**
 * Receives the remote system's own budget signals, so the engine's rate limiter slows before the
 * platform refuses. A connector finds it among its context's services ({@code
 * context.service(BudgetListener.class)}) and calls it whenever a response says how much budget is
 * left (Salesforce {@code Sforce-Limit-Info}, Shopify's query cost, an ERP's concurrency header).
 *
 * <p>Implementations are thread-safe and return quickly.
 */
@FunctionalInterface
public interface BudgetListener {
  /** A listener that ignores every signal. */
  BudgetListener NONE = (system, budget) -> {};

  /**
   * Reports the budget a system has left.
   *
   * @param system the system the connector talks to
   * @param budget what the remote system said
   */
  void onBudget(SystemId system, RemoteBudget budget);
}
