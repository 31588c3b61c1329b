package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceLine;
import dev.retailsync.api.model.InvoiceStatus;
import dev.retailsync.api.model.InvoiceTotals;
import dev.retailsync.api.model.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Tryton customer invoice ({@code account.invoice} of type {@code out}) as a canonical
 * {@link Invoice}.
 *
 * <table>
 *   <caption>Invoice mapping</caption>
 *   <tr><th>Invoice</th><th>Tryton</th></tr>
 *   <tr><td>invoiceNumber</td><td>{@code number} (assigned when posted; before that {@code
 *       draft <id>})</td></tr>
 *   <tr><td>orderNumber</td><td>the {@code reference} (else {@code number}) of the sale whose
 *       lines are the {@code origin} of the invoice lines; several sales: the first, and every
 *       one in the extension {@code trytonSaleReferences}</td></tr>
 *   <tr><td>accountNumber</td><td>the party's {@code code}</td></tr>
 *   <tr><td>issuedOn</td><td>{@code invoice_date}</td></tr>
 *   <tr><td>dueOn</td><td>the latest {@code maturity_date} of the lines to pay (posted
 *       invoices)</td></tr>
 *   <tr><td>status</td><td>{@code state}: draft, validated → DRAFT; posted → OPEN, or
 *       PARTIALLY_PAID when part of the total is paid; paid → PAID; cancelled → CANCELLED</td></tr>
 *   <tr><td>currency</td><td>the currency's {@code code}</td></tr>
 *   <tr><td>totals</td><td>{@code untaxed_amount}, {@code tax_amount}, {@code total_amount};
 *       amount due = {@code amount_to_pay} (0 when paid), amount paid = total − due</td></tr>
 *   <tr><td>lines</td><td>invoice lines of type {@code line}: SKU = product {@code code},
 *       description, quantity, unit price, amount</td></tr>
 * </table>
 */
final class TrytonInvoiceMapping {

  static final List<String> FIELDS =
      List.of(
          "number",
          "type",
          "state",
          "invoice_date",
          "party.code",
          "currency.code",
          "untaxed_amount",
          "tax_amount",
          "total_amount",
          "amount_to_pay",
          "lines_to_pay.maturity_date",
          "lines.type",
          "lines.product.code",
          "lines.description",
          "lines.quantity",
          "lines.unit_price",
          "lines.amount",
          "lines.origin",
          "write_date",
          "create_date");

  private TrytonInvoiceMapping() {}

  static InvoiceStatus status(String state, BigDecimal total, BigDecimal due) {
    return switch (state) {
      case "draft", "validated" -> InvoiceStatus.DRAFT;
      case "posted" ->
          total != null && due != null && due.signum() != 0 && due.abs().compareTo(total.abs()) < 0
              ? InvoiceStatus.PARTIALLY_PAID
              : InvoiceStatus.OPEN;
      case "paid" -> InvoiceStatus.PAID;
      case "cancelled", "cancel" -> InvoiceStatus.CANCELLED;
      default ->
          throw ValidationException.of(
              "Tryton invoice", "state", state, "is not an account.invoice state of Tryton 6.0");
    };
  }

  static TrytonDocumentFeed.Mapper<Invoice> mapper(TrytonRpc rpc) {
    return rows -> {
      Set<String> origins = new LinkedHashSet<>();
      for (JsonNode row : rows) {
        for (JsonNode l : row.path("lines.")) {
          String o = TrytonCodec.text(l.path("origin"));
          if (o != null) {
            origins.add(o);
          }
        }
      }
      Map<String, String> orders = TrytonDocumentFeed.orderNumbers(rpc, origins);
      Map<Long, Invoice> out = new LinkedHashMap<>();
      Map<Long, RuntimeException> failures = new LinkedHashMap<>();
      for (JsonNode row : rows) {
        try {
          out.put(row.path("id").asLong(), toInvoice(row, orders));
        } catch (ValidationException | IllegalArgumentException e) {
          // The feed turns it into a rejection (a dead letter); the reader into an error.
          failures.put(row.path("id").asLong(), e);
        }
      }
      return new TrytonDocumentFeed.Mapped<>(out, failures);
    };
  }

  static Invoice toInvoice(JsonNode row, Map<String, String> orders) {
    String currency = row.path("currency.").path("code").asText();
    String state = row.path("state").asText();
    List<JsonNode> rawLines = new ArrayList<>();
    row.path("lines.").forEach(rawLines::add);
    rawLines.sort(java.util.Comparator.comparingLong(l -> l.path("id").asLong()));
    List<InvoiceLine> lines = new ArrayList<>();
    Set<String> sales = new LinkedHashSet<>();
    int n = 0;
    for (JsonNode l : rawLines) {
      String origin = TrytonCodec.text(l.path("origin"));
      if (origin != null && orders.containsKey(origin)) {
        sales.add(orders.get(origin));
      }
      if (!"line".equals(l.path("type").asText("line"))) {
        continue;
      }
      BigDecimal price = TrytonCodec.decimal(l.path("unit_price"));
      BigDecimal amount = TrytonCodec.decimal(l.path("amount"));
      lines.add(
          new InvoiceLine(
              ++n,
              null,
              TrytonCodec.text(l.path("product.").path("code")),
              TrytonCodec.text(l.path("description")),
              BigDecimal.valueOf(l.path("quantity").asDouble()).stripTrailingZeros(),
              price == null ? null : Money.of(price, currency),
              List.of(),
              amount == null ? null : Money.of(amount, currency)));
    }
    BigDecimal untaxed = TrytonCodec.decimal(row.path("untaxed_amount"));
    BigDecimal tax = TrytonCodec.decimal(row.path("tax_amount"));
    BigDecimal total = TrytonCodec.decimal(row.path("total_amount"));
    BigDecimal due =
        "paid".equals(state) ? BigDecimal.ZERO : TrytonCodec.decimal(row.path("amount_to_pay"));
    BigDecimal paid =
        total == null || due == null || "draft".equals(state) || "validated".equals(state)
            ? null
            : total.subtract(due);
    LocalDate dueOn = null;
    for (JsonNode l : row.path("lines_to_pay.")) {
      LocalDate d = TrytonCodec.date(l.path("maturity_date"));
      if (d != null && (dueOn == null || d.isAfter(dueOn))) {
        dueOn = d;
      }
    }
    String number = TrytonCodec.text(row.path("number"));
    Invoice.Builder b =
        Invoice.builder()
            .invoiceNumber(number != null ? number : "draft " + row.path("id").asText())
            .orderNumber(sales.isEmpty() ? null : sales.iterator().next())
            .accountNumber(TrytonCodec.text(row.path("party.").path("code")))
            .issuedOn(TrytonCodec.date(row.path("invoice_date")))
            .dueOn(dueOn)
            .status(status(state, total, due))
            .currency(currency)
            .lines(lines)
            .totals(
                new InvoiceTotals(
                    money(untaxed, currency),
                    money(tax, currency),
                    money(total, currency),
                    money(paid, currency),
                    money(due, currency)));
    if (sales.size() > 1) {
      b.putExtension("trytonSaleReferences", String.join(",", sales));
    }
    return b.build();
  }

  private static Money money(BigDecimal d, String currency) {
    return d == null ? null : Money.of(d, currency);
  }
}
