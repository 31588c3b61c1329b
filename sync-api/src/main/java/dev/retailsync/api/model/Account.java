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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A customer account, B2C or B2B: who buys, on which commercial terms (credit, payment terms, tax
 * class and exemption, price group, currency), where they are billed and shipped, and their loyalty
 * membership and marketing consent. In most retail landscapes the ERP owns the commercial terms,
 * Salesforce owns consent and service preferences, and addresses are shared with a conflict rule;
 * see {@link Fields} for the paths such rules name.
 *
 * <p>A channel that captures a new customer creates the account as {@link
 * AccountStatus#PROVISIONAL}; it becomes {@link AccountStatus#ACTIVE} once the ERP approves it.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}. {@code
 * toString()} shows the account number, type and status only: names, addresses and e-mails are
 * personal data for consumers.
 *
 * @param accountNumber the business's own account number, or {@code null} before one is issued
 * @param name the account's display name (a person's or an organisation's name), never blank
 * @param customerType consumer or business, never {@code null}
 * @param status the account's lifecycle status, never {@code null}
 * @param credit the credit standing, or {@code null} when unknown
 * @param paymentTerms the payment-terms code, such as {@code "NET30"}, or {@code null}
 * @param taxClass the tax class code, or {@code null}
 * @param taxId the VAT or tax registration number, or {@code null}
 * @param taxExemption the tax exemption, or {@code null} when not exempt or unknown
 * @param priceGroup the price group or price list code, or {@code null}
 * @param currency the ISO-4217 currency the account trades in, or {@code null}
 * @param billing the billing profile, or {@code null}
 * @param shipping the default shipping profile, or {@code null}
 * @param loyalty the loyalty membership, or {@code null}
 * @param marketingConsent marketing consent, or {@code null} when unknown
 * @param extensions a company's custom fields; never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion"})
public record Account(
    @Size(max = 64) String accountNumber,
    @NotBlank @Size(max = 255) String name,
    @NotNull CustomerType customerType,
    @NotNull AccountStatus status,
    @Valid CreditTerms credit,
    @Size(max = 64) String paymentTerms,
    @Size(max = 64) String taxClass,
    @Size(max = 64) String taxId,
    @Valid TaxExemption taxExemption,
    @Size(max = 64) String priceGroup,
    String currency,
    @Valid BillingProfile billing,
    @Valid ShippingProfile shipping,
    @Valid LoyaltyMembership loyalty,
    @Valid MarketingConsent marketingConsent,
    @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions)
    implements CanonicalEntity {

  private static final Set<String> PROPERTIES =
      Set.of(
          "schemaVersion",
          "accountNumber",
          "name",
          "customerType",
          "status",
          "credit",
          "paymentTerms",
          "taxClass",
          "taxId",
          "taxExemption",
          "priceGroup",
          "currency",
          "billing",
          "shipping",
          "loyalty",
          "marketingConsent");

  // Checks the components; see the class documentation for the rules.
  public Account {
    Checks.optionalText("Account", "accountNumber", accountNumber);
    Checks.requiredText("Account", "name", name);
    Checks.required("Account", "customerType", customerType);
    Checks.required("Account", "status", status);
    Checks.optionalText("Account", "paymentTerms", paymentTerms);
    Checks.optionalText("Account", "taxClass", taxClass);
    Checks.optionalText("Account", "taxId", taxId);
    Checks.optionalText("Account", "priceGroup", priceGroup);
    if (currency != null) {
      Money.checkCurrency("Account", "currency", currency);
    }
    extensions = Checks.extensions("Account", extensions, PROPERTIES);
  }

  @Override
  public EntityType<Account> entityType() {
    return EntityType.ACCOUNT;
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with every component unset and no extensions
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with this account's components.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.accountNumber = accountNumber;
    b.name = name;
    b.customerType = customerType;
    b.status = status;
    b.credit = credit;
    b.paymentTerms = paymentTerms;
    b.taxClass = taxClass;
    b.taxId = taxId;
    b.taxExemption = taxExemption;
    b.priceGroup = priceGroup;
    b.currency = currency;
    b.billing = billing;
    b.shipping = shipping;
    b.loyalty = loyalty;
    b.marketingConsent = marketingConsent;
    b.extensions.putAll(extensions);
    return b;
  }

  /**
   * Shows the account number, customer type and status; the rest may be personal data.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return "Account[accountNumber="
        + accountNumber
        + ", customerType="
        + customerType
        + ", status="
        + status
        + ", <other fields redacted>]";
  }

  /** The field catalogue of an account: the paths ownership rules, diffs and mappings name. */
  public static final class Fields {
    private Fields() {}

    /** The account number. */
    public static final FieldPath ACCOUNT_NUMBER = FieldPath.of("accountNumber");

    /** The display name. */
    public static final FieldPath NAME = FieldPath.of("name");

    /** Consumer or business. */
    public static final FieldPath CUSTOMER_TYPE = FieldPath.of("customerType");

    /** The lifecycle status. */
    public static final FieldPath STATUS = FieldPath.of("status");

    /** The credit group: status, limit and balance. */
    public static final FieldPath CREDIT = FieldPath.of("credit");

    /** The credit status. */
    public static final FieldPath CREDIT_STATUS = FieldPath.of("credit.status");

    /** The credit limit. */
    public static final FieldPath CREDIT_LIMIT = FieldPath.of("credit.limit");

    /** The open balance. */
    public static final FieldPath CREDIT_BALANCE = FieldPath.of("credit.balance");

    /** The payment terms. */
    public static final FieldPath PAYMENT_TERMS = FieldPath.of("paymentTerms");

    /** The tax class. */
    public static final FieldPath TAX_CLASS = FieldPath.of("taxClass");

    /** The tax registration number. */
    public static final FieldPath TAX_ID = FieldPath.of("taxId");

    /** The tax exemption group. */
    public static final FieldPath TAX_EXEMPTION = FieldPath.of("taxExemption");

    /** The price group. */
    public static final FieldPath PRICE_GROUP = FieldPath.of("priceGroup");

    /** The trading currency. */
    public static final FieldPath CURRENCY = FieldPath.of("currency");

    /** The billing profile group. */
    public static final FieldPath BILLING = FieldPath.of("billing");

    /** The billing address group. */
    public static final FieldPath BILLING_ADDRESS = FieldPath.of("billing.address");

    /** The invoice e-mail. */
    public static final FieldPath BILLING_EMAIL = FieldPath.of("billing.email");

    /** The shipping profile group. */
    public static final FieldPath SHIPPING = FieldPath.of("shipping");

    /** The default shipping address group. */
    public static final FieldPath SHIPPING_ADDRESS = FieldPath.of("shipping.address");

    /** The loyalty membership group. */
    public static final FieldPath LOYALTY = FieldPath.of("loyalty");

    /** The marketing consent group. */
    public static final FieldPath MARKETING_CONSENT = FieldPath.of("marketingConsent");

    /** E-mail marketing consent. */
    public static final FieldPath MARKETING_CONSENT_EMAIL = FieldPath.of("marketingConsent.email");

    /** SMS marketing consent. */
    public static final FieldPath MARKETING_CONSENT_SMS = FieldPath.of("marketingConsent.sms");
  }

  /** Builds an {@link Account}. Not thread-safe. */
  public static final class Builder {
    private String accountNumber;
    private String name;
    private CustomerType customerType;
    private AccountStatus status;
    private CreditTerms credit;
    private String paymentTerms;
    private String taxClass;
    private String taxId;
    private TaxExemption taxExemption;
    private String priceGroup;
    private String currency;
    private BillingProfile billing;
    private ShippingProfile shipping;
    private LoyaltyMembership loyalty;
    private MarketingConsent marketingConsent;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Builder() {}

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
     * Sets the display name; required.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets consumer or business; required.
     *
     * @param customerType the customer type
     * @return this builder
     */
    public Builder customerType(CustomerType customerType) {
      this.customerType = customerType;
      return this;
    }

    /**
     * Sets the lifecycle status; required.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(AccountStatus status) {
      this.status = status;
      return this;
    }

    /**
     * Sets the credit standing.
     *
     * @param credit the credit terms
     * @return this builder
     */
    public Builder credit(CreditTerms credit) {
      this.credit = credit;
      return this;
    }

    /**
     * Sets the payment-terms code.
     *
     * @param paymentTerms the code, such as {@code "NET30"}
     * @return this builder
     */
    public Builder paymentTerms(String paymentTerms) {
      this.paymentTerms = paymentTerms;
      return this;
    }

    /**
     * Sets the tax class code.
     *
     * @param taxClass the tax class
     * @return this builder
     */
    public Builder taxClass(String taxClass) {
      this.taxClass = taxClass;
      return this;
    }

    /**
     * Sets the VAT or tax registration number.
     *
     * @param taxId the number
     * @return this builder
     */
    public Builder taxId(String taxId) {
      this.taxId = taxId;
      return this;
    }

    /**
     * Sets the tax exemption.
     *
     * @param taxExemption the exemption
     * @return this builder
     */
    public Builder taxExemption(TaxExemption taxExemption) {
      this.taxExemption = taxExemption;
      return this;
    }

    /**
     * Sets the price group code.
     *
     * @param priceGroup the price group
     * @return this builder
     */
    public Builder priceGroup(String priceGroup) {
      this.priceGroup = priceGroup;
      return this;
    }

    /**
     * Sets the ISO-4217 trading currency.
     *
     * @param currency the currency code, such as {@code "EUR"}
     * @return this builder
     */
    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    /**
     * Sets the billing profile.
     *
     * @param billing the billing profile
     * @return this builder
     */
    public Builder billing(BillingProfile billing) {
      this.billing = billing;
      return this;
    }

    /**
     * Sets the default shipping profile.
     *
     * @param shipping the shipping profile
     * @return this builder
     */
    public Builder shipping(ShippingProfile shipping) {
      this.shipping = shipping;
      return this;
    }

    /**
     * Sets the loyalty membership.
     *
     * @param loyalty the membership
     * @return this builder
     */
    public Builder loyalty(LoyaltyMembership loyalty) {
      this.loyalty = loyalty;
      return this;
    }

    /**
     * Sets marketing consent.
     *
     * @param marketingConsent the consent
     * @return this builder
     */
    public Builder marketingConsent(MarketingConsent marketingConsent) {
      this.marketingConsent = marketingConsent;
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
     * Builds the account.
     *
     * @return the account
     * @throws ValidationException naming the component if a required one is missing or one is
     *     malformed
     */
    public Account build() {
      return new Account(
          accountNumber,
          name,
          customerType,
          status,
          credit,
          paymentTerms,
          taxClass,
          taxId,
          taxExemption,
          priceGroup,
          currency,
          billing,
          shipping,
          loyalty,
          marketingConsent,
          extensions);
    }
  }
}
