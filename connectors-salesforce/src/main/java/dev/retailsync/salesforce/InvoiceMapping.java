package dev.retailsync.salesforce;

import static dev.retailsync.salesforce.MappingSupport.fieldName;
import static dev.retailsync.salesforce.MappingSupport.readCustom;
import static dev.retailsync.salesforce.MappingSupport.text;
import static dev.retailsync.salesforce.MappingSupport.wanted;
import static dev.retailsync.salesforce.MappingSupport.writeCustom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceStatus;
import dev.retailsync.api.model.InvoiceTotals;
import dev.retailsync.api.model.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Maps the canonical {@link Invoice} to a custom object, {@code Invoice__c} by default, upserted by
 * the invoice number in a unique External ID field ({@code Invoice_Number__c}). Salesforce has no
 * standard invoice object outside Salesforce Billing, so an org that shows ERP invoices to its
 * service and sales teams creates one; this mapping writes the invoice's header, which is what
 * those teams read: status, order number, account number, invoice and due dates, currency and the
 * totals including the amount due. Lines, taxes and payments stay in the ERP.
 *
 * <p>Default fields (each renamed or left out with {@link Builder#field}): {@code Status__c} (the
 * {@link InvoiceStatus} name, such as {@code OPEN}: a text or picklist field), {@code
 * Order_Number__c}, {@code Account_Number__c} (text: the account's number as the ERP knows it, so
 * an invoice is written even when its account is not in Salesforce), {@code Invoice_Date__c} and
 * {@code Due_Date__c} (date), {@code Currency__c} (text, ISO 4217), and the currency fields {@code
 * Subtotal__c}, {@code Tax_Total__c}, {@code Total__c}, {@code Amount_Paid__c}, {@code
 * Amount_Due__c}. The record's {@code Name} is the invoice number unless {@link
 * Builder#writeName(boolean)} turns it off (an Auto Number name cannot be written). Extensions
 * named like custom fields ({@code __c}) are written too.
 *
 * <p>The connector checks the custom object against the org's describe before it first uses the
 * mapping: a missing object or field, or an upsert key that is not an External ID field, fails the
 * whole call with a {@link ValidationException} naming each thing to fix (the batch's fate is then
 * known: nothing was written), instead of failing record by record.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvoiceMapping implements SObjectMapping<Invoice> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The canonical fields this mapping can write, in the order the record lists them. */
  private static final List<FieldPath> MAPPABLE =
      List.of(
          Invoice.Fields.STATUS,
          Invoice.Fields.ORDER_NUMBER,
          Invoice.Fields.ACCOUNT_NUMBER,
          Invoice.Fields.ISSUED_ON,
          Invoice.Fields.DUE_ON,
          Invoice.Fields.CURRENCY,
          Invoice.Fields.TOTALS_SUBTOTAL,
          Invoice.Fields.TOTALS_TAX_TOTAL,
          Invoice.Fields.TOTALS_TOTAL,
          Invoice.Fields.TOTALS_AMOUNT_PAID,
          Invoice.Fields.TOTALS_AMOUNT_DUE);

  private final String sobject;
  private final String externalIdField;
  private final Map<FieldPath, String> fields;
  private final boolean writeName;
  private final String orgCurrency;

  private InvoiceMapping(Builder b) {
    this.sobject = b.sobject;
    this.externalIdField = b.externalIdField;
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
    this.writeName = b.writeName;
    this.orgCurrency = b.orgCurrency;
  }

  /**
   * Returns the default mapping: {@code Invoice__c} upserted by {@code Invoice_Number__c}, with the
   * default fields of the class documentation.
   *
   * @return the mapping
   */
  public static InvoiceMapping ofDefaults() {
    return builder().build();
  }

  /**
   * Returns a builder with the defaults of the class documentation.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with this mapping's settings.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sobject = sobject;
    b.externalIdField = externalIdField;
    b.fields.clear();
    b.fields.putAll(fields);
    b.writeName = writeName;
    b.orgCurrency = orgCurrency;
    return b;
  }

  @Override
  public EntityType<Invoice> entityType() {
    return EntityType.INVOICE;
  }

  @Override
  public String sobject() {
    return sobject;
  }

  @Override
  public String externalIdField() {
    return externalIdField;
  }

  /**
   * Returns the Salesforce field each canonical field is written to.
   *
   * @return the field names by canonical field, in record order
   */
  public Map<FieldPath, String> fields() {
    return fields;
  }

  /**
   * Returns every field of the object this mapping writes or reads, the upsert key included: what
   * the org's describe must list.
   *
   * @return the field names
   */
  Set<String> requiredObjectFields() {
    Set<String> out = new LinkedHashSet<>();
    out.add(externalIdField);
    if (writeName) {
      out.add("Name");
    }
    out.addAll(fields.values());
    return out;
  }

  @Override
  public ObjectNode toSalesforce(Invoice invoice, Set<FieldPath> wantedFields) {
    ObjectNode r = JSON.createObjectNode();
    r.putObject("attributes").put("type", sobject);
    r.put(externalIdField, invoice.invoiceNumber());
    if (writeName) {
      // Name is a custom object's record name; Salesforce caps it at 80 characters.
      r.put("Name", invoice.invoiceNumber());
    }
    InvoiceTotals t = invoice.totals();
    for (Map.Entry<FieldPath, String> f : fields.entrySet()) {
      FieldPath path = f.getKey();
      if (!wanted(wantedFields, path)
          // The currency is written with any amount: an amount means nothing without it.
          && !(path.equals(Invoice.Fields.CURRENCY)
              && wanted(wantedFields, Invoice.Fields.TOTALS))) {
        continue;
      }
      String name = f.getValue();
      switch (path.value()) {
        case "status" -> r.put(name, invoice.status().name());
        case "orderNumber" -> r.put(name, invoice.orderNumber());
        case "accountNumber" -> r.put(name, invoice.accountNumber());
        case "issuedOn" -> r.put(name, date(invoice.issuedOn()));
        case "dueOn" -> r.put(name, date(invoice.dueOn()));
        case "currency" -> r.put(name, invoice.currency());
        case "totals.subtotal" -> r.put(name, amount(t == null ? null : t.subtotal()));
        case "totals.taxTotal" -> r.put(name, amount(t == null ? null : t.taxTotal()));
        case "totals.total" -> r.put(name, amount(t == null ? null : t.total()));
        case "totals.amountPaid" -> r.put(name, amount(t == null ? null : t.amountPaid()));
        case "totals.amountDue" -> r.put(name, amount(t == null ? null : t.amountDue()));
        default -> throw new IllegalStateException("unmapped invoice field " + path);
      }
    }
    writeCustom(r, invoice.extensions(), externalIdField, wantedFields);
    return r;
  }

  private static String date(LocalDate d) {
    return d == null ? null : d.toString();
  }

  private static BigDecimal amount(Money m) {
    return m == null ? null : m.amount();
  }

  @Override
  public Invoice fromSalesforce(JsonNode r) {
    String number = text(r, externalIdField);
    String currencyField = fields.get(Invoice.Fields.CURRENCY);
    String currency = currencyField == null ? null : text(r, currencyField);
    if (currency == null) {
      currency = orgCurrency;
    }
    if (currency == null) {
      throw ValidationException.of(
          sobject,
          currencyField == null ? "currency" : currencyField,
          null,
          "is empty and no orgCurrency is set; an invoice needs its currency");
    }
    Invoice.Builder b =
        Invoice.builder()
            .invoiceNumber(number)
            .currency(currency)
            .status(status(r))
            .orderNumber(textOf(r, Invoice.Fields.ORDER_NUMBER))
            .accountNumber(textOf(r, Invoice.Fields.ACCOUNT_NUMBER))
            .issuedOn(dateOf(r, Invoice.Fields.ISSUED_ON))
            .dueOn(dateOf(r, Invoice.Fields.DUE_ON));
    Money subtotal = moneyOf(r, Invoice.Fields.TOTALS_SUBTOTAL, currency);
    Money tax = moneyOf(r, Invoice.Fields.TOTALS_TAX_TOTAL, currency);
    Money total = moneyOf(r, Invoice.Fields.TOTALS_TOTAL, currency);
    Money paid = moneyOf(r, Invoice.Fields.TOTALS_AMOUNT_PAID, currency);
    Money due = moneyOf(r, Invoice.Fields.TOTALS_AMOUNT_DUE, currency);
    if (subtotal != null || tax != null || total != null || paid != null || due != null) {
      b.totals(new InvoiceTotals(subtotal, tax, total, paid, due));
    }
    Set<String> mapped = new LinkedHashSet<>(fields.values());
    readCustom(
        r,
        externalIdField,
        (k, v) -> {
          if (!mapped.contains(k)) {
            b.putExtension(k, v);
          }
        });
    return b.build();
  }

  private InvoiceStatus status(JsonNode r) {
    String name = fields.get(Invoice.Fields.STATUS);
    String value = name == null ? null : text(r, name);
    if (value == null) {
      throw ValidationException.of(
          sobject, name == null ? "status" : name, null, "is empty; an invoice needs its status");
    }
    try {
      return InvoiceStatus.valueOf(value.trim().toUpperCase(Locale.ROOT).replace(' ', '_'));
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(
          sobject, name, value, "is not an invoice status; expected one of " + statuses());
    }
  }

  private static List<String> statuses() {
    List<String> out = new ArrayList<>();
    for (InvoiceStatus s : InvoiceStatus.values()) {
      out.add(s.name());
    }
    return out;
  }

  private String textOf(JsonNode r, FieldPath path) {
    String name = fields.get(path);
    return name == null ? null : text(r, name);
  }

  private LocalDate dateOf(JsonNode r, FieldPath path) {
    String value = textOf(r, path);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ValidationException.of(sobject, fields.get(path), value, "is not a date (yyyy-MM-dd)");
    }
  }

  private Money moneyOf(JsonNode r, FieldPath path, String currency) {
    String name = fields.get(path);
    JsonNode v = name == null ? null : r.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw ValidationException.of(sobject, name, v.asText(), "is not a number");
    }
    return Money.of(v.decimalValue(), currency);
  }

  @Override
  public Set<FieldPath> mappedFields(Invoice invoice) {
    Set<FieldPath> out = new LinkedHashSet<>();
    out.add(Invoice.Fields.INVOICE_NUMBER);
    out.addAll(fields.keySet());
    invoice.extensions().keySet().forEach(k -> out.add(FieldPath.extension(k)));
    return out;
  }

  @Override
  public List<String> selectFields() {
    Set<String> out = new LinkedHashSet<>();
    out.add("Id");
    out.add("SystemModstamp");
    out.add("CreatedDate");
    out.add(externalIdField);
    out.addAll(fields.values());
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "InvoiceMapping[" + sobject + " by " + externalIdField + ", " + fields + "]";
  }

  /** Builds an {@link InvoiceMapping}. Not thread-safe. */
  public static final class Builder {
    private String sobject = "Invoice__c";
    private String externalIdField = "Invoice_Number__c";
    private final Map<FieldPath, String> fields = new LinkedHashMap<>();
    private boolean writeName = true;
    private String orgCurrency;

    private Builder() {
      fields.put(Invoice.Fields.STATUS, "Status__c");
      fields.put(Invoice.Fields.ORDER_NUMBER, "Order_Number__c");
      fields.put(Invoice.Fields.ACCOUNT_NUMBER, "Account_Number__c");
      fields.put(Invoice.Fields.ISSUED_ON, "Invoice_Date__c");
      fields.put(Invoice.Fields.DUE_ON, "Due_Date__c");
      fields.put(Invoice.Fields.CURRENCY, "Currency__c");
      fields.put(Invoice.Fields.TOTALS_SUBTOTAL, "Subtotal__c");
      fields.put(Invoice.Fields.TOTALS_TAX_TOTAL, "Tax_Total__c");
      fields.put(Invoice.Fields.TOTALS_TOTAL, "Total__c");
      fields.put(Invoice.Fields.TOTALS_AMOUNT_PAID, "Amount_Paid__c");
      fields.put(Invoice.Fields.TOTALS_AMOUNT_DUE, "Amount_Due__c");
    }

    /**
     * Sets the object's API name; {@code Invoice__c} by default.
     *
     * @param sobject the name, such as {@code ERP_Invoice__c}
     * @return this builder
     * @throws ValidationException when the name is not a Salesforce API name
     */
    public Builder sobject(String sobject) {
      this.sobject = fieldName("InvoiceMapping", "sobject", sobject);
      return this;
    }

    /**
     * Sets the unique External ID field that holds the invoice number; {@code Invoice_Number__c} by
     * default.
     *
     * @param field the field's API name
     * @return this builder
     * @throws ValidationException when the name is not a Salesforce field name
     */
    public Builder externalIdField(String field) {
      this.externalIdField = fieldName("InvoiceMapping", "externalIdField", field);
      return this;
    }

    /**
     * Writes a canonical field to the given Salesforce field, or leaves it out when {@code
     * salesforceField} is {@code null}.
     *
     * @param canonical one of {@link Invoice.Fields#STATUS}, {@code ORDER_NUMBER}, {@code
     *     ACCOUNT_NUMBER}, {@code ISSUED_ON}, {@code DUE_ON}, {@code CURRENCY}, {@code
     *     TOTALS_SUBTOTAL}, {@code TOTALS_TAX_TOTAL}, {@code TOTALS_TOTAL}, {@code
     *     TOTALS_AMOUNT_PAID}, {@code TOTALS_AMOUNT_DUE}
     * @param salesforceField the field's API name, or {@code null} to leave the field out
     * @return this builder
     * @throws ValidationException naming the argument when the canonical field cannot be mapped
     *     (the invoice number is the {@link #externalIdField}) or the name is not a field name
     */
    public Builder field(FieldPath canonical, String salesforceField) {
      Objects.requireNonNull(canonical, "canonical");
      if (!MAPPABLE.contains(canonical)) {
        throw ValidationException.of(
            "InvoiceMapping",
            "canonical",
            canonical.value(),
            "is not a field this mapping writes; one of "
                + MAPPABLE.stream().map(FieldPath::value).toList());
      }
      if (salesforceField == null) {
        fields.remove(canonical);
      } else {
        fields.put(canonical, fieldName("InvoiceMapping", "salesforceField", salesforceField));
      }
      return this;
    }

    /**
     * Sets whether the record's {@code Name} is written with the invoice number; on by default.
     * Turn it off when the object's name is an Auto Number, which cannot be written.
     *
     * @param writeName whether to write {@code Name}
     * @return this builder
     */
    public Builder writeName(boolean writeName) {
      this.writeName = writeName;
      return this;
    }

    /**
     * Sets the currency of invoices read from records whose currency field is empty or not mapped;
     * none by default (such a record then fails to read, naming the field).
     *
     * @param currency an ISO 4217 code
     * @return this builder
     * @throws ValidationException when the code is not ISO 4217
     */
    public Builder orgCurrency(String currency) {
      Money.checkCurrency("InvoiceMapping", "orgCurrency", currency);
      this.orgCurrency = currency;
      return this;
    }

    /**
     * Builds the mapping.
     *
     * @return the mapping
     * @throws ValidationException when the status is not mapped (an invoice read back needs it), or
     *     two canonical fields are written to one Salesforce field
     */
    public InvoiceMapping build() {
      if (!fields.containsKey(Invoice.Fields.STATUS)) {
        throw ValidationException.of(
            "InvoiceMapping", "fields", "status", "must be mapped: an invoice needs its status");
      }
      Map<String, FieldPath> seen = new LinkedHashMap<>();
      for (Map.Entry<FieldPath, String> f : fields.entrySet()) {
        FieldPath before = seen.putIfAbsent(f.getValue().toLowerCase(Locale.ROOT), f.getKey());
        if (before != null
            || f.getValue().equalsIgnoreCase(externalIdField)
            || (writeName && f.getValue().equalsIgnoreCase("Name"))) {
          throw ValidationException.of(
              "InvoiceMapping",
              "fields",
              f.getValue(),
              "is written twice (for "
                  + (before == null ? "the invoice number or name" : before.value())
                  + " and "
                  + f.getKey().value()
                  + "); give each canonical field its own Salesforce field");
        }
      }
      return new InvoiceMapping(this);
    }
  }
}
