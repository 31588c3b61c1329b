package dev.retailsync.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.Order;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Building ownership policies and the built-in conflict rules. */
class OwnershipPolicyTest {
  private static final SystemId ERP = SystemId.of("erp");
  private static final SystemId SF = SystemId.SALESFORCE;
  private static final SystemId SHOP = SystemId.SHOPIFY;

  @Test
  void twoOwnersClaimingOneFieldFailNamingTheField() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                OwnershipPolicy.builder(EntityType.ACCOUNT)
                    .owner(Account.Fields.CREDIT_STATUS, ERP)
                    .owner(Account.Fields.CREDIT_STATUS, SF)
                    .build());
    assertEquals("credit.status", e.errors().get(0).path());
  }

  @Test
  void aGroupRuleAndARuleOnOneOfItsFieldsOverlap() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                OwnershipPolicy.builder(EntityType.ACCOUNT)
                    .owner(Account.Fields.CREDIT, ERP)
                    .shared(Account.Fields.CREDIT_LIMIT, ConflictRule.newestWins())
                    .build());
    assertEquals("credit.limit", e.errors().get(0).path());
    assertTrue(e.getMessage().contains("overlaps the rule on 'credit'"), e.getMessage());
  }

  @Test
  void aRuleOnAFieldTheEntityDoesNotHaveIsNamed() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                OwnershipPolicy.builder(EntityType.ACCOUNT)
                    .owner(FieldPath.of("credit.rating"), ERP)
                    .owner(FieldPath.of("loyalty.tierr"), SF)
                    .build());
    assertEquals(
        java.util.List.of("credit.rating", "loyalty.tierr"),
        e.errors().stream().map(FieldError::path).toList());
  }

  @Test
  void ruleForFindsTheRuleOfAFieldOrItsGroup() {
    OwnershipPolicy<Account> p =
        OwnershipPolicy.builder(EntityType.ACCOUNT)
            .owner(Account.Fields.CREDIT, ERP)
            .shared(Account.Fields.SHIPPING_ADDRESS, ConflictRule.review())
            .owner(FieldPath.extension("tier__c"), SF)
            .build();
    assertEquals(
        Account.Fields.CREDIT, p.ruleFor(Account.Fields.CREDIT_LIMIT).orElseThrow().path());
    assertTrue(p.ruleFor(FieldPath.of("shipping.address.postalCode")).isPresent());
    assertTrue(p.ruleFor(FieldPath.extension("tier__c")).orElseThrow().isOwned());
    assertEquals(Optional.empty(), p.ruleFor(Account.Fields.NAME));
  }

  private static Candidate c(SystemId system, String value, Integer second) {
    return new Candidate(
        value,
        system,
        second == null ? null : Instant.ofEpochSecond(1_800_000_000L + second),
        null);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "newer incoming wins,            erp, a, 10, salesforce, b, 20, TAKE_INCOMING",
    "older incoming loses,           erp, a, 20, salesforce, b, 10, KEEP_CURRENT",
    "unknown time is oldest,         erp, a, 10, salesforce, b,   , KEEP_CURRENT",
    "tie broken by system id,        salesforce, a, 10, erp, b, 10, KEEP_CURRENT",
    "tie broken by system id (2),    erp, a, 10, salesforce, b, 10, TAKE_INCOMING",
  })
  void newestWins(
      String name,
      String s1,
      String v1,
      Integer t1,
      String s2,
      String v2,
      Integer t2,
      ConflictRule.Verdict expected) {
    assertEquals(
        expected,
        ConflictRule.newestWins().resolve(c(SystemId.of(s1), v1, t1), c(SystemId.of(s2), v2, t2)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "trusted incoming wins even if older, shopify, a, 20, erp, b, 10, TAKE_INCOMING",
    "less trusted loses even if newer,    erp, a, 10, shopify, b, 20, KEEP_CURRENT",
    "same system newer wins,              erp, a, 10, erp, b, 20, TAKE_INCOMING",
    "unlisted ranks last,                 shopify, a, 10, netsuite, b, 20, KEEP_CURRENT",
  })
  void precedence(
      String name,
      String s1,
      String v1,
      Integer t1,
      String s2,
      String v2,
      Integer t2,
      ConflictRule.Verdict expected) {
    ConflictRule rule = ConflictRule.precedence(ERP, SF, SHOP);
    assertEquals(expected, rule.resolve(c(SystemId.of(s1), v1, t1), c(SystemId.of(s2), v2, t2)));
  }

  @Test
  void precedenceNeedsDistinctSystems() {
    assertThrows(ValidationException.class, () -> ConflictRule.precedence());
    assertThrows(ValidationException.class, () -> ConflictRule.precedence(ERP, SF, ERP));
  }

  @Test
  void reviewParksDisagreementsBetweenSystemsOnly() {
    ConflictRule review = ConflictRule.review();
    assertEquals(ConflictRule.Verdict.REVIEW, review.resolve(c(ERP, "a", 1), c(SF, "b", 2)));
    assertEquals(
        ConflictRule.Verdict.TAKE_INCOMING, review.resolve(c(ERP, "a", 1), c(ERP, "b", 2)));
    assertEquals(ConflictRule.Verdict.KEEP_CURRENT, review.resolve(c(ERP, "a", 3), c(SF, "a", 2)));
  }

  @Test
  void creatorWhileNamesTheChannelUntilTheStateMovesOn() {
    OwnerSelector lines = OwnerSelector.creatorWhile(Order.Fields.STATUS, Set.of("CAPTURED"), ERP);
    assertEquals(SHOP, lines.owner(state(SHOP, "CAPTURED")));
    assertEquals(SHOP, lines.owner(state(SHOP, null)));
    assertEquals(ERP, lines.owner(state(SHOP, "ACCEPTED")));
    assertTrue(lines.dependsOnState());
    assertTrue(!OwnerSelector.fixed(ERP).dependsOnState());
  }

  private static RecordState state(SystemId creator, String status) {
    Map<FieldPath, Object> values = status == null ? Map.of() : Map.of(Order.Fields.STATUS, status);
    return new RecordState() {
      @Override
      public Object value(FieldPath path) {
        return values.get(path);
      }

      @Override
      public Optional<SystemId> createdBy() {
        return Optional.of(creator);
      }
    };
  }
}
