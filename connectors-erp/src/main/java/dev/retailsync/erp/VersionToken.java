package dev.retailsync.erp;

import java.time.Instant;
import java.util.Objects;

/**
 * The version of one ERP record, as the connector sends it back for compare-and-set.
 *
 * <p>Where the ERP has a real ETag (Business Central {@code @odata.etag}, SAP OData {@code
 * __metadata.etag}) the token is that ETag, sent as {@code If-Match}. Where it has none, the token
 * is synthesised from the record's last-modified stamp (NetSuite {@code lastModifiedDate}, Tryton
 * {@code _timestamp}), and the connector reads, verifies the stamp, then writes.
 *
 * @param value the token as the ERP gave it (an ETag keeps its quotes and {@code W/} prefix)
 * @param kind how the token was obtained, which decides how a write uses it
 */
public record VersionToken(String value, Kind kind) {

  /** How a version token was obtained. */
  public enum Kind {
    /** An ETag from the ERP; writes send it as {@code If-Match} and the ERP compares. */
    ETAG,
    /** Synthesised from the last-modified stamp; writes read, verify, then write. */
    LAST_MODIFIED
  }

  /** Prefix of a synthesised token, so the two kinds never look alike in a cursor or log. */
  private static final String STAMP_PREFIX = "lm:";

  // Checks the components.
  public VersionToken {
    Objects.requireNonNull(kind, "kind");
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("VersionToken value must not be blank");
    }
  }

  /**
   * Returns the token for an ETag the ERP sent.
   *
   * @param etag the ETag exactly as received, for example {@code W/"JzQ0OzE7MDsn"}
   * @return the token
   */
  public static VersionToken etag(String etag) {
    return new VersionToken(etag, Kind.ETAG);
  }

  /**
   * Returns a token synthesised from a record's last-modified stamp.
   *
   * @param lastModified when the ERP last changed the record
   * @return the token
   */
  public static VersionToken lastModified(Instant lastModified) {
    Objects.requireNonNull(lastModified, "lastModified");
    return new VersionToken(STAMP_PREFIX + lastModified, Kind.LAST_MODIFIED);
  }

  /**
   * Reads a token back from the string form that {@link #toString()} gave, as stored in a {@code
   * WriteOutcome} or a {@code RemoteRecord}.
   *
   * @param text the stored form
   * @return the token, or {@code null} when {@code text} is {@code null} or blank
   */
  public static VersionToken parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.startsWith(STAMP_PREFIX)) {
      return lastModified(Instant.parse(text.substring(STAMP_PREFIX.length())));
    }
    return etag(text);
  }

  /**
   * Returns the stamp of a synthesised token.
   *
   * @return the last-modified instant
   * @throws IllegalStateException when this is an ETag
   */
  public Instant stamp() {
    if (kind != Kind.LAST_MODIFIED) {
      throw new IllegalStateException("an ETag has no last-modified stamp: " + value);
    }
    return Instant.parse(value.substring(STAMP_PREFIX.length()));
  }

  /**
   * Tells whether a record read now still has this version, for read-verify-write.
   *
   * @param current the version read just now
   * @return {@code true} when the two are the same version
   */
  public boolean matches(VersionToken current) {
    return current != null && kind == current.kind && value.equals(current.value);
  }

  /** Returns the stored form, which {@link #parse(String)} reads back. */
  @Override
  public String toString() {
    return value;
  }
}
