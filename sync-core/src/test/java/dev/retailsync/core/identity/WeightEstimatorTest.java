package dev.retailsync.core.identity;

import static dev.retailsync.core.identity.IdentityFields.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightEstimatorTest {
  private static String word(Random r, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  @Test
  void estimatesWeightsThatStillSeparateDuplicatesFromStrangers() {
    Random r = new Random(1);
    String[] given = {"anna", "peter", "maria", "jonas", "lena", "paul", "sofia", "felix"};
    List<IdentityRecord> records = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String g = given[r.nextInt(given.length)];
      String family = word(r, 6);
      String dob =
          String.format(
              "19%02d-%02d-%02d", 40 + r.nextInt(60), 1 + r.nextInt(12), 1 + r.nextInt(28));
      String pc = Integer.toString(10000 + r.nextInt(50));
      records.add(
          IdentityRecord.builder("p" + i)
              .put(GIVEN_NAME, g)
              .put(FAMILY_NAME, family)
              .put(BIRTH_DATE, dob)
              .put(POSTCODE, pc)
              .build());
      if (i % 4 == 0) {
        records.add(
            IdentityRecord.builder("d" + i)
                .put(GIVEN_NAME, g)
                .put(FAMILY_NAME, family + (r.nextBoolean() ? "" : "x"))
                .put(BIRTH_DATE, dob)
                .put(POSTCODE, pc)
                .build());
      }
    }
    ResolverConfig base =
        IdentityResolverTest.CONFIG.toBuilder()
            .retainFields(java.util.Set.of(GIVEN_NAME, FAMILY_NAME, BIRTH_DATE, POSTCODE))
            .build();
    ResolverConfig estimated = WeightEstimator.estimate(base, records, 20, 7);
    assertEquals(base.fields().size(), estimated.fields().size());
    for (FieldRule f : estimated.fields()) {
      FieldRule.Level exact = f.levels().get(0);
      FieldRule.Level otherwise = f.levels().get(f.levels().size() - 1);
      assertTrue(exact.weight() > 0, f.field() + " exact agreement should be evidence for");
      assertTrue(otherwise.weight() < 0, f.field() + " disagreement should be evidence against");
    }
    FieldRule.Level dobExact =
        estimated.fields().stream()
            .filter(f -> f.field().equals(BIRTH_DATE))
            .findFirst()
            .orElseThrow()
            .levels()
            .get(0);
    assertTrue(dobExact.u() < 0.01, "random pairs rarely share a birth date: u=" + dobExact.u());

    IdentityResolver resolver = IdentityResolver.create(estimated);
    Clustering c = resolver.cluster(records);
    long merged = c.clusters().stream().filter(x -> x.size() > 1).count();
    assertTrue(merged >= 90, "most of the 100 duplicates should still be found, were " + merged);
  }
}
