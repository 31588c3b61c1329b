package dev.retailsync.core.idempotency;

import dev.retailsync.api.Change;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.core.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Derives idempotency keys deterministically, so that the same logical operation gets the same key
 * after a retry, a redelivery or a restart.
 *
 * <p>The derivation is part of the public contract and stable across releases: {@code "rs1:"}
 * followed by the unpadded base64url SHA-256 of the UTF-8 bytes of scope, system, entity type name,
 * external id and version, joined by the unit separator {@code U+001F}. The version is the source's
 * record version when it has one; otherwise {@code "sha256:"} and the fingerprint of the payload's
 * canonical JSON. Keys are 47 characters and carry no personal data (external ids may be e-mail
 * addresses).
 */
public final class IdempotencyKeys {
  private static final String PREFIX = "rs1:";
  private static final char SEP = '\u001f';

  private IdempotencyKeys() {}

  /**
   * Derives a key.
   *
   * @param scope what the key protects, such as {@code "inbound"} or {@code "write:netsuite"}
   * @param system the source system
   * @param type the entity type
   * @param externalId the record's id in the source system
   * @param version the source's version of the record
   * @return the key
   * @throws ValidationException if a component is missing or blank
   */
  public static IdempotencyKey derive(
      String scope, SystemId system, EntityType<?> type, String externalId, String version) {
    require("scope", scope);
    if (system == null || type == null) {
      throw ValidationException.of(
          "IdempotencyKeys", system == null ? "system" : "entityType", null, "is required");
    }
    require("externalId", externalId);
    require("version", version);
    String material =
        scope + SEP + system.value() + SEP + type.name() + SEP + externalId + SEP + version;
    return IdempotencyKey.of(PREFIX + sha256(material.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Derives the key of an inbound change: by its source version, or by its payload's fingerprint
   * when the source has no version.
   *
   * @param scope what the key protects
   * @param change the change
   * @return the key
   */
  public static IdempotencyKey forChange(String scope, Change<?> change) {
    String version =
        change.sourceVersion() != null
            ? change.sourceVersion()
            : "sha256:"
                + fingerprint(change.entity() == null ? change.type().name() : change.entity());
    return derive(
        scope, change.source().system(), change.entityType(), change.source().id(), version);
  }

  /**
   * Returns the fingerprint of a payload: the base64url SHA-256 of its canonical JSON (for an
   * entity) or of its text.
   *
   * @param payload an entity, a canonical value, or text
   * @return the fingerprint, 43 characters
   */
  public static String fingerprint(Object payload) {
    String text =
        payload == null
            ? "null"
            : payload instanceof String s ? s : CanonicalJson.create().write(payload);
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void require(String path, String value) {
    if (value == null || value.isBlank()) {
      throw ValidationException.of("IdempotencyKeys", path, value, "is required");
    }
    if (value.indexOf(SEP) >= 0) {
      // The separator inside a component would let two different tuples share one key.
      throw ValidationException.of(
          "IdempotencyKeys", path, value.replace(SEP, '?'), "must not contain U+001F");
    }
  }

  // MessageDigest.getInstance looks the provider up on every call; one digest per thread does not.
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every JVM has SHA-256", e);
            }
          });

  private static String sha256(byte[] bytes) {
    MessageDigest md = SHA256.get();
    md.reset();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(md.digest(bytes));
  }
}
