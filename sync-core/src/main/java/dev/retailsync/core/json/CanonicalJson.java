package dev.retailsync.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes the canonical JSON contract: every entity of the canonical model and the {@link
 * Change} envelope. Instants are ISO-8601 in UTC, money amounts are exact decimal strings, absent
 * values are left out, and each entity and change carries {@code schemaVersion}.
 *
 * <p>Compatibility rules: a document without {@code schemaVersion} is read as the current version;
 * one from a newer minor version (same major) is read, and properties this release does not know
 * are kept in the entity's extensions (they are written back out unchanged); one from another major
 * version is refused with a {@link MappingException}.
 *
 * <p>Errors are typed: malformed JSON and values of the wrong type give a {@link MappingException}
 * naming the field path; values that break the model's rules give a {@link ValidationException}
 * whose field paths are relative to the document ({@code credit.limit.currency}).
 *
 * <p>Instances are immutable and thread-safe; create one with {@link #create()} and reuse it.
 */
public final class CanonicalJson {
  private static final CanonicalJson INSTANCE = new CanonicalJson();

  private final ObjectMapper mapper;

  private CanonicalJson() {
    SimpleModule changes = new SimpleModule("retail-sync-change");
    changes.addDeserializer(Change.class, new ChangeDeserializer());
    this.mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(changes)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(MapperFeature.CAN_OVERRIDE_ACCESS_MODIFIERS)
            // Keep 1.50 as 1.50: amounts and custom numbers are exact, scale included.
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
  }

  /**
   * Returns the codec. It holds no per-call state, so one instance serves the whole process.
   *
   * @return the codec
   */
  public static CanonicalJson create() {
    return INSTANCE;
  }

  /**
   * Writes a canonical value (an entity, a change, or any value type of the model) as JSON.
   *
   * @param value the value
   * @return the JSON text
   * @throws MappingException if the value cannot be written
   */
  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new MappingException(null, "cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads a canonical entity or value type from JSON.
   *
   * @param json the JSON text
   * @param type the type to read
   * @param <T> the type
   * @return the value
   * @throws MappingException if the JSON is malformed, a value has the wrong type, or the document
   *     is from another major schema version
   * @throws ValidationException if a value breaks the model's rules
   */
  public <T> T read(String json, Class<T> type) {
    if (json == null) {
      throw new MappingException(null, "the JSON text is null", null);
    }
    try {
      if (CanonicalEntity.class.isAssignableFrom(type)) {
        JsonNode tree = mapper.readTree(json);
        checkSchemaVersion(tree);
        return mapper.treeToValue(tree, type);
      }
      return mapper.readValue(json, type);
    } catch (IOException e) {
      throw translate(e, type.getSimpleName());
    }
  }

  /**
   * Reads a value of a generic type from JSON, such as a field's {@code List<OrderLine>}.
   *
   * @param json the JSON text
   * @param type the type, as reflection reports it (a class or a parameterized type)
   * @return the value
   * @throws MappingException if the JSON does not fit the type
   * @throws ValidationException if a value breaks the model's rules
   */
  public Object read(String json, java.lang.reflect.Type type) {
    try {
      return mapper.readValue(json, mapper.getTypeFactory().constructType(type));
    } catch (IOException e) {
      throw translate(e, type.getTypeName());
    }
  }

  /**
   * Reads a change envelope; the entity's Java type comes from its {@code entityType}.
   *
   * @param json the JSON text
   * @return the change
   * @throws MappingException if the JSON is malformed, a value has the wrong type, the entity type
   *     is unknown, or the document is from another major schema version
   * @throws ValidationException if a value breaks the model's rules
   */
  public Change<?> readChange(String json) {
    return read(json, Change.class);
  }

  private static void checkSchemaVersion(JsonNode tree) {
    JsonNode v = tree.get("schemaVersion");
    if (v == null || v.isNull()) {
      return;
    }
    String version = v.asText();
    String major = version.contains(".") ? version.substring(0, version.indexOf('.')) : version;
    String ours =
        CanonicalEntity.SCHEMA_VERSION.substring(0, CanonicalEntity.SCHEMA_VERSION.indexOf('.'));
    if (!major.equals(ours)) {
      throw new MappingException(
          "schemaVersion",
          "document was written with schema version "
              + version
              + "; this release reads "
              + ours
              + ".x only (upgrade retail-sync or convert the document)",
          null);
    }
  }

  private static RuntimeException translate(IOException e, String subject) {
    if (e instanceof ValueInstantiationException vie
        && vie.getCause() instanceof ValidationException ve) {
      String prefix = path(vie);
      if (prefix.isEmpty()) {
        return ve;
      }
      List<FieldError> errors = new ArrayList<>();
      for (FieldError fe : ve.errors()) {
        errors.add(new FieldError(prefix + "." + fe.path(), fe.rejectedValue(), fe.message()));
      }
      return new ValidationException(subject, errors);
    }
    if (e instanceof JsonMappingException jme) {
      if (jme.getCause() instanceof MappingException me) {
        return me;
      }
      if (jme.getCause() instanceof ValidationException ve) {
        return ve;
      }
      String p = path(jme);
      return new MappingException(p.isEmpty() ? null : p, jme.getOriginalMessage(), e);
    }
    if (e instanceof JsonProcessingException jpe) {
      return new MappingException(
          null,
          "malformed JSON: "
              + jpe.getOriginalMessage()
              + (jpe.getLocation() == null
                  ? ""
                  : " at line "
                      + jpe.getLocation().getLineNr()
                      + ", column "
                      + jpe.getLocation().getColumnNr()),
          e);
    }
    return new MappingException(null, "cannot read " + subject + ": " + e.getMessage(), e);
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** Reads a change, choosing the entity's class from {@code entityType}. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class ChangeDeserializer extends JsonDeserializer<Change> {
    @Override
    public Change deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = p.readValueAsTree();
      if (!(node instanceof ObjectNode obj)) {
        throw new MappingException(null, "a change must be a JSON object", null);
      }
      checkSchemaVersion(obj);
      EntityType<?> entityType = EntityType.of(text(obj, "entityType", true));
      Change.Builder b = Change.builder(entityType);
      b.type(changeType(text(obj, "type", true)));
      b.source(ctxt.readTreeAsValue(obj.get("source"), ExternalId.class));
      JsonNode entity = obj.get("entity");
      if (entity != null && !entity.isNull()) {
        checkSchemaVersion(entity);
        b.entity((CanonicalEntity) ctxt.readTreeAsValue(entity, entityType.javaType()));
      }
      Set<FieldPath> fields = new LinkedHashSet<>();
      JsonNode changed = obj.get("changedFields");
      if (changed != null && changed.isArray()) {
        changed.forEach(f -> fields.add(FieldPath.of(f.asText())));
      }
      b.changedFields(fields);
      String ts = text(obj, "sourceTimestamp", false);
      if (ts != null) {
        b.sourceTimestamp(ctxt.readTreeAsValue(obj.get("sourceTimestamp"), Instant.class));
      }
      b.sourceVersion(text(obj, "sourceVersion", false));
      String cid = text(obj, "correlationId", true);
      b.correlationId(CorrelationId.of(cid));
      String key = text(obj, "idempotencyKey", false);
      if (key != null) {
        b.idempotencyKey(IdempotencyKey.of(key));
      }
      b.schemaVersion(text(obj, "schemaVersion", false));
      return b.build();
    }

    private static ChangeType changeType(String name) {
      try {
        return ChangeType.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw new MappingException(
            "type",
            "'" + name + "' is not a change type; use one of " + List.of(ChangeType.values()),
            null);
      }
    }

    private static String text(JsonNode obj, String field, boolean required) {
      JsonNode n = obj.get(field);
      if (n == null || n.isNull()) {
        if (required) {
          throw ValidationException.of("Change", field, null, "is required");
        }
        return null;
      }
      if (!n.isTextual()) {
        throw new MappingException(field, "must be a JSON string, was " + n.getNodeType(), null);
      }
      return n.asText();
    }
  }
}
