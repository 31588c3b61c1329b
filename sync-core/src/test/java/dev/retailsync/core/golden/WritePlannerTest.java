package dev.retailsync.core.golden;

import static dev.retailsync.core.golden.Fixtures.ERP;
import static dev.retailsync.core.golden.Fixtures.SF;
import static dev.retailsync.core.golden.Fixtures.SHOP;
import static dev.retailsync.core.golden.Fixtures.T0;
import static dev.retailsync.core.golden.Fixtures.account;
import static dev.retailsync.core.golden.Fixtures.accountPolicy;
import static dev.retailsync.core.golden.Fixtures.change;
import static dev.retailsync.core.golden.Fixtures.merger;
import static dev.retailsync.core.golden.Fixtures.withCredit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.ShippingProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which system receives which fields after a merge. */
class WritePlannerTest {
  private static final CanonicalId ID = CanonicalId.of("acc-1");
  private final Merger merger = merger(accountPolicy().build());
  private final WritePlanner planner =
      WritePlanner.builder(merger)
          .subscribeAll(EntityType.ACCOUNT, ERP)
          .subscribeAll(EntityType.ACCOUNT, SF)
          .subscribe(EntityType.ACCOUNT, SHOP, Account.Fields.NAME, Account.Fields.SHIPPING_ADDRESS)
          .build();

  private static Map<SystemId, Set<FieldPath>> byTarget(List<PlannedWrite<Account>> plan) {
    Map<SystemId, Set<FieldPath>> m = new java.util.LinkedHashMap<>();
    plan.forEach(w -> m.put(w.target(), w.fields()));
    return m;
  }

  @Test
  void customFieldsArePlannedInOrderAmongTheCatalogueFields() {
    MergeResult<Account> r =
        merger.merge(
            null,
            ID,
            change(
                SHOP,
                account()
                    .extensions(Map.of("zoneCode", "N1", "accountTier", "gold", "loyaltyId", "L-9"))
                    .build(),
                T0),
            Map.of());

    Set<FieldPath> fields = byTarget(planner.plan(r)).get(ERP);
    List<FieldPath> expected = new java.util.ArrayList<>();
    r.changes().forEach(c -> expected.add(c.path()));
    expected.remove(Account.Fields.STATUS); // the ERP owns it: never written to its owner
    expected.sort(null);
    assertEquals(expected, List.copyOf(fields), "every changed field once, in natural order");
    assertTrue(fields.contains(FieldPath.extension("accountTier")));
    assertTrue(fields.contains(FieldPath.extension("zoneCode")));
    assertTrue(fields.contains(Account.Fields.NAME));
  }

  @Test
  void changedFieldsGoToSubscribersButNeverBackToTheSourceNorToTheirOwner() {
    GoldenRecord<Account> golden =
        merger
            .merge(
                null,
                ID,
                change(ERP, withCredit(account(), CreditStatus.APPROVED, "5000"), T0),
                Map.of())
            .record();
    MergeResult<Account> r =
        merger.merge(
            golden,
            ID,
            change(
                ERP,
                withCredit(
                    account()
                        .name("Acme 2")
                        .shipping(ShippingProfile.of(Fixtures.address("Neu 1", "10115"))),
                    CreditStatus.ON_HOLD,
                    "5000"),
                T0.plusSeconds(5)),
            Map.of());

    Map<SystemId, Set<FieldPath>> plan = byTarget(planner.plan(r));
    assertEquals(Set.of(SF, SHOP), plan.keySet(), "nothing goes back to the ERP");
    assertTrue(plan.get(SF).contains(Account.Fields.CREDIT_STATUS));
    assertTrue(plan.get(SF).contains(Account.Fields.NAME));
    assertTrue(plan.get(SHOP).contains(Account.Fields.NAME));
    assertTrue(plan.get(SHOP).contains(FieldPath.of("shipping.address.postalCode")));
    assertTrue(
        plan.get(SHOP).stream().noneMatch(Account.Fields.CREDIT::contains),
        "Shopify does not subscribe to credit");
  }

  @Test
  void aFieldIsNeverWrittenToTheSystemThatOwnsIt() {
    // Salesforce owns consent; an ERP change to consent is dropped, so consent is never planned.
    GoldenRecord<Account> golden =
        merger
            .merge(
                null,
                ID,
                change(
                    SF,
                    Fixtures.withConsent(account(), dev.retailsync.api.model.ConsentState.GRANTED),
                    T0),
                Map.of())
            .record();
    MergeResult<Account> r =
        merger.merge(
            golden,
            ID,
            change(SHOP, account().name("Renamed").build(), T0.plusSeconds(1)),
            Map.of());
    Map<SystemId, Set<FieldPath>> plan = byTarget(planner.plan(r));
    assertEquals(Set.of(Account.Fields.NAME), plan.get(SF));
    assertEquals(Set.of(Account.Fields.NAME), plan.get(ERP));
    assertTrue(!plan.containsKey(SHOP));
  }

  @Test
  void anOwnedFieldChangedByItsOwnerIsNotPlannedBackToTheOwnerButToOthers() {
    GoldenRecord<Account> golden =
        merger
            .merge(null, ID, change(ERP, account().paymentTerms("NET30").build(), T0), Map.of())
            .record();
    MergeResult<Account> r =
        merger.merge(
            golden,
            ID,
            change(ERP, account().paymentTerms("NET60").build(), T0.plusSeconds(1)),
            Map.of());
    Map<SystemId, Set<FieldPath>> plan = byTarget(planner.plan(r));
    assertEquals(Set.of(SF), plan.keySet());
    assertEquals(Set.of(Account.Fields.PAYMENT_TERMS), plan.get(SF));
  }

  @Test
  void noEffectiveChangeMeansNoWrite() {
    GoldenRecord<Account> golden =
        merger.merge(null, ID, change(ERP, account().build(), T0), Map.of()).record();
    MergeResult<Account> same =
        merger.merge(golden, ID, change(SF, account().build(), T0.plusSeconds(1)), Map.of());
    assertEquals(List.of(), planner.plan(same));
  }

  @Test
  void subscribingToAFieldTheEntityDoesNotHaveIsRefused() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                WritePlanner.builder(merger)
                    .subscribe(EntityType.ACCOUNT, SHOP, FieldPath.of("credit.colour")));
    assertEquals("credit.colour", e.errors().get(0).rejectedValue());
  }
}
