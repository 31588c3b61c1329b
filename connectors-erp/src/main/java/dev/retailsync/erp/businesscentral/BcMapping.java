package dev.retailsync.erp.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import java.util.List;
import java.util.Set;

/**
 * Maps one canonical entity type to one Business Central API v2.0 entity set, such as {@link
 * dev.retailsync.api.model.Account} to {@code customers}. The connector reads, follows (change feed
 * over {@code lastModifiedDateTime}) and, for writable sets, upserts every entity type it has a
 * mapping for, looking records up by {@link #keyField()}.
 *
 * <p>Implementations must be immutable and thread-safe.
 *
 * @param <T> the canonical entity type
 */
public interface BcMapping<T extends CanonicalEntity> {

  /**
   * Returns the canonical entity type.
   *
   * @return the type
   */
  EntityType<T> entityType();

  /**
   * Returns the entity set under {@code companies({id})}, such as {@code customers}.
   *
   * @return the entity set name
   */
  String entitySet();

  /**
   * Returns the Business Central field a record is found by for an upsert: {@code number} for
   * customers and items, {@code externalDocumentNumber} for documents.
   *
   * @return the field name
   */
  String keyField();

  /**
   * Returns the value of {@link #keyField()} for a canonical record.
   *
   * @param entity the record
   * @return the key
   * @throws dev.retailsync.api.ValidationException naming the canonical field when the record has
   *     no usable key
   */
  String key(T entity);

  /**
   * Returns the request body for a canonical record, limited to the given canonical fields when any
   * are given. It always carries the key field.
   *
   * @param entity the record
   * @param fields the canonical fields to write; empty for all
   * @param context the company's settings
   * @return the body
   * @throws dev.retailsync.api.ValidationException naming each field that cannot be sent; the
   *     record is then rejected without a call
   */
  ObjectNode toBc(T entity, Set<FieldPath> fields, BcMappingContext context);

  /**
   * Returns the canonical record a Business Central record describes.
   *
   * @param record the record as the API returns it, with {@link #expand()} expanded
   * @param context the company's settings
   * @return the canonical record
   * @throws dev.retailsync.api.ValidationException naming the field when it cannot be mapped
   */
  T fromBc(JsonNode record, BcMappingContext context);

  /**
   * Returns the navigation property reads expand, such as {@code salesOrderLines}, or {@code null}.
   *
   * @return the property, or {@code null}
   */
  default String expand() {
    return null;
  }

  /**
   * Tells whether records of this set can be written (posted shipments and invoices cannot).
   *
   * @return {@code true} when the connector offers a writer
   */
  default boolean writable() {
    return true;
  }

  /**
   * Returns the fields of a body that only apply to a create and must not be sent in an update
   * (document lines, which Business Central changes through their own entity set).
   *
   * @return the field names
   */
  default List<String> createOnlyFields() {
    return List.of();
  }
}
