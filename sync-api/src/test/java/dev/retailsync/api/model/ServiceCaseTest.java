package dev.retailsync.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ValidationException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceCaseTest {
  private static final Instant OPENED = Instant.parse("2026-11-20T09:00:00Z");

  static ServiceCase serviceCase() {
    return ServiceCase.builder()
        .caseNumber("00001042")
        .subject("Jane Doe: parcel never arrived")
        .description("Jane Doe, Hauptstraße 5, says the parcel never arrived")
        .status(CaseStatus.OPEN)
        .priority(CasePriority.HIGH)
        .origin(CaseOrigin.CHAT)
        .category("DELIVERY")
        .accountNumber("C-000123")
        .contactReference("003xx000004TmiQAAS")
        .orderNumber("SO-789")
        .openedAt(OPENED)
        .build();
  }

  @Test
  void builderNamesTheMissingStatus() {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> ServiceCase.builder().subject("Help").build());
    assertEquals("status", e.errors().get(0).path());
  }

  @Test
  void closedAtMustNotBeBeforeOpenedAt() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                serviceCase().toBuilder()
                    .status(CaseStatus.CLOSED)
                    .closedAt(OPENED.minusSeconds(1))
                    .build());
    assertEquals("closedAt", e.errors().get(0).path());
    assertEquals(
        OPENED,
        serviceCase().toBuilder().status(CaseStatus.CLOSED).closedAt(OPENED).build().closedAt());
  }

  @Test
  void toStringRedactsSubjectAndDescription() {
    String text = serviceCase().toString();
    for (String secret : List.of("Jane", "Doe", "Hauptstraße", "parcel")) {
      assertFalse(text.contains(secret), () -> "reveals " + secret + ": " + text);
    }
    assertTrue(text.contains("00001042") && text.contains("OPEN"), text);
  }

  @Test
  void toBuilderRoundTrips() {
    ServiceCase c = serviceCase();
    assertEquals(c, c.toBuilder().build());
  }

  @Test
  void entityTypeAndCatalogue() throws Exception {
    assertEquals(EntityType.SERVICE_CASE, serviceCase().entityType());
    assertEquals(EntityType.SERVICE_CASE, EntityType.of("service-case"));
    assertEquals(
        List.of(EntityType.ACCOUNT, EntityType.PARTY, EntityType.CONTACT, EntityType.SERVICE_CASE),
        EntityType.values().subList(0, 4));
    FieldCatalogues.assertAllInCatalogue(ServiceCase.Fields.class, EntityType.SERVICE_CASE);
  }
}
