package dev.retailsync.api.model;

/** Why a customer returns an item. */
public enum ReturnReason {
  /** Arrived damaged. */
  DAMAGED,
  /** Does not work. */
  DEFECTIVE,
  /** Not the item ordered. */
  WRONG_ITEM,
  /** Not as described or pictured. */
  NOT_AS_DESCRIBED,
  /** No longer wanted. */
  NO_LONGER_NEEDED,
  /** Another reason; see the reason text. */
  OTHER
}
