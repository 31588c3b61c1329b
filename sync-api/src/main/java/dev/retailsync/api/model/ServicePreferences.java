package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.ValidationException;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * How a customer wants customer service to reach them. Salesforce usually owns these preferences.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param preferredChannel the channel the customer prefers, or {@code null} when unknown
 * @param language the BCP-47 language tag to serve the customer in, such as {@code "de-CH"}, or
 *     {@code null}
 * @param timeZone the customer's IANA time zone, such as {@code "Europe/Berlin"}, or {@code null}
 * @param doNotContact whether the customer asked not to be contacted proactively, or {@code null}
 *     when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServicePreferences(
    ContactChannel preferredChannel, String language, String timeZone, Boolean doNotContact) {

  // Checks the components; see the class documentation for the rules.
  public ServicePreferences {
    LanguageTags.check("ServicePreferences", "language", language);
    if (timeZone != null) {
      try {
        ZoneId.of(timeZone);
      } catch (DateTimeException e) {
        throw ValidationException.of(
            "ServicePreferences",
            "timeZone",
            timeZone,
            "is not a time zone id; use an IANA zone such as Europe/Berlin");
      }
    }
  }
}
