package dev.retailsync.core.golden;

import static dev.retailsync.core.golden.Fixtures.CLOCK;
import static dev.retailsync.core.golden.Fixtures.ERP;
import static dev.retailsync.core.golden.Fixtures.SF;
import static dev.retailsync.core.golden.Fixtures.SHOP;
import static dev.retailsync.core.golden.Fixtures.T0;
import static dev.retailsync.core.golden.Fixtures.account;
import static dev.retailsync.core.golden.Fixtures.accountPolicy;
import static dev.retailsync.core.golden.Fixtures.change;
import static dev.retailsync.core.golden.Fixtures.merger;
import static dev.retailsync.core.golden.Fixtures.withCredit;
import static dev.retailsync.core.golden.Fixtures.withShipping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.policy.ConflictRule;
import dev.retailsync.api.policy.OwnerSelector;
import dev.retailsync.api.policy.OwnershipPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Merging changes into golden records under ownership policies. */
class MergerTest {
  private static final CanonicalId ID = CanonicalId.of("acc-1");
  private final Merger merger = merger(accountPolicy().build());

  private GoldenRecord<Account> seed(Account erpView) {
    return merger.merge(null, ID, change(ERP, erpView, T0), Map.of()).record();
  }

  @Test
  void aNewRecordHoldingExactlyTheChangesValuesIsTheChangesEntity() {
    Account incoming = withCredit(account().paymentTerms("NET30"), CreditStatus.APPROVED, "5000");
    GoldenRecord<Account> golden = seed(incoming);
    assertSame(incoming, golden.entity());
    // What a rebuild from the leaves gives is the same value.
    assertEquals(
        incoming, GoldenRecord.restore(ID, EntityType.ACCOUNT, golden.fields(), 1, ERP).entity());
  }

  @Test
  void aChangeWithAnEmptyGroupIsRebuiltWithoutIt() {
    Account incoming =
        account()
            .billing(new dev.retailsync.api.model.BillingProfile(null, null, null, null))
            .build();
    GoldenRecord<Account> golden = seed(incoming);
    assertNull(golden.entity().billing());
    assertEquals(incoming.toBuilder().billing(null).build(), golden.entity());
  }

  @Test
  void erpOwnedCreditStatusFromSalesforceIsDroppedWhileItsOtherFieldsApply() {
    GoldenRecord<Account> golden =
        seed(withCredit(account().paymentTerms("NET30"), CreditStatus.APPROVED, "5000"));

    Account fromSalesforce =
        withCredit(
            account().name("Acme Holding GmbH").paymentTerms("NET30"), CreditStatus.ON_HOLD, "0");
    MergeResult<Account> r =
        merger.merge(golden, ID, change(SF, fromSalesforce, T0.plusSeconds(60)), Map.of());

    assertEquals(List.of(Account.Fields.NAME), r.applied());
    assertEquals(1, r.dropped().size());
    Dropped d = r.dropped().get(0);
    assertEquals(Account.Fields.CREDIT, d.field());
    assertEquals(SF, d.system());
    assertEquals(ERP, d.owner());
    Account after = r.record().entity();
    assertEquals("Acme Holding GmbH", after.name());
    assertEquals(CreditStatus.APPROVED, after.credit().status());
    assertEquals(Money.of("5000", "EUR"), after.credit().limit());
    assertEquals(SF, r.record().lineage(Account.Fields.NAME).orElseThrow().system());
    assertEquals(ERP, r.record().lineage(Account.Fields.CREDIT_STATUS).orElseThrow().system());
  }

  @Test
  void theOwnerMayChangeItsField() {
    GoldenRecord<Account> golden = seed(withCredit(account(), CreditStatus.APPROVED, "5000"));
    MergeResult<Account> r =
        merger.merge(
            golden,
            ID,
            change(ERP, withCredit(account(), CreditStatus.ON_HOLD, "5000"), T0.plusSeconds(5)),
            Map.of());
    assertEquals(List.of(Account.Fields.CREDIT), r.applied());
    assertEquals(CreditStatus.ON_HOLD, r.record().entity().credit().status());
    assertEquals(2, r.record().version());
  }

  @ParameterizedTest(name = "{0} at +{1}s vs {2} at +{3}s -> {4}")
  @CsvSource({
    "erp, 10, salesforce, 20, salesforce",
    "erp, 20, salesforce, 10, erp",
    "salesforce, 10, erp, 20, erp",
    "salesforce, 20, erp, 10, salesforce",
  })
  void aShippingAddressChangedInTwoSystemsGoesToTheNewest(
      String first, long firstAt, String second, long secondAt, String winner) {
    GoldenRecord<Account> golden = seed(withShipping(account(), "Alt 1", "10115"));
    Account a = withShipping(account(), "Street of " + first, "11111");
    Account b = withShipping(account(), "Street of " + second, "22222");
    GoldenRecord<Account> g1 =
        merger
            .merge(golden, ID, change(SystemId.of(first), a, T0.plusSeconds(firstAt)), Map.of())
            .record();
    MergeResult<Account> r =
        merger.merge(g1, ID, change(SystemId.of(second), b, T0.plusSeconds(secondAt)), Map.of());

    assertEquals(List.of("Street of " + winner), r.record().entity().shipping().address().lines());
    assertEquals(
        SystemId.of(winner),
        r.record().lineage(Account.Fields.SHIPPING_ADDRESS.child("lines")).orElseThrow().system());
  }

  @Test
  void anAddressGroupIsTakenWholeFromOneSystemNeverMixed() {
    GoldenRecord<Account> golden = seed(withShipping(account(), "Alt 1", "10115"));
    // Salesforce sends an address without a postcode: the whole group is replaced.
    Account sf =
        account()
            .shipping(
                dev.retailsync.api.model.ShippingProfile.of(
                    dev.retailsync.api.model.PostalAddress.builder()
                        .lines("Neu 2")
                        .country("DE")
                        .build()))
            .build();
    MergeResult<Account> r = merger.merge(golden, ID, change(SF, sf, T0.plusSeconds(1)), Map.of());
    assertEquals(List.of(Account.Fields.SHIPPING_ADDRESS), r.applied());
    assertNull(r.record().entity().shipping().address().postalCode());
    assertNull(r.record().entity().shipping().address().locality());
  }

  @Test
  void aReviewRuleParksTheAddressWithBothValuesAndKeepsTheGoldenValue() {
    Merger reviewing =
        merger(
            OwnershipPolicy.builder(EntityType.ACCOUNT)
                .shared(Account.Fields.SHIPPING_ADDRESS, ConflictRule.review())
                .build());
    GoldenRecord<Account> golden =
        reviewing
            .merge(null, ID, change(ERP, withShipping(account(), "Alt 1", "10115"), T0), Map.of())
            .record();
    MergeResult<Account> r =
        reviewing.merge(
            golden,
            ID,
            change(SF, withShipping(account(), "Neu 2", "20095"), T0.plusSeconds(9)),
            Map.of());

    assertFalse(r.effective());
    assertEquals(List.of("Alt 1"), r.record().entity().shipping().address().lines());
    assertEquals(1, r.parked().size());
    Parked p = r.parked().get(0);
    assertEquals(Account.Fields.SHIPPING_ADDRESS, p.field());
    assertEquals("10115", p.currentValues().get(FieldPath.of("shipping.address.postalCode")));
    assertEquals("20095", p.proposedValues().get(FieldPath.of("shipping.address.postalCode")));
    assertEquals(ERP, p.currentLineage().system());
    assertEquals(SF, p.proposedLineage().system());

    // The same system correcting its own value is not a conflict.
    MergeResult<Account> own =
        reviewing.merge(
            golden,
            ID,
            change(ERP, withShipping(account(), "Alt 1a", "10115"), T0.plusSeconds(10)),
            Map.of());
    assertTrue(own.parked().isEmpty());
    assertEquals(List.of("Alt 1a"), own.record().entity().shipping().address().lines());
  }

  @Test
  void precedenceKeepsTheMoreTrustedSystemsValueWhateverItsAge() {
    Merger byPrecedence =
        merger(
            OwnershipPolicy.builder(EntityType.ACCOUNT)
                .defaultRule(ConflictRule.precedence(ERP, SF, SHOP))
                .build());
    GoldenRecord<Account> golden =
        byPrecedence
            .merge(null, ID, change(SF, account().name("From SF").build(), T0), Map.of())
            .record();
    GoldenRecord<Account> g2 =
        byPrecedence
            .merge(
                golden,
                ID,
                change(ERP, account().name("From ERP").build(), T0.minusSeconds(99)),
                Map.of())
            .record();
    MergeResult<Account> r =
        byPrecedence.merge(
            g2,
            ID,
            change(SHOP, account().name("From Shop").build(), T0.plusSeconds(99)),
            Map.of());
    assertEquals("From ERP", r.record().entity().name());
    assertEquals(List.of(Account.Fields.NAME), r.overruled());
  }

  @Test
  void orderLinesAreTheChannelsUntilTheErpAcceptsTheOrderAndTheErpsAfterwards() {
    Merger orders =
        merger(
            OwnershipPolicy.builder(EntityType.ORDER)
                .owner(Order.Fields.STATUS, ERP, OwnershipPolicy.Initial.ANY_SYSTEM)
                .ownedBy(
                    Order.Fields.LINES,
                    OwnerSelector.creatorWhile(Order.Fields.STATUS, Set.of("CAPTURED"), ERP))
                .build());
    CanonicalId oid = CanonicalId.of("order-1");
    GoldenRecord<Order> captured =
        orders.merge(null, oid, orderChange(SHOP, OrderStatus.CAPTURED, 1, T0), Map.of()).record();

    // While captured, the channel edits its lines.
    MergeResult<Order> edit =
        orders.merge(
            captured,
            oid,
            orderChange(SHOP, OrderStatus.CAPTURED, 2, T0.plusSeconds(10)),
            Map.of());
    assertEquals(List.of(Order.Fields.LINES), edit.applied());

    // The ERP accepts the order and confirms lines in the same change: it owns them already.
    MergeResult<Order> accepted =
        orders.merge(
            edit.record(),
            oid,
            orderChange(ERP, OrderStatus.ACCEPTED, 3, T0.plusSeconds(20)),
            Map.of());
    assertEquals(OrderStatus.ACCEPTED, accepted.record().entity().status());
    assertEquals(new BigDecimal("3"), accepted.record().entity().lines().get(0).quantity());

    // Afterwards the channel's line edits are dropped, naming the ERP as owner.
    MergeResult<Order> late =
        orders.merge(
            accepted.record(),
            oid,
            orderChange(SHOP, OrderStatus.CAPTURED, 5, T0.plusSeconds(30)),
            Map.of());
    assertTrue(late.applied().isEmpty());
    assertEquals(
        Set.of(Order.Fields.LINES, Order.Fields.STATUS),
        Set.copyOf(late.dropped().stream().map(Dropped::field).toList()));
    assertEquals(new BigDecimal("3"), late.record().entity().lines().get(0).quantity());
  }

  private static Change<Order> orderChange(
      SystemId system, OrderStatus status, int qty, Instant at) {
    Order order =
        Order.builder()
            .orderNumber("SO-1")
            .status(status)
            .currency("EUR")
            .addLine(OrderLine.of(1, "SKU-1", BigDecimal.valueOf(qty), Money.of("9.99", "EUR")))
            .build();
    return Change.builder(EntityType.ORDER)
        .type(ChangeType.UPSERTED)
        .source(ExternalId.of(system, "o-1"))
        .entity(order)
        .sourceTimestamp(at)
        .build();
  }

  @Test
  void aChannelMayCreateAnAccountProvisionalButOnlyTheErpActivatesIt() {
    MergeResult<Account> created =
        merger.merge(
            null,
            ID,
            change(SHOP, account().status(AccountStatus.PROVISIONAL).build(), T0),
            Map.of());
    assertEquals(AccountStatus.PROVISIONAL, created.record().entity().status());
    assertTrue(created.created());

    MergeResult<Account> selfApproved =
        merger.merge(
            created.record(),
            ID,
            change(SHOP, account().status(AccountStatus.ACTIVE).build(), T0.plusSeconds(1)),
            Map.of());
    assertEquals(AccountStatus.PROVISIONAL, selfApproved.record().entity().status());
    assertEquals(Account.Fields.STATUS, selfApproved.dropped().get(0).field());

    MergeResult<Account> approved =
        merger.merge(
            created.record(),
            ID,
            change(ERP, account().status(AccountStatus.ACTIVE).build(), T0.plusSeconds(2)),
            Map.of());
    assertEquals(AccountStatus.ACTIVE, approved.record().entity().status());
  }

  @Test
  void aStaleOutOfOrderChangeIsIgnoredWithoutUndoingTheNewerValue() {
    GoldenRecord<Account> golden = seed(withCredit(account(), CreditStatus.APPROVED, "5000"));
    GoldenRecord<Account> newer =
        merger
            .merge(
                golden,
                ID,
                change(
                    ERP,
                    withCredit(account().name("New"), CreditStatus.ON_HOLD, "7000"),
                    T0.plusSeconds(60)),
                Map.of())
            .record();
    // The ERP's older change arrives late.
    MergeResult<Account> late =
        merger.merge(
            newer,
            ID,
            change(
                ERP,
                withCredit(account().name("Old"), CreditStatus.APPROVED, "6000"),
                T0.plusSeconds(30)),
            Map.of());
    assertFalse(late.effective());
    assertEquals(Set.of(Account.Fields.CREDIT, Account.Fields.NAME), Set.copyOf(late.stale()));
    assertEquals("New", late.record().entity().name());
    assertEquals(CreditStatus.ON_HOLD, late.record().entity().credit().status());
  }

  @Test
  void aWriteThatOnlyEchoesWhatWeWroteIsDroppedButARealChangeIsNot() {
    GoldenRecord<Account> golden = seed(withShipping(account(), "Alt 1", "10115"));
    // We wrote this address to Salesforce; meanwhile the ERP moved on to a newer one.
    Account written = withShipping(account(), "Mid 5", "10117");
    Map<FieldPath, Long> lastWritten = fingerprints(written, Account.Fields.SHIPPING_ADDRESS);
    GoldenRecord<Account> moved =
        merger
            .merge(
                golden,
                ID,
                change(ERP, withShipping(account(), "Neu 9", "10119"), T0.plusSeconds(50)),
                Map.of())
            .record();

    // Salesforce echoes our write with a fresh timestamp: dropped as an echo, no ping-pong.
    MergeResult<Account> echo =
        merger.merge(
            moved,
            ID,
            change(SF, written, T0.plusSeconds(100), Account.Fields.SHIPPING_ADDRESS),
            lastWritten);
    assertTrue(echo.isEcho());
    assertFalse(echo.effective());
    assertEquals(List.of("Neu 9"), echo.record().entity().shipping().address().lines());

    // A real edit in Salesforce is applied.
    MergeResult<Account> real =
        merger.merge(
            moved,
            ID,
            change(
                SF,
                withShipping(account(), "Echt 7", "10119"),
                T0.plusSeconds(101),
                Account.Fields.SHIPPING_ADDRESS),
            lastWritten);
    assertFalse(real.isEcho());
    assertEquals(List.of("Echt 7"), real.record().entity().shipping().address().lines());
  }

  private static Map<FieldPath, Long> fingerprints(Account a, FieldPath group) {
    Map<FieldPath, Long> m = new java.util.HashMap<>();
    EntityShape.of(Account.class)
        .flatten(a)
        .forEach(
            (k, v) -> {
              if (group.contains(k)) {
                m.put(k, FieldHash.of(v));
              }
            });
    return m;
  }

  @Test
  void nothingChangedMeansNoEffectiveChangeAndTheSameRecord() {
    GoldenRecord<Account> golden = seed(withCredit(account(), CreditStatus.APPROVED, "5000"));
    MergeResult<Account> again =
        merger.merge(golden, ID, change(SF, account().build(), T0.plusSeconds(1)), Map.of());
    assertFalse(again.effective());
    assertTrue(again.changes().isEmpty());
  }

  @Test
  void changedFieldsWithANullValueClearTheField() {
    GoldenRecord<Account> golden = seed(account().taxId("DE1").build());
    MergeResult<Account> cleared =
        merger.merge(
            golden,
            ID,
            change(SF, account().build(), T0.plusSeconds(1), Account.Fields.TAX_ID),
            Map.of());
    assertNull(cleared.record().entity().taxId());
    // Without changedFields, a missing value means "not sent".
    MergeResult<Account> notSent =
        merger.merge(golden, ID, change(SF, account().build(), T0.plusSeconds(1)), Map.of());
    assertEquals("DE1", notSent.record().entity().taxId());
  }

  @Test
  void customFieldsMergeLikeAnyOtherField() {
    GoldenRecord<Account> golden = seed(account().putExtension("tier__c", "SILVER").build());
    MergeResult<Account> r =
        merger.merge(
            golden,
            ID,
            change(SF, account().putExtension("tier__c", "GOLD").build(), T0.plusSeconds(1)),
            Map.of());
    assertEquals(List.of(FieldPath.extension("tier__c")), r.applied());
    assertEquals("GOLD", r.record().entity().extensions().get("tier__c"));
  }

  @Test
  void aTimestampTooFarInTheFutureIsRefusedNamingTheField() {
    Instant future = CLOCK.instant().plus(Duration.ofMinutes(6));
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> merger.merge(null, ID, change(SF, account().build(), future), Map.of()));
    assertEquals("sourceTimestamp", e.errors().get(0).path());
    // Within the allowed skew it is accepted.
    merger.merge(
        null, ID, change(SF, account().build(), CLOCK.instant().plusSeconds(299)), Map.of());
  }

  @Test
  void anEntityTypeWithoutAPolicyIsRefused() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                merger.merge(
                    null,
                    ID,
                    Change.builder(EntityType.PRODUCT)
                        .type(ChangeType.CREATED)
                        .source(ExternalId.of(ERP, "p"))
                        .entity(dev.retailsync.api.model.Product.builder().sku("SKU-1").build())
                        .build(),
                    Map.of()));
    assertEquals("entityType", e.errors().get(0).path());
  }

  @Test
  void aMergeThatWouldLeaveAnInvalidRecordIsRejectedWholeNamingTheDroppedField() {
    Merger strict =
        merger(
            OwnershipPolicy.builder(EntityType.ACCOUNT).owner(Account.Fields.STATUS, ERP).build());
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> strict.merge(null, ID, change(SHOP, account().build(), T0), Map.of()));
    assertTrue(e.getMessage().contains("status"), e.getMessage());
    assertTrue(e.getMessage().contains("owned by erp"), e.getMessage());
  }

  @Test
  void aDeleteIsReportedAndMergesNothing() {
    GoldenRecord<Account> golden = seed(account().build());
    MergeResult<Account> r =
        merger.merge(
            golden,
            ID,
            Change.builder(EntityType.ACCOUNT)
                .type(ChangeType.DELETED)
                .source(ExternalId.of(SF, "1"))
                .build(),
            Map.of());
    assertTrue(r.deletedAtSource());
    assertSame(golden, r.record());
  }
}
