package dev.retailsync.erp.s4hana;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SAP answers classified into the shared taxonomy, table-driven. */
class SapErrorsTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @CsvSource({
    "400, VALIDATION, false",
    "401, AUTHENTICATION, false",
    "403, PERMISSION, false",
    "404, NOT_FOUND, false",
    "409, CONFLICT, false",
    "412, CONFLICT, false",
    "428, CONFLICT, false",
    "429, THROTTLED, true",
    "500, TRANSIENT, true",
    "502, TRANSIENT, true",
    "503, TRANSIENT, true"
  })
  void statusesMapToKinds(int status, ErpErrorKind kind, boolean retryable) {
    ErpError e =
        SapErrors.parse(
            status,
            null,
            "{\"error\":{\"code\":\"X/1\",\"message\":{\"lang\":\"en\",\"value\":\"m\"}}}",
            clock);
    assertEquals(kind, e.kind());
    assertEquals(retryable, e.retryable());
    assertEquals("X/1", e.code());
  }

  @ParameterizedTest
  @CsvSource({"120, PT2M", "'Wed, 25 Nov 2026 10:00:30 GMT', PT30S"})
  void retryAfterInSecondsOrAsADate(String header, String wait) {
    assertEquals(Duration.parse(wait), SapErrors.parse(429, header, "", clock).retryAfter());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"error\":{\"code\":\"C\",\"message\":{\"value\":\"v\"},\"innererror\":{\"errordetails\":[{\"code\":\"C\",\"message\":\"v\",\"propertyref\":\"SoldToParty\",\"target\":\"\"}]}}}|SoldToParty",
        "{\"error\":{\"code\":\"C\",\"message\":{\"value\":\"v\"},\"innererror\":{\"errordetails\":[{\"code\":\"C\",\"message\":\"v\",\"propertyref\":\"\",\"target\":\"/A_SalesOrderItem(1)/Material\"}]}}}|/A_SalesOrderItem(1)/Material",
        "<html><body>Service unavailable</body></html>|",
        "CSRF token validation failed|"
      })
  void theFieldComesFromPropertyrefElseTarget(String body, String field) {
    assertEquals(field, SapErrors.parse(400, null, body, clock).fieldPath());
  }
}
