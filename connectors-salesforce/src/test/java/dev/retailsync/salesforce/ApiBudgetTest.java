package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sforce-Limit-Info as Salesforce documents it, unknown segments tolerated. */
class ApiBudgetTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "api-usage=10018/100000                                       | 10018  | 100000",
        "api-usage=110018/100000; api-bursts=1/750                    | 110018 | 100000",
        "per-app-api-usage=17/250(appName=my-app); api-usage=25/15000 | 25     | 15000",
        "api-bursts=1/750                                             |        |",
        "api-usage=many/lots                                          |        |",
      })
  void parsesTheApiUsageSegment(String header, Long used, Long max) {
    Optional<ApiBudget> b = ApiBudget.parse(header, Instant.EPOCH);
    assertEquals(
        used == null ? Optional.empty() : Optional.of(new ApiBudget(used, max, Instant.EPOCH)), b);
  }
}
