package dev.retailsync.api.model;

import dev.retailsync.api.ValidationException;
import java.util.Locale;

/** Checks BCP-47 language tags. Not part of the public API. */
final class LanguageTags {
  private LanguageTags() {}

  /**
   * Allows {@code null}, otherwise requires a well-formed BCP-47 tag in its canonical form: one
   * that {@link Locale#forLanguageTag(String)} reads and {@link Locale#toLanguageTag()} writes back
   * unchanged, such as {@code "de"}, {@code "en-GB"} or {@code "zh-Hant-TW"}.
   *
   * @param subject the type being built
   * @param path the component
   * @param tag the tag
   * @return the tag
   * @throws ValidationException if the tag is blank, malformed or not in canonical form
   */
  static String check(String subject, String path, String tag) {
    if (tag == null) {
      return null;
    }
    String roundTrip = Locale.forLanguageTag(tag).toLanguageTag();
    if (!roundTrip.equals(tag) || "und".equals(roundTrip)) {
      throw ValidationException.of(
          subject,
          path,
          tag,
          "is not a BCP-47 language tag in canonical form; use one such as de, en-GB or pt-BR"
              + ("und".equals(roundTrip) ? "" : " (did you mean " + roundTrip + "?)"));
    }
    return tag;
  }
}
