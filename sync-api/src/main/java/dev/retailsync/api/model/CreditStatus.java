package dev.retailsync.api.model;

/** The credit standing of an account, as the ERP (its usual owner) decides it. */
public enum CreditStatus {
  /** Not yet reviewed. */
  PENDING_APPROVAL,
  /** Orders on account are allowed up to the limit. */
  APPROVED,
  /** Orders on account are blocked until the hold is lifted. */
  ON_HOLD,
  /** Credit was refused; prepayment only. */
  REJECTED
}
