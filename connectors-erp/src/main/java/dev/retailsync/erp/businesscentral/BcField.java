package dev.retailsync.erp.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.FieldPath;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * One Business Central field of a mapping: its name in the API, the canonical field it carries, how
 * it is written from the canonical record and how it is read back into the canonical builder.
 * Replace a default mapping's field, or add one (a field of a custom API page), with the mapping's
 * {@code withField}; drop one with {@code withoutField}.
 *
 * <pre>{@code
 * CustomerMapping mapping = CustomerMapping.defaults()
 *     .withField(BcField.of("phoneNumber", FieldPath.extension("phone"),
 *         (account, ctx) -> account.extensions().get("phone"),
 *         (record, b) -> b.putExtension("phone", record.path("phoneNumber").asText())));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe when their functions are.
 *
 * @param name the field's name in the Business Central API, such as {@code displayName}
 * @param canonical the canonical field it carries; a write limited to some fields sends it only
 *     when this one is among them
 * @param write returns the value to send (a {@code String}, {@code Number}, {@code Boolean}), or
 *     {@code null} to leave the field out, or a {@code Map} of field names to values for a rule
 *     that spans several Business Central fields (an address); throws {@link
 *     dev.retailsync.api.ValidationException} naming the canonical field when the value cannot be
 *     sent
 * @param read sets the canonical builder from the whole record, called when the record carries the
 *     field with a value; {@code null} for a field that is only written
 * @param <T> the canonical entity type
 * @param <B> the canonical builder type
 */
public record BcField<T, B>(
    String name,
    FieldPath canonical,
    BiFunction<T, BcMappingContext, Object> write,
    BiConsumer<JsonNode, B> read) {

  // Checks the components.
  public BcField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(canonical, "canonical");
    if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw dev.retailsync.api.ValidationException.of(
          "BcField", "name", name, "must be a Business Central API field name such as displayName");
    }
  }

  /**
   * Returns a field that is written and read.
   *
   * @param name the API field name
   * @param canonical the canonical field
   * @param write the writer, or {@code null} for a read-only field
   * @param read the reader, or {@code null} for a write-only field
   * @param <T> the canonical entity type
   * @param <B> the canonical builder type
   * @return the field
   */
  public static <T, B> BcField<T, B> of(
      String name,
      FieldPath canonical,
      BiFunction<T, BcMappingContext, Object> write,
      BiConsumer<JsonNode, B> read) {
    return new BcField<>(name, canonical, write, read);
  }
}
