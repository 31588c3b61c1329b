package dev.retailsync.api.model;

/** What a party's address is used for. */
public enum AddressUse {
  /** Where invoices go. */
  BILLING,
  /** Where goods are delivered. */
  SHIPPING,
  /** Where the person lives. */
  HOME,
  /** Where the person works. */
  WORK
}
