package dev.retailsync.ecommerce.shopify.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.MarketingConsent;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the REST payload of the {@code customers/create} and {@code customers/update} webhooks to a
 * canonical {@link Party}, with the marketing consent Shopify records, so that a consent change
 * made in the shop flows on (to Salesforce, which owns consent, under the ownership policy).
 *
 * <p>Fields: the name ({@code first_name}, {@code last_name}); the e-mail and phone as contact
 * points (the phone as {@code MOBILE}, since Shopify collects it for SMS); the default address as
 * the primary shipping address; consent from {@code email_marketing_consent.state} and {@code
 * sms_marketing_consent.state} by the table {@link Builder#consentState} (defaults: {@code
 * subscribed} granted, {@code pending} pending, {@code unsubscribed}, {@code redacted} and {@code
 * invalid} denied, {@code not_subscribed} unknown: the customer said nothing, which must not
 * overwrite a consent held elsewhere), stamped with the later {@code consent_updated_at} and the
 * source {@code shopify}; the customer's GID as extension {@code shopifyCustomerId}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ShopifyCustomerWebhookMapping {
  private final Map<String, ConsentState> consent;

  private ShopifyCustomerWebhookMapping(Builder b) {
    this.consent = Map.copyOf(b.consent);
  }

  /**
   * Returns the default mapping.
   *
   * @return the mapping
   */
  public static ShopifyCustomerWebhookMapping ofDefaults() {
    return builder().build();
  }

  /**
   * Returns a builder with the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Maps a {@code customers/update} (or {@code customers/create}) payload.
   *
   * @param customer the payload
   * @return the party
   * @throws MappingException naming the field that cannot be mapped
   */
  public Party fromWebhook(JsonNode customer) {
    ShopifySource s = ShopifySource.rest(customer);
    List<ContactPoint> points = new ArrayList<>();
    String email = s.text(null, "email");
    String phone = s.text(null, "phone");
    try {
      if (email != null) {
        points.add(ContactPoint.email(email));
      }
    } catch (ValidationException e) {
      throw new MappingException("contactPoints[email]", e.getMessage(), e);
    }
    try {
      if (phone != null) {
        points.add(ContactPoint.of(ContactPointType.MOBILE, phone));
      }
    } catch (ValidationException e) {
      throw new MappingException("contactPoints[phone]", e.getMessage(), e);
    }
    List<PartyAddress> addresses = new ArrayList<>();
    PostalAddress address = Addresses.postal(s.child(s.node(null, "default_address")));
    if (address != null) {
      addresses.add(new PartyAddress(AddressUse.SHIPPING, address, true));
    }
    Instant emailAt = s.instant(null, "email_marketing_consent.consent_updated_at");
    Instant smsAt = s.instant(null, "sms_marketing_consent.consent_updated_at");
    Instant at =
        emailAt == null ? smsAt : smsAt == null || emailAt.isAfter(smsAt) ? emailAt : smsAt;
    MarketingConsent marketing =
        new MarketingConsent(
            state(s, "email_marketing_consent"),
            state(s, "sms_marketing_consent"),
            null,
            null,
            at,
            "shopify");
    String first = s.text(null, "first_name");
    String last = s.text(null, "last_name");
    try {
      Party.Builder b =
          Party.builder()
              .kind(PartyKind.PERSON)
              .name(first == null && last == null ? null : PersonName.of(first, last))
              .contactPoints(points)
              .addresses(addresses)
              .marketingConsent(marketing);
      String gid = s.text(null, "admin_graphql_api_id");
      if (gid != null) {
        b.putExtension("shopifyCustomerId", gid);
      }
      return b.build();
    } catch (ValidationException e) {
      throw FieldTable.fromValidation("", e);
    }
  }

  private ConsentState state(ShopifySource s, String member) {
    String st = s.text(null, member + ".state");
    if (st == null) {
      return ConsentState.UNKNOWN;
    }
    ConsentState mapped = consent.get(st.toLowerCase(Locale.ROOT));
    if (mapped == null) {
      throw new MappingException(
          "marketingConsent (" + member + ".state)",
          "the consent state "
              + st
              + " has no mapping; add one with ShopifyCustomerWebhookMapping.Builder.consentState",
          null);
    }
    return mapped;
  }

  @Override
  public String toString() {
    return "ShopifyCustomerWebhookMapping[consentStates=" + consent.size() + "]";
  }

  /** Builds a {@link ShopifyCustomerWebhookMapping}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, ConsentState> consent = new LinkedHashMap<>();

    private Builder() {
      consent.put("subscribed", ConsentState.GRANTED);
      consent.put("pending", ConsentState.PENDING);
      consent.put("unsubscribed", ConsentState.DENIED);
      consent.put("redacted", ConsentState.DENIED);
      consent.put("invalid", ConsentState.DENIED);
      consent.put("not_subscribed", ConsentState.UNKNOWN);
    }

    /**
     * Maps a Shopify marketing consent state (lower case, as webhooks send it).
     *
     * @param shopifyState such as {@code not_subscribed}
     * @param state the canonical state
     * @return this builder
     */
    public Builder consentState(String shopifyState, ConsentState state) {
      consent.put(shopifyState.toLowerCase(Locale.ROOT), state);
      return this;
    }

    /**
     * Builds the mapping.
     *
     * @return the mapping
     */
    public ShopifyCustomerWebhookMapping build() {
      return new ShopifyCustomerWebhookMapping(this);
    }
  }
}
