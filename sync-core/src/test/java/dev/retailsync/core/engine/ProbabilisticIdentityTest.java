package dev.retailsync.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.core.identity.ResolverConfig;
import dev.retailsync.core.state.InMemoryCrossReferenceStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The engine's identity step backed by the probabilistic resolver. */
class ProbabilisticIdentityTest {

  private static Change<Account> change(String system, String id, String name, String taxId) {
    Account a =
        Account.builder()
            .accountNumber(id)
            .name(name)
            .customerType(CustomerType.BUSINESS)
            .status(AccountStatus.PROVISIONAL)
            .taxId(taxId)
            .billing(
                new BillingProfile(
                    PostalAddress.builder()
                        .lines("Industriestraße 7")
                        .postalCode("70565")
                        .locality("Stuttgart")
                        .country("DE")
                        .build(),
                    "ap@acme.example",
                    null,
                    null))
            .build();
    return Change.builder(EntityType.ACCOUNT)
        .type(ChangeType.UPSERTED)
        .source(ExternalId.of(system, id))
        .entity(a)
        .sourceTimestamp(Instant.parse("2026-11-25T10:00:00Z"))
        .build();
  }

  @Test
  void theSameCompanySeenInTwoSystemsGetsOneCanonicalIdAndAnotherCompanyItsOwn() {
    InMemoryCrossReferenceStore xref = new InMemoryCrossReferenceStore();
    IdentityResolver resolver =
        IdentityResolver.probabilistic(
            xref,
            dev.retailsync.core.identity.IdentityResolver.create(
                ResolverConfig.customerDefaults()));

    CanonicalId fromErp =
        resolver.resolve(change("erp", "C-1", "Acme Hardware GmbH", "DE811907980"));
    CanonicalId fromShop =
        resolver.resolve(change("shopify", "gid-9", "ACME Hardware GmbH", "DE811907980"));
    CanonicalId other =
        resolver.resolve(change("shopify", "gid-10", "Northwind KG", "DE999999999"));

    assertEquals(fromErp, fromShop);
    assertNotEquals(fromErp, other);
    // Seen before: the cross-reference answers without matching again.
    assertEquals(fromShop, resolver.resolve(change("shopify", "gid-9", "Renamed", "DE000")));
  }

  @Test
  void aReviewDecisionLandsInTheReviewQueueNamingBothRecords() {
    InMemoryCrossReferenceStore xref = new InMemoryCrossReferenceStore();
    dev.retailsync.core.state.InMemoryReviewQueue reviews =
        new dev.retailsync.core.state.InMemoryReviewQueue();
    IdentityResolver resolver =
        IdentityResolver.probabilistic(
            xref,
            dev.retailsync.core.identity.IdentityResolver.create(ResolverConfig.customerDefaults()),
            reviews,
            java.time.Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), java.time.ZoneOffset.UTC));
    CanonicalId first = resolver.resolve(change("erp", "C-1", "Acme Hardware GmbH", null));
    // Another company at the same address: a person should look.
    CanonicalId second = resolver.resolve(change("shopify", "gid-5", "Baumarkt Süd KG", null));

    assertNotEquals(first, second);
    var open = reviews.open(EntityType.ACCOUNT, 10);
    assertEquals(1, open.size(), "REVIEW decisions land in the review queue");
    assertEquals(first, open.get(0).canonicalId());
    assertEquals(IdentityReviews.FIELD, open.get(0).field());
    assertEquals(
        "shopify:gid-5",
        open.get(0).proposedValues().get(dev.retailsync.api.FieldPath.extension("externalId")));
  }
}
