package dev.retailsync.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparatorsTest {
  private static final Map<String, FieldComparator> BY_NAME =
      Map.ofEntries(
          Map.entry("exact", Comparators.exact()),
          Map.entry("jaroWinkler", Comparators.jaroWinkler()),
          Map.entry("levenshtein", Comparators.levenshtein()),
          Map.entry("qGram2", Comparators.qGram(2)),
          Map.entry("numeric", Comparators.numeric()),
          Map.entry("date", Comparators.date()),
          Map.entry("phonetic", Comparators.phonetic()),
          Map.entry("givenName", Comparators.givenName()),
          Map.entry("initial", Comparators.initial()),
          Map.entry("tokens", Comparators.tokens()),
          Map.entry("phone", Comparators.phone()),
          Map.entry("email", Comparators.email()),
          Map.entry("identifier", Comparators.identifier()));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // comparator | a | b | least | most
        "exact       |anna       |anna        |1    |1",
        "exact       |anna       |anne        |0    |0",
        "jaroWinkler |martha     |marhta      |0.96 |0.97",
        "jaroWinkler |dixon      |dicksonx    |0.81 |0.82",
        "levenshtein |kitten     |sitting     |0.57 |0.58",
        "qGram2      |peter smith|smith peter |0.6  |0.9",
        "qGram2      |abc        |xyz         |0    |0",
        "numeric     |100        |80          |0.8  |0.8",
        "numeric     |12a        |12a         |1    |1",
        "date        |19800421   |19800421    |1    |1",
        "date        |19800421   |19800431    |0.9  |0.9",
        "date        |19800421   |19802104    |0.9  |0.9",
        "date        |19800421   |19800412    |0.8  |0.8",
        "date        |19800421   |19800601    |0.5  |0.7",
        "date        |19800421   |19900421    |0.9  |0.9",
        "date        |19800421   |19750101    |0    |0",
        "phonetic    |smith      |smyth       |1    |1",
        "phonetic    |meyer      |maier       |1    |1",
        "phonetic    |smith      |jones       |0    |0",
        "givenName   |william    |bill        |0.95 |0.95",
        "givenName   |margaret   |peggy       |0.95 |0.95",
        "givenName   |j          |john        |0.85 |0.85",
        "givenName   |delores    |dolores     |0.9  |1",
        "givenName   |william    |susan       |0    |0.6",
        "initial     |r          |robert      |1    |1",
        "tokens      |el dorado  |eldorado    |0.99 |1",
        "tokens      |arts deli  |arts delicatessen|0.9|1",
        "phone       |+13102461501|3102461501 |0.9  |0.9",
        "phone       |+13102461501|+13102461502|0.5 |0.9",
        "email       |jane@example.com|jane@example.com|1|1",
        "email       |jane.doe@example.com|janedoe@example.com|0.8|0.9",
        "email       |jane@example.com|jane@example.org|0|0",
        "identifier  |6794161    |6794611     |0.9  |0.9",
        "identifier  |6794161    |6794171     |0.9  |0.9",
        "identifier  |6794161    |1234567     |0    |0.3"
      })
  void similarities(String comparator, String a, String b, double least, double most) {
    FieldComparator c = BY_NAME.get(comparator);
    double ab = c.compare(a, b);
    assertTrue(
        ab >= least - 1e-9 && ab <= most + 1e-9, comparator + "(" + a + ", " + b + ") = " + ab);
    assertEquals(ab, c.compare(b, a), 1e-9, "symmetric");
  }

  @Test
  void qGramNeedsPositiveQ() {
    assertThrows(IllegalArgumentException.class, () -> Comparators.qGram(0));
  }
}
