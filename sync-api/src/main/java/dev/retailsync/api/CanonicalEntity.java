package dev.retailsync.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A record of the canonical model that travels on its own: an account, a party, an order, a
 * product. Each one has an {@link EntityType}, a field catalogue, and an extensions map for a
 * company's custom fields.
 *
 * <p>Implementations are immutable records and thread-safe.
 */
// schemaVersion is written from schemaVersion() and checked by the codec before binding.
@JsonIgnoreProperties(value = "schemaVersion", allowGetters = true)
public interface CanonicalEntity {

  /** The version of the canonical JSON contract this release writes: {@value}. */
  String SCHEMA_VERSION = "1.0";

  /**
   * Returns the type of this entity.
   *
   * @return the entity type
   */
  @JsonIgnore
  EntityType<?> entityType();

  /**
   * Returns a company's custom fields, addressed in field paths as {@code extensions.<name>}. In
   * JSON they appear as top-level properties beside the canonical ones, which is also where
   * properties added by a newer minor version of the contract are kept when an older reader sees
   * them.
   *
   * @return an unmodifiable map, sorted by name; values are text, numbers ({@link
   *     java.math.BigDecimal}, {@link Integer}, {@link Long}, {@link java.math.BigInteger}),
   *     booleans, {@code null}, or lists and maps of those
   */
  Map<String, Object> extensions();

  /**
   * Returns the version of the JSON contract this entity is written with.
   *
   * @return {@value #SCHEMA_VERSION}
   */
  @JsonProperty(value = "schemaVersion", index = 0)
  default String schemaVersion() {
    return SCHEMA_VERSION;
  }
}
