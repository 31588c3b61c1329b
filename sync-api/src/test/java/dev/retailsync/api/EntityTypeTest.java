package dev.retailsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.Contact;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.Price;
import dev.retailsync.api.model.Product;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.ServiceCase;
import dev.retailsync.api.model.Shipment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EntityTypeTest {

  static Stream<Arguments> canonicalTypes() {
    return Stream.of(
        Arguments.of("account", EntityType.ACCOUNT, Account.class),
        Arguments.of("party", EntityType.PARTY, Party.class),
        Arguments.of("contact", EntityType.CONTACT, Contact.class),
        Arguments.of("service-case", EntityType.SERVICE_CASE, ServiceCase.class),
        Arguments.of("product", EntityType.PRODUCT, Product.class),
        Arguments.of("price", EntityType.PRICE, Price.class),
        Arguments.of("inventory-position", EntityType.INVENTORY_POSITION, InventoryPosition.class),
        Arguments.of("order", EntityType.ORDER, Order.class),
        Arguments.of("shipment", EntityType.SHIPMENT, Shipment.class),
        Arguments.of("invoice", EntityType.INVOICE, Invoice.class),
        Arguments.of("return-request", EntityType.RETURN_REQUEST, ReturnRequest.class));
  }

  @ParameterizedTest
  @MethodSource("canonicalTypes")
  void looksUpEveryTypeByNameAndClass(
      String name, EntityType<?> type, Class<? extends CanonicalEntity> javaType) {
    assertSame(type, EntityType.of(name));
    assertEquals(name, type.name());
    assertEquals(name, type.toString());
    assertSame(javaType, type.javaType());
    assertEquals(Optional.of(type), EntityType.of(javaType));
  }

  @ParameterizedTest
  @MethodSource("canonicalTypes")
  void everyTypeHasAFieldCatalogueWithoutExtensions(String name, EntityType<?> type) {
    assertFalse(type.fields().isEmpty(), name);
    assertFalse(type.fields().contains(FieldPath.of(FieldPath.EXTENSIONS)), name);
    assertTrue(type.fields().stream().noneMatch(FieldPath::isExtension), name);
  }

  @Test
  void valuesListsEveryTypeInAStableOrder() {
    List<EntityType<?>> expected = new ArrayList<>();
    canonicalTypes().forEach(a -> expected.add((EntityType<?>) a.get()[1]));
    assertEquals(expected, EntityType.values());
    assertEquals(EntityType.values(), EntityType.values());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Account", "accounts", "customer", "service_case", " account"})
  void unknownNamesAreRejectedListingTheKnownNames(String name) {
    ValidationException e = assertThrows(ValidationException.class, () -> EntityType.of(name));
    assertEquals("name", e.errors().get(0).path());
    for (EntityType<?> t : EntityType.values()) {
      assertTrue(e.getMessage().contains(t.name()), () -> t + " missing from " + e.getMessage());
    }
  }

  @Test
  void classesThatAreNotCanonicalEntitiesHaveNoType() {
    assertEquals(Optional.empty(), EntityType.of(CanonicalEntity.class));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "accountNumber",
        "name",
        "credit",
        "credit.status",
        "credit.limit",
        "credit.balance",
        "billing",
        "billing.address",
        "billing.address.postalCode",
        "billing.address.lines",
        "billing.email",
        "shipping.address.country",
        "marketingConsent.email"
      })
  void accountCatalogueHasNestedPaths(String path) {
    assertTrue(EntityType.ACCOUNT.fields().contains(FieldPath.of(path)), path);
    assertTrue(EntityType.ACCOUNT.hasField(FieldPath.of(path)), path);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "extensions",
        "credit.limit.amount",
        "credit.limit.currency",
        "billing.address.lines.foo",
        "schemaVersion",
        "entityType",
        "nme",
        "cred"
      })
  void accountCatalogueLacksPaths(String path) {
    assertFalse(EntityType.ACCOUNT.fields().contains(FieldPath.of(path)), path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"credit.limit.amount", "nme", "billing.address.zip", "extensionsfoo"})
  void hasFieldRejectsPathsOutsideTheCatalogue(String path) {
    assertFalse(EntityType.ACCOUNT.hasField(FieldPath.of(path)), path);
  }

  @ParameterizedTest
  @MethodSource("canonicalTypes")
  void hasFieldAcceptsCustomFields(String name, EntityType<?> type) {
    assertTrue(type.hasField(FieldPath.of("extensions.foo")), name);
    assertTrue(type.hasField(FieldPath.extension("loyaltyTier__c")), name);
  }

  @Test
  void moneyIsASingleField() {
    FieldPath limit = FieldPath.of("credit.limit");
    assertTrue(EntityType.ACCOUNT.hasField(limit));
    assertFalse(EntityType.ACCOUNT.hasField(limit.child("amount")));
    assertTrue(
        EntityType.ACCOUNT.fields().stream().noneMatch(p -> !p.equals(limit) && limit.contains(p)),
        () -> "paths under credit.limit: " + EntityType.ACCOUNT.fields());
  }

  @Test
  void fieldsAreSortedAndUnmodifiable() {
    List<FieldPath> fields = List.copyOf(EntityType.ACCOUNT.fields());
    List<FieldPath> sorted = new ArrayList<>(fields);
    sorted.sort(null);
    assertEquals(sorted, fields);
    assertThrows(
        UnsupportedOperationException.class,
        () -> EntityType.ACCOUNT.fields().add(FieldPath.of("foo")));
  }

  @Test
  void everyNestedPathHasItsGroupInTheCatalogue() {
    for (EntityType<?> type : EntityType.values()) {
      for (FieldPath p : type.fields()) {
        p.parent()
            .ifPresent(
                parent ->
                    assertTrue(type.fields().contains(parent), () -> type + ": " + p + " orphan"));
      }
    }
  }
}
