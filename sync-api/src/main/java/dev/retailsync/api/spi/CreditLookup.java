package dev.retailsync.api.spi;

import dev.retailsync.api.model.CreditTerms;
import java.util.Optional;

/**
 * A domain operation of ERPs: an account's current credit status, limit and balance, read live
 * (credit is a volatile financial control and is never served from a long-lived cache). Obtain it
 * with {@code connector.operation(CreditLookup.class)}. Implementations are thread-safe.
 */
public interface CreditLookup {

  /**
   * Reads an account's credit standing.
   *
   * @param accountNumber the account number in the system
   * @return the credit terms, or empty when the system has no such account
   * @throws dev.retailsync.api.SyncException if the system cannot be read
   */
  Optional<CreditTerms> credit(String accountNumber);
}
