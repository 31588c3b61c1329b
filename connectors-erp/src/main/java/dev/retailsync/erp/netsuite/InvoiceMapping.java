package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceLine;
import dev.retailsync.api.model.InvoiceStatus;
import dev.retailsync.api.model.InvoiceTotals;
import dev.retailsync.api.model.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the NetSuite {@code invoice} record (or, with {@link #creditMemos()}, the {@code creditMemo}
 * record) to {@link Invoice}; read-only, since NetSuite creates both by transforming a sales order
 * or a return authorization.
 *
 * <table>
 *   <caption>Default field mapping</caption>
 *   <tr><th>Canonical</th><th>NetSuite invoice / creditMemo</th></tr>
 *   <tr><td>invoiceNumber</td><td>{@code tranId}</td></tr>
 *   <tr><td>orderNumber</td><td>{@code createdFrom}, the source's {@code externalId}</td></tr>
 *   <tr><td>accountNumber</td><td>{@code entity}, the customer's {@code externalId}</td></tr>
 *   <tr><td>issuedOn, dueOn</td><td>{@code tranDate}, {@code dueDate}</td></tr>
 *   <tr><td>status</td><td>{@code status}: A Open to OPEN (PARTIALLY_PAID when
 *       {@code amountRemaining} is below {@code total}), B Paid In Full / Fully Applied to
 *       PAID</td></tr>
 *   <tr><td>currency</td><td>{@code currency} (through the currency table)</td></tr>
 *   <tr><td>totals</td><td>{@code subtotal}, {@code taxTotal}, {@code total}, {@code
 *       amountPaid}, {@code amountRemaining}</td></tr>
 *   <tr><td>lines</td><td>{@code item.items[]}: {@code item} by {@code externalId}, {@code
 *       quantity}, {@code rate}, {@code amount}, {@code description}</td></tr>
 * </table>
 *
 * <p>A credit memo read through {@link #creditMemos()} carries the extension {@code
 * netsuiteRecordType = creditMemo}, so it is never mistaken for an invoice.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvoiceMapping implements NetSuiteMapping<Invoice> {
  /** The default status table, NetSuite status letter to canonical state. */
  public static final Map<String, InvoiceStatus> DEFAULT_STATUSES =
      Map.of("A", InvoiceStatus.OPEN, "B", InvoiceStatus.PAID);

  private final String recordType;
  private final String transactionType;
  private final Lookup currencies;
  private final Map<String, InvoiceStatus> statuses;

  private InvoiceMapping(
      String recordType,
      String transactionType,
      Lookup currencies,
      Map<String, InvoiceStatus> statuses) {
    this.recordType = recordType;
    this.transactionType = transactionType;
    this.currencies = currencies;
    this.statuses = Map.copyOf(statuses);
  }

  /**
   * Returns the default mapping of invoices.
   *
   * @return the mapping
   */
  public static InvoiceMapping defaults() {
    return new InvoiceMapping("invoice", "CustInvc", Lookup.DEFAULT_CURRENCIES, DEFAULT_STATUSES);
  }

  /**
   * Returns the default mapping of credit memos.
   *
   * @return the mapping
   */
  public static InvoiceMapping creditMemos() {
    return new InvoiceMapping(
        "creditMemo", "CustCred", Lookup.DEFAULT_CURRENCIES, DEFAULT_STATUSES);
  }

  /**
   * Returns this mapping with the currency table (ISO code to the account's currency internal id).
   *
   * @param isoToInternalId the table
   * @return the changed mapping
   */
  public InvoiceMapping currencies(Map<String, String> isoToInternalId) {
    return new InvoiceMapping(
        recordType, transactionType, new Lookup("currency", isoToInternalId, false), statuses);
  }

  /**
   * Returns this mapping with another status table.
   *
   * @param letterToCanonical NetSuite status letter to canonical state
   * @return the changed mapping
   */
  public InvoiceMapping statuses(Map<String, InvoiceStatus> letterToCanonical) {
    return new InvoiceMapping(recordType, transactionType, currencies, letterToCanonical);
  }

  @Override
  public EntityType<Invoice> entityType() {
    return EntityType.INVOICE;
  }

  @Override
  public String recordType() {
    return recordType;
  }

  @Override
  public String suiteQlTable() {
    return "transaction";
  }

  @Override
  public String suiteQlFilter() {
    return "type = '" + transactionType + "'";
  }

  @Override
  public boolean writable() {
    return false;
  }

  @Override
  public List<Reference> references() {
    return List.of(
        new Reference("entity", "customer"),
        new Reference("createdFrom", "transaction"),
        new Reference("item.items[].item", "item"));
  }

  @Override
  public String externalId(Invoice entity, String requestKey) {
    return Json.externalId(subject(), "invoiceNumber", entity.invoiceNumber());
  }

  @Override
  public ObjectNode toNetSuite(Invoice entity, Set<FieldPath> fields, boolean exists) {
    throw ValidationException.of(
        subject(),
        "invoice",
        entity.invoiceNumber(),
        "is created in NetSuite by billing the order; the connector only reads it");
  }

  private String subject() {
    return "NetSuite " + recordType;
  }

  @Override
  public Invoice fromNetSuite(JsonNode rec) {
    String currencyId = Json.text(rec, "currency");
    if (currencyId == null) {
      throw ValidationException.of(subject(), "currency", null, "is missing");
    }
    String currency = currencies.code(subject(), currencyId);
    Money total = Json.money(rec, "total", currency);
    Money remaining = Json.money(rec, "amountRemaining", currency);
    String letter = Json.text(rec, "status");
    if (letter != null && letter.contains(":")) {
      letter = letter.substring(letter.indexOf(':') + 1);
    }
    InvoiceStatus status = letter == null ? InvoiceStatus.OPEN : statuses.get(letter);
    if (status == null) {
      throw ValidationException.of(
          subject(), "status", letter, "has no canonical state in " + statuses.keySet());
    }
    if (status == InvoiceStatus.OPEN
        && total != null
        && remaining != null
        && remaining.amount().signum() > 0
        && remaining.amount().compareTo(total.amount()) < 0) {
      status = InvoiceStatus.PARTIALLY_PAID;
    }
    List<InvoiceLine> lines = new ArrayList<>();
    List<JsonNode> items = Json.lines(rec, "item");
    for (int i = 0; i < items.size(); i++) {
      JsonNode l = items.get(i);
      BigDecimal qty = Json.decimal(l, "quantity");
      String orderLine = Json.text(l, "orderLine");
      lines.add(
          new InvoiceLine(
              i + 1,
              orderLine != null && orderLine.matches("\\d+") ? Integer.valueOf(orderLine) : null,
              Json.refExternalId(l, "item"),
              Json.text(l, "description"),
              qty == null ? BigDecimal.ZERO : qty.abs(),
              Json.money(l, "rate", currency),
              List.of(),
              Json.money(l, "amount", currency)));
    }
    String tranId = Json.text(rec, "tranId");
    Invoice.Builder b =
        Invoice.builder()
            .invoiceNumber(tranId != null ? tranId : Json.text(rec, "id"))
            .orderNumber(Json.refExternalId(rec, "createdFrom"))
            .accountNumber(Json.refExternalId(rec, "entity"))
            .issuedOn(Json.date(rec, "tranDate"))
            .dueOn(Json.date(rec, "dueDate"))
            .status(status)
            .currency(currency)
            .lines(lines)
            .totals(
                new InvoiceTotals(
                    Json.money(rec, "subtotal", currency),
                    Json.money(rec, "taxTotal", currency),
                    total,
                    Json.money(rec, "amountPaid", currency),
                    remaining));
    if (!recordType.equals("invoice")) {
      b.putExtension("netsuiteRecordType", recordType);
    }
    return b.build();
  }
}
