package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sales order from any channel: who ordered, what, at which prices, taxes and discounts, how it
 * was paid, where it ships and where it is billed, and how far it has come ({@link OrderStatus}). A
 * channel captures the order; once the ERP accepts it, the ERP owns its status and numbers, and
 * lines are no longer editable by the channel.
 *
 * <p>Every amount in an order (line prices, discounts, taxes, line totals, payments and totals) is
 * in the order's currency; a mismatch is a {@link ValidationException} naming the amount's path,
 * such as {@code lines[1].unitPrice.currency}. Nothing converts currencies implicitly.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}. {@code
 * toString()} shows the numbers, channel, status, currency and line count only: the e-mail and
 * addresses are personal data.
 *
 * @param orderNumber the order number the customer sees, never blank
 * @param channel the channel that captured the order, such as {@code "shopify"} or {@code "store"},
 *     or {@code null}
 * @param status how far the order has come, never {@code null}
 * @param accountNumber the customer's account number, or {@code null} for a guest order
 * @param customerEmail the e-mail the customer gave with the order (personal data), or {@code null}
 * @param orderedAt when the customer placed the order, or {@code null} when unknown
 * @param currency the ISO-4217 currency of every amount in the order, never {@code null}
 * @param lines the order lines, with distinct line numbers; never {@code null}
 * @param payments the payments against the order; never {@code null}
 * @param taxes the order-level taxes, such as tax on shipping; never {@code null}
 * @param discounts the order-level discounts; never {@code null}
 * @param totals the totals as the source computed them, or {@code null}
 * @param shippingAddress where the order ships (personal data), or {@code null}
 * @param billingAddress where the order is billed (personal data), or {@code null}
 * @param erpOrderNumber the ERP's own order number once it has accepted the order, or {@code null}
 * @param purchaseOrderNumber the customer's purchase-order number (B2B), or {@code null}
 * @param extensions a company's custom fields; never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion"})
public record Order(
    @NotBlank @Size(max = 64) String orderNumber,
    @Size(max = 64) String channel,
    @NotNull OrderStatus status,
    @Size(max = 64) String accountNumber,
    @Email @Size(max = 254) String customerEmail,
    Instant orderedAt,
    @NotNull String currency,
    List<@Valid OrderLine> lines,
    List<@Valid Payment> payments,
    List<@Valid TaxLine> taxes,
    List<@Valid Discount> discounts,
    @Valid OrderTotals totals,
    @Valid PostalAddress shippingAddress,
    @Valid PostalAddress billingAddress,
    @Size(max = 64) String erpOrderNumber,
    @Size(max = 64) String purchaseOrderNumber,
    @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions)
    implements CanonicalEntity {

  private static final Set<String> PROPERTIES =
      Set.of(
          "schemaVersion",
          "orderNumber",
          "channel",
          "status",
          "accountNumber",
          "customerEmail",
          "orderedAt",
          "currency",
          "lines",
          "payments",
          "taxes",
          "discounts",
          "totals",
          "shippingAddress",
          "billingAddress",
          "erpOrderNumber",
          "purchaseOrderNumber");

  // Checks the components; see the class documentation for the rules.
  public Order {
    Checks.requiredText("Order", "orderNumber", orderNumber);
    Checks.optionalText("Order", "channel", channel);
    Checks.required("Order", "status", status);
    Checks.optionalText("Order", "accountNumber", accountNumber);
    if (customerEmail != null && customerEmail.isBlank()) {
      throw new ValidationException(
          "Order",
          List.of(
              FieldError.redacted(
                  "customerEmail", "must not be blank; leave it out (null) when there is none")));
    }
    Checks.required("Order", "currency", currency);
    Money.checkCurrency("Order", "currency", currency);
    lines = Checks.list("Order", "lines", lines);
    payments = Checks.list("Order", "payments", payments);
    taxes = Checks.list("Order", "taxes", taxes);
    discounts = Checks.list("Order", "discounts", discounts);
    Checks.optionalText("Order", "erpOrderNumber", erpOrderNumber);
    Checks.optionalText("Order", "purchaseOrderNumber", purchaseOrderNumber);
    checkLineNumbers(lines);
    checkCurrency(currency, lines, payments, taxes, discounts, totals);
    extensions = Checks.extensions("Order", extensions, PROPERTIES);
  }

  @Override
  public EntityType<Order> entityType() {
    return EntityType.ORDER;
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
   * Returns a builder initialised with this order's components.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.orderNumber = orderNumber;
    b.channel = channel;
    b.status = status;
    b.accountNumber = accountNumber;
    b.customerEmail = customerEmail;
    b.orderedAt = orderedAt;
    b.currency = currency;
    b.lines.addAll(lines);
    b.payments.addAll(payments);
    b.taxes.addAll(taxes);
    b.discounts.addAll(discounts);
    b.totals = totals;
    b.shippingAddress = shippingAddress;
    b.billingAddress = billingAddress;
    b.erpOrderNumber = erpOrderNumber;
    b.purchaseOrderNumber = purchaseOrderNumber;
    b.extensions.putAll(extensions);
    return b;
  }

  /**
   * Shows the numbers, channel, status, currency and line count; the e-mail and addresses are
   * personal data.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return "Order[orderNumber="
        + orderNumber
        + ", erpOrderNumber="
        + erpOrderNumber
        + ", channel="
        + channel
        + ", status="
        + status
        + ", accountNumber="
        + accountNumber
        + ", currency="
        + currency
        + ", lines="
        + lines.size()
        + ", <other fields redacted>]";
  }

  private static void checkLineNumbers(List<OrderLine> lines) {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!seen.add(lines.get(i).lineNumber())) {
        throw ValidationException.of(
            "Order",
            "lines[" + i + "].lineNumber",
            lines.get(i).lineNumber(),
            "is used by an earlier line; line numbers must be distinct");
      }
    }
  }

  private static void checkCurrency(
      String currency,
      List<OrderLine> lines,
      List<Payment> payments,
      List<TaxLine> taxes,
      List<Discount> discounts,
      OrderTotals totals) {
    for (int i = 0; i < lines.size(); i++) {
      OrderLine line = lines.get(i);
      String p = "lines[" + i + "]";
      Quantities.sameCurrency("Order", currency, p + ".unitPrice", line.unitPrice());
      for (int j = 0; j < line.discounts().size(); j++) {
        Quantities.sameCurrency(
            "Order",
            currency,
            p + ".discounts[" + j + "].amount",
            line.discounts().get(j).amount());
      }
      for (int j = 0; j < line.taxes().size(); j++) {
        Quantities.sameCurrency(
            "Order", currency, p + ".taxes[" + j + "].amount", line.taxes().get(j).amount());
      }
      Quantities.sameCurrency("Order", currency, p + ".lineTotal", line.lineTotal());
    }
    for (int i = 0; i < payments.size(); i++) {
      Quantities.sameCurrency(
          "Order", currency, "payments[" + i + "].amount", payments.get(i).amount());
    }
    for (int i = 0; i < taxes.size(); i++) {
      Quantities.sameCurrency("Order", currency, "taxes[" + i + "].amount", taxes.get(i).amount());
    }
    for (int i = 0; i < discounts.size(); i++) {
      Quantities.sameCurrency(
          "Order", currency, "discounts[" + i + "].amount", discounts.get(i).amount());
    }
    if (totals != null) {
      Quantities.sameCurrency("Order", currency, "totals.subtotal", totals.subtotal());
      Quantities.sameCurrency("Order", currency, "totals.discountTotal", totals.discountTotal());
      Quantities.sameCurrency("Order", currency, "totals.taxTotal", totals.taxTotal());
      Quantities.sameCurrency("Order", currency, "totals.shippingTotal", totals.shippingTotal());
      Quantities.sameCurrency("Order", currency, "totals.grandTotal", totals.grandTotal());
    }
  }

  /** The field catalogue of an order: the paths ownership rules, diffs and mappings name. */
  public static final class Fields {
    private Fields() {}

    /** The order number. */
    public static final FieldPath ORDER_NUMBER = FieldPath.of("orderNumber");

    /** The capturing channel. */
    public static final FieldPath CHANNEL = FieldPath.of("channel");

    /** The order status. */
    public static final FieldPath STATUS = FieldPath.of("status");

    /** The customer's account number. */
    public static final FieldPath ACCOUNT_NUMBER = FieldPath.of("accountNumber");

    /** The customer's e-mail. */
    public static final FieldPath CUSTOMER_EMAIL = FieldPath.of("customerEmail");

    /** When the order was placed. */
    public static final FieldPath ORDERED_AT = FieldPath.of("orderedAt");

    /** The order currency. */
    public static final FieldPath CURRENCY = FieldPath.of("currency");

    /** The order lines. */
    public static final FieldPath LINES = FieldPath.of("lines");

    /** The payments. */
    public static final FieldPath PAYMENTS = FieldPath.of("payments");

    /** The order-level taxes. */
    public static final FieldPath TAXES = FieldPath.of("taxes");

    /** The order-level discounts. */
    public static final FieldPath DISCOUNTS = FieldPath.of("discounts");

    /** The totals group. */
    public static final FieldPath TOTALS = FieldPath.of("totals");

    /** The subtotal. */
    public static final FieldPath TOTALS_SUBTOTAL = FieldPath.of("totals.subtotal");

    /** The discount total. */
    public static final FieldPath TOTALS_DISCOUNT_TOTAL = FieldPath.of("totals.discountTotal");

    /** The tax total. */
    public static final FieldPath TOTALS_TAX_TOTAL = FieldPath.of("totals.taxTotal");

    /** The shipping total. */
    public static final FieldPath TOTALS_SHIPPING_TOTAL = FieldPath.of("totals.shippingTotal");

    /** The grand total. */
    public static final FieldPath TOTALS_GRAND_TOTAL = FieldPath.of("totals.grandTotal");

    /** The shipping address group. */
    public static final FieldPath SHIPPING_ADDRESS = FieldPath.of("shippingAddress");

    /** The shipping postal code. */
    public static final FieldPath SHIPPING_ADDRESS_POSTAL_CODE =
        FieldPath.of("shippingAddress.postalCode");

    /** The shipping country. */
    public static final FieldPath SHIPPING_ADDRESS_COUNTRY =
        FieldPath.of("shippingAddress.country");

    /** The billing address group. */
    public static final FieldPath BILLING_ADDRESS = FieldPath.of("billingAddress");

    /** The billing postal code. */
    public static final FieldPath BILLING_ADDRESS_POSTAL_CODE =
        FieldPath.of("billingAddress.postalCode");

    /** The billing country. */
    public static final FieldPath BILLING_ADDRESS_COUNTRY = FieldPath.of("billingAddress.country");

    /** The ERP order number. */
    public static final FieldPath ERP_ORDER_NUMBER = FieldPath.of("erpOrderNumber");

    /** The customer's purchase-order number. */
    public static final FieldPath PURCHASE_ORDER_NUMBER = FieldPath.of("purchaseOrderNumber");
  }

  /** Builds an {@link Order}. Not thread-safe. */
  public static final class Builder {
    private String orderNumber;
    private String channel;
    private OrderStatus status;
    private String accountNumber;
    private String customerEmail;
    private Instant orderedAt;
    private String currency;
    private final List<OrderLine> lines = new ArrayList<>();
    private final List<Payment> payments = new ArrayList<>();
    private final List<TaxLine> taxes = new ArrayList<>();
    private final List<Discount> discounts = new ArrayList<>();
    private OrderTotals totals;
    private PostalAddress shippingAddress;
    private PostalAddress billingAddress;
    private String erpOrderNumber;
    private String purchaseOrderNumber;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the order number; required.
     *
     * @param orderNumber the order number
     * @return this builder
     */
    public Builder orderNumber(String orderNumber) {
      this.orderNumber = orderNumber;
      return this;
    }

    /**
     * Sets the capturing channel, such as {@code "shopify"}.
     *
     * @param channel the channel
     * @return this builder
     */
    public Builder channel(String channel) {
      this.channel = channel;
      return this;
    }

    /**
     * Sets the order's status; required.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(OrderStatus status) {
      this.status = status;
      return this;
    }

    /**
     * Sets the customer's account number.
     *
     * @param accountNumber the account number
     * @return this builder
     */
    public Builder accountNumber(String accountNumber) {
      this.accountNumber = accountNumber;
      return this;
    }

    /**
     * Sets the customer's e-mail.
     *
     * @param customerEmail the customer email
     * @return this builder
     */
    public Builder customerEmail(String customerEmail) {
      this.customerEmail = customerEmail;
      return this;
    }

    /**
     * Sets when the order was placed.
     *
     * @param orderedAt the ordered at
     * @return this builder
     */
    public Builder orderedAt(Instant orderedAt) {
      this.orderedAt = orderedAt;
      return this;
    }

    /**
     * Sets the order's ISO-4217 currency; required.
     *
     * @param currency the currency
     * @return this builder
     */
    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    /**
     * Sets the order lines, replacing any set before.
     *
     * @param lines the order lines; {@code null} clears them
     * @return this builder
     */
    public Builder lines(List<OrderLine> lines) {
      this.lines.clear();
      if (lines != null) {
        this.lines.addAll(lines);
      }
      return this;
    }

    /**
     * Adds an item to the order lines.
     *
     * @param item the item to add
     * @return this builder
     */
    public Builder addLine(OrderLine item) {
      this.lines.add(item);
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
     * Sets the order-level taxes, replacing any set before.
     *
     * @param taxes the order-level taxes; {@code null} clears them
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
     * Adds an item to the order-level taxes.
     *
     * @param item the item to add
     * @return this builder
     */
    public Builder addTax(TaxLine item) {
      this.taxes.add(item);
      return this;
    }

    /**
     * Sets the order-level discounts, replacing any set before.
     *
     * @param discounts the order-level discounts; {@code null} clears them
     * @return this builder
     */
    public Builder discounts(List<Discount> discounts) {
      this.discounts.clear();
      if (discounts != null) {
        this.discounts.addAll(discounts);
      }
      return this;
    }

    /**
     * Adds an item to the order-level discounts.
     *
     * @param item the item to add
     * @return this builder
     */
    public Builder addDiscount(Discount item) {
      this.discounts.add(item);
      return this;
    }

    /**
     * Sets the order totals.
     *
     * @param totals the totals
     * @return this builder
     */
    public Builder totals(OrderTotals totals) {
      this.totals = totals;
      return this;
    }

    /**
     * Sets the shipping address.
     *
     * @param shippingAddress the shipping address
     * @return this builder
     */
    public Builder shippingAddress(PostalAddress shippingAddress) {
      this.shippingAddress = shippingAddress;
      return this;
    }

    /**
     * Sets the billing address.
     *
     * @param billingAddress the billing address
     * @return this builder
     */
    public Builder billingAddress(PostalAddress billingAddress) {
      this.billingAddress = billingAddress;
      return this;
    }

    /**
     * Sets the ERP's order number.
     *
     * @param erpOrderNumber the erp order number
     * @return this builder
     */
    public Builder erpOrderNumber(String erpOrderNumber) {
      this.erpOrderNumber = erpOrderNumber;
      return this;
    }

    /**
     * Sets the customer's purchase-order number.
     *
     * @param purchaseOrderNumber the purchase order number
     * @return this builder
     */
    public Builder purchaseOrderNumber(String purchaseOrderNumber) {
      this.purchaseOrderNumber = purchaseOrderNumber;
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
     * Builds the order.
     *
     * @return the order
     * @throws ValidationException naming the component if a required one is missing or malformed,
     *     two lines share a line number, or an amount is not in the order's currency (the path then
     *     names the amount, such as {@code lines[1].unitPrice.currency})
     */
    public Order build() {
      return new Order(
          orderNumber,
          channel,
          status,
          accountNumber,
          customerEmail,
          orderedAt,
          currency,
          lines,
          payments,
          taxes,
          discounts,
          totals,
          shippingAddress,
          billingAddress,
          erpOrderNumber,
          purchaseOrderNumber,
          extensions);
    }
  }
}
