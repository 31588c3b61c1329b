package dev.retailsync.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.Party;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The canonical JSON contract: golden files, round trips, compatibility rules and typed errors. */
class CanonicalContractTest {
  private final CanonicalJson json = CanonicalJson.create();

  static Stream<EntityType<?>> entityTypes() {
    return EntityType.values().stream();
  }

  @Test
  void everyEntityTypeHasAFullyPopulatedSample() {
    assertEquals(EntityType.values(), List.copyOf(Samples.all().keySet()));
  }

  @ParameterizedTest
  @MethodSource("entityTypes")
  void entityMatchesItsGoldenFile(EntityType<?> type) {
    GoldenFiles.assertMatches(type.name() + ".json", json.write(Samples.all().get(type)));
  }

  @ParameterizedTest
  @MethodSource("entityTypes")
  void goldenFileReadsBackToTheSample(EntityType<?> type) {
    CanonicalEntity read = json.read(GoldenFiles.read(type.name() + ".json"), type.javaType());
    assertEquals(Samples.all().get(type), read);
  }

  @ParameterizedTest
  @MethodSource("entityTypes")
  void entityRoundTripsExactly(EntityType<?> type) {
    CanonicalEntity sample = Samples.all().get(type);
    String written = json.write(sample);
    CanonicalEntity read = json.read(written, type.javaType());
    assertEquals(sample, read);
    assertEquals(written, json.write(read));
  }

  @ParameterizedTest
  @MethodSource("entityTypes")
  void toStringRevealsNoPersonalData(EntityType<?> type) {
    String text = Samples.all().get(type).toString();
    for (String secret : Samples.PERSONAL_DATA) {
      assertFalse(
          text.contains(secret), () -> type + " toString() reveals '" + secret + "': " + text);
    }
  }

  @Test
  void organisationPartyMatchesItsGoldenFileAndRoundTrips() {
    Party organisation = Samples.organisation();
    String written = json.write(organisation);
    GoldenFiles.assertMatches("party-organisation.json", written);
    assertEquals(organisation, json.read(written, Party.class));
    assertEquals(organisation, json.read(GoldenFiles.read("party-organisation.json"), Party.class));
  }

  @Test
  void aPartyWhoseNameDoesNotFitItsKindNamesTheField() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> json.read("{\"kind\":\"ORGANIZATION\",\"legalForm\":\"GmbH\"}", Party.class));
    assertEquals("organisationName", e.errors().get(0).path());
  }

  @Test
  void aMalformedContactPointInAListNamesItsIndexWithoutTheValue() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                json.read(
                    "{\"kind\":\"PERSON\",\"name\":{\"family\":\"Doe\"},\"contactPoints\":["
                        + "{\"type\":\"EMAIL\",\"value\":\"jane.doe@example.com\"},"
                        + "{\"type\":\"PHONE\",\"value\":\"call Jane\"}]}",
                    Party.class));
    assertEquals("contactPoints[1].value", e.errors().get(0).path());
    assertFalse(e.getMessage().contains("Jane"), e.getMessage());
  }

  @Test
  void changeEnvelopeMatchesItsGoldenFileAndRoundTrips() {
    Change<Account> change =
        Change.builder(EntityType.ACCOUNT)
            .type(ChangeType.UPDATED)
            .source(ExternalId.of(SystemId.SALESFORCE, "001xx000003DGb2AAG"))
            .entity(Samples.account())
            .changedFields(Account.Fields.CREDIT_STATUS, Account.Fields.SHIPPING_ADDRESS)
            .sourceTimestamp(Samples.T0)
            .sourceVersion("2026-11-25T10:15:30.000+0000")
            .correlationId(CorrelationId.of("7d7c3b0e-4a39-4a7e-9b37-2f1f0c1b9e11"))
            .idempotencyKey(IdempotencyKey.of("salesforce:account:001xx000003DGb2AAG:v42"))
            .build();
    String written = json.write(change);
    GoldenFiles.assertMatches("change-account-updated.json", written);
    assertEquals(change, json.readChange(written));
    assertEquals(change, json.readChange(GoldenFiles.read("change-account-updated.json")));
  }

  @Test
  void deleteChangeCarriesNoEntity() {
    Change<Account> change =
        Change.builder(EntityType.ACCOUNT)
            .type(ChangeType.DELETED)
            .source(ExternalId.of("shopify", "gid://shopify/Customer/1"))
            .sourceTimestamp(Samples.T0)
            .correlationId(CorrelationId.of("c-1"))
            .build();
    String written = json.write(change);
    GoldenFiles.assertMatches("change-account-deleted.json", written);
    assertEquals(change, json.readChange(written));
  }

  @Test
  void propertiesFromANewerMinorVersionAreKeptAsExtensionsAndWrittenBack() {
    String newer =
        "{\"schemaVersion\":\"1.4\",\"name\":\"Acme\",\"customerType\":\"BUSINESS\","
            + "\"status\":\"ACTIVE\",\"segment\":{\"code\":\"B2B-KEY\",\"rank\":1.50}}";
    Account read = json.read(newer, Account.class);
    assertEquals("B2B-KEY", ((java.util.Map<?, ?>) read.extensions().get("segment")).get("code"));
    assertEquals(
        new BigDecimal("1.50"),
        ((java.util.Map<?, ?>) read.extensions().get("segment")).get("rank"));
    assertTrue(json.write(read).contains("\"segment\":{\"code\":\"B2B-KEY\",\"rank\":1.50}"));
  }

  @Test
  void anotherMajorVersionIsRefused() {
    MappingException e =
        assertThrows(
            MappingException.class,
            () -> json.read("{\"schemaVersion\":\"2.0\",\"name\":\"Acme\"}", Account.class));
    assertEquals("schemaVersion", e.path());
    assertTrue(e.getMessage().contains("2.0"));
  }

  @Test
  void malformedJsonIsAMappingErrorWithItsLocation() {
    MappingException e =
        assertThrows(MappingException.class, () -> json.read("{\"name\":\"Acme\",", Account.class));
    assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void aValueOfTheWrongTypeNamesItsPath() {
    MappingException e =
        assertThrows(
            MappingException.class,
            () ->
                json.read(
                    "{\"name\":\"Acme\",\"customerType\":\"BUSINESS\",\"status\":\"ACTIVE\","
                        + "\"loyalty\":{\"program\":\"CLUB\",\"points\":\"many\"}}",
                    Account.class));
    assertEquals("loyalty.points", e.path());
  }

  @Test
  void aNestedRuleViolationNamesTheFullPathAndValue() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                json.read(
                    "{\"name\":\"Acme\",\"customerType\":\"BUSINESS\",\"status\":\"ACTIVE\","
                        + "\"credit\":{\"limit\":{\"amount\":\"10\",\"currency\":\"XYZ\"}}}",
                    Account.class));
    assertEquals("credit.limit.currency", e.errors().get(0).path());
    assertEquals("XYZ", e.errors().get(0).rejectedValue());
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> json.read("{\"name\":\"Acme\",\"customerType\":\"BUSINESS\"}", Account.class));
    assertEquals("status", e.errors().get(0).path());
  }

  @Test
  void aChangeWithAnUnknownEntityTypeOrChangeTypeIsRefused() {
    assertThrows(
        ValidationException.class,
        () ->
            json.readChange(
                "{\"entityType\":\"spaceship\",\"type\":\"UPDATED\","
                    + "\"source\":{\"system\":\"erp\",\"id\":\"1\"},\"correlationId\":\"c\"}"));
    MappingException e =
        assertThrows(
            MappingException.class,
            () ->
                json.readChange(
                    "{\"entityType\":\"account\",\"type\":\"MOVED\","
                        + "\"source\":{\"system\":\"erp\",\"id\":\"1\"},\"correlationId\":\"c\"}"));
    assertEquals("type", e.path());
  }

  @Test
  void aChangedFieldOutsideTheCatalogueIsRefused() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                Change.builder(EntityType.ACCOUNT)
                    .type(ChangeType.UPDATED)
                    .source(ExternalId.of("erp", "1"))
                    .entity(Samples.account())
                    .changedFields(FieldPath.of("credit.colour"))
                    .build());
    assertEquals("changedFields", e.errors().get(0).path());
    assertEquals("credit.colour", e.errors().get(0).rejectedValue());
  }
}
