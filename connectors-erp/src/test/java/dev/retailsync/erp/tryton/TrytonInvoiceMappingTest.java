package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceLine;
import dev.retailsync.api.model.InvoiceStatus;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.spi.FeedRejection;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Customer invoices as read from a real Tryton 6.0.29 server, mapped without a server. */
class TrytonInvoiceMappingTest {

  @ParameterizedTest
  @CsvSource({
    "draft, 45.50, 45.50, DRAFT",
    "validated, 45.50, 45.50, DRAFT",
    "posted, 45.50, 45.50, OPEN",
    "posted, 45.50, 20.00, PARTIALLY_PAID",
    "posted, -10.00, -10.00, OPEN",
    "paid, 45.50, 0, PAID",
    "cancelled, 45.50, 0, CANCELLED"
  })
  void statusFollowsStateAndAmountDue(
      String state, BigDecimal total, BigDecimal due, InvoiceStatus status) {
    assertEquals(status, TrytonInvoiceMapping.status(state, total, due));
  }

  @Test
  void aPostedInvoiceFromTheServerMapsWithItsSaleReferenceAndTotals() throws IOException {
    JsonNode row = TrytonShipmentMappingTest.wire("invoice-search-read.json").path("result").get(0);
    Invoice i =
        TrytonInvoiceMapping.toInvoice(
            row, Map.of("sale.line,1", "WEB-WIRE-1", "sale.line,2", "WEB-WIRE-1"));
    assertEquals("1", i.invoiceNumber());
    assertEquals("WEB-WIRE-1", i.orderNumber());
    assertEquals("5", i.accountNumber(), "the party code");
    assertEquals(InvoiceStatus.OPEN, i.status());
    assertEquals("USD", i.currency());
    assertEquals(LocalDate.of(2026, 11, 25), i.issuedOn());
    assertEquals(LocalDate.of(2026, 11, 25), i.dueOn(), "the maturity of the line to pay");
    assertEquals(Money.of("45.50", "USD"), i.totals().total());
    assertEquals(Money.of("45.50", "USD"), i.totals().subtotal());
    assertEquals(0, i.totals().taxTotal().amount().signum());
    assertEquals(Money.of("45.50", "USD"), i.totals().amountDue());
    assertEquals(0, i.totals().amountPaid().amount().signum());
    assertEquals(2, i.lines().size());
    InvoiceLine first = i.lines().get(0);
    assertEquals(1, first.lineNumber());
    assertEquals("SKU-001", first.sku());
    assertEquals(0, new BigDecimal("2").compareTo(first.quantity()));
    assertEquals(Money.of("10.00", "USD"), first.unitPrice());
    assertEquals(Money.of("20.00", "USD"), first.lineTotal());
  }

  @Test
  void aPaidInvoiceOwesNothingAndADraftHasNoNumberYet() throws IOException {
    ObjectNode row =
        (ObjectNode)
            TrytonShipmentMappingTest.wire("invoice-search-read.json").path("result").get(0);
    row.put("state", "paid");
    Invoice paid = TrytonInvoiceMapping.toInvoice(row, Map.of());
    assertEquals(InvoiceStatus.PAID, paid.status());
    assertEquals(0, paid.totals().amountDue().amount().signum());
    assertEquals(Money.of("45.50", "USD"), paid.totals().amountPaid());
    assertNull(paid.orderNumber(), "no sale behind the lines");

    row.put("state", "draft");
    row.putNull("number");
    Invoice draft = TrytonInvoiceMapping.toInvoice(row, Map.of());
    assertEquals("draft " + row.path("id").asText(), draft.invoiceNumber());
    assertNull(draft.totals().amountPaid());
    assertEquals(List.of(), draft.extensions().keySet().stream().toList());
  }

  @Test
  void aCreditNoteWithNegativeQuantitiesIsAFailureOfItsRowNotALeftOutRow() throws IOException {
    ObjectNode invoice =
        (ObjectNode)
            TrytonShipmentMappingTest.wire("invoice-search-read.json").path("result").get(0);
    for (JsonNode l : invoice.path("lines.")) {
      ((ObjectNode) l).putNull("origin");
    }
    ObjectNode credit = invoice.deepCopy();
    credit.put("id", 99);
    for (JsonNode l : credit.path("lines.")) {
      ((ObjectNode) l).put("quantity", -1 * l.path("quantity").asDouble());
    }

    TrytonDocumentFeed.Mapped<Invoice> mapped =
        TrytonInvoiceMapping.mapper(null).map(List.of(invoice, credit));

    assertEquals(Set.of(invoice.path("id").asLong()), mapped.records().keySet());
    assertEquals(Set.of(99L), mapped.failures().keySet());
    FeedRejection r =
        FeedRejection.of(
            ExternalId.of("tryton", "99"),
            TrytonDocumentFeed.Mapped.asMappingFailure(
                "Tryton account.invoice", 99, mapped.failures().get(99L)));
    assertTrue(r.paths().stream().anyMatch(p -> p.contains("quantity")), r.errors().toString());
  }
}
