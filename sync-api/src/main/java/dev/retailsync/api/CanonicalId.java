package dev.retailsync.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.retailsync.api.internal.Checks;
import java.util.UUID;

/**
 * The SDK's own id for one real-world record (a customer, an order), the same whichever system it
 * was seen in first. The cross-reference maps it to the {@link ExternalId}s each system uses.
 * Printable ASCII, at most 128 characters; the engine issues UUIDs.
 *
 * <p>Instances are immutable and thread-safe. Serialised as the bare string in JSON.
 *
 * @param value the id
 */
public record CanonicalId(@JsonValue String value) {

  // Checks the components; see the class documentation for the rules.
  public CanonicalId {
    Checks.token("CanonicalId", "value", value, 128);
  }

  /**
   * Returns the id for a string.
   *
   * @param value the id
   * @return the id
   * @throws ValidationException if it is blank, longer than 128 characters or not printable ASCII
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static CanonicalId of(String value) {
    return new CanonicalId(value);
  }

  /**
   * Returns the id for a UUID, in its canonical lower-case form.
   *
   * @param uuid the UUID
   * @return the id
   */
  public static CanonicalId of(UUID uuid) {
    return new CanonicalId(uuid.toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
