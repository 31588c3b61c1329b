package dev.retailsync.api.model;

/** The state of a customer's login to an online store. */
public enum WebLoginState {
  /** The customer can log in. */
  ENABLED,
  /** The customer was invited and has not yet set a password. */
  INVITED,
  /** The customer has no login, or it was switched off. */
  DISABLED,
  /** The customer declined the invitation. */
  DECLINED
}
