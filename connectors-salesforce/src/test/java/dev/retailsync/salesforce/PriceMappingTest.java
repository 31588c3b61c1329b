package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Price;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Prices to PricebookEntry records: created with their book and product, then only repriced. */
class PriceMappingTest {
  private static final String STANDARD = "01sFK0000000001AAA";
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private final FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
  private final SalesforceConnector sf =
      SalesforceConnector.builder()
          .http(fake.client())
          .tokenProvider(
              OAuthTokenProvider.builder(
                      fake.client(),
                      HttpUrl.get(FakeSalesforce.TOKEN_URL),
                      OAuthGrant.clientCredentials("3MVG9", "s3cr3t", null))
                  .clock(clock)
                  .build())
          .instanceUrl(FakeSalesforce.INSTANCE_URL)
          .mapping(
              PriceMapping.of(
                  "ERP_Price_Id__c", "ERP_Product_Id__c", Map.of("RETAIL-EUR", STANDARD), "EUR"))
          .clock(clock)
          .build();

  private static Price price(String sku, String amount) {
    return Price.builder()
        .sku(sku)
        .priceList("RETAIL-EUR")
        .unitPrice(Money.of(amount, "EUR"))
        .build();
  }

  @Test
  void anEntryIsCreatedWithItsBookAndProductAndLaterOnlyRepriced() {
    fake.put("Product2", Map.of("Name", "T-Shirt", "ERP_Product_Id__c", "SKU-1"));
    var writer = sf.writer(EntityType.PRICE).orElseThrow();

    List<WriteOutcome> first =
        writer.upsert(
            List.of(
                WriteRequest.of("p1", price("SKU-1", "19.90")),
                WriteRequest.of("p2", price("SKU-404", "9.90")),
                WriteRequest.of(
                    "p3", price("SKU-1", "17.90").toBuilder().minQuantity(BigDecimal.TEN).build()),
                WriteRequest.of(
                    "p4",
                    Price.builder()
                        .sku("SKU-1")
                        .priceList("WHOLESALE-EUR")
                        .unitPrice(Money.of("9.00", "EUR"))
                        .build())));

    assertEquals(WriteOutcome.Status.CREATED, first.get(0).status(), first.get(0).toString());
    assertEquals(WriteOutcome.Status.REJECTED, first.get(1).status());
    assertEquals("INVALID_FIELD", first.get(1).errorCode(), "no product SKU-404");
    assertEquals("minQuantity", first.get(2).errors().get(0).path(), "tiers are not dropped");
    assertEquals("priceList", first.get(3).errors().get(0).path());
    var entry = fake.records("PricebookEntry").get(0);
    assertEquals("RETAIL-EUR:SKU-1", entry.get("ERP_Price_Id__c").asText());
    assertEquals(STANDARD, entry.get("Pricebook2Id").asText());
    assertEquals(
        fake.records("Product2").get(0).get("Id").asText(), entry.get("Product2Id").asText());

    List<WriteOutcome> again =
        writer.upsert(List.of(WriteRequest.of("p1", price("SKU-1", "21.50"))));
    assertEquals(
        WriteOutcome.Status.UPDATED,
        again.get(0).status(),
        "the book and product are not sent again: " + again.get(0));
    assertEquals(
        0,
        new BigDecimal("21.50")
            .compareTo(fake.records("PricebookEntry").get(0).get("UnitPrice").decimalValue()));

    Price back =
        sf.changeFeed(EntityType.PRICE)
            .orElseThrow()
            .poll(Cursor.beginning(), 10)
            .changes()
            .get(0)
            .entity();
    assertEquals("SKU-1", back.sku());
    assertEquals("RETAIL-EUR", back.priceList());
    assertEquals(Money.of("21.50", "EUR"), back.unitPrice());
  }

  @Test
  void aPriceInAnotherCurrencyIsRejectedUnlessTheOrgIsMultiCurrency() {
    Price usd =
        Price.builder()
            .sku("SKU-1")
            .priceList("RETAIL-EUR")
            .unitPrice(Money.of("5", "USD"))
            .build();
    PriceMapping single =
        PriceMapping.of(
            "ERP_Price_Id__c", "ERP_Product_Id__c", Map.of("RETAIL-EUR", STANDARD), "EUR");
    dev.retailsync.api.ValidationException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.retailsync.api.ValidationException.class,
            () -> single.toSalesforce(usd, java.util.Set.of()));
    assertEquals("unitPrice.currency", e.errors().get(0).path());
    var body = single.multiCurrency().toSalesforce(usd, java.util.Set.of());
    assertEquals("USD", body.get("CurrencyIsoCode").asText());
    assertTrue(body.has("Product2"));
    assertFalse(body.has("Product2Id"));
  }
}
