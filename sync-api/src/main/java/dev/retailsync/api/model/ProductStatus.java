package dev.retailsync.api.model;

/** The lifecycle of a product in the catalogue. */
public enum ProductStatus {
  /** Sellable and shown in channels. */
  ACTIVE,
  /** Temporarily not sellable, for example before launch or while blocked. */
  INACTIVE,
  /** No longer sold or replenished; kept for history, returns and service. */
  DISCONTINUED
}
