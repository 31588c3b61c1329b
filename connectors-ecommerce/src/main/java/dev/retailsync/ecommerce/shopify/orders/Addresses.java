package dev.retailsync.ecommerce.shopify.orders;

import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.PostalAddress;
import java.util.ArrayList;
import java.util.List;

/** Shopify's {@code MailingAddress} (GraphQL) and REST address objects to {@link PostalAddress}. */
final class Addresses {
  private Addresses() {}

  static PostalAddress postal(ShopifySource a) {
    if (a.json().isMissingNode() || a.json().isNull()) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    String l1 = a.text("address1", "address1");
    String l2 = a.text("address2", "address2");
    if (l1 != null) {
      lines.add(l1);
    }
    if (l2 != null) {
      lines.add(l2);
    }
    String country = a.text("countryCodeV2", "country_code");
    try {
      return PostalAddress.builder()
          .lines(lines)
          .locality(a.text("city", "city"))
          .region(a.text("provinceCode", "province_code"))
          .postalCode(a.text("zip", "zip"))
          .country(country)
          .build();
    } catch (ValidationException e) {
      throw new MappingException(
          e.errors().isEmpty() ? null : e.errors().get(0).path(), e.getMessage(), e);
    }
  }
}
