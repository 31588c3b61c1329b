package dev.retailsync.api.model;

/** A channel through which a customer prefers to be contacted by customer service. */
public enum ContactChannel {
  /** E-mail. */
  EMAIL,
  /** A telephone call. */
  PHONE,
  /** A text message. */
  SMS,
  /** Web or in-app chat. */
  CHAT,
  /** Postal mail. */
  POST
}
