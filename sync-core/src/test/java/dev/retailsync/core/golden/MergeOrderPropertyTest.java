package dev.retailsync.core.golden;

import static dev.retailsync.core.golden.Fixtures.ERP;
import static dev.retailsync.core.golden.Fixtures.SF;
import static dev.retailsync.core.golden.Fixtures.SHOP;
import static dev.retailsync.core.golden.Fixtures.T0;
import static dev.retailsync.core.golden.Fixtures.account;
import static dev.retailsync.core.golden.Fixtures.address;
import static dev.retailsync.core.golden.Fixtures.change;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.MarketingConsent;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.ShippingProfile;
import dev.retailsync.api.policy.ConflictRule;
import dev.retailsync.api.policy.OwnershipPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Applying the same set of changes in every order gives the same golden record: ownership, stale
 * detection and the built-in conflict rules are order-independent. Random change sets (seeded),
 * every permutation of each.
 */
class MergeOrderPropertyTest {
  private static final SystemId[] SYSTEMS = {ERP, SF, SHOP};
  private static final CanonicalId ID = CanonicalId.of("acc-p");

  @ParameterizedTest(name = "policy {0}")
  @ValueSource(strings = {"newest", "precedence"})
  void everyOrderOfTheSameChangesGivesTheSameGoldenRecord(String shared) {
    ConflictRule rule =
        shared.equals("newest")
            ? ConflictRule.newestWins()
            : ConflictRule.precedence(SF, SHOP, ERP);
    Merger merger =
        Fixtures.merger(
            OwnershipPolicy.builder(EntityType.ACCOUNT)
                .owner(Account.Fields.CREDIT, ERP)
                .owner(Account.Fields.MARKETING_CONSENT, SF)
                .shared(Account.Fields.SHIPPING_ADDRESS, rule)
                .defaultRule(rule)
                .build());
    for (int seed = 0; seed < 40; seed++) {
      Random r = new Random(seed);
      List<Change<Account>> changes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        changes.add(randomChange(r));
      }
      Map<FieldPath, Object> expected = null;
      for (List<Change<Account>> order : permutations(changes)) {
        GoldenRecord<Account> g = null;
        for (Change<Account> c : order) {
          g = merger.merge(g, ID, c, Map.of()).record();
        }
        Map<FieldPath, Object> values = new HashMap<>();
        g.fields().forEach((k, v) -> values.put(k, v.value()));
        if (expected == null) {
          expected = values;
        } else {
          assertEquals(expected, values, "seed " + seed + ", order " + order);
        }
      }
    }
  }

  private static Change<Account> randomChange(Random r) {
    SystemId system = SYSTEMS[r.nextInt(SYSTEMS.length)];
    Account.Builder b = account().name("Name " + r.nextInt(3));
    if (r.nextBoolean()) {
      b.credit(
          CreditTerms.of(
              CreditStatus.values()[r.nextInt(4)],
              Money.of(String.valueOf(r.nextInt(3) * 1000), "EUR")));
    }
    if (r.nextBoolean()) {
      b.shipping(ShippingProfile.of(address("Street " + r.nextInt(3), "1011" + r.nextInt(3))));
    }
    if (r.nextBoolean()) {
      b.marketingConsent(
          new MarketingConsent(ConsentState.values()[r.nextInt(4)], null, null, null, T0, "web"));
    }
    if (r.nextBoolean()) {
      b.taxId("DE" + r.nextInt(3));
    }
    // Few distinct timestamps, so that ties and their tie-breaks are exercised.
    return change(system, b.build(), T0.plusSeconds(r.nextInt(4) * 10L));
  }

  private static <X> List<List<X>> permutations(List<X> items) {
    List<List<X>> out = new ArrayList<>();
    permute(new ArrayList<>(items), 0, out);
    return out;
  }

  private static <X> void permute(List<X> items, int k, List<List<X>> out) {
    if (k == items.size()) {
      out.add(List.copyOf(items));
      return;
    }
    for (int i = k; i < items.size(); i++) {
      java.util.Collections.swap(items, k, i);
      permute(items, k + 1, out);
      java.util.Collections.swap(items, k, i);
    }
  }
}
