package dev.retailsync.core.identity;

import static dev.retailsync.core.identity.IdentityFields.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockingTest {
  private static final ResolverConfig CONFIG = IdentityResolverTest.CONFIG;

  /** Pairs of the same person, each with a different kind of damage that defeats some keys. */
  private static final List<List<IdentityRecord>> DUPLICATES =
      List.of(
          List.of(
              rec(
                  "1a",
                  "william",
                  "smith",
                  "1980-04-21",
                  "ws@example.com",
                  "12",
                  "elm street",
                  "10115"),
              rec("1b", "bill", "smyth", null, null, "12", "elm st", "10115")),
          List.of(
              rec("2a", "anna", "schmidt", "1975-02-02", null, "3", "lindenweg", "20095"),
              rec("2b", "schmidt", "anna", "1975-02-02", null, null, null, null)),
          List.of(
              rec("3a", "peter", "lang", "1966-06-06", "pl@example.com", "9", "ringweg", "80331"),
              rec(
                  "3b",
                  "petra",
                  "lange",
                  "1966-07-06",
                  "pl@example.com",
                  "19",
                  "ring weg",
                  "80333")),
          List.of(
              rec("4a", "maria", "rossi", "1970-03-03", null, "5", "via roma", "00184"),
              rec("4b", "mara", "rosi", "1970-03-30", null, "5", "via roma", "00184")));

  private static IdentityRecord rec(
      String id,
      String given,
      String family,
      String dob,
      String email,
      String house,
      String street,
      String postcode) {
    return IdentityRecord.builder(id)
        .put(GIVEN_NAME, given)
        .put(FAMILY_NAME, family)
        .put(BIRTH_DATE, dob)
        .put(EMAIL, email)
        .put(HOUSE_NUMBER, house)
        .put(STREET, street)
        .put(POSTCODE, postcode)
        .build();
  }

  private static String word(java.util.Random r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  @Test
  void everyDuplicatePairSharesAtLeastOneKey() {
    List<IdentityRecord> all = new ArrayList<>();
    DUPLICATES.forEach(all::addAll);
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 40; i++) {
      all.add(
          rec(
              "n" + i,
              word(random),
              word(random),
              null,
              null,
              Integer.toString(100 + i),
              word(random) + " road",
              null));
    }
    Set<RecordPair> candidates = new HashSet<>(IdentityResolver.create(CONFIG).candidatePairs(all));
    for (List<IdentityRecord> d : DUPLICATES) {
      RecordPair p = new RecordPair(d.get(0).id(), d.get(1).id());
      assertTrue(candidates.contains(p), "blocking misses " + p);
    }
    long n = all.size();
    double reduction = 1 - candidates.size() / (n * (n - 1) / 2.0);
    assertTrue(reduction > 0.9, "blocking should prune most pairs, reduction was " + reduction);
  }

  @Test
  void theIndexFindsRecordsAddedIncrementally() {
    IdentityResolver r = IdentityResolver.create(CONFIG);
    for (List<IdentityRecord> d : DUPLICATES) {
      r.resolveAndAdd(d.get(0));
    }
    assertEquals(4, r.size());
    for (List<IdentityRecord> d : DUPLICATES) {
      Decision decision = r.resolve(d.get(1));
      assertEquals(d.get(0).id(), decision.candidateId(), decision.explanation()::toString);
    }
  }

  @Test
  void oversizedBlocksAreSkippedForCandidateSearch() {
    ResolverConfig small =
        CONFIG.toBuilder()
            .maxBlockSize(3)
            .blockingKeys(List.of(BlockingKey.of("family", BlockingKey.value(FAMILY_NAME))))
            .build();
    IdentityResolver r = IdentityResolver.create(small);
    for (int i = 0; i < 4; i++) {
      r.resolveAndAdd(
          IdentityRecord.of("s" + i, Map.of(FAMILY_NAME, "smith", GIVEN_NAME, "a" + i)));
    }
    Decision d = r.resolve(IdentityRecord.of("q", Map.of(FAMILY_NAME, "smith", GIVEN_NAME, "a1")));
    assertNull(d.candidateId(), "a block of four exceeds the cap of three");
  }

  @Test
  void keyPartsComputeFromNormalisedValues() {
    BlockingKey.FieldValues v =
        Map.of(
                GIVEN_NAME,
                "bill",
                FAMILY_NAME,
                "smith",
                PHONE,
                "+4930123456789",
                STREET,
                "elm street")
            ::get;
    assertEquals(
        BlockingKey.of("k", BlockingKey.phoneticNames(GIVEN_NAME, FAMILY_NAME)).key(v),
        BlockingKey.of("k", BlockingKey.phoneticNames(FAMILY_NAME, GIVEN_NAME)).key(v));
    assertEquals(
        BlockingKey.of("k", BlockingKey.phoneticName(GIVEN_NAME)).key(v),
        BlockingKey.of("k", BlockingKey.phoneticName(GIVEN_NAME))
            .key(Map.of(GIVEN_NAME, "william")::get),
        "nicknames share a key");
    assertEquals(
        "k\u000123456789\u0001", BlockingKey.of("k", BlockingKey.lastDigits(PHONE, 8)).key(v));
    assertEquals("k\u0001elmstr\u0001", BlockingKey.of("k", BlockingKey.compact(STREET, 6)).key(v));
    assertNull(BlockingKey.of("k", BlockingKey.value(EMAIL)).key(v));
    assertEquals(
        "k\u0001\u0001",
        BlockingKey.of("k", BlockingKey.optional(BlockingKey.value(EMAIL))).key(v));
  }
}
