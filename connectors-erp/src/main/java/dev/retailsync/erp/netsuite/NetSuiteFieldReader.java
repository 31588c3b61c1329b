package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one canonical field from a NetSuite record into an entity builder; a step of a mapping that
 * can be replaced field by field.
 *
 * @param <B> the entity builder's type
 */
@FunctionalInterface
public interface NetSuiteFieldReader<B> {

  /**
   * Reads the field.
   *
   * @param record the record as the REST API returns it
   * @param builder the builder to set the field on
   * @throws dev.retailsync.api.ValidationException naming the field when its value cannot be read
   */
  void read(JsonNode record, B builder);
}
