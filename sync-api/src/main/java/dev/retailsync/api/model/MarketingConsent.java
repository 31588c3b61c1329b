package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A person's marketing consent per channel, with when and where it was last given or withdrawn.
 * Salesforce usually owns consent; ecommerce platforms capture it at checkout.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param email consent to e-mail marketing, never {@code null} ({@link ConsentState#UNKNOWN} when
 *     not known)
 * @param sms consent to SMS marketing, never {@code null}
 * @param phone consent to phone calls, never {@code null}
 * @param post consent to postal mail, never {@code null}
 * @param updatedAt when consent last changed, or {@code null} when unknown
 * @param source where consent was captured, such as {@code "checkout"}, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MarketingConsent(
    ConsentState email,
    ConsentState sms,
    ConsentState phone,
    ConsentState post,
    Instant updatedAt,
    @Size(max = 64) String source) {

  /** Consent that is unknown on every channel. */
  public static final MarketingConsent UNKNOWN =
      new MarketingConsent(null, null, null, null, null, null);

  // Checks the components; see the class documentation for the rules.
  public MarketingConsent {
    email = email == null ? ConsentState.UNKNOWN : email;
    sms = sms == null ? ConsentState.UNKNOWN : sms;
    phone = phone == null ? ConsentState.UNKNOWN : phone;
    post = post == null ? ConsentState.UNKNOWN : post;
    Checks.optionalText("MarketingConsent", "source", source);
  }

  /**
   * Returns a copy with another e-mail consent.
   *
   * @param state the new state
   * @param at when it changed
   * @return the copy
   */
  public MarketingConsent withEmail(ConsentState state, Instant at) {
    return new MarketingConsent(state, sms, phone, post, at, source);
  }

  /**
   * Returns a copy with another SMS consent.
   *
   * @param state the new state
   * @param at when it changed
   * @return the copy
   */
  public MarketingConsent withSms(ConsentState state, Instant at) {
    return new MarketingConsent(email, state, phone, post, at, source);
  }
}
