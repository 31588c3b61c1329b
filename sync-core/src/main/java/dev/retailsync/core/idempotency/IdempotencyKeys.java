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
    // The digest is fed component by component: the UTF-8 of the joined text is the UTF-8 of its
    // parts and separators in turn (a separator is ASCII, so no character spans two parts), and
    // this runs twice per change (inbound and write keys), so no joined string is built.
    Digest d = DIGEST.get();
    d.start();
    d.add(scope).sep().add(system.value()).sep().add(type.name()).sep().add(externalId).sep();
    d.add(version);
    return IdempotencyKey.of(d.finishKey());
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
      ThreadLocal.withInitial(IdempotencyKeys::newSha256);

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String sha256(byte[] bytes) {
    MessageDigest md = SHA256.get();
    md.reset();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(md.digest(bytes));
  }

  private static final ThreadLocal<Digest> DIGEST = ThreadLocal.withInitial(Digest::new);

  /**
   * One thread's SHA-256 fed with the UTF-8 of strings through a reused buffer, giving the key as
   * {@code "rs1:"} and the unpadded base64url digest, the same text {@code PREFIX + sha256(...)}
   * gives.
   */
  private static final class Digest {
    private static final byte[] BASE64URL =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            .getBytes(StandardCharsets.US_ASCII);
    private final MessageDigest md = newSha256();
    private byte[] buf = new byte[256];
    private int len;

    void start() {
      md.reset();
      len = 0;
    }

    Digest sep() {
      if (len == buf.length) {
        flush();
      }
      buf[len++] = (byte) SEP;
      return this;
    }

    Digest add(String s) {
      int n = s.length();
      if (n > buf.length - len) {
        flush();
      }
      if (n > buf.length) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        return this;
      }
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          // Not ASCII: the JDK's encoder, which also handles surrogate pairs.
          flush();
          md.update(s.getBytes(StandardCharsets.UTF_8));
          return this;
        }
        buf[len + i] = (byte) c;
      }
      len += n;
      return this;
    }

    private void flush() {
      md.update(buf, 0, len);
      len = 0;
    }

    String finishKey() {
      flush();
      byte[] h = md.digest();
      byte[] out = new byte[PREFIX.length() + 43];
      int o = 0;
      for (int i = 0; i < PREFIX.length(); i++) {
        out[o++] = (byte) PREFIX.charAt(i);
      }
      int i = 0;
      for (; i + 3 <= h.length; i += 3) {
        int bits = (h[i] & 0xff) << 16 | (h[i + 1] & 0xff) << 8 | (h[i + 2] & 0xff);
        out[o++] = BASE64URL[bits >>> 18];
        out[o++] = BASE64URL[(bits >>> 12) & 0x3f];
        out[o++] = BASE64URL[(bits >>> 6) & 0x3f];
        out[o++] = BASE64URL[bits & 0x3f];
      }
      // 32 bytes: 30 in whole groups, 2 left, which make 3 characters without padding.
      int bits = (h[i] & 0xff) << 16 | (h[i + 1] & 0xff) << 8;
      out[o++] = BASE64URL[bits >>> 18];
      out[o++] = BASE64URL[(bits >>> 12) & 0x3f];
      out[o++] = BASE64URL[(bits >>> 6) & 0x3f];
      return new String(out, 0, o, StandardCharsets.US_ASCII);
    }
  }
}
