package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrytonCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @ParameterizedTest(name = "Decimal \"{0}\" reads as {1}")
  @CsvSource({"10.00,10", "45.50,45.5", "0,0", "0.0,0", "50,50", "12.5,12.50", "-3.10,-3.1"})
  void decimalsAreReadWhateverTheirScale(String wire, String expected) throws Exception {
    BigDecimal d =
        TrytonCodec.decimal(json("{\"__class__\":\"Decimal\",\"decimal\":\"" + wire + "\"}"));
    assertEquals(0, d.compareTo(new BigDecimal(expected)), wire + " read as " + d);
  }

  @Test
  void decimalsAreWrittenTaggedWithoutExponent() {
    assertEquals(
        "{\"__class__\":\"Decimal\",\"decimal\":\"1000\"}",
        TrytonCodec.encode(new BigDecimal("1E+3")).toString());
    assertEquals(
        "{\"__class__\":\"Decimal\",\"decimal\":\"45.50\"}",
        TrytonCodec.encode(new BigDecimal("45.50")).toString());
  }

  @Test
  void plainNumbersAndStringsAreAcceptedForNumerics() throws Exception {
    assertEquals(0, TrytonCodec.decimal(json("12.5")).compareTo(new BigDecimal("12.5")));
    assertEquals(0, TrytonCodec.decimal(json("\"7\"")).compareTo(BigDecimal.valueOf(7)));
    assertNull(TrytonCodec.decimal(json("null")));
  }

  @Test
  void datesRoundTrip() throws Exception {
    LocalDate d = LocalDate.of(2026, 11, 25);
    JsonNode wire = TrytonCodec.encode(d);
    assertEquals("{\"__class__\":\"date\",\"year\":2026,\"month\":11,\"day\":25}", wire.toString());
    assertEquals(d, TrytonCodec.decode(wire));
    assertEquals(d, TrytonCodec.date(json("\"2026-11-25\"")), "SQLite echoes ISO strings");
  }

  @Test
  void datetimesAreNaiveUtcWithAllSevenKeys() throws Exception {
    JsonNode wire =
        json(
            "{\"__class__\":\"datetime\",\"year\":2026,\"month\":11,\"day\":25,\"hour\":17,"
                + "\"minute\":31,\"second\":22,\"microsecond\":166696}");
    Instant t = TrytonCodec.datetime(wire);
    assertEquals(Instant.parse("2026-11-25T17:31:22.166696Z"), t);
    JsonNode back = TrytonCodec.encode(t);
    for (String key :
        new String[] {"year", "month", "day", "hour", "minute", "second", "microsecond"}) {
      assertTrue(back.has(key), "datetime input needs " + key + ": " + back);
    }
    assertEquals(wire, back);
  }

  @Test
  void timesAndDurations() throws Exception {
    assertEquals(
        LocalTime.of(9, 30, 0, 500_000_000),
        TrytonCodec.decode(
            json(
                "{\"__class__\":\"time\",\"hour\":9,\"minute\":30,\"second\":0,\"microsecond\":500000}")));
    assertEquals(
        Duration.ofMinutes(90),
        TrytonCodec.decode(json("{\"__class__\":\"timedelta\",\"seconds\":5400.0}")));
    assertEquals(
        "{\"__class__\":\"timedelta\",\"seconds\":1.5}",
        TrytonCodec.encode(Duration.ofMillis(1500)).toString());
  }

  @Test
  void bytesWithPythonLineBreaksDecode() throws Exception {
    byte[] data = new byte[100];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    // Python's base64.encodebytes: a newline every 76 characters and one at the end.
    String b64 = java.util.Base64.getEncoder().encodeToString(data);
    String python = b64.substring(0, 76) + "\\n" + b64.substring(76) + "\\n";
    byte[] read =
        TrytonCodec.bytes(json("{\"__class__\":\"bytes\",\"base64\":\"" + python + "\"}"));
    assertArrayEquals(data, read);
    assertArrayEquals(
        "hello".getBytes(StandardCharsets.UTF_8),
        (byte[]) TrytonCodec.decode(TrytonCodec.encode("hello".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void booleansAreLenientAboutSqliteIntegers() throws Exception {
    assertTrue(TrytonCodec.bool(json("1")));
    assertFalse(TrytonCodec.bool(json("0")));
    assertTrue(TrytonCodec.bool(json("true")));
    assertFalse(TrytonCodec.bool(json("false")));
    assertFalse(TrytonCodec.bool(json("null")));
    assertThrows(IllegalArgumentException.class, () -> TrytonCodec.bool(json("\"yes\"")));
  }

  @Test
  void unknownTagsAndWrongTagsFailLoudly() throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrytonCodec.decode(json("{\"__class__\":\"Money\",\"x\":1}")));
    assertTrue(e.getMessage().contains("Money"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> TrytonCodec.datetime(json("{\"__class__\":\"date\",\"year\":2026}")));
    assertThrows(IllegalArgumentException.class, () -> TrytonCodec.encode(new Object()));
  }

  @Test
  void plainValuesPassThrough() throws Exception {
    assertEquals(json("[6,5]"), TrytonCodec.decode(json("[6,5]")));
    assertNull(TrytonCodec.decode(json("null")));
    assertNull(TrytonCodec.text(json("false")), "Tryton sends false for an empty selection");
    assertEquals("x", TrytonCodec.text(json("\"x\"")));
  }
}
