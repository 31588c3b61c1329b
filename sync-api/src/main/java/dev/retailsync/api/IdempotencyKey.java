package dev.retailsync.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.retailsync.api.internal.Checks;
import java.util.UUID;

/**
 * Identifies one logical operation so that repeating it has no further effect: the store keeps the
 * outcome under the key and replays it. Printable ASCII, at most 255 characters (the limit Stripe
 * and the IETF {@code Idempotency-Key} draft use). Keys are derived deterministically by the engine
 * from scope, system, entity type, external id and source version.
 *
 * <p>Instances are immutable and thread-safe. Serialised as the bare string in JSON.
 *
 * @param value the id
 */
public record IdempotencyKey(@JsonValue String value) {

  // Checks the components; see the class documentation for the rules.
  public IdempotencyKey {
    Checks.token("IdempotencyKey", "value", value, 255);
  }

  /**
   * Returns the id for a string.
   *
   * @param value the id
   * @return the id
   * @throws ValidationException if it is blank, longer than 255 characters or not printable ASCII
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static IdempotencyKey of(String value) {
    return new IdempotencyKey(value);
  }

  /**
   * Returns the id for a UUID, in its canonical lower-case form.
   *
   * @param uuid the UUID
   * @return the id
   */
  public static IdempotencyKey of(UUID uuid) {
    return new IdempotencyKey(uuid.toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
