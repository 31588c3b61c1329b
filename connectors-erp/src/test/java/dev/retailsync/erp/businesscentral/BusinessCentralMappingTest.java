package dev.retailsync.erp.businesscentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.Product;
import dev.retailsync.api.model.ProductStatus;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Mappings overridden field by field, limited writes, and mapping failures naming the field. */
class BusinessCentralMappingTest {
  private final BcFixture bc = new BcFixture();
  private static final BcMappingContext USD = new BcMappingContext("USD");

  @Test
  void aFieldIsAddedAndAnotherDroppedAndBothReachTheWire() {
    CustomerMapping mapping =
        CustomerMapping.defaults()
            .withField(
                BcField.of(
                    "phoneNumber",
                    FieldPath.extension("phone"),
                    (a, c) -> a.extensions().get("phone"),
                    (r, b) -> b.putExtension("phone", r.path("phoneNumber").asText())))
            .withoutField("email");
    BusinessCentralConnector connector = bc.builder().mapping(mapping).build();
    Account account =
        BcFixture.account("M-1", "Mapped").toBuilder().putExtension("phone", "+1 555 0100").build();

    WriteOutcome out =
        connector
            .writer(EntityType.ACCOUNT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("m", account)))
            .get(0);

    ObjectNode stored = bc.fake.records("customers").get(0);
    assertEquals("+1 555 0100", stored.path("phoneNumber").asText());
    assertEquals("", stored.path("email").asText(), "the dropped field is not sent");
    Account read =
        connector
            .reader(EntityType.ACCOUNT)
            .orElseThrow()
            .read(List.of(out.externalId().id()))
            .get(0)
            .entity();
    assertEquals("+1 555 0100", read.extensions().get("phone"));
    assertTrue(mapping.fields().contains("phoneNumber"));
    assertFalse(mapping.fields().contains("email"));
    assertThrows(ValidationException.class, () -> mapping.withoutField("nonsense"));
  }

  @Test
  void aWriteLimitedToSomeFieldsSendsOnlyThose() {
    ObjectNode body =
        CustomerMapping.defaults()
            .toBc(BcFixture.account("M-2", "Limited"), Set.of(Account.Fields.NAME), USD);
    assertEquals(Set.of("number", "displayName"), fieldNames(body));
  }

  @Test
  void everyFieldThatCannotBeSentIsNamedAtOnce() {
    Account bad =
        BcFixture.account("M-3", "N".repeat(120)).toBuilder()
            .billing(
                new dev.retailsync.api.model.BillingProfile(
                    PostalAddress.builder().lines("1", "2", "3").country("US").build(),
                    null,
                    null,
                    null))
            .taxId("X".repeat(25))
            .build();
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> CustomerMapping.defaults().toBc(bad, Set.of(), USD));
    assertEquals(
        List.of("name", "billing.address.lines", "taxId"),
        e.errors().stream().map(f -> f.path()).toList());
  }

  @Test
  void itemsRoundTripWithTheirBlockedStatus() {
    BusinessCentralConnector connector = bc.connector();
    Product p =
        Product.builder()
            .sku("1996-S")
            .name("ATLANTA Whiteboard")
            .gtin("4006381333931")
            .unitOfMeasure("PCS")
            .status(ProductStatus.DISCONTINUED)
            .build();

    WriteOutcome out =
        connector
            .writer(EntityType.PRODUCT)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("p", p)))
            .get(0);

    assertEquals(WriteOutcome.Status.CREATED, out.status());
    assertTrue(bc.fake.records("items").get(0).path("blocked").asBoolean());
    Product read =
        connector
            .reader(EntityType.PRODUCT)
            .orElseThrow()
            .read(List.of(out.externalId().id()))
            .get(0)
            .entity();
    assertEquals(ProductStatus.INACTIVE, read.status(), "Business Central knows blocked, not why");
    assertEquals("4006381333931", read.gtin());
    assertEquals("ATLANTA Whiteboard", read.name());
  }

  @Test
  void aLowerCaseNumberIsRefusedBecauseBusinessCentralWouldUpperCaseIt() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                CustomerMapping.defaults().toBc(BcFixture.account("c-9", "Lower"), Set.of(), USD));
    assertEquals("accountNumber", e.errors().get(0).path());
    assertTrue(e.errors().get(0).message().contains("upper case"));
  }

  private static Set<String> fieldNames(ObjectNode body) {
    Set<String> names = new java.util.TreeSet<>();
    body.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
