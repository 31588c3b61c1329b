package dev.retailsync.core.idempotency;

import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.spi.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A connector's write outcome as kept in the idempotency store, so that a repeated write replays
 * it: status, record id, version, error code, message and the named fields (path and message), each
 * base64url-encoded so that separators inside them cannot break the record. Records of five parts
 * (no fields) decode too, with no fields. The retry hint is not kept: a stored outcome is final.
 *
 * <p>Used by {@link IdempotentExecutor#writeOnce}; a connector that stores outcomes itself may use
 * it directly.
 */
public final class StoredWriteOutcome {
  private StoredWriteOutcome() {}

  /**
   * Encodes an outcome.
   *
   * @param o the outcome
   * @return its text, without the request key (the idempotency key stands for it)
   */
  public static String encode(WriteOutcome o) {
    return String.join(
        ".",
        o.status().name(),
        b64(o.externalId() == null ? null : o.externalId().id()),
        b64(o.version()),
        b64(o.errorCode()),
        b64(o.message()),
        errors(o.errors()));
  }

  private static String errors(List<FieldError> errors) {
    StringBuilder s = new StringBuilder();
    for (FieldError f : errors) {
      if (s.length() > 0) {
        s.append('~');
      }
      s.append(b64(f.path())).append(':').append(b64(f.message()));
    }
    return s.toString();
  }

  /**
   * Decodes an outcome {@link #encode} gave.
   *
   * @param text the stored text
   * @param key the request key of the write that replays it
   * @param system the system the record id belongs to
   * @return the outcome
   * @throws IllegalStateException if the text is not a stored outcome
   */
  public static WriteOutcome decode(String text, String key, SystemId system) {
    String[] p = text.split("\\.", -1);
    if (p.length != 5 && p.length != 6) {
      throw new IllegalStateException("not a stored write outcome: " + text);
    }
    WriteOutcome.Status status = WriteOutcome.Status.valueOf(p[0]);
    String id = unb64(p[1]);
    return new WriteOutcome(
        key,
        status,
        id == null ? null : ExternalId.of(system, id),
        unb64(p[2]),
        unb64(p[3]),
        unb64(p[4]),
        p.length == 6 ? errors(p[5]) : List.of(),
        null);
  }

  private static List<FieldError> errors(String text) {
    List<FieldError> out = new ArrayList<>();
    if (!text.isEmpty()) {
      for (String e : text.split("~")) {
        String[] pm = e.split(":", -1);
        out.add(FieldError.redacted(unb64(pm[0]), unb64(pm[1])));
      }
    }
    return out;
  }

  private static String b64(String s) {
    return s == null
        ? "-"
        : Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String unb64(String s) {
    return s.equals("-")
        ? null
        : new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
  }
}
