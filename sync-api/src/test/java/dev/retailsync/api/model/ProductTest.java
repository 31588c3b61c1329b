package dev.retailsync.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ValidationException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductTest {

  static Product.Builder tShirt() {
    return Product.builder()
        .sku("TSHIRT-NAVY-M")
        .gtin("4006381333931")
        .name("T-Shirt Navy M")
        .unitOfMeasure("EA")
        .addVariantOption(VariantOption.of("Size", "M"))
        .parentSku("TSHIRT")
        .status(ProductStatus.ACTIVE)
        .weight(Measure.of("0.18", "KG"))
        .putExtension("season__c", "SS27");
  }

  @Test
  void aMissingSkuIsNamed() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> Product.builder().name("x").build());
    assertEquals("sku", e.errors().get(0).path());
    assertTrue(e.getMessage().startsWith("Invalid Product"), e.getMessage());
  }

  @Test
  void gtinsOfEveryLengthWithAValidCheckDigitAreAccepted() {
    for (String gtin : List.of("96385074", "036000291452", "4006381333931", "10614141000415")) {
      assertTrue(Product.isValidGtin(gtin), gtin);
      assertEquals(gtin, tShirt().gtin(gtin).build().gtin());
    }
  }

  @Test
  void aWrongCheckDigitIsRejectedNamingGtin() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> tShirt().gtin("4006381333932").build());
    assertEquals("gtin", e.errors().get(0).path());
    assertEquals("4006381333932", e.errors().get(0).rejectedValue());
    assertTrue(e.getMessage().contains("check digit"), e.getMessage());
  }

  @Test
  void aGtinOfTheWrongLengthOrWithLettersIsRejected() {
    for (String gtin : List.of("400638133393", "4006381", "40063813339311X", "400638133393A")) {
      assertFalse(Product.isValidGtin(gtin), gtin);
      ValidationException e =
          assertThrows(ValidationException.class, () -> tShirt().gtin(gtin).build());
      assertEquals("gtin", e.errors().get(0).path());
    }
    assertFalse(Product.isValidGtin(null));
  }

  @Test
  void aVariantCannotBeItsOwnParent() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> tShirt().parentSku("TSHIRT-NAVY-M").build());
    assertEquals("parentSku", e.errors().get(0).path());
  }

  @Test
  void aNegativeWeightIsRejected() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> new Measure(new BigDecimal("-0.1"), "KG"));
    assertEquals("value", e.errors().get(0).path());
  }

  @Test
  void toBuilderRoundTripsAndListsAreImmutableCopies() {
    Product p = tShirt().build();
    assertEquals(p, p.toBuilder().build());
    assertNotEquals(p, p.toBuilder().addVariantOption(VariantOption.of("Colour", "Navy")).build());
    assertEquals(1, p.variantOptions().size());
    assertThrows(
        UnsupportedOperationException.class,
        () -> p.variantOptions().add(VariantOption.of("Fit", "Slim")));
    assertEquals(EntityType.PRODUCT, p.entityType());
  }

  @Test
  void toStringShowsTheKeysButNotTheExtensions() {
    String text = tShirt().build().toString();
    assertTrue(text.contains("TSHIRT-NAVY-M"), text);
    assertFalse(text.contains("SS27"), text);
  }

  @Test
  void theWeightIsInTheCatalogue() {
    assertEquals("weight.value", Product.Fields.WEIGHT_VALUE.value());
    assertTrue(EntityType.PRODUCT.hasField(Product.Fields.WEIGHT_UNIT));
  }
}
