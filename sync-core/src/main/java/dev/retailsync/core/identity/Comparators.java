package dev.retailsync.core.identity;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The standard {@link FieldComparator}s. String metrics come from Apache Commons Text, phonetic
 * codes from Apache Commons Codec.
 *
 * <p>This class only has static factories; the comparators it returns are immutable and
 * thread-safe.
 */
public final class Comparators {
  private Comparators() {}

  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
  private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

  /**
   * Returns a comparator that says {@code 1} for equal values and {@code 0} otherwise.
   *
   * @return the comparator
   */
  public static FieldComparator exact() {
    return (a, b) -> a.equals(b) ? 1 : 0;
  }

  /**
   * Returns the Jaro-Winkler similarity, which forgives typos and rewards a common prefix.
   *
   * @return the comparator
   */
  public static FieldComparator jaroWinkler() {
    return Comparators::jw;
  }

  /**
   * Returns one minus the Levenshtein distance divided by the longer length.
   *
   * @return the comparator
   */
  public static FieldComparator levenshtein() {
    return Comparators::lev;
  }

  /**
   * Returns the Dice coefficient of the padded character q-grams of both values, which forgives
   * reordered words.
   *
   * @param q the gram length, at least 1
   * @return the comparator
   * @throws IllegalArgumentException if {@code q} is less than 1
   */
  public static FieldComparator qGram(int q) {
    if (q < 1) {
      throw new IllegalArgumentException("q must be at least 1, was " + q);
    }
    return (a, b) -> qgram(a, b, q);
  }

  /**
   * Returns a numeric comparator: the smaller absolute value divided by the larger ({@code 1} for
   * equal numbers); values that are not numbers compare exactly.
   *
   * @return the comparator
   */
  public static FieldComparator numeric() {
    return (a, b) -> {
      try {
        double x = Math.abs(Double.parseDouble(a));
        double y = Math.abs(Double.parseDouble(b));
        if (x == y) {
          return 1;
        }
        return Math.min(x, y) / Math.max(x, y);
      } catch (NumberFormatException e) {
        return a.equals(b) ? 1 : 0;
      }
    };
  }

  /**
   * Returns a date comparator for {@code yyyyMMdd} values: {@code 1} for the same date, {@code 0.9}
   * for one typed digit or swapped day and month, {@code 0.8} for two adjacent digits swapped, then
   * falling with the distance in days to {@code 0} at a year apart.
   *
   * @return the comparator
   */
  public static FieldComparator date() {
    return Comparators::dateSimilarity;
  }

  /**
   * Returns a phonetic comparator: {@code 1} when both values have the same Double Metaphone code,
   * else {@code 0}.
   *
   * @return the comparator
   */
  public static FieldComparator phonetic() {
    DoubleMetaphone dm = new DoubleMetaphone();
    return (a, b) -> a.equals(b) || dm.isDoubleMetaphoneEqual(a, b, false) ? 1 : 0;
  }

  /**
   * Returns a comparator for given names: equal names {@code 1}, names from one nickname group
   * ({@code "bill"} and {@code "william"}) {@code 0.95}, otherwise the best of Jaro-Winkler and a
   * phonetic match ({@code 0.9}); an initial against a name starting with it gives {@code 0.85}.
   *
   * @return the comparator
   */
  public static FieldComparator givenName() {
    DoubleMetaphone dm = new DoubleMetaphone();
    return (a, b) -> {
      if (a.equals(b)) {
        return 1;
      }
      if (Nicknames.variants(a, b)) {
        return 0.95;
      }
      if ((a.length() == 1 || b.length() == 1) && a.charAt(0) == b.charAt(0)) {
        return 0.85;
      }
      double s = jw(a, b);
      if (s < 0.9 && dm.isDoubleMetaphoneEqual(a, b, false)) {
        s = 0.9;
      }
      return s;
    };
  }

  /**
   * Returns a comparator for middle names, which sources often keep as an initial: {@code 1} when
   * the first letters agree, else {@code 0}.
   *
   * @return the comparator
   */
  public static FieldComparator initial() {
    return (a, b) -> a.charAt(0) == b.charAt(0) ? 1 : 0;
  }

  /**
   * Returns a comparator for multi-word values (organisation names, streets): the Monge-Elkan mean
   * of the best Jaro-Winkler match of each word of the shorter value in the longer one, so that
   * word order and an extra word matter little.
   *
   * @return the comparator
   */
  public static FieldComparator tokens() {
    return Comparators::mongeElkan;
  }

  /**
   * Returns a phone comparator for E.164 or digit-only values: {@code 1} for the same number,
   * {@code 0.9} when the last eight digits agree (one side lacks or differs in the country code),
   * otherwise the Levenshtein similarity of the digits (a typed digit gives about {@code 0.9}).
   *
   * @return the comparator
   */
  public static FieldComparator phone() {
    return (a, b) -> {
      if (a.equals(b)) {
        return 1;
      }
      String x = Text.digits(a);
      String y = Text.digits(b);
      if (x.length() >= 8
          && y.length() >= 8
          && x.regionMatches(x.length() - 8, y, y.length() - 8, 8)) {
        return 0.9;
      }
      return lev(x, y) * 0.95;
    };
  }

  /**
   * Returns an e-mail comparator: {@code 1} for the same address, otherwise {@code 0.9} times the
   * Jaro-Winkler similarity of the local parts when the domains agree, else {@code 0}.
   *
   * @return the comparator
   */
  public static FieldComparator email() {
    return (a, b) -> {
      if (a.equals(b)) {
        return 1;
      }
      int ia = a.indexOf('@');
      int ib = b.indexOf('@');
      if (ia < 0 || ib < 0 || !a.substring(ia).equals(b.substring(ib))) {
        return 0;
      }
      return 0.9 * jw(a.substring(0, ia), b.substring(0, ib));
    };
  }

  /**
   * Returns a comparator for identifiers (tax ids, customer numbers): {@code 1} when equal, {@code
   * 0.9} for one mistyped character or two adjacent characters swapped, else the Levenshtein
   * similarity scaled below that.
   *
   * @return the comparator
   */
  public static FieldComparator identifier() {
    return (a, b) -> {
      if (a.equals(b)) {
        return 1;
      }
      if (a.length() == b.length()) {
        int first = -1;
        int diff = 0;
        for (int i = 0; i < a.length(); i++) {
          if (a.charAt(i) != b.charAt(i)) {
            if (first < 0) {
              first = i;
            }
            diff++;
          }
        }
        if (diff == 1) {
          return 0.9;
        }
        if (diff == 2
            && first + 1 < a.length()
            && a.charAt(first) == b.charAt(first + 1)
            && a.charAt(first + 1) == b.charAt(first)) {
          return 0.9;
        }
      }
      return 0.85 * lev(a, b);
    };
  }

  static double jw(String a, String b) {
    if (a.equals(b)) {
      return 1;
    }
    return JARO_WINKLER.apply(a, b);
  }

  static double lev(String a, String b) {
    if (a.equals(b)) {
      return 1;
    }
    int max = Math.max(a.length(), b.length());
    if (max == 0) {
      return 1;
    }
    return 1 - (double) LEVENSHTEIN.apply(a, b) / max;
  }

  static double mongeElkan(String a, String b) {
    if (a.equals(b)) {
      return 1;
    }
    String[] ta = a.split(" ");
    String[] tb = b.split(" ");
    if (ta.length > tb.length) {
      String[] t = ta;
      ta = tb;
      tb = t;
    }
    double sum = 0;
    for (String x : ta) {
      double best = 0;
      for (String y : tb) {
        best = Math.max(best, jw(x, y));
      }
      sum += best;
    }
    double me = sum / ta.length;
    // Penalise extra words a little so that "joes" is not the same as "joes pizza and grill".
    me *= 0.9 + 0.1 * ta.length / tb.length;
    // Words split or joined differently ("el dorado", "eldorado") compare whole.
    if (ta.length > 1 || tb.length > 1) {
      me = Math.max(me, jw(a.replace(" ", ""), b.replace(" ", "")));
    }
    return me;
  }

  static double qgram(String a, String b, int q) {
    if (a.equals(b)) {
      return 1;
    }
    Map<String, Integer> ga = grams(a, q);
    Map<String, Integer> gb = grams(b, q);
    int common = 0;
    int total = 0;
    for (Map.Entry<String, Integer> e : ga.entrySet()) {
      common += Math.min(e.getValue(), gb.getOrDefault(e.getKey(), 0));
      total += e.getValue();
    }
    for (int v : gb.values()) {
      total += v;
    }
    return total == 0 ? 0 : 2.0 * common / total;
  }

  private static Map<String, Integer> grams(String s, int q) {
    String pad = "#".repeat(q - 1);
    String p = pad + s + pad;
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i + q <= p.length(); i++) {
      m.merge(p.substring(i, i + q), 1, Integer::sum);
    }
    return m;
  }

  static double dateSimilarity(String a, String b) {
    if (a.equals(b)) {
      return 1;
    }
    if (a.length() != 8 || b.length() != 8) {
      return lev(a, b) * 0.8;
    }
    int diff = 0;
    for (int i = 0; i < 8; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        diff++;
      }
    }
    if (diff == 1) {
      return 0.9;
    }
    if (a.substring(0, 4).equals(b.substring(0, 4))
        && a.substring(4, 6).equals(b.substring(6, 8))
        && a.substring(6, 8).equals(b.substring(4, 6))) {
      return 0.9;
    }
    if (diff == 2) {
      for (int i = 0; i < 7; i++) {
        if (a.charAt(i) != b.charAt(i)) {
          if (a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)) {
            return 0.8;
          }
          break;
        }
      }
    }
    try {
      long da =
          java.time.LocalDate.parse(a, java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
              .toEpochDay();
      long db =
          java.time.LocalDate.parse(b, java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
              .toEpochDay();
      long days = Math.abs(da - db);
      return days >= 365 ? 0 : 0.7 * (1 - days / 365.0);
    } catch (java.time.format.DateTimeParseException e) {
      return 0;
    }
  }
}
