package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import java.util.List;
import java.util.Set;

/**
 * Maps one canonical entity type to one NetSuite record type of the REST record service. The
 * connector writes (by external-id upsert), reads and follows every record type it has a mapping
 * for. The default mappings ({@link CustomerMapping}, {@link SalesOrderMapping}, {@link
 * ItemMapping}, {@link FulfillmentMapping}, {@link InvoiceMapping}) can be changed field by field.
 *
 * <p>Implementations must be immutable and thread-safe.
 *
 * @param <T> the entity's Java type
 */
public interface NetSuiteMapping<T extends CanonicalEntity> {

  /**
   * Returns the canonical entity type.
   *
   * @return the entity type
   */
  EntityType<T> entityType();

  /**
   * Returns the REST record type, such as {@code customer} or {@code salesOrder}.
   *
   * @return the record type
   */
  String recordType();

  /**
   * Returns the SuiteQL table the change feed queries: {@code customer}, {@code item} or {@code
   * transaction}.
   *
   * @return the table
   */
  String suiteQlTable();

  /**
   * Returns a SuiteQL condition that narrows the table to this record type, such as {@code type =
   * 'SalesOrd'}, or {@code null} for the whole table.
   *
   * @return the condition, or {@code null}
   */
  default String suiteQlFilter() {
    return null;
  }

  /**
   * Tells whether the connector may write this record type; documents NetSuite creates itself
   * (fulfilments, invoices) are read-only.
   *
   * @return {@code true} when writable
   */
  default boolean writable() {
    return true;
  }

  /**
   * Returns the external id a record is upserted by ({@code PUT /record/v1/{type}/eid:{id}}).
   *
   * @param entity the entity
   * @param requestKey the caller's key, for entities without a natural key
   * @return the external id: letters, digits, {@code _} and {@code -} only
   * @throws dev.retailsync.api.ValidationException naming the field when there is none
   */
  String externalId(T entity, String requestKey);

  /**
   * Returns the sublists a write replaces whole ({@code ?replace=item}), so that the record's lines
   * are exactly the entity's after the write.
   *
   * @return the sublist names; empty for none
   */
  default List<String> replacedSublists() {
    return List.of();
  }

  /**
   * Returns the record body for an entity, limited to the given canonical fields when any.
   *
   * @param entity the entity
   * @param fields the canonical fields to write; empty for all
   * @param exists whether the record exists already (create-only fields are left out when it does)
   * @return the body
   * @throws dev.retailsync.api.ValidationException naming the field when the entity cannot be
   *     written; the record is then rejected without a call
   */
  ObjectNode toNetSuite(T entity, Set<FieldPath> fields, boolean exists);

  /**
   * Returns the entity a record describes. References to other records carry their {@code
   * externalId} when the connector could resolve it.
   *
   * @param record the record as {@code GET /record/v1/{type}/{id}?expandSubResources=true} returns
   *     it
   * @return the entity
   * @throws dev.retailsync.api.ValidationException naming the field when it cannot be mapped
   */
  T fromNetSuite(JsonNode record);

  /**
   * Returns the reference fields whose {@code externalId} the connector resolves before {@link
   * #fromNetSuite}: paths such as {@code entity} or {@code item.items[].item}, each with the
   * SuiteQL table the referenced record lives in.
   *
   * @return pairs of path and table
   */
  default List<Reference> references() {
    return List.of();
  }

  /**
   * A reference field and the SuiteQL table of the record it points to.
   *
   * @param path the field, {@code []} marking each line of a sublist ({@code item.items[].item})
   * @param table the table, such as {@code customer}, {@code item} or {@code transaction}
   */
  record Reference(String path, String table) {}
}
