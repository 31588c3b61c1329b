package dev.retailsync.erp.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 4180's own examples (section 2), broken rows, and a seeded round trip. */
class CsvTest {

  @Test
  void readsTheRfcExamples() {
    // 2.1/2.2: CRLF-terminated records, the last one may lack its line break.
    assertEquals(
        List.of(List.of("aaa", "bbb", "ccc"), List.of("zzz", "yyy", "xxx")),
        fields(Csv.parse("aaa,bbb,ccc\r\nzzz,yyy,xxx", ',')));
    // 2.5: quoted fields; 2.6: line breaks, quotes and commas inside them; 2.7: doubled quotes.
    assertEquals(
        List.of(List.of("aaa", "b\r\nbb", "ccc"), List.of("zzz", "yyy", "xxx")),
        fields(Csv.parse("\"aaa\",\"b\r\nbb\",\"ccc\"\r\nzzz,yyy,xxx\r\n", ',')));
    assertEquals(
        List.of(List.of("aaa", "b\"bb", "ccc")),
        fields(Csv.parse("\"aaa\",\"b\"\"bb\",\"ccc\"\r\n", ',')));
    // Spaces are part of a field (2.4); empty fields, a trailing empty field, LF endings, a BOM.
    assertEquals(List.of(List.of(" a ", "", "c", "")), fields(Csv.parse("\uFEFF a ,,c,\n\n", ',')));
  }

  @Test
  void reportsBrokenRowsAndKeepsReading() {
    List<Csv.Row> rows = Csv.parse("a,b\r\n\"x\"y,z\r\nok,1\r\n\"open,2\r\nlast,3\r\n", ',');
    assertNull(rows.get(0).problem());
    assertNotNull(rows.get(1).problem(), "text after a closing quote");
    assertEquals(List.of("ok", "1"), rows.get(2).fields());
    assertEquals(3, rows.get(2).number());
    assertNotNull(rows.get(3).problem(), "an unterminated quote runs to the end of the file");
    assertEquals(4, rows.size());
  }

  @Test
  void whatItWritesItReadsBackWhateverTheFieldsHold() {
    Random random = new Random(4180);
    String alphabet = "ab ,;\"\r\nß€";
    for (char delimiter : new char[] {',', ';', '\t'}) {
      List<List<String>> written = new ArrayList<>();
      StringBuilder out = new StringBuilder();
      for (int r = 0; r < 300; r++) {
        List<String> row = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int f = 0; f < n; f++) {
          StringBuilder v = new StringBuilder();
          for (int i = random.nextInt(8); i > 0; i--) {
            v.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          row.add(v.toString());
        }
        if (row.size() == 1 && row.get(0).isEmpty()) {
          row.set(0, "x");
        }
        written.add(row);
        Csv.writeRow(out, row, delimiter);
      }
      assertEquals(written, fields(Csv.parse(out.toString(), delimiter)), "delimiter " + delimiter);
    }
  }

  private static List<List<String>> fields(List<Csv.Row> rows) {
    List<List<String>> out = new ArrayList<>();
    for (Csv.Row r : rows) {
      assertNull(r.problem(), "row " + r.number() + ": " + r.problem());
      out.add(r.fields());
    }
    return out;
  }
}
