package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Product;
import dev.retailsync.api.model.ProductStatus;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Products to Product2 and back. */
class ProductMappingTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private final FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");

  @Test
  void aProductIsUpsertedBySkuAndReadBackThroughTheFeed() {
    SalesforceConnector sf =
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
            .clock(clock)
            .build();
    Product p =
        Product.builder()
            .sku("TSHIRT-NAVY-M")
            .name("Organic T-Shirt Navy M")
            .category("Apparel")
            .unitOfMeasure("EA")
            .status(ProductStatus.DISCONTINUED)
            .build();
    List<WriteOutcome> out =
        sf.writer(EntityType.PRODUCT).orElseThrow().upsert(List.of(WriteRequest.of("p1", p)));
    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status());
    assertEquals("TSHIRT-NAVY-M", fake.records("Product2").get(0).get("StockKeepingUnit").asText());
    assertFalse(fake.records("Product2").get(0).get("IsActive").asBoolean());

    Product back =
        sf.changeFeed(EntityType.PRODUCT)
            .orElseThrow()
            .poll(Cursor.beginning(), 5)
            .changes()
            .get(0)
            .entity();
    assertEquals("TSHIRT-NAVY-M", back.sku());
    assertEquals("Apparel", back.category());
    assertEquals(ProductStatus.INACTIVE, back.status(), "Product2 only knows active or not");
  }

  @Test
  void aFieldNameThatIsNotOneIsRefusedNamingTheArgument() {
    for (org.junit.jupiter.api.function.Executable bad :
        List.<org.junit.jupiter.api.function.Executable>of(
            () -> ProductMapping.withExternalId("ERP Product Id"),
            () -> CaseMapping.withExternalId(null),
            () -> CaseMapping.withExternalId("External_Case_Id__c").accountExternalIdField("1x"),
            () -> ContactMapping.withExternalId("ERP_Contact_Id__c", "Account.ERP__c"))) {
      dev.retailsync.api.ValidationException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              dev.retailsync.api.ValidationException.class, bad);
      assertEquals(
          true, e.errors().get(0).path().endsWith("xternalIdField"), e.errors().get(0).path());
    }
  }
}
