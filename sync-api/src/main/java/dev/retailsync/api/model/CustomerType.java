package dev.retailsync.api.model;

/** Whether an account is a consumer (B2C) or a business (B2B). */
public enum CustomerType {
  /** A person buying for themselves (B2C). */
  CONSUMER,
  /** An organisation buying on account (B2B). */
  BUSINESS
}
