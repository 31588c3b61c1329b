package dev.retailsync.api.spi;

/** The type of a connector setting, which decides how its text value is checked. */
public enum ConfigType {
  /** Any non-blank text. */
  STRING,
  /** A whole number. */
  INT,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** An absolute {@code http} or {@code https} URL. */
  URL,
  /** An ISO-8601 duration such as {@code PT30S}. */
  DURATION,
  /** Text that must never be logged or shown, such as a client secret. */
  SECRET
}
