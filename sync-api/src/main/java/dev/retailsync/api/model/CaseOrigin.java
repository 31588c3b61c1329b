package dev.retailsync.api.model;

/** The channel through which a service case reached customer service. */
public enum CaseOrigin {
  /** An e-mail. */
  EMAIL,
  /** A telephone call. */
  PHONE,
  /** A web form. */
  WEB,
  /** A chat. */
  CHAT,
  /** In a physical store. */
  STORE,
  /** A social media message. */
  SOCIAL
}
