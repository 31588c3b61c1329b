package dev.retailsync.erp.file;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.PostalAddress;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Customers (canonical {@link Account}), one row each, keyed by the account number. */
final class AccountCodec implements Codec<Account> {
  static final Map<String, CustomerType> TYPES =
      Map.of(
          "B", CustomerType.BUSINESS,
          "BUSINESS", CustomerType.BUSINESS,
          "C", CustomerType.CONSUMER,
          "CONSUMER", CustomerType.CONSUMER);

  private static final List<FieldDef> FIELDS =
      List.of(
          new FieldDef("accountNumber", "customer_no", false, false),
          new FieldDef("name", "name", false, false),
          new FieldDef("customerType", "type", false, false),
          new FieldDef("status", "status", false, false),
          new FieldDef("paymentTerms", "payment_terms", false, false),
          new FieldDef("currency", "currency", false, false),
          new FieldDef("taxId", "tax_id", false, false),
          new FieldDef("priceGroup", "price_group", false, false),
          new FieldDef("credit.status", "credit_status", false, false),
          new FieldDef("credit.limit", "credit_limit", true, false),
          new FieldDef("credit.balance", "credit_balance", true, false),
          new FieldDef("billing.email", "email", false, false),
          new FieldDef("billing.address.lines", "street", false, false),
          new FieldDef("billing.address.locality", "city", false, false),
          new FieldDef("billing.address.postalCode", "postal_code", false, false),
          new FieldDef("billing.address.country", "country", false, false));

  @Override
  public EntityType<Account> type() {
    return EntityType.ACCOUNT;
  }

  @Override
  public List<FieldDef> fields() {
    return FIELDS;
  }

  @Override
  public String keyField() {
    return "accountNumber";
  }

  @Override
  public String key(Account a) {
    return a.accountNumber();
  }

  @Override
  public Account decode(Values v, List<Values> lines) {
    String number = v.required("accountNumber");
    String name = v.required("name");
    CustomerType type = v.code("customerType", TYPES);
    AccountStatus status = v.code("status", Enums.codes(AccountStatus.class));
    String currency = v.text("currency");
    CreditStatus creditStatus = v.code("credit.status", Enums.codes(CreditStatus.class));
    BigDecimal limit = v.decimal("credit.limit");
    BigDecimal balance = v.decimal("credit.balance");
    if ((limit != null || balance != null) && currency == null) {
      v.error("currency", "is required when a credit limit or balance is given (currency)");
    }
    PostalAddress address = null;
    String street = v.text("billing.address.lines");
    String city = v.text("billing.address.locality");
    String zip = v.text("billing.address.postalCode");
    String country = v.text("billing.address.country");
    if (street != null || city != null || zip != null || country != null) {
      address =
          new PostalAddress(
              street == null ? List.of() : List.of(street.split("\n")), city, null, zip, country);
    }
    String email = v.text("billing.email");
    if (number == null || name == null) {
      return null;
    }
    return Account.builder()
        .accountNumber(number)
        .name(name)
        .customerType(type == null ? CustomerType.BUSINESS : type)
        .status(status == null ? AccountStatus.ACTIVE : status)
        .paymentTerms(v.text("paymentTerms"))
        .currency(currency)
        .taxId(v.text("taxId"))
        .priceGroup(v.text("priceGroup"))
        .credit(
            creditStatus == null && limit == null && balance == null || currency == null
                ? null
                : new CreditTerms(
                    creditStatus,
                    limit == null ? null : Money.of(limit, currency),
                    balance == null ? null : Money.of(balance, currency)))
        .billing(
            address == null && email == null
                ? null
                : new BillingProfile(address, email, null, null))
        .build();
  }

  @Override
  public Encoded encode(Account a) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("accountNumber", a.accountNumber());
    m.put("name", a.name());
    m.put("customerType", a.customerType().name());
    m.put("status", a.status().name());
    m.put("paymentTerms", a.paymentTerms());
    m.put("currency", a.currency());
    m.put("taxId", a.taxId());
    m.put("priceGroup", a.priceGroup());
    CreditTerms credit = a.credit();
    if (credit != null) {
      m.put("credit.status", credit.status() == null ? null : credit.status().name());
      m.put(
          "credit.limit", credit.limit() == null ? null : credit.limit().amount().toPlainString());
      m.put(
          "credit.balance",
          credit.balance() == null ? null : credit.balance().amount().toPlainString());
    }
    BillingProfile billing = a.billing();
    if (billing != null) {
      m.put("billing.email", billing.email());
      PostalAddress address = billing.address();
      if (address != null) {
        m.put(
            "billing.address.lines",
            address.lines() == null || address.lines().isEmpty()
                ? null
                : String.join("\n", address.lines()));
        m.put("billing.address.locality", address.locality());
        m.put("billing.address.postalCode", address.postalCode());
        m.put("billing.address.country", address.country());
      }
    }
    return new Encoded(m, List.of());
  }
}
