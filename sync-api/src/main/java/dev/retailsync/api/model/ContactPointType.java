package dev.retailsync.api.model;

/** The kind of a contact point. */
public enum ContactPointType {
  /** An e-mail address. */
  EMAIL,
  /** A landline or unspecified telephone number. */
  PHONE,
  /** A mobile telephone number, which can also receive SMS. */
  MOBILE,
  /** A fax number. */
  FAX
}
