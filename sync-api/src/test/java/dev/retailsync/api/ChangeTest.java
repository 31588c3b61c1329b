package dev.retailsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CustomerType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChangeTest {
  private static final ExternalId SOURCE = ExternalId.of(SystemId.SALESFORCE, "001A000001");

  static Account jane() {
    return Account.builder()
        .accountNumber("C-1001")
        .name("Jane Doe")
        .customerType(CustomerType.CONSUMER)
        .status(AccountStatus.ACTIVE)
        .billing(new BillingProfile(null, "jane.doe@example.com", null, null))
        .putExtension("nickname__c", "JD-secret")
        .build();
  }

  static Change.Builder<Account> complete() {
    return Change.builder(EntityType.ACCOUNT)
        .type(ChangeType.UPDATED)
        .source(SOURCE)
        .entity(jane());
  }

  @Test
  void buildsAChangeWithEveryComponent() {
    Instant at = Instant.parse("2024-05-01T10:15:30Z");
    Change<Account> c =
        complete()
            .changedFields(Account.Fields.NAME)
            .sourceTimestamp(at)
            .sourceVersion("v7")
            .correlationId(CorrelationId.of("corr-1"))
            .idempotencyKey(IdempotencyKey.of("key-1"))
            .schemaVersion("1.0")
            .build();
    assertSame(EntityType.ACCOUNT, c.entityType());
    assertEquals(ChangeType.UPDATED, c.type());
    assertEquals(SOURCE, c.source());
    assertEquals("Jane Doe", c.entity().name());
    assertEquals(Optional.of(c.entity()), c.entityIfPresent());
    assertEquals(Set.of(Account.Fields.NAME), c.changedFields());
    assertEquals(at, c.sourceTimestamp());
    assertEquals("v7", c.sourceVersion());
    assertEquals(CorrelationId.of("corr-1"), c.correlationId());
    assertEquals(IdempotencyKey.of("key-1"), c.idempotencyKey());
    assertEquals("1.0", c.schemaVersion());
  }

  @Test
  void defaultsAreFilledIn() {
    Change<Account> c = complete().build();
    assertNotNull(c.correlationId());
    assertEquals(Set.of(), c.changedFields());
    assertNull(c.idempotencyKey());
    assertNull(c.sourceTimestamp());
    assertEquals(CanonicalEntity.SCHEMA_VERSION, c.schemaVersion());
  }

  @Test
  void eachBuildGetsItsOwnCorrelationId() {
    Change.Builder<Account> b = complete();
    assertNotEquals(b.build().correlationId(), b.build().correlationId());
  }

  static Stream<Arguments> incompleteChanges() {
    return Stream.of(
        Arguments.of("type", (UnaryOperator<Change.Builder<Account>>) b -> b.type(null)),
        Arguments.of("source", (UnaryOperator<Change.Builder<Account>>) b -> b.source(null)),
        Arguments.of("entity", (UnaryOperator<Change.Builder<Account>>) b -> b.entity(null)),
        Arguments.of(
            "sourceVersion", (UnaryOperator<Change.Builder<Account>>) b -> b.sourceVersion(" ")));
  }

  @ParameterizedTest
  @MethodSource("incompleteChanges")
  void namesTheMissingComponent(String path, UnaryOperator<Change.Builder<Account>> breakIt) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> breakIt.apply(complete()).build());
    assertEquals(path, e.errors().get(0).path());
    assertTrue(e.getMessage().contains("Change"), e.getMessage());
  }

  @Test
  void builderNeedsAnEntityType() {
    ValidationException e = assertThrows(ValidationException.class, () -> Change.builder(null));
    assertEquals("entityType", e.errors().get(0).path());
  }

  @ParameterizedTest
  @EnumSource(value = ChangeType.class, names = "DELETED", mode = EnumSource.Mode.EXCLUDE)
  void everyChangeButADeleteNeedsTheEntity(ChangeType type) {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> Change.builder(EntityType.ACCOUNT).type(type).source(SOURCE).build());
    assertEquals("entity", e.errors().get(0).path());
  }

  @Test
  void aDeleteCarriesNoEntity() {
    Change<Account> c =
        Change.builder(EntityType.ACCOUNT).type(ChangeType.DELETED).source(SOURCE).build();
    assertNull(c.entity());
    assertEquals(Optional.empty(), c.entityIfPresent());
  }

  @Test
  void aDeleteWithAnEntityIsRejected() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> complete().type(ChangeType.DELETED).build());
    assertEquals("entity", e.errors().get(0).path());
    assertTrue(e.getMessage().contains("DELETED"), e.getMessage());
    assertFalse(e.getMessage().contains("Jane"), e.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void anEntityOfTheWrongTypeIsRejected() {
    // Only reachable through an unchecked cast, as a host deserialising untyped input might do.
    EntityType<Account> lying = (EntityType<Account>) (EntityType<?>) EntityType.PARTY;
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                Change.builder(lying)
                    .type(ChangeType.CREATED)
                    .source(SOURCE)
                    .entity(jane())
                    .build());
    assertEquals("entity", e.errors().get(0).path());
    assertTrue(e.getMessage().contains("Party"), e.getMessage());
    assertFalse(e.getMessage().contains("Jane"), e.getMessage());
  }

  @Test
  void changedFieldsAreSorted() {
    Change<Account> c =
        complete()
            .changedFields(
                List.of(Account.Fields.STATUS, Account.Fields.CREDIT_STATUS, Account.Fields.NAME))
            .build();
    assertEquals(
        List.of(Account.Fields.CREDIT_STATUS, Account.Fields.NAME, Account.Fields.STATUS),
        List.copyOf(c.changedFields()));
  }

  @Test
  void changedFieldsReplaceEarlierOnes() {
    Change<Account> c =
        complete().changedFields(Account.Fields.NAME).changedFields(Account.Fields.STATUS).build();
    assertEquals(Set.of(Account.Fields.STATUS), c.changedFields());
  }

  @Test
  void changedFieldsCannotBeModified() {
    Change<Account> c = complete().changedFields(Account.Fields.NAME).build();
    assertThrows(
        UnsupportedOperationException.class, () -> c.changedFields().add(Account.Fields.STATUS));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"name", "credit", "credit.status", "billing.address.postalCode", "extensions.x"})
  void changedFieldsFromTheCatalogueAreAccepted(String path) {
    Change<Account> c = complete().changedFields(FieldPath.of(path)).build();
    assertEquals(Set.of(FieldPath.of(path)), c.changedFields());
  }

  @ParameterizedTest
  @ValueSource(strings = {"nme", "credit.limit.amount", "lines", "extensions"})
  void changedFieldsOutsideTheCatalogueAreRejected(String path) {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> complete().changedFields(Account.Fields.NAME, FieldPath.of(path)).build());
    assertEquals("changedFields", e.errors().get(0).path());
    assertEquals(path, e.errors().get(0).rejectedValue());
    assertTrue(e.getMessage().contains("account"), e.getMessage());
  }

  @Test
  void repeatedChangedFieldsCountOnce() {
    Change<Account> fromArray =
        complete().changedFields(Account.Fields.NAME, Account.Fields.NAME).build();
    Change<Account> fromList =
        complete().changedFields(List.of(Account.Fields.NAME, Account.Fields.NAME)).build();
    assertEquals(Set.of(Account.Fields.NAME), fromArray.changedFields());
    assertEquals(Set.of(Account.Fields.NAME), fromList.changedFields());
  }

  @Test
  void aNullChangedFieldIsAValidationError() {
    List<FieldPath> withNull = new ArrayList<>(Arrays.asList(Account.Fields.NAME, null));
    ValidationException fromList =
        assertThrows(ValidationException.class, () -> complete().changedFields(withNull).build());
    assertEquals("changedFields", fromList.errors().get(0).path());
    ValidationException fromArray =
        assertThrows(
            ValidationException.class,
            () -> complete().changedFields(Account.Fields.NAME, null).build());
    assertEquals("changedFields", fromArray.errors().get(0).path());
  }

  @Test
  void toBuilderRoundTrips() {
    Change<Account> c =
        complete()
            .changedFields(Account.Fields.NAME)
            .sourceVersion("v1")
            .idempotencyKey(IdempotencyKey.of("k"))
            .build();
    assertEquals(c, c.toBuilder().build());
    Change<Account> later = c.toBuilder().sourceVersion("v2").build();
    assertEquals("v2", later.sourceVersion());
    assertEquals(c.correlationId(), later.correlationId());
  }

  @Test
  void toStringShowsIdsButNoPersonalData() {
    Change<Account> c =
        complete()
            .changedFields(Account.Fields.NAME)
            .sourceVersion("v7")
            .correlationId(CorrelationId.of("corr-42"))
            .build();
    String s = c.toString();
    assertTrue(s.contains("account"), s);
    assertTrue(s.contains("UPDATED"), s);
    assertTrue(s.contains("salesforce:001A000001"), s);
    assertTrue(s.contains("corr-42"), s);
    assertTrue(s.contains("v7"), s);
    for (String personal : List.of("Jane", "Doe", "jane.doe@example.com", "JD-secret")) {
      assertFalse(s.contains(personal), () -> personal + " leaked in " + s);
    }
  }
}
