package dev.retailsync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import java.util.List;
import java.util.Set;

/**
 * Maps one canonical entity type to one Salesforce object, upserted by a unique External ID field.
 * The connector writes, reads and follows every object it has a mapping for; replace a default
 * mapping, or add one for another object, with {@link SalesforceConnector.Builder#mapping}.
 *
 * <p>Implementations must be immutable and thread-safe.
 *
 * @param <T> the entity's Java type
 */
public interface SObjectMapping<T extends CanonicalEntity> {

  /**
   * Returns the canonical entity type.
   *
   * @return the entity type
   */
  EntityType<T> entityType();

  /**
   * Returns the Salesforce object's API name, such as {@code Account}.
   *
   * @return the name
   */
  String sobject();

  /**
   * Returns the unique External ID field records are upserted by.
   *
   * @return the field's API name
   */
  String externalIdField();

  /**
   * Returns a record body for an entity, limited to the given canonical fields when any are given;
   * it must carry the external id field and {@code attributes.type}.
   *
   * @param entity the entity
   * @param fields the canonical fields to write; empty for all
   * @return the record body
   * @throws dev.retailsync.api.ValidationException naming the field when the entity cannot be
   *     written; the record is then rejected without a call
   */
  ObjectNode toSalesforce(T entity, Set<FieldPath> fields);

  /**
   * Returns the entity a Salesforce record describes.
   *
   * @param record the record as the REST API returns it
   * @return the entity
   * @throws dev.retailsync.api.ValidationException naming the field when it cannot be mapped
   */
  T fromSalesforce(JsonNode record);

  /**
   * Returns the canonical fields a Salesforce record really carries for this entity, which the
   * change feed reports as the change's {@code changedFields}: fields the canonical model requires
   * but the object does not have (an account's status, say) are filled with defaults by {@link
   * #fromSalesforce} and must not count as values Salesforce sent.
   *
   * @param entity the entity read from Salesforce
   * @return the fields; empty means every field
   */
  default Set<FieldPath> mappedFields(T entity) {
    return Set.of();
  }

  /**
   * Returns a SOQL condition the change feed adds to its query, such as {@code IsPersonAccount =
   * true} for a mapping of person accounts, or {@code null} for every record of the object.
   *
   * @return the condition, or {@code null}
   */
  default String feedFilter() {
    return null;
  }

  /**
   * Returns the fields a query must select; must include {@code Id}, {@code SystemModstamp}, {@code
   * CreatedDate} and the external id field.
   *
   * @return the field names
   */
  List<String> selectFields();
}
