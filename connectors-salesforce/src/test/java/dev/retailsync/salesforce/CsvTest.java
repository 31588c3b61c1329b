package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV as Bulk API 2.0 documents it, including the recorded failed-results example. */
class CsvTest {
  @Test
  void parsesTheDocumentedFailedResults() {
    String recorded =
        "\"sf__Id\",\"sf__Error\",\"ERP_Customer_Id__c\",\"Name\"\n"
            + "\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\",\"C-1002\",\"\"\n";
    List<List<String>> rows = Csv.parse(recorded);
    assertEquals(List.of("sf__Id", "sf__Error", "ERP_Customer_Id__c", "Name"), rows.get(0));
    assertEquals(
        List.of(
            "", "REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --", "C-1002", ""),
        rows.get(1));
  }

  @Test
  void roundTripsCommasQuotesAndNewlines() {
    List<String> values = List.of("a,b", "say \"hi\"", "two\nlines", "");
    assertEquals(List.of(values), Csv.parse(Csv.line(values)));
  }
}
