package dev.retailsync.core.identity;

import static dev.retailsync.core.identity.IdentityFields.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IdentityResolverTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
  static final ResolverConfig CONFIG = ResolverConfig.customerDefaults("DE", CLOCK);

  static IdentityRecord person(
      String id, String given, String family, String dob, String email, String street) {
    return IdentityRecord.builder(id)
        .put(GIVEN_NAME, given)
        .put(FAMILY_NAME, family)
        .put(BIRTH_DATE, dob)
        .put(EMAIL, email)
        .put(HOUSE_NUMBER, "12")
        .put(STREET, street)
        .put(LOCALITY, "Berlin")
        .put(POSTCODE, "10115")
        .build();
  }

  private static IdentityResolver resolver() {
    AtomicInteger n = new AtomicInteger();
    return IdentityResolver.builder(CONFIG)
        .canonicalIds(() -> CanonicalId.of("c" + n.incrementAndGet()))
        .build();
  }

  @Test
  void typosAndNicknameAreAMatchWithEveryFieldExplained() {
    IdentityResolver r = resolver();
    Decision first =
        r.resolveAndAdd(
            person("a", "William", "Müller", "1980-04-21", "w.mueller@example.com", "Hauptstr."));
    assertEquals(Band.NEW, first.band());
    Decision d =
        r.resolveAndAdd(
            person("b", "Bill", "Mueller", "21.04.1980", "W.Mueller@Example.com", "Hauptstraße"));
    assertEquals(Band.MATCH, d.band(), d.explanation()::toString);
    assertEquals("a", d.candidateId());
    assertEquals(first.canonicalId(), d.canonicalId());
    assertTrue(d.probability() >= CONFIG.matchThreshold());
    assertEquals(CONFIG.fields().size(), d.explanation().fields().size());
    FieldContribution given = d.explanation().field(GIVEN_NAME).orElseThrow();
    assertTrue(given.weight() > 0, "a nickname is evidence for the match");
    assertEquals("agree exactly", d.explanation().field(BIRTH_DATE).orElseThrow().outcome());
    assertTrue(d.explanation().field(PHONE).orElseThrow().missing());
    double sum = d.explanation().fields().stream().mapToDouble(FieldContribution::weight).sum();
    assertEquals(d.logOdds(), sum + CONFIG.priorLogOdds(), 1e-9, "contributions add up");
  }

  @Test
  void differentPeopleSharingABlockAreNew() {
    IdentityResolver r = resolver();
    r.resolveAndAdd(person("a", "Anna", "Schmidt", "1975-02-02", null, "Lindenweg 3"));
    Decision d = r.resolve(person("b", "Peter", "Schmidt", "1990-11-30", null, "Rosenstraße 9"));
    assertEquals(Band.NEW, d.band(), d.explanation()::toString);
    assertNull(d.canonicalId());
    assertTrue(d.explanation().field(GIVEN_NAME).orElseThrow().weight() < 0);
  }

  @Test
  void weakEvidenceGoesToReview() {
    IdentityResolver r = resolver();
    r.resolveAndAdd(
        IdentityRecord.builder("a")
            .put(GIVEN_NAME, "Jonas")
            .put(FAMILY_NAME, "Becker")
            .put(LOCALITY, "Berlin")
            .build());
    Decision d =
        r.resolve(
            IdentityRecord.builder("b")
                .put(GIVEN_NAME, "Jonas")
                .put(FAMILY_NAME, "Becker")
                .put(LOCALITY, "Hamburg")
                .build());
    assertEquals(Band.REVIEW, d.band(), d.explanation()::toString);
    assertTrue(
        d.probability() >= CONFIG.reviewThreshold() && d.probability() < CONFIG.matchThreshold());
  }

  @Test
  void householdMembersAreRelatedNotMerged() {
    IdentityResolver r = resolver();
    Decision anna =
        r.resolveAndAdd(
            person("a", "Anna", "Schmidt", "1975-02-02", "fam@example.com", "Lindenweg 3"));
    Decision peter =
        r.resolveAndAdd(
            person("b", "Peter", "Schmidt", "1973-08-15", "fam@example.com", "Lindenweg 3"));
    assertEquals(Band.NEW, peter.band(), peter.explanation()::toString);
    assertNotEquals(anna.canonicalId(), peter.canonicalId());
    assertEquals(List.of("a"), peter.households());
    assertTrue(
        peter.explanation().notes().stream().anyMatch(n -> n.startsWith("household")),
        peter.explanation()::toString);
  }

  @Test
  void familyNameAndAddressAloneAreNotEnoughForAPerson() {
    IdentityResolver r = resolver();
    r.resolveAndAdd(person("a", null, "Schmidt", null, null, "Lindenweg 3"));
    Decision d = r.resolve(person("b", null, "Schmidt", null, null, "Lindenweg 3"));
    assertEquals(Band.REVIEW, d.band(), d.explanation()::toString);
    assertTrue(d.explanation().notes().get(0).startsWith("no identifying evidence"));
  }

  @Test
  void organisationsAtOneSiteAreNotMerged() {
    IdentityResolver r = resolver();
    IdentityRecord hotel =
        IdentityRecord.builder("h")
            .put(ORGANISATION_NAME, "Golden Nugget Hotel")
            .put(STREET, "129 E. Fremont St.")
            .put(LOCALITY, "Las Vegas")
            .put(PHONE, "702/385-7111")
            .build();
    IdentityRecord restaurant =
        IdentityRecord.builder("s")
            .put(ORGANISATION_NAME, "Stefano's")
            .put(STREET, "129 Fremont St.")
            .put(LOCALITY, "Las Vegas")
            .put(PHONE, "702-385-7111")
            .build();
    r.resolveAndAdd(hotel);
    Decision d = r.resolve(restaurant);
    assertEquals(Band.REVIEW, d.band(), d.explanation()::toString);
    Decision same =
        r.resolve(
            IdentityRecord.builder("h2")
                .put(ORGANISATION_NAME, "The Golden Nugget Hotel Inc.")
                .put(STREET, "129 East Fremont Street")
                .put(LOCALITY, "las vegas")
                .put(PHONE, "(702) 385 7111")
                .build());
    assertEquals(Band.MATCH, same.band(), same.explanation()::toString);
  }

  @Test
  void badValuesNeverThrowAndAreExplained() {
    IdentityResolver r = resolver();
    r.resolveAndAdd(
        person("a", "Anna", "Schmidt", "1975-02-02", "anna@example.com", "Lindenweg 3"));
    IdentityRecord bad =
        IdentityRecord.builder("bad")
            .put(GIVEN_NAME, "   ")
            .put(FAMILY_NAME, "Mr.")
            .put(EMAIL, "anna.example.com")
            .put(PHONE, "call me")
            .put(BIRTH_DATE, "2099-01-01")
            .put(POSTCODE, "n/a")
            .put(STREET, "Lindenweg 3")
            .put(HOUSE_NUMBER, "12")
            .build();
    Decision d = r.resolve(bad);
    assertNotNull(d.explanation());
    for (String f : List.of(GIVEN_NAME, FAMILY_NAME, EMAIL, PHONE, BIRTH_DATE, POSTCODE)) {
      FieldContribution c = d.explanation().field(f).orElseThrow();
      assertTrue(c.missing(), f);
      assertEquals(0, c.weight(), f);
      assertNotNull(c.note(), f);
    }
    assertTrue(
        d.explanation().field(BIRTH_DATE).orElseThrow().note().contains("in the future"),
        d.explanation()::toString);
    assertTrue(d.explanation().field(EMAIL).orElseThrow().note().contains("no '@'"));
    // An all-blank record, and one with no known fields at all, resolve as NEW.
    assertEquals(
        Band.NEW,
        r.resolve(IdentityRecord.builder("blank").put(GIVEN_NAME, "").put(EMAIL, " ").build())
            .band());
    assertEquals(Band.NEW, r.resolveAndAdd(IdentityRecord.of("empty", java.util.Map.of())).band());
  }

  @Test
  void aThrowingCustomNormaliserCountsAsMissing() {
    ResolverConfig config =
        CONFIG.toBuilder()
            .addField(
                FieldRule.builder("loyaltyId")
                    .normaliser(
                        raw -> {
                          throw new IllegalStateException("boom");
                        })
                    .level(1, 0.9, 0.001)
                    .otherwise(0.1, 0.999)
                    .build())
            .build();
    IdentityResolver r = IdentityResolver.create(config);
    r.resolveAndAdd(
        IdentityRecord.builder("a").put(EMAIL, "x@example.com").put("loyaltyId", "1").build());
    Decision d =
        r.resolve(
            IdentityRecord.builder("b").put(EMAIL, "x@example.com").put("loyaltyId", "1").build());
    assertTrue(
        d.explanation().field("loyaltyId").orElseThrow().note().contains("normaliser failed"));
  }

  @Test
  void verifiedEmailAndTaxIdShortCircuit() {
    IdentityResolver r = resolver();
    r.resolveAndAdd(
        IdentityRecord.builder("a")
            .put(GIVEN_NAME, "Anna")
            .putVerified(EMAIL, "anna@example.com")
            .build());
    Decision d =
        r.resolve(
            IdentityRecord.builder("b")
                .put(GIVEN_NAME, "Hannah")
                .putVerified(EMAIL, "ANNA@example.com")
                .build());
    assertEquals(Band.MATCH, d.band());
    assertEquals(1.0, d.probability());
    assertTrue(d.explanation().notes().get(0).contains("deterministic key: email"));
    Decision unverified =
        r.resolve(
            IdentityRecord.builder("c")
                .put(GIVEN_NAME, "Hannah")
                .put(EMAIL, "anna@example.com")
                .build());
    assertTrue(
        unverified.explanation().notes().stream().noneMatch(n -> n.contains("deterministic")));

    r.resolveAndAdd(
        IdentityRecord.builder("t")
            .put(ORGANISATION_NAME, "Acme")
            .put(TAX_ID, "DE123456789")
            .build());
    Decision tax =
        r.resolve(
            IdentityRecord.builder("t2")
                .put(ORGANISATION_NAME, "Widgets")
                .put(TAX_ID, "de 123 456 789")
                .build());
    assertEquals(Band.MATCH, tax.band());
  }

  @Test
  void aKnownExternalIdResolvesThroughTheCrossReference() {
    InMemoryCrossReferenceStore xref = new InMemoryCrossReferenceStore(CLOCK);
    IdentityResolver r = IdentityResolver.builder(CONFIG).crossReferences(xref).build();
    IdentityRecord a =
        IdentityRecord.builder("001A")
            .source(SystemId.SALESFORCE)
            .put(GIVEN_NAME, "Anna")
            .put(FAMILY_NAME, "Schmidt")
            .build();
    Decision first = r.resolveAndAdd(a);
    assertEquals(
        first.canonicalId(),
        xref.canonicalIdOf(ExternalId.of(SystemId.SALESFORCE, "001A")).orElseThrow());
    IdentityRecord changed =
        IdentityRecord.builder("001A")
            .source(SystemId.SALESFORCE)
            .put(GIVEN_NAME, "Hannah")
            .put(FAMILY_NAME, "Meyer")
            .build();
    Decision d = r.resolve(changed);
    assertEquals(Band.MATCH, d.band());
    assertEquals(first.canonicalId(), d.canonicalId());
    assertTrue(d.explanation().notes().get(0).contains("cross-reference"));
  }

  @Test
  void incrementalResolutionRefusesToChainDifferentPeople() {
    IdentityResolver r = resolver();
    // The host put a and c under one canonical id; b is c again, and clearly not a.
    Decision a =
        r.resolveAndAdd(
            IdentityRecord.builder("a")
                .put(GIVEN_NAME, "Anna")
                .put(FAMILY_NAME, "Smith")
                .put(BIRTH_DATE, "1980-01-01")
                .put(HOUSE_NUMBER, "3")
                .put(STREET, "Elm St")
                .put(LOCALITY, "Hamburg")
                .put(POSTCODE, "20095")
                .build());
    r.add(person("c", "Jonas", "Smith", "1955-07-30", null, "Oak Rd 9"), a.canonicalId());
    Decision b = r.resolve(person("b", "Jonas", "Smith", "1955-07-30", null, "Oak Rd 9"));
    assertEquals(Band.REVIEW, b.band(), b.explanation()::toString);
    assertTrue(b.explanation().notes().stream().anyMatch(n -> n.contains("chain")));
  }

  @Test
  void batchClusteringKeepsDuplicatesTogetherAndPeopleApart() {
    List<IdentityRecord> records =
        List.of(
            person("a1", "William", "Müller", "1980-04-21", "w@example.com", "Hauptstr."),
            person("a2", "Bill", "Mueller", "1980-04-21", null, "Hauptstraße"),
            person("a3", "Wiliam", "Muller", "21.04.1980", "w@example.com", null),
            person("b1", "Greta", "Müller", "1982-09-02", "w@example.com", "Hauptstr."),
            person("c1", "Oskar", "Lind", "1960-01-01", "o@example.com", "Ringweg 4"));
    Clustering c = IdentityResolver.create(CONFIG).cluster(records);
    Set<Set<String>> clusters = c.clusters().stream().map(HashSet::new).collect(Collectors.toSet());
    assertEquals(Set.of(Set.of("a1", "a2", "a3"), Set.of("b1"), Set.of("c1")), clusters);
    assertFalse(c.households().isEmpty(), "Greta is in William's household");
    assertTrue(c.comparisons() > 0);
  }

  @Test
  void batchClusteringDoesNotChainThroughAnAmbiguousRecord() {
    // x shares e-mail and phone with a and with b, who are clearly different people.
    IdentityRecord a =
        IdentityRecord.builder("a")
            .put(GIVEN_NAME, "Maria")
            .put(FAMILY_NAME, "Rossi")
            .put(BIRTH_DATE, "1970-03-03")
            .put(EMAIL, "rossi@example.com")
            .put(PHONE, "+39 06 1234567")
            .build();
    IdentityRecord x =
        IdentityRecord.builder("x")
            .put(FAMILY_NAME, "Rossi")
            .put(EMAIL, "rossi@example.com")
            .put(PHONE, "+39 06 1234567")
            .build();
    IdentityRecord b =
        IdentityRecord.builder("b")
            .put(GIVEN_NAME, "Marco")
            .put(FAMILY_NAME, "Rossi")
            .put(BIRTH_DATE, "1999-12-12")
            .put(EMAIL, "rossi@example.com")
            .put(PHONE, "+39 06 1234567")
            .build();
    Clustering c = IdentityResolver.create(CONFIG).cluster(List.of(a, x, b));
    for (List<String> cluster : c.clusters()) {
      assertFalse(
          cluster.contains("a") && cluster.contains("b"), "a and b chained: " + c.clusters());
    }
  }

  @Test
  void oneToOneLinksEachRecordAtMostOnce() {
    List<IdentityRecord> left =
        List.of(
            person("l1", "Anna", "Schmidt", "1975-02-02", "anna@example.com", "Lindenweg 3"),
            person("l2", "Peter", "Lang", "1966-06-06", "peter@example.com", "Ringweg 1"));
    List<IdentityRecord> right =
        List.of(
            person("r1", "Anna", "Schmidt", "1975-02-02", "anna@example.com", "Lindenweg 3"),
            person("r2", "Anna", "Schmitt", "1975-02-02", "anna@example.com", "Lindenweg 3"),
            person("r3", "Peter", "Lang", "1966-06-06", null, "Ringweg 1"));
    List<Decision> links = IdentityResolver.create(CONFIG).linkOneToOne(left, right);
    Set<String> pairs =
        links.stream().map(d -> d.recordId() + "-" + d.candidateId()).collect(Collectors.toSet());
    assertEquals(Set.of("l1-r1", "l2-r3"), pairs);
  }

  @Test
  void concurrentResolutionKeepsEveryRecordAndFindsDuplicates() throws Exception {
    IdentityResolver r = resolver();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Decision>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () ->
                    r.resolveAndAdd(
                        person(
                            "p" + n,
                            "given" + (char) ('a' + n % 26),
                            "family" + n,
                            String.format("19%02d-01-01", 10 + n % 80),
                            "p" + n + "@example.com",
                            "Street " + n))));
        futures.add(pool.submit(() -> r.resolve(person("q" + n, "x", "y", null, null, null))));
      }
      for (java.util.concurrent.Future<Decision> f : futures) {
        assertNotNull(f.get());
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(200, r.size());
    Decision again =
        r.resolve(person("again", "givenh", "family7", "1917-01-01", "p7@example.com", "Street 7"));
    assertEquals(Band.MATCH, again.band(), again.explanation()::toString);
    assertEquals("p7", again.candidateId());
  }

  @Test
  void mergeAfterReviewAndUnmergeRestoresTheFormerParty() {
    InMemoryCrossReferenceStore xref = new InMemoryCrossReferenceStore(CLOCK);
    AtomicInteger n = new AtomicInteger();
    IdentityResolver r =
        IdentityResolver.builder(CONFIG)
            .crossReferences(xref)
            .canonicalIds(() -> CanonicalId.of("c" + n.incrementAndGet()))
            .build();
    IdentityRecord shop =
        IdentityRecord.builder("s1")
            .source(SystemId.SHOPIFY)
            .put(GIVEN_NAME, "Jonas")
            .put(FAMILY_NAME, "Becker")
            .put(LOCALITY, "Berlin")
            .build();
    IdentityRecord crm =
        IdentityRecord.builder("0031")
            .source(SystemId.SALESFORCE)
            .put(GIVEN_NAME, "Jonas")
            .put(FAMILY_NAME, "Becker")
            .put(LOCALITY, "Hamburg")
            .build();
    CanonicalId one = r.resolveAndAdd(shop).canonicalId();
    Decision review = r.resolveAndAdd(crm);
    assertEquals(Band.REVIEW, review.band());
    CanonicalId two = review.canonicalId();
    assertNotEquals(one, two);

    r.merge(one, two, "reviewed: same customer");
    IdentityRecord again =
        IdentityRecord.builder("x")
            .put(GIVEN_NAME, "Jonas")
            .put(FAMILY_NAME, "Becker")
            .put(LOCALITY, "Hamburg")
            .put(EMAIL, "jb@example.com")
            .build();
    assertEquals(one, r.resolve(again).canonicalId());
    assertEquals(one, xref.canonicalIdOf(ExternalId.of(SystemId.SALESFORCE, "0031")).orElseThrow());

    r.unmerge(one, two, "reviewed again: two people");
    assertEquals(two, xref.canonicalIdOf(ExternalId.of(SystemId.SALESFORCE, "0031")).orElseThrow());
    assertEquals(
        List.of(
            CrossReferenceEvent.Type.LINK,
            CrossReferenceEvent.Type.MERGE,
            CrossReferenceEvent.Type.UNMERGE),
        xref.history(two).stream().map(CrossReferenceEvent::type).toList());
    Decision afterUnmerge = r.resolve(again);
    assertEquals("0031", afterUnmerge.candidateId());
    assertEquals(two, afterUnmerge.canonicalId(), "the resolver's index follows the unmerge");
  }
}
