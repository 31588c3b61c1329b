package dev.retailsync.core.identity;

import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The input of identity resolution: one record from one source, as raw strings keyed by field name
 * (normally names from {@link IdentityFields}). Values are kept as the source wrote them; the
 * resolver normalises them, and a value it cannot use (blank, malformed, absurd) counts as missing.
 *
 * <p>Instances are immutable and thread-safe. The values are personal data: {@code toString()}
 * shows only the id, the source and the field names.
 *
 * @param id the record's id, unique within its source; never {@code null}
 * @param source the system the record comes from, or {@code null} when unknown
 * @param updatedAt when the source last changed the record, or {@code null} when unknown
 * @param values raw values by field name; never {@code null}, {@code null} values are dropped
 * @param verified the fields whose value the source verified (an e-mail address the customer
 *     confirmed, say); never {@code null}
 */
public record IdentityRecord(
    String id,
    SystemId source,
    Instant updatedAt,
    Map<String, String> values,
    Set<String> verified) {

  /** Checks the id and copies the maps. */
  public IdentityRecord {
    Objects.requireNonNull(id, "IdentityRecord.id is required");
    Map<String, String> copy = new LinkedHashMap<>();
    if (values != null) {
      values.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              copy.put(k, v);
            }
          });
    }
    values = Collections.unmodifiableMap(copy);
    verified = verified == null ? Set.of() : Set.copyOf(verified);
  }

  /**
   * Returns a record with values only.
   *
   * @param id the record id
   * @param values raw values by field name
   * @return the record
   */
  public static IdentityRecord of(String id, Map<String, String> values) {
    return new IdentityRecord(id, null, null, values, Set.of());
  }

  /**
   * Returns a new builder.
   *
   * @param id the record id
   * @return the builder
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * Returns the raw value of a field.
   *
   * @param field the field name
   * @return the raw value, or {@code null}
   */
  public String get(String field) {
    return values.get(field);
  }

  /**
   * Returns the record's external id, when it has a source.
   *
   * @return the external id, or {@code null} without a source
   */
  public ExternalId externalId() {
    return source == null ? null : ExternalId.of(source, id);
  }

  /**
   * Shows the id, the source and the field names; the values are personal data.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return "IdentityRecord[id="
        + id
        + ", source="
        + source
        + ", updatedAt="
        + updatedAt
        + ", fields="
        + new TreeSet<>(values.keySet())
        + ", values=<redacted>]";
  }

  /** Builds an {@link IdentityRecord}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private SystemId source;
    private Instant updatedAt;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> verified = new TreeSet<>();

    private Builder(String id) {
      this.id = id;
    }

    /**
     * Sets the source system.
     *
     * @param source the system
     * @return this builder
     */
    public Builder source(SystemId source) {
      this.source = source;
      return this;
    }

    /**
     * Sets when the source last changed the record.
     *
     * @param updatedAt the instant
     * @return this builder
     */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * Adds a raw value; a {@code null} value is ignored.
     *
     * @param field the field name
     * @param value the raw value
     * @return this builder
     */
    public Builder put(String field, String value) {
      if (value != null) {
        values.put(field, value);
      }
      return this;
    }

    /**
     * Adds a raw value the source verified.
     *
     * @param field the field name
     * @param value the raw value
     * @return this builder
     */
    public Builder putVerified(String field, String value) {
      put(field, value);
      if (value != null) {
        verified.add(field);
      }
      return this;
    }

    /**
     * Builds the record.
     *
     * @return the record
     * @throws NullPointerException if the id is {@code null}
     */
    public IdentityRecord build() {
      return new IdentityRecord(id, source, updatedAt, values, verified);
    }
  }
}
