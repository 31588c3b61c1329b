package dev.retailsync.api.model;

/** What happens to a returned item once it is back. */
public enum ReturnDisposition {
  /** Back into sellable stock. */
  RESTOCK,
  /** Repaired or refurbished before resale. */
  REFURBISH,
  /** Disposed of. */
  SCRAP,
  /** Sent back to the supplier. */
  RETURN_TO_VENDOR,
  /** Not decided until the item has been inspected. */
  PENDING_INSPECTION
}
