package dev.retailsync.erp.businesscentral;

import static dev.retailsync.erp.businesscentral.FieldRules.decimal;
import static dev.retailsync.erp.businesscentral.FieldRules.text;
import static dev.retailsync.erp.businesscentral.SalesOrderMapping.money;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceLine;
import dev.retailsync.api.model.InvoiceStatus;
import dev.retailsync.api.model.InvoiceTotals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Business Central sales invoices ({@code salesInvoices} with {@code salesInvoiceLines}) as
 * canonical {@link Invoice}s: {@code number}, {@code orderNumber} (the order's {@code
 * externalDocumentNumber} when it carries one, else the Business Central order number), {@code
 * customerNumber}, {@code invoiceDate}, {@code dueDate}, {@code currencyCode}, the totals ({@code
 * remainingAmount} is the amount due) and the item lines. The status goes through this table, which
 * {@link #withStatus} overrides:
 *
 * <table>
 *   <caption>Invoice status</caption>
 *   <tr><th>Business Central</th><th>Canonical</th></tr>
 *   <tr><td>Draft, In Review, blank</td><td>DRAFT</td></tr>
 *   <tr><td>Open</td><td>OPEN</td></tr>
 *   <tr><td>Paid</td><td>PAID</td></tr>
 *   <tr><td>Canceled</td><td>CANCELLED</td></tr>
 *   <tr><td>Corrective</td><td>CREDITED</td></tr>
 * </table>
 *
 * <p>Read-only in this connector: the reader and the change feed, no writer. Immutable and
 * thread-safe.
 */
public final class InvoiceMapping implements BcMapping<Invoice> {
  private static final Map<String, InvoiceStatus> DEFAULT_STATUS =
      Map.of(
          "Draft", InvoiceStatus.DRAFT,
          "In Review", InvoiceStatus.DRAFT,
          "", InvoiceStatus.DRAFT,
          "Open", InvoiceStatus.OPEN,
          "Paid", InvoiceStatus.PAID,
          "Canceled", InvoiceStatus.CANCELLED,
          "Corrective", InvoiceStatus.CREDITED);

  private final Map<String, InvoiceStatus> status;

  private InvoiceMapping(Map<String, InvoiceStatus> status) {
    this.status = Map.copyOf(status);
  }

  /**
   * Returns the default mapping.
   *
   * @return the mapping
   */
  public static InvoiceMapping defaults() {
    return new InvoiceMapping(DEFAULT_STATUS);
  }

  /**
   * Returns a copy that maps one more Business Central status (or maps one differently).
   *
   * @param bcStatus the status as Business Central sends it
   * @param canonical the canonical status
   * @return the copy
   */
  public InvoiceMapping withStatus(String bcStatus, InvoiceStatus canonical) {
    Map<String, InvoiceStatus> m = new LinkedHashMap<>(status);
    m.put(java.util.Objects.requireNonNull(bcStatus, "bcStatus"), canonical);
    return new InvoiceMapping(m);
  }

  /**
   * Returns the status table.
   *
   * @return Business Central status to canonical status
   */
  public Map<String, InvoiceStatus> statusTable() {
    return status;
  }

  @Override
  public EntityType<Invoice> entityType() {
    return EntityType.INVOICE;
  }

  @Override
  public String entitySet() {
    return "salesInvoices";
  }

  @Override
  public String keyField() {
    return "number";
  }

  @Override
  public String expand() {
    return "salesInvoiceLines";
  }

  @Override
  public boolean writable() {
    return false;
  }

  @Override
  public String key(Invoice invoice) {
    return invoice.invoiceNumber();
  }

  /**
   * Refuses: this connector reads invoices only.
   *
   * @throws ValidationException always
   */
  @Override
  public ObjectNode toBc(Invoice invoice, Set<FieldPath> fields, BcMappingContext context) {
    throw ValidationException.of(
        "Business Central invoice",
        "invoiceNumber",
        invoice.invoiceNumber(),
        "cannot be written: Business Central invoices orders it ships; read them instead");
  }

  @Override
  public Invoice fromBc(JsonNode r, BcMappingContext context) {
    String currency = context.currencyOf(text(r, "currencyCode"));
    String bcStatus = r.path("status").asText("").trim();
    InvoiceStatus mapped = status.get(bcStatus);
    if (mapped == null) {
      throw ValidationException.of(
          "Business Central invoice",
          "status",
          bcStatus,
          "has no canonical status; map it with InvoiceMapping.withStatus");
    }
    String ext = text(r, "externalDocumentNumber");
    Invoice.Builder b =
        Invoice.builder()
            .invoiceNumber(text(r, "number"))
            .orderNumber(ext != null ? ext : text(r, "orderNumber"))
            .accountNumber(text(r, "customerNumber"))
            .status(mapped)
            .currency(currency);
    if (text(r, "invoiceDate") != null) {
      b.issuedOn(LocalDate.parse(text(r, "invoiceDate")));
    }
    if (text(r, "dueDate") != null) {
      b.dueOn(LocalDate.parse(text(r, "dueDate")));
    }
    BigDecimal total = decimal(r, "totalAmountIncludingTax");
    BigDecimal remaining = decimal(r, "remainingAmount");
    b.totals(
        new InvoiceTotals(
            money(decimal(r, "totalAmountExcludingTax"), currency),
            money(decimal(r, "totalTaxAmount"), currency),
            money(total, currency),
            total == null || remaining == null ? null : money(total.subtract(remaining), currency),
            money(remaining, currency)));
    int n = 0;
    for (JsonNode l : r.path("salesInvoiceLines")) {
      String sku = text(l, "lineObjectNumber");
      if (sku == null || !"Item".equals(l.path("lineType").asText("Item"))) {
        continue;
      }
      BigDecimal q = decimal(l, "quantity");
      b.addLine(
          new InvoiceLine(
              ++n,
              null,
              sku,
              text(l, "description"),
              q == null ? BigDecimal.ZERO : q,
              money(decimal(l, "unitPrice"), currency),
              List.of(),
              money(decimal(l, "amountIncludingTax"), currency)));
    }
    return b.build();
  }
}
