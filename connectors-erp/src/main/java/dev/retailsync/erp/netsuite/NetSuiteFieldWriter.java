package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes one canonical field of an entity into a NetSuite record body; a step of a mapping that can
 * be replaced field by field.
 *
 * @param <T> the entity's Java type
 */
@FunctionalInterface
public interface NetSuiteFieldWriter<T> {

  /**
   * Writes the field.
   *
   * @param entity the entity
   * @param record the record body being built
   * @throws dev.retailsync.api.ValidationException naming the field when its value cannot be
   *     written
   */
  void write(T entity, ObjectNode record);
}
