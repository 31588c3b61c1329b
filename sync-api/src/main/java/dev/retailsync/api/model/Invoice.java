package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An invoice (or credit note) for an order or an account: its lines, taxes, totals, payments and
 * status. The ERP or billing system owns invoices; channels and Salesforce receive them.
 *
 * <p>Every amount is in the invoice's currency; a mismatch is a {@link ValidationException} naming
 * the amount's path, such as {@code totals.total.currency}.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}. {@code
 * toString()} shows the numbers, status, currency and dates only.
 *
 * @param invoiceNumber the invoice number, never blank
 * @param orderNumber the order invoiced, or {@code null}
 * @param accountNumber the account billed, or {@code null}
 * @param issuedOn the invoice date, or {@code null} for a draft
 * @param dueOn the due date, not before {@code issuedOn}, or {@code null}
 * @param status the invoice's status, never {@code null}
 * @param currency the ISO-4217 currency of every amount in the invoice, never {@code null}
 * @param lines the invoice lines, with distinct line numbers; never {@code null}
 * @param taxes the invoice's taxes, summed by code; never {@code null}
 * @param totals the totals as the issuing system computed them, or {@code null}
 * @param payments the payments applied to the invoice; never {@code null}
 * @param extensions a company's custom fields; never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion"})
public record Invoice(
    @NotBlank @Size(max = 64) String invoiceNumber,
    @Size(max = 64) String orderNumber,
    @Size(max = 64) String accountNumber,
    LocalDate issuedOn,
    LocalDate dueOn,
    @NotNull InvoiceStatus status,
    @NotNull String currency,
    List<@Valid InvoiceLine> lines,
    List<@Valid TaxLine> taxes,
    @Valid InvoiceTotals totals,
    List<@Valid Payment> payments,
    @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions)
    implements CanonicalEntity {

  private static final Set<String> PROPERTIES =
      Set.of(
          "schemaVersion",
          "invoiceNumber",
          "orderNumber",
          "accountNumber",
          "issuedOn",
          "dueOn",
          "status",
          "currency",
          "lines",
          "taxes",
          "totals",
          "payments");

  // Checks the components; see the class documentation for the rules.
  public Invoice {
    Checks.requiredText("Invoice", "invoiceNumber", invoiceNumber);
    Checks.optionalText("Invoice", "orderNumber", orderNumber);
    Checks.optionalText("Invoice", "accountNumber", accountNumber);
    if (issuedOn != null && dueOn != null && dueOn.isBefore(issuedOn)) {
      throw ValidationException.of(
          "Invoice", "dueOn", dueOn, "must not be before issuedOn " + issuedOn);
    }
    Checks.required("Invoice", "status", status);
    Checks.required("Invoice", "currency", currency);
    Money.checkCurrency("Invoice", "currency", currency);
    lines = Checks.list("Invoice", "lines", lines);
    taxes = Checks.list("Invoice", "taxes", taxes);
    payments = Checks.list("Invoice", "payments", payments);
    checkLines(currency, lines);
    for (int i = 0; i < taxes.size(); i++) {
      Quantities.sameCurrency(
          "Invoice", currency, "taxes[" + i + "].amount", taxes.get(i).amount());
    }
    for (int i = 0; i < payments.size(); i++) {
      Quantities.sameCurrency(
          "Invoice", currency, "payments[" + i + "].amount", payments.get(i).amount());
    }
    if (totals != null) {
      Quantities.sameCurrency("Invoice", currency, "totals.subtotal", totals.subtotal());
      Quantities.sameCurrency("Invoice", currency, "totals.taxTotal", totals.taxTotal());
      Quantities.sameCurrency("Invoice", currency, "totals.total", totals.total());
      Quantities.sameCurrency("Invoice", currency, "totals.amountPaid", totals.amountPaid());
      Quantities.sameCurrency("Invoice", currency, "totals.amountDue", totals.amountDue());
    }
    extensions = Checks.extensions("Invoice", extensions, PROPERTIES);
  }

  @Override
  public EntityType<Invoice> entityType() {
    return EntityType.INVOICE;
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with every component unset, empty lists and no extensions
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with this invoice's components.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.invoiceNumber = invoiceNumber;
    b.orderNumber = orderNumber;
    b.accountNumber = accountNumber;
    b.issuedOn = issuedOn;
    b.dueOn = dueOn;
    b.status = status;
    b.currency = currency;
    b.lines.addAll(lines);
    b.taxes.addAll(taxes);
    b.totals = totals;
    b.payments.addAll(payments);
    b.extensions.putAll(extensions);
    return b;
  }

  /**
   * Shows the numbers, status, currency and dates, but not the extensions.
   *
   * @return a short rendering
   */
  @Override
  public String toString() {
    return "Invoice[invoiceNumber="
        + invoiceNumber
        + ", orderNumber="
        + orderNumber
        + ", accountNumber="
        + accountNumber
        + ", status="
        + status
        + ", currency="
        + currency
        + ", issuedOn="
        + issuedOn
        + ", dueOn="
        + dueOn
        + ", lines="
        + lines.size()
        + ", <other fields omitted>]";
  }

  private static void checkLines(String currency, List<InvoiceLine> lines) {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      InvoiceLine line = lines.get(i);
      String p = "lines[" + i + "]";
      if (!seen.add(line.lineNumber())) {
        throw ValidationException.of(
            "Invoice",
            p + ".lineNumber",
            line.lineNumber(),
            "is used by an earlier line; line numbers must be distinct");
      }
      Quantities.sameCurrency("Invoice", currency, p + ".unitPrice", line.unitPrice());
      for (int j = 0; j < line.taxes().size(); j++) {
        Quantities.sameCurrency(
            "Invoice", currency, p + ".taxes[" + j + "].amount", line.taxes().get(j).amount());
      }
      Quantities.sameCurrency("Invoice", currency, p + ".lineTotal", line.lineTotal());
    }
  }

  /** The field catalogue of an invoice: the paths ownership rules, diffs and mappings name. */
  public static final class Fields {
    private Fields() {}

    /** The invoice number. */
    public static final FieldPath INVOICE_NUMBER = FieldPath.of("invoiceNumber");

    /** The order number. */
    public static final FieldPath ORDER_NUMBER = FieldPath.of("orderNumber");

    /** The account number. */
    public static final FieldPath ACCOUNT_NUMBER = FieldPath.of("accountNumber");

    /** The invoice date. */
    public static final FieldPath ISSUED_ON = FieldPath.of("issuedOn");

    /** The due date. */
    public static final FieldPath DUE_ON = FieldPath.of("dueOn");

    /** The invoice status. */
    public static final FieldPath STATUS = FieldPath.of("status");

    /** The invoice currency. */
    public static final FieldPath CURRENCY = FieldPath.of("currency");

    /** The invoice lines. */
    public static final FieldPath LINES = FieldPath.of("lines");

    /** The taxes. */
    public static final FieldPath TAXES = FieldPath.of("taxes");

    /** The totals group. */
    public static final FieldPath TOTALS = FieldPath.of("totals");

    /** The subtotal. */
    public static final FieldPath TOTALS_SUBTOTAL = FieldPath.of("totals.subtotal");

    /** The tax total. */
    public static final FieldPath TOTALS_TAX_TOTAL = FieldPath.of("totals.taxTotal");

    /** The invoiced total. */
    public static final FieldPath TOTALS_TOTAL = FieldPath.of("totals.total");

    /** The amount paid. */
    public static final FieldPath TOTALS_AMOUNT_PAID = FieldPath.of("totals.amountPaid");

    /** The amount due. */
    public static final FieldPath TOTALS_AMOUNT_DUE = FieldPath.of("totals.amountDue");

    /** The payments. */
    public static final FieldPath PAYMENTS = FieldPath.of("payments");
  }

  /** Builds an {@link Invoice}. Not thread-safe. */
  public static final class Builder {
    private String invoiceNumber;
    private String orderNumber;
    private String accountNumber;
    private LocalDate issuedOn;
    private LocalDate dueOn;
    private InvoiceStatus status;
    private String currency;
    private final List<InvoiceLine> lines = new ArrayList<>();
    private final List<TaxLine> taxes = new ArrayList<>();
    private InvoiceTotals totals;
    private final List<Payment> payments = new ArrayList<>();
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the invoice number; required.
     *
     * @param invoiceNumber the invoice number
     * @return this builder
     */
    public Builder invoiceNumber(String invoiceNumber) {
      this.invoiceNumber = invoiceNumber;
      return this;
    }

    /**
     * Sets the order number.
     *
     * @param orderNumber the order number
     * @return this builder
     */
    public Builder orderNumber(String orderNumber) {
      this.orderNumber = orderNumber;
      return this;
    }

    /**
     * Sets the account number.
     *
     * @param accountNumber the account number
     * @return this builder
     */
    public Builder accountNumber(String accountNumber) {
      this.accountNumber = accountNumber;
      return this;
    }

    /**
     * Sets the invoice date.
     *
     * @param issuedOn the issued on
     * @return this builder
     */
    public Builder issuedOn(LocalDate issuedOn) {
      this.issuedOn = issuedOn;
      return this;
    }

    /**
     * Sets the due date.
     *
     * @param dueOn the due on
     * @return this builder
     */
    public Builder dueOn(LocalDate dueOn) {
      this.dueOn = dueOn;
      return this;
    }

    /**
     * Sets the status; required.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(InvoiceStatus status) {
      this.status = status;
      return this;
    }

    /**
     * Sets the invoice's ISO-4217 currency; required.
     *
     * @param currency the currency
     * @return this builder
     */
    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    /**
     * Sets the invoice lines, replacing any set before.
     *
     * @param lines the invoice lines; {@code null} clears them
     * @return this builder
     */
    public Builder lines(List<InvoiceLine> lines) {
      this.lines.clear();
      if (lines != null) {
        this.lines.addAll(lines);
      }
      return this;
    }

    /**
     * Adds an item to the invoice lines.
     *
     * @param item the item to add
     * @return this builder
     */
    public Builder addLine(InvoiceLine item) {
      this.lines.add(item);
      return this;
    }

    /**
     * Sets the taxes, replacing any set before.
     *
     * @param taxes the taxes; {@code null} clears them
     * @return this builder
     */
    public Builder taxes(List<TaxLine> taxes) {
      this.taxes.clear();
      if (taxes != null) {
        this.taxes.addAll(taxes);
      }
      return this;
    }

    /**
     * Adds an item to the taxes.
     *
     * @param item the item to add
     * @return this builder
     */
    public Builder addTax(TaxLine item) {
      this.taxes.add(item);
      return this;
    }

    /**
     * Sets the totals.
     *
     * @param totals the totals
     * @return this builder
     */
    public Builder totals(InvoiceTotals totals) {
      this.totals = totals;
      return this;
    }

    /**
     * Sets the payments, replacing any set before.
     *
     * @param payments the payments; {@code null} clears them
     * @return this builder
     */
    public Builder payments(List<Payment> payments) {
      this.payments.clear();
      if (payments != null) {
        this.payments.addAll(payments);
      }
      return this;
    }

    /**
     * Adds an item to the payments.
     *
     * @param item the item to add
     * @return this builder
     */
    public Builder addPayment(Payment item) {
      this.payments.add(item);
      return this;
    }

    /**
     * Replaces all custom fields.
     *
     * @param extensions the custom fields
     * @return this builder
     */
    public Builder extensions(Map<String, ?> extensions) {
      this.extensions.clear();
      this.extensions.putAll(extensions);
      return this;
    }

    /**
     * Adds or replaces one custom field.
     *
     * @param name the field's name
     * @param value its value: text, a number, a boolean, {@code null}, or a list or map of those
     * @return this builder
     */
    public Builder putExtension(String name, Object value) {
      this.extensions.put(name, value);
      return this;
    }

    /**
     * Builds the invoice.
     *
     * @return the invoice
     * @throws ValidationException naming the component if a required one is missing or malformed,
     *     {@code dueOn} is before {@code issuedOn}, two lines share a line number, or an amount is
     *     not in the invoice's currency
     */
    public Invoice build() {
      return new Invoice(
          invoiceNumber,
          orderNumber,
          accountNumber,
          issuedOn,
          dueOn,
          status,
          currency,
          lines,
          taxes,
          totals,
          payments,
          extensions);
    }
  }
}
