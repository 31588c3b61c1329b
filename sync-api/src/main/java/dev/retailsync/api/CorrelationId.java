package dev.retailsync.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.retailsync.api.internal.Checks;
import java.util.UUID;

/**
 * Ties together everything that happens because of one change: the inbound record, the outbound
 * calls (sent as a header where the platform allows), log lines, audit entries and dead letters.
 * Printable ASCII, at most 128 characters.
 *
 * <p>Instances are immutable and thread-safe. Serialised as the bare string in JSON.
 *
 * @param value the id
 */
public record CorrelationId(@JsonValue String value) {

  // Checks the components; see the class documentation for the rules.
  public CorrelationId {
    Checks.token("CorrelationId", "value", value, 128);
  }

  /**
   * Returns the id for a string.
   *
   * @param value the id
   * @return the id
   * @throws ValidationException if it is blank, longer than 128 characters or not printable ASCII
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static CorrelationId of(String value) {
    return new CorrelationId(value);
  }

  /**
   * Returns the id for a UUID, in its canonical lower-case form.
   *
   * @param uuid the UUID
   * @return the id
   */
  public static CorrelationId of(UUID uuid) {
    return new CorrelationId(uuid.toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
