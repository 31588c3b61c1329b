package dev.retailsync.core.identity;

import static dev.retailsync.core.identity.IdentityFields.*;

import dev.retailsync.api.CanonicalId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Normalisation and Fellegi-Sunter scoring under one configuration. Thread-safe. */
final class Scorer {
  private static final double LOG2 = Math.log(2);

  final ResolverConfig config;
  final FieldRule[] rules;
  final Map<String, Integer> positions = new HashMap<>();
  private final double prior;
  private final int given;
  private final int middle;
  private final int family;
  private final int birth;
  private final int street;
  private final int house;
  private final int postcode;
  private final int organisation;
  private final int tax;
  private final int email;
  private final int phone;
  private final int line2;
  private final int[] identifying;
  private final int[][] deterministic;

  /** A quick verdict on a pair, before any explanation is built. */
  static final class Verdict {
    final int[] levels;
    final double[] similarities;
    final double[] weights;
    final String[] tfNotes;
    double bits;
    Band band;
    boolean household;
    boolean noIdentifyingEvidence;
    boolean organisationNamesDiffer;
    String deterministicField;

    Verdict(int n) {
      levels = new int[n];
      similarities = new double[n];
      weights = new double[n];
      tfNotes = new String[n];
    }

    double probability(double prior) {
      if (deterministicField != null) {
        return 1;
      }
      return 1 / (1 + Math.pow(2, -(bits + prior)));
    }
  }

  Scorer(ResolverConfig config) {
    this.config = config;
    this.rules = config.fields().toArray(new FieldRule[0]);
    if (rules.length > 63) {
      throw new IllegalArgumentException("fields: at most 63 are supported, was " + rules.length);
    }
    for (int i = 0; i < rules.length; i++) {
      positions.put(rules[i].field(), i);
    }
    prior = config.priorLogOdds();
    given = pos(GIVEN_NAME);
    middle = pos(MIDDLE_NAME);
    family = pos(FAMILY_NAME);
    birth = pos(BIRTH_DATE);
    street = pos(STREET);
    house = pos(HOUSE_NUMBER);
    postcode = pos(POSTCODE);
    organisation = pos(ORGANISATION_NAME);
    tax = pos(TAX_ID);
    email = pos(EMAIL);
    phone = pos(PHONE);
    line2 = pos(ADDRESS_LINE_2);
    identifying =
        List.of(GIVEN_NAME, BIRTH_DATE, EMAIL, PHONE, TAX_ID).stream()
            .mapToInt(this::pos)
            .filter(i -> i >= 0)
            .toArray();
    deterministic =
        config.deterministicKeys().stream()
            .filter(k -> positions.containsKey(k.field()))
            .map(k -> new int[] {positions.get(k.field()), k.requireVerified() ? 1 : 0})
            .toArray(int[][]::new);
  }

  private int pos(String field) {
    return positions.getOrDefault(field, -1);
  }

  double prior() {
    return prior;
  }

  Entry normalise(IdentityRecord r, int index) {
    String[] values = new String[rules.length];
    String[] problems = null;
    long verified = 0;
    for (int i = 0; i < rules.length; i++) {
      String raw = r.values().get(rules[i].field());
      if (raw == null) {
        continue;
      }
      Normalised n;
      try {
        n = rules[i].normaliser().normalise(raw);
      } catch (RuntimeException e) {
        // A host's normaliser must not take the resolver down: its failure is a missing value.
        n = Normalised.missing("normaliser failed: " + e.getClass().getSimpleName());
      }
      if (n.present()) {
        values[i] = n.value();
        if (r.verified().contains(rules[i].field())) {
          verified |= 1L << i;
        }
      } else if (n.problem() != null) {
        if (problems == null) {
          problems = new String[rules.length];
        }
        problems[i] = n.problem();
      }
    }
    return new Entry(index, r.id(), r.source(), values, problems, verified, positions);
  }

  Verdict judge(Entry a, Entry b, Index index) {
    return judge(a, b, index, new Verdict(rules.length));
  }

  Verdict newVerdict() {
    return new Verdict(rules.length);
  }

  /** Judges a pair into {@code v}, which is reset first, and returns it. */
  Verdict judge(Entry a, Entry b, Index index, Verdict v) {
    v.household = false;
    v.noIdentifyingEvidence = false;
    v.organisationNamesDiffer = false;
    v.deterministicField = null;
    java.util.Arrays.fill(v.tfNotes, null);
    double bits = 0;
    for (int f = 0; f < rules.length; f++) {
      String x = a.values[f];
      String y = b.values[f];
      if (x == null || y == null) {
        v.levels[f] = -1;
        v.similarities[f] = Double.NaN;
        continue;
      }
      FieldRule rule = rules[f];
      double sim;
      try {
        sim = rule.comparator().compare(x, y);
      } catch (RuntimeException e) {
        sim = 0;
      }
      int level = rule.levelOf(sim);
      double w = rule.weight(level);
      if (level == 0 && rule.termFrequency() && index != null) {
        double freq = index.frequency(f, x);
        if (freq > 0) {
          FieldRule.Level l = rule.levels().get(0);
          double u = Math.min(Math.max(freq, l.u() / 4), l.u() * 4);
          double adjusted = Math.log(l.m() / u) / LOG2;
          if (Math.abs(adjusted - w) > 0.05) {
            v.tfNotes[f] =
                String.format(
                    Locale.ROOT,
                    "term frequency: %s value, %+.2f bits",
                    adjusted > w ? "rare" : "common",
                    adjusted - w);
          }
          w = adjusted;
        }
      }
      v.levels[f] = level;
      v.similarities[f] = sim;
      v.weights[f] = w;
      bits += w;
    }
    bits += swapped(a, b, v, given, family, "given and family names look swapped");
    bits += swapped(a, b, v, street, line2, "street and second address line look swapped");
    v.bits = bits;
    for (int[] k : deterministic) {
      int f = k[0];
      if (v.levels[f] == 0
          && a.values[f].equals(b.values[f])
          && (k[1] == 0 || (a.verified(f) && b.verified(f)))) {
        v.deterministicField = rules[f].field();
        v.band = Band.MATCH;
        return v;
      }
    }
    v.household = household(v);
    double p = v.probability(prior);
    if (v.household) {
      v.band = Band.NEW;
    } else if (p >= config.matchThreshold()) {
      v.noIdentifyingEvidence = config.requireIdentifyingEvidence() && !identified(v);
      v.band = v.noIdentifyingEvidence ? Band.REVIEW : Band.MATCH;
    } else if (p >= config.reviewThreshold()) {
      v.band = Band.REVIEW;
    } else {
      v.band = Band.NEW;
    }
    return v;
  }

  /**
   * Compares two fields crosswise when both disagree straight (values entered in the wrong field):
   * if both crossed comparisons reach a higher level, those levels count instead. Returns the
   * change in bits.
   */
  private double swapped(Entry a, Entry b, Verdict v, int f1, int f2, String note) {
    if (f1 < 0
        || f2 < 0
        || v.levels[f1] < 0
        || v.levels[f2] < 0
        || !rules[f1].isDisagreement(v.levels[f1]) && !rules[f2].isDisagreement(v.levels[f2])) {
      return 0;
    }
    double s1 = safeCompare(rules[f1], a.values[f1], b.values[f2]);
    double s2 = safeCompare(rules[f2], a.values[f2], b.values[f1]);
    int l1 = rules[f1].levelOf(s1);
    int l2 = rules[f2].levelOf(s2);
    double w1 = rules[f1].weight(l1);
    double w2 = rules[f2].weight(l2);
    if (rules[f1].isDisagreement(l1) || rules[f2].isDisagreement(l2)) {
      return 0;
    }
    if (w1 + w2 <= v.weights[f1] + v.weights[f2]) {
      return 0;
    }
    double delta = w1 + w2 - v.weights[f1] - v.weights[f2];
    v.levels[f1] = l1;
    v.levels[f2] = l2;
    v.similarities[f1] = s1;
    v.similarities[f2] = s2;
    v.weights[f1] = w1;
    v.weights[f2] = w2;
    v.tfNotes[f1] = note;
    v.tfNotes[f2] = note;
    return delta;
  }

  private static double safeCompare(FieldRule rule, String x, String y) {
    try {
      return rule.comparator().compare(x, y);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private boolean agrees(Verdict v, int f, double minSimilarity) {
    return f >= 0
        && v.levels[f] >= 0
        && !rules[f].isDisagreement(v.levels[f])
        && rules[f].levels().get(v.levels[f]).minSimilarity() >= minSimilarity;
  }

  private boolean household(Verdict v) {
    if (!config.householdDetection() || family < 0 || !agrees(v, family, 0.9)) {
      return false;
    }
    boolean address =
        agrees(v, street, 0.9) && (house < 0 || v.levels[house] < 0 || agrees(v, house, 1))
            || agrees(v, postcode, 1) && agrees(v, house, 1)
            // Households share e-mail addresses and phone numbers as well as addresses.
            || agrees(v, email, 1)
            || agrees(v, phone, 0.9);
    if (!address) {
      return false;
    }
    // A different person of the same household: nothing personal agrees, and the given name or
    // the birth date positively differs (missing values prove nothing either way).
    if (agrees(v, given, 0.85) || agrees(v, birth, 0.8) || agrees(v, tax, 0.85)) {
      return false;
    }
    // A mistyped given name corroborated by the same middle initial is the same person.
    if (agrees(v, given, 0.75) && agrees(v, middle, 1)) {
      return false;
    }
    boolean givenDiffers = given >= 0 && v.levels[given] >= 0;
    boolean birthDiffers = birth >= 0 && v.levels[birth] >= 0;
    return givenDiffers || birthDiffers;
  }

  private boolean identified(Verdict v) {
    if (organisation >= 0 && v.levels[organisation] >= 0) {
      v.organisationNamesDiffer = !agrees(v, organisation, 0.9);
      return !v.organisationNamesDiffer;
    }
    for (int f : identifying) {
      if (v.levels[f] >= 0) {
        return true;
      }
    }
    return false;
  }

  Decision decision(Entry in, Entry candidate, Verdict v, CanonicalId canonicalId) {
    List<FieldContribution> fields = new ArrayList<>(rules.length);
    for (int f = 0; f < rules.length; f++) {
      String field = rules[f].field();
      if (v.levels[f] < 0) {
        fields.add(
            new FieldContribution(field, "missing", Double.NaN, 0, missingNote(in, candidate, f)));
      } else {
        fields.add(
            new FieldContribution(
                field,
                rules[f].describe(v.levels[f]),
                v.similarities[f],
                v.weights[f],
                v.tfNotes[f]));
      }
    }
    List<String> notes = new ArrayList<>();
    if (v.deterministicField != null) {
      notes.add(
          "deterministic key: "
              + v.deterministicField
              + " agrees exactly, which decides a match on its own");
    }
    if (v.household) {
      notes.add(
          "household: same family name and address but a different person (given name or birth"
              + " date disagree); related, not merged");
    }
    if (v.organisationNamesDiffer) {
      notes.add(
          "organisation names differ: a shared address or phone (one site, several businesses) is"
              + " not enough for a match; needs review");
    } else if (v.noIdentifyingEvidence) {
      notes.add(
          "no identifying evidence: neither given name, birth date, e-mail, phone nor tax id can be"
              + " compared, and family name with address is shared by households; needs review");
    }
    double p = v.probability(prior);
    double logOdds = v.deterministicField != null ? Double.POSITIVE_INFINITY : v.bits + prior;
    String summary =
        String.format(
            Locale.ROOT,
            "%s: %s %s against %s, probability %.4f (%.1f bits of evidence, prior %.1f)",
            v.band,
            config.entityType(),
            in.id,
            candidate.id,
            p,
            v.bits,
            prior);
    return new Decision(
        in.id,
        v.band,
        candidate.id,
        canonicalId,
        p,
        logOdds,
        new Explanation(summary, fields, notes),
        v.household ? List.of(candidate.id) : List.of());
  }

  Decision noCandidate(Entry in, CanonicalId canonicalId) {
    List<FieldContribution> fields = new ArrayList<>(rules.length);
    for (int f = 0; f < rules.length; f++) {
      String problem = in.problem(f);
      fields.add(
          new FieldContribution(
              rules[f].field(),
              "missing",
              Double.NaN,
              0,
              problem == null ? null : "unusable on " + in.id + ": " + problem));
    }
    String summary =
        String.format(
            Locale.ROOT,
            "NEW: %s %s shares no blocking key with any known record",
            config.entityType(),
            in.id);
    return new Decision(
        in.id,
        Band.NEW,
        null,
        canonicalId,
        0,
        Double.NEGATIVE_INFINITY,
        new Explanation(summary, fields, List.of()),
        List.of());
  }

  private static String missingNote(Entry in, Entry candidate, int f) {
    List<String> parts = new ArrayList<>(2);
    for (Entry e : new Entry[] {in, candidate}) {
      if (e.values[f] == null) {
        String problem = e.problem(f);
        parts.add(problem == null ? "absent on " + e.id : "unusable on " + e.id + ": " + problem);
      }
    }
    return String.join("; ", parts) + "; no evidence";
  }
}
