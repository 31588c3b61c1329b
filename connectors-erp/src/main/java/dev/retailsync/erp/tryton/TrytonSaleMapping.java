package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.OrderTotals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a Tryton sale ({@code sale.sale} with its lines, shipments and invoices) as a canonical
 * {@link Order}, with the order status derived from the sale's {@code state}, {@code
 * shipment_state} and {@code invoice_state} and the states of its customer shipments and invoices.
 *
 * <table>
 *   <caption>Order status mapping</caption>
 *   <tr><th>Tryton</th><th>canonical</th></tr>
 *   <tr><td>draft, quotation</td><td>CAPTURED</td></tr>
 *   <tr><td>confirmed; processing with no shipment done or reserved</td><td>ACCEPTED</td></tr>
 *   <tr><td>processing, every open shipment assigned, picked or packed</td><td>RESERVED</td></tr>
 *   <tr><td>processing, some shipments done and some not</td><td>PARTIALLY_SHIPPED</td></tr>
 *   <tr><td>processing, shipment_state sent</td><td>SHIPPED</td></tr>
 *   <tr><td>processing, shipment_state sent and every invoice posted or paid</td>
 *       <td>INVOICED</td></tr>
 *   <tr><td>done</td><td>INVOICED</td></tr>
 *   <tr><td>cancelled</td><td>CANCELLED</td></tr>
 * </table>
 */
final class TrytonSaleMapping {
  static final List<String> FIELDS =
      List.of(
          "number",
          "reference",
          "state",
          "shipment_state",
          "invoice_state",
          "sale_date",
          "party.code",
          "currency.code",
          "untaxed_amount",
          "tax_amount",
          "total_amount",
          "lines.type",
          "lines.product.code",
          "lines.description",
          "lines.quantity",
          "lines.unit_price",
          "lines.amount",
          "shipments.state",
          "invoices.state",
          "write_date",
          "create_date");

  private static final Set<String> RESERVED = Set.of("assigned", "picked", "packed");
  private static final Set<String> INVOICED = Set.of("posted", "paid");

  private TrytonSaleMapping() {}

  static OrderStatus status(
      String state, String shipmentState, List<String> shipmentStates, List<String> invoiceStates) {
    switch (state) {
      case "draft":
      case "quotation":
        return OrderStatus.CAPTURED;
      case "cancelled":
        return OrderStatus.CANCELLED;
      case "done":
        return OrderStatus.INVOICED;
      case "confirmed":
        return OrderStatus.ACCEPTED;
      case "processing":
        break;
      default:
        throw new IllegalArgumentException("unknown Tryton sale state " + state);
    }
    if ("sent".equals(shipmentState)) {
      boolean invoiced =
          !invoiceStates.isEmpty() && invoiceStates.stream().allMatch(INVOICED::contains);
      return invoiced ? OrderStatus.INVOICED : OrderStatus.SHIPPED;
    }
    List<String> open =
        shipmentStates.stream().filter(s -> !s.equals("done") && !s.equals("cancelled")).toList();
    if (shipmentStates.contains("done") && !open.isEmpty()) {
      return OrderStatus.PARTIALLY_SHIPPED;
    }
    if (!open.isEmpty() && open.stream().allMatch(RESERVED::contains)) {
      return OrderStatus.RESERVED;
    }
    return OrderStatus.ACCEPTED;
  }

  static Order toOrder(JsonNode sale) {
    String currency = sale.path("currency.").path("code").asText();
    List<OrderLine> lines = new ArrayList<>();
    int n = 0;
    for (JsonNode l : sale.path("lines.")) {
      if (!"line".equals(l.path("type").asText("line"))) {
        continue; // titles, comments and subtotals carry no goods
      }
      String sku = TrytonCodec.text(l.path("product.").path("code"));
      BigDecimal price = TrytonCodec.decimal(l.path("unit_price"));
      lines.add(
          new OrderLine(
              ++n,
              sku == null ? "(no product)" : sku,
              TrytonCodec.text(l.path("description")),
              BigDecimal.valueOf(l.path("quantity").asDouble()),
              price == null ? null : Money.of(price, currency),
              List.of(),
              List.of(),
              amount(l.path("amount"), currency),
              null));
    }
    List<String> shipments = new ArrayList<>();
    sale.path("shipments.").forEach(s -> shipments.add(s.path("state").asText()));
    List<String> invoices = new ArrayList<>();
    sale.path("invoices.").forEach(i -> invoices.add(i.path("state").asText()));
    String number = TrytonCodec.text(sale.path("number"));
    String reference = TrytonCodec.text(sale.path("reference"));
    LocalDate date = TrytonCodec.date(sale.path("sale_date"));
    return Order.builder()
        .orderNumber(
            reference != null
                ? reference
                : number != null ? number : "sale " + sale.path("id").asText())
        .erpOrderNumber(number)
        .status(
            status(
                sale.path("state").asText(),
                sale.path("shipment_state").asText(),
                shipments,
                invoices))
        .accountNumber(TrytonCodec.text(sale.path("party.").path("code")))
        .currency(currency)
        .orderedAt(date == null ? null : date.atStartOfDay().toInstant(ZoneOffset.UTC))
        .lines(lines)
        .totals(
            new OrderTotals(
                amount(sale.path("untaxed_amount"), currency),
                null,
                amount(sale.path("tax_amount"), currency),
                null,
                amount(sale.path("total_amount"), currency)))
        .build();
  }

  private static Money amount(JsonNode n, String currency) {
    BigDecimal d = TrytonCodec.decimal(n);
    return d == null ? null : Money.of(d, currency);
  }
}
