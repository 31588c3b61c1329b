package dev.retailsync.erp.s4hana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The OData v2 wire values, table-driven. */
class ODataV2Test {

  @ParameterizedTest
  @CsvSource({
    "/Date(1786492800000)/, 2026-08-12T00:00:00Z",
    "/Date(1786521151187+0000)/, 2026-08-12T07:52:31.187Z",
    "/Date(1786521151187+0120)/, 2026-08-12T07:52:31.187Z",
    "/Date(1786521151187-0300)/, 2026-08-12T07:52:31.187Z",
    "/Date(-86400000)/, 1969-12-31T00:00:00Z",
    "/Date(0)/, 1970-01-01T00:00:00Z"
  })
  void datesAreUtcMillisecondsWhateverTheOffset(String wire, String instant) {
    assertEquals(Instant.parse(instant), ODataV2.instant(wire));
  }

  @Test
  void theOffsetIsKeptInMinutesAndWrittenBack() {
    OffsetDateTime t = ODataV2.offsetDateTime("/Date(1786521151187+0120)/");
    assertEquals(ZoneOffset.ofHoursMinutes(2, 0), t.getOffset());
    assertEquals("/Date(1786521151187+0120)/", ODataV2.dateTimeOffset(t));
    assertEquals(
        "/Date(1786521151187-0030)/",
        ODataV2.dateTimeOffset(
            Instant.ofEpochMilli(1786521151187L).atOffset(ZoneOffset.ofHoursMinutes(0, -30))));
  }

  @Test
  void datesRoundTripAndIsoIsRefused() {
    assertEquals("/Date(1786492800000)/", ODataV2.date(LocalDate.parse("2026-08-12")));
    assertEquals(LocalDate.parse("2026-08-12"), ODataV2.localDate("/Date(1786492800000)/"));
    assertEquals("/Date(1786521151187)/", ODataV2.dateTime(Instant.ofEpochMilli(1786521151187L)));
    assertNull(ODataV2.instant(null));
    assertNull(ODataV2.instant(""));
    assertThrows(IllegalArgumentException.class, () -> ODataV2.instant("2026-08-12T00:00:00"));
    assertThrows(IllegalArgumentException.class, () -> ODataV2.instant("/Date(1+9999)/"));
  }

  @ParameterizedTest
  @CsvSource({
    "PT13H20M00S, 13:20:00",
    "PT00H00M00S, 00:00:00",
    "PT23H59M59S, 23:59:59",
    "PT9H5M, 09:05:00"
  })
  void timesAreIsoDurations(String wire, String time) {
    assertEquals(LocalTime.parse(time), ODataV2.time(wire));
  }

  @Test
  void timesAreWrittenWithTwoDigits() {
    assertEquals("PT07H05M09S", ODataV2.time(LocalTime.of(7, 5, 9)));
    assertThrows(IllegalArgumentException.class, () -> ODataV2.time("13:20"));
  }

  @Test
  void decimalsAreExactStringsBothWays() throws Exception {
    JsonNode n =
        ODataV2.JSON.readTree(
            "{\"a\":\"12345678901234567890.123456789\",\"b\":0.1,\"c\":\"\",\"d\":\"-0.00\"}");
    assertEquals(new BigDecimal("12345678901234567890.123456789"), ODataV2.decimal(n.get("a")));
    assertEquals(new BigDecimal("0.1"), ODataV2.decimal(n.get("b")), "a bare number stays exact");
    assertNull(ODataV2.decimal(n.get("c")));
    assertEquals(new BigDecimal("-0.00"), ODataV2.decimal(n.get("d")));
    assertEquals("0.00000001", ODataV2.decimal(new BigDecimal("1E-8")));
    assertThrows(
        IllegalArgumentException.class, () -> ODataV2.decimal(ODataV2.JSON.readTree("\"12,50\"")));
  }

  @Test
  void urlLiteralsQuoteAndTypeTheirValues() {
    assertEquals("'O''Brien'", ODataV2.literal("O'Brien"));
    assertEquals(
        "datetime'2026-08-19T00:00:00'",
        ODataV2.datetimeLiteral(Instant.parse("2026-08-19T00:00:00.900Z")));
    assertEquals(
        "datetimeoffset'2026-08-19T07:52:31Z'",
        ODataV2.datetimeOffsetLiteral(Instant.parse("2026-08-19T07:52:31.187Z")));
    assertEquals("12.50M", ODataV2.decimalLiteral(new BigDecimal("12.50")));
  }

  @Test
  void collectionsAreReadInEveryV2Shape() throws Exception {
    assertEquals(2, ODataV2.results(ODataV2.JSON.readTree("{\"d\":{\"results\":[{},{}]}}")).size());
    assertEquals(1, ODataV2.results(ODataV2.JSON.readTree("{\"d\":[{}]}")).size());
    assertEquals(3, ODataV2.results(ODataV2.JSON.readTree("[{},{},{}]")).size());
    assertEquals(
        0, ODataV2.results(ODataV2.JSON.readTree("{\"__deferred\":{\"uri\":\"x\"}}")).size());
  }
}
