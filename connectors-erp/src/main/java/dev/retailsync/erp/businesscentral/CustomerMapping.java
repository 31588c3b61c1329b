package dev.retailsync.erp.businesscentral;

import static dev.retailsync.erp.businesscentral.FieldRules.code;
import static dev.retailsync.erp.businesscentral.FieldRules.decimal;
import static dev.retailsync.erp.businesscentral.FieldRules.limited;
import static dev.retailsync.erp.businesscentral.FieldRules.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.PostalAddress;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the canonical {@link Account} to a Business Central {@code customers} record and back.
 *
 * <table>
 *   <caption>Default fields</caption>
 *   <tr><th>Business Central</th><th>Canonical</th><th>Direction</th></tr>
 *   <tr><td>{@code number} (Code[20], upper case, the upsert key)</td><td>{@code accountNumber}</td><td>both</td></tr>
 *   <tr><td>{@code displayName} (Text[100])</td><td>{@code name}</td><td>both</td></tr>
 *   <tr><td>{@code type} (Company, Person)</td><td>{@code customerType}</td><td>both</td></tr>
 *   <tr><td>{@code addressLine1/2}, {@code city}, {@code state}, {@code country},
 *       {@code postalCode}</td><td>{@code billing.address}</td><td>both</td></tr>
 *   <tr><td>{@code email} (Text[80])</td><td>{@code billing.email}</td><td>both</td></tr>
 *   <tr><td>{@code currencyCode} (empty for the local currency)</td><td>{@code currency}</td>
 *       <td>both</td></tr>
 *   <tr><td>{@code taxRegistrationNumber} (Text[20])</td><td>{@code taxId}</td><td>both</td></tr>
 *   <tr><td>{@code creditLimit}, {@code balanceDue}, {@code blocked}</td><td>{@code credit},
 *       {@code status}</td><td>read only: the ERP owns credit</td></tr>
 * </table>
 *
 * <p>{@code blocked}: blank is an active account with approved credit; {@code Ship} and {@code
 * Invoice} put the account and its credit on hold; {@code All} makes the account inactive with
 * credit on hold; {@code withoutField("blocked")} stops reading credit. Replace or add fields with
 * {@link #withField}, drop them with {@link #withoutField}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CustomerMapping implements BcMapping<Account> {
  private final FieldRules<Account, Account.Builder> rules;

  private CustomerMapping(FieldRules<Account, Account.Builder> rules) {
    this.rules = rules;
  }

  /**
   * Returns the default mapping.
   *
   * @return the mapping
   */
  public static CustomerMapping defaults() {
    return new CustomerMapping(
        FieldRules.of(
            BcField.of(
                "number",
                Account.Fields.ACCOUNT_NUMBER,
                (a, c) -> code("accountNumber", "number", a.accountNumber(), 20),
                (r, b) -> b.accountNumber(text(r, "number"))),
            BcField.of(
                "displayName",
                Account.Fields.NAME,
                (a, c) -> limited("name", "displayName", a.name(), 100),
                (r, b) -> b.name(text(r, "displayName"))),
            BcField.of(
                "type",
                Account.Fields.CUSTOMER_TYPE,
                (a, c) -> a.customerType() == CustomerType.CONSUMER ? "Person" : "Company",
                (r, b) ->
                    b.customerType(
                        "Person".equals(r.path("type").asText())
                            ? CustomerType.CONSUMER
                            : CustomerType.BUSINESS)),
            BcField.of(
                "addressLine1",
                Account.Fields.BILLING_ADDRESS,
                (a, c) -> address(a.billing() == null ? null : a.billing().address()),
                CustomerMapping::readBilling),
            BcField.of(
                "email",
                Account.Fields.BILLING_EMAIL,
                (a, c) ->
                    a.billing() == null || a.billing().email() == null
                        ? null
                        : limited("billing.email", "email", a.billing().email(), 80),
                CustomerMapping::readBilling),
            BcField.of(
                "currencyCode",
                Account.Fields.CURRENCY,
                (a, c) -> a.currency() == null ? null : c.codeFor(a.currency()),
                (r, b) -> b.currency(text(r, "currencyCode"))),
            BcField.of(
                "taxRegistrationNumber",
                Account.Fields.TAX_ID,
                (a, c) ->
                    a.taxId() == null
                        ? null
                        : limited("taxId", "taxRegistrationNumber", a.taxId(), 20),
                (r, b) -> b.taxId(text(r, "taxRegistrationNumber"))),
            BcField.of("blocked", Account.Fields.STATUS, null, (r, b) -> {})));
  }

  /**
   * Returns a copy with a field added, or replacing the field of the same name.
   *
   * @param field the field
   * @return the copy
   */
  public CustomerMapping withField(BcField<Account, Account.Builder> field) {
    return new CustomerMapping(rules.with(field));
  }

  /**
   * Returns a copy without a field, which is then neither written nor read.
   *
   * @param name the Business Central field name
   * @return the copy
   * @throws ValidationException when the mapping has no such field
   */
  public CustomerMapping withoutField(String name) {
    return new CustomerMapping(rules.without(name));
  }

  /**
   * Returns the Business Central fields this mapping writes or reads, in order.
   *
   * @return the names
   */
  public List<String> fields() {
    return rules.names();
  }

  @Override
  public EntityType<Account> entityType() {
    return EntityType.ACCOUNT;
  }

  @Override
  public String entitySet() {
    return "customers";
  }

  @Override
  public String keyField() {
    return "number";
  }

  @Override
  public String key(Account account) {
    if (account.accountNumber() == null) {
      throw ValidationException.of(
          "Business Central customer",
          "accountNumber",
          null,
          "is required: customers are found and upserted by their number");
    }
    return code("accountNumber", "number", account.accountNumber(), 20);
  }

  @Override
  public ObjectNode toBc(Account account, Set<FieldPath> fields, BcMappingContext context) {
    key(account);
    ObjectNode body = FieldRules.JSON.createObjectNode();
    body.put("number", account.accountNumber());
    return rules.write("Business Central customer", account, fields, context, body);
  }

  @Override
  public Account fromBc(JsonNode r, BcMappingContext context) {
    Account.Builder b =
        Account.builder().customerType(CustomerType.BUSINESS).status(AccountStatus.ACTIVE);
    rules.read(r, b);
    if (rules.names().contains("blocked")) {
      String blocked = r.path("blocked").asText(" ").trim();
      CreditStatus credit = blocked.isEmpty() ? CreditStatus.APPROVED : CreditStatus.ON_HOLD;
      b.status(
          blocked.isEmpty()
              ? AccountStatus.ACTIVE
              : blocked.equals("All") ? AccountStatus.INACTIVE : AccountStatus.ON_HOLD);
      String currency = context.currencyOf(text(r, "currencyCode"));
      BigDecimal limit = decimal(r, "creditLimit");
      BigDecimal balance = decimal(r, "balanceDue");
      b.credit(
          new CreditTerms(
              credit,
              limit == null ? null : Money.of(limit, currency),
              balance == null ? null : Money.of(balance, currency)));
    }
    return b.build();
  }

  /** The credit standing of a customer record, for the credit lookup. */
  CreditTerms credit(JsonNode r, BcMappingContext context) {
    String blocked = r.path("blocked").asText(" ").trim();
    String currency = context.currencyOf(text(r, "currencyCode"));
    BigDecimal limit = decimal(r, "creditLimit");
    BigDecimal balance = decimal(r, "balanceDue");
    return new CreditTerms(
        blocked.isEmpty() ? CreditStatus.APPROVED : CreditStatus.ON_HOLD,
        limit == null ? null : Money.of(limit, currency),
        balance == null ? null : Money.of(balance, currency));
  }

  /** The address and the e-mail make one billing profile; either rule reads both. */
  private static void readBilling(JsonNode r, Account.Builder b) {
    PostalAddress address = address(r);
    String email = text(r, "email");
    if (address != null || email != null) {
      b.billing(new BillingProfile(address, email, null, null));
    }
  }

  /** The flattened address fields of a canonical address, checked against their sizes. */
  static Map<String, Object> address(PostalAddress a) {
    return address(a, "", "postalCode", "billing.address");
  }

  static Map<String, Object> address(
      PostalAddress a, String prefix, String postalField, String path) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (a == null) {
      return m;
    }
    if (a.lines().size() > 2) {
      throw ValidationException.of(
          "Business Central",
          path + ".lines",
          a.lines().size() + " lines",
          "has more than the two address lines Business Central holds; join them first");
    }
    m.put(
        field(prefix, "addressLine1"),
        a.lines().isEmpty()
            ? ""
            : limited(path + ".lines[0]", "addressLine1", a.lines().get(0), 100));
    m.put(
        field(prefix, "addressLine2"),
        a.lines().size() < 2
            ? ""
            : limited(path + ".lines[1]", "addressLine2", a.lines().get(1), 50));
    m.put(field(prefix, "city"), nz(limited(path + ".locality", "city", a.locality(), 30)));
    m.put(field(prefix, "state"), nz(limited(path + ".region", "state", a.region(), 30)));
    m.put(field(prefix, "country"), nz(a.country()));
    m.put(postalField, nz(limited(path + ".postalCode", postalField, a.postalCode(), 20)));
    return m;
  }

  private static String field(String prefix, String name) {
    return prefix.isEmpty()
        ? name
        : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  static PostalAddress address(JsonNode r) {
    return address(r, "", "postalCode");
  }

  static PostalAddress address(JsonNode r, String prefix, String postalField) {
    String l1 = text(r, field(prefix, "addressLine1"));
    String l2 = text(r, field(prefix, "addressLine2"));
    String city = text(r, field(prefix, "city"));
    String state = text(r, field(prefix, "state"));
    String country = text(r, field(prefix, "country"));
    String postal = text(r, postalField);
    if (l1 == null
        && l2 == null
        && city == null
        && state == null
        && country == null
        && postal == null) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    if (l1 != null) {
      lines.add(l1);
    }
    if (l2 != null) {
      lines.add(l2);
    }
    return PostalAddress.builder()
        .lines(lines)
        .locality(city)
        .region(state)
        .postalCode(postal)
        .country(country)
        .build();
  }
}
