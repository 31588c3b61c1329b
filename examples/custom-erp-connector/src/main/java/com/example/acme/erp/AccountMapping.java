package com.example.acme.erp;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Maps between the ERP's customer record and the canonical {@link Account}. The ERP owns credit: it
 * reports credit status and limit, and a write never changes them.
 */
final class AccountMapping {
  static final int MAX_NAME = 40;

  private AccountMapping() {}

  static Account toCanonical(AcmeErp.Customer c) {
    boolean approved = c.creditLimitCents() >= 0 && !c.creditHold();
    Money limit =
        c.creditLimitCents() < 0 || c.currency() == null
            ? null
            : Money.of(BigDecimal.valueOf(c.creditLimitCents(), 2), c.currency());
    return Account.builder()
        .accountNumber(c.number())
        .name(c.name())
        .customerType("B".equals(c.kind()) ? CustomerType.BUSINESS : CustomerType.CONSUMER)
        .status(approved ? AccountStatus.ACTIVE : AccountStatus.PROVISIONAL)
        .credit(
            CreditTerms.of(
                approved
                    ? CreditStatus.APPROVED
                    : c.creditLimitCents() < 0
                        ? CreditStatus.PENDING_APPROVAL
                        : CreditStatus.ON_HOLD,
                limit))
        .paymentTerms(c.terms())
        .currency(c.currency())
        .build();
  }

  /** What the ERP refuses, one error per field, before anything is written. */
  static List<FieldError> problems(Account a) {
    List<FieldError> errors = new ArrayList<>();
    if (a.accountNumber() == null) {
      errors.add(
          FieldError.redacted(
              "accountNumber", "is required: the ERP upserts customers by account number"));
    }
    if (a.name().length() > MAX_NAME) {
      errors.add(
          FieldError.redacted(
              "name", "is longer than the ERP's " + MAX_NAME + " characters; shorten it"));
    }
    return errors;
  }

  static boolean sameMasterData(AcmeErp.Customer c, Account a) {
    return c.name().equals(a.name())
        && c.kind().equals(kind(a.customerType()))
        && Objects.equals(c.terms(), a.paymentTerms())
        && Objects.equals(c.currency(), a.currency());
  }

  static String kind(CustomerType type) {
    return type == CustomerType.BUSINESS ? "B" : "C";
  }
}
