package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.ShippingProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps {@link Account} to the NetSuite {@code customer} record, upserted by {@code externalId}.
 *
 * <table>
 *   <caption>Default field mapping</caption>
 *   <tr><th>Canonical</th><th>NetSuite customer</th></tr>
 *   <tr><td>accountNumber</td><td>{@code externalId} (the {@code eid:} key)</td></tr>
 *   <tr><td>name, customerType</td><td>{@code companyName} for a business; {@code isPerson},
 *       {@code firstName}, {@code lastName} for a consumer</td></tr>
 *   <tr><td>status</td><td>{@code isInactive}; read as ON_HOLD when {@code creditHoldOverride} is
 *       ON</td></tr>
 *   <tr><td>credit</td><td>{@code creditLimit} (written), {@code balance} and
 *       {@code creditHoldOverride} (read)</td></tr>
 *   <tr><td>paymentTerms</td><td>{@code terms} (through the terms table)</td></tr>
 *   <tr><td>currency</td><td>{@code currency} (through the currency table)</td></tr>
 *   <tr><td>billing.email</td><td>{@code email}</td></tr>
 *   <tr><td>billing.address, shipping.address</td><td>{@code addressBook} entries with
 *       {@code defaultBilling} / {@code defaultShipping}</td></tr>
 *   <tr><td>extensions {@code custentity*}</td><td>the custom fields of the same name</td></tr>
 * </table>
 *
 * <p>Tax ids are not mapped: with SuiteTax they live in the {@code taxRegistration} sublist, and
 * the legacy fields are not exposed through REST. Add a rule with {@link #field} when needed.
 *
 * <p>Immutable and thread-safe; each setter returns a changed copy.
 */
public final class CustomerMapping implements NetSuiteMapping<Account> {
  private static final String SUBJECT = "NetSuite customer";

  private final FieldRules<Account, Account.Builder> rules;
  private final String subsidiaryId;
  private final Lookup currencies;
  private final Lookup terms;

  private CustomerMapping(
      FieldRules<Account, Account.Builder> rules,
      String subsidiaryId,
      Lookup currencies,
      Lookup terms) {
    this.currencies = currencies;
    this.terms = terms;
    this.rules = rules.rebase(defaultRules());
    this.subsidiaryId = subsidiaryId;
  }

  /**
   * Returns the default mapping (see the class documentation).
   *
   * @return the mapping
   */
  public static CustomerMapping defaults() {
    return new CustomerMapping(
        new FieldRules<>(), null, Lookup.DEFAULT_CURRENCIES, new Lookup("term", Map.of(), true));
  }

  // The default rules capture this mapping's tables; the user's overrides are kept on top.
  private FieldRules<Account, Account.Builder> defaultRules() {
    return new FieldRules<Account, Account.Builder>()
        .withDefault(
            Account.Fields.ACCOUNT_NUMBER,
            null,
            (rec, b) -> {
              String ext = Json.text(rec, "externalId");
              b.accountNumber(ext != null ? ext : Json.text(rec, "entityId"));
            })
        .withDefault(Account.Fields.NAME, CustomerMapping::writeName, CustomerMapping::readName)
        .withDefault(Account.Fields.CUSTOMER_TYPE, null, null)
        .withDefault(
            Account.Fields.STATUS,
            (a, rec) -> rec.put("isInactive", a.status() == AccountStatus.INACTIVE),
            (rec, b) ->
                b.status(
                    Json.bool(rec, "isInactive")
                        ? AccountStatus.INACTIVE
                        : "ON".equalsIgnoreCase(Json.text(rec, "creditHoldOverride"))
                            ? AccountStatus.ON_HOLD
                            : AccountStatus.ACTIVE))
        .withDefault(Account.Fields.CREDIT, this::writeCredit, this::readCredit)
        .withDefault(
            Account.Fields.PAYMENT_TERMS,
            (a, rec) -> {
              if (a.paymentTerms() != null) {
                rec.set("terms", Json.ref(terms.id(SUBJECT, a.paymentTerms())));
              }
            },
            (rec, b) -> {
              String id = Json.text(rec, "terms");
              b.paymentTerms(id == null ? null : terms.code(SUBJECT, id));
            })
        .withDefault(
            Account.Fields.CURRENCY,
            (a, rec) -> {
              if (a.currency() != null) {
                rec.set("currency", Json.ref(currencies.id(SUBJECT, a.currency())));
              }
            },
            (rec, b) -> {
              String id = Json.text(rec, "currency");
              b.currency(id == null ? null : currencies.code(SUBJECT, id));
            })
        .withDefault(
            Account.Fields.BILLING, CustomerMapping::writeBilling, CustomerMapping::readBilling)
        .withDefault(
            Account.Fields.SHIPPING, CustomerMapping::writeShipping, CustomerMapping::readShipping)
        .withDefault(
            FieldPath.of(FieldPath.EXTENSIONS),
            (a, rec) -> Json.writeCustom(rec, a.extensions(), "custentity"),
            (rec, b) -> Json.readCustom(rec, "custentity", b::putExtension));
  }

  /**
   * Returns this mapping with one field's rule replaced or added: the writer fills the record body,
   * the reader sets the field on the builder. Either may be {@code null} to leave that direction
   * out.
   *
   * @param field the canonical field, such as {@code Account.Fields.TAX_ID} or an extension
   * @param writer writes the field, or {@code null}
   * @param reader reads the field, or {@code null}
   * @return the changed mapping
   */
  public CustomerMapping field(
      FieldPath field,
      NetSuiteFieldWriter<Account> writer,
      NetSuiteFieldReader<Account.Builder> reader) {
    return new CustomerMapping(rules.with(field, writer, reader), subsidiaryId, currencies, terms);
  }

  /**
   * Returns this mapping without a field: it is neither written nor read.
   *
   * @param field the canonical field
   * @return the changed mapping
   */
  public CustomerMapping withoutField(FieldPath field) {
    return new CustomerMapping(rules.without(field), subsidiaryId, currencies, terms);
  }

  /**
   * Returns this mapping sending {@code subsidiary} on creation (required in OneWorld accounts).
   *
   * @param internalId the subsidiary's internal id, or {@code null} for none
   * @return the changed mapping
   */
  public CustomerMapping subsidiary(String internalId) {
    return new CustomerMapping(rules, internalId, currencies, terms);
  }

  /**
   * Returns this mapping with the currency table (ISO code to the account's currency internal id);
   * the default knows USD 1, GBP 2, CAD 3, EUR 4 as in an account created in the US.
   *
   * @param isoToInternalId the table
   * @return the changed mapping
   */
  public CustomerMapping currencies(Map<String, String> isoToInternalId) {
    return new CustomerMapping(
        rules, subsidiaryId, new Lookup("currency", isoToInternalId, false), terms);
  }

  /**
   * Returns this mapping with the payment terms table (canonical code to the {@code term} record's
   * internal id); without one, the canonical value is the internal id.
   *
   * @param codeToInternalId the table
   * @return the changed mapping
   */
  public CustomerMapping terms(Map<String, String> codeToInternalId) {
    return new CustomerMapping(
        rules, subsidiaryId, currencies, new Lookup("term", codeToInternalId, false));
  }

  @Override
  public EntityType<Account> entityType() {
    return EntityType.ACCOUNT;
  }

  @Override
  public String recordType() {
    return "customer";
  }

  @Override
  public String suiteQlTable() {
    return "customer";
  }

  @Override
  public String externalId(Account entity, String requestKey) {
    String key = entity.accountNumber() != null ? entity.accountNumber() : requestKey;
    return Json.externalId(SUBJECT, "accountNumber", key);
  }

  @Override
  public List<String> replacedSublists() {
    return List.of("addressBook");
  }

  @Override
  public ObjectNode toNetSuite(Account entity, Set<FieldPath> fields, boolean exists) {
    ObjectNode rec = Json.object();
    rules.write(entity, rec, fields);
    if (!exists && subsidiaryId != null) {
      rec.set("subsidiary", Json.ref(subsidiaryId));
    }
    return rec;
  }

  @Override
  public Account fromNetSuite(JsonNode record) {
    Account.Builder b =
        Account.builder().customerType(CustomerType.BUSINESS).status(AccountStatus.ACTIVE);
    rules.read(record, b);
    return b.build();
  }

  private static void writeName(Account a, ObjectNode rec) {
    if (a.customerType() == CustomerType.CONSUMER) {
      String name = a.name().trim();
      int space = name.lastIndexOf(' ');
      rec.put("isPerson", true);
      if (space > 0) {
        rec.put("firstName", name.substring(0, space));
        rec.put("lastName", name.substring(space + 1));
      } else {
        rec.put("lastName", name);
      }
    } else {
      rec.put("isPerson", false);
      rec.put("companyName", a.name());
    }
  }

  private static void readName(JsonNode rec, Account.Builder b) {
    if (Json.bool(rec, "isPerson")) {
      b.customerType(CustomerType.CONSUMER);
      String first = Json.text(rec, "firstName");
      String last = Json.text(rec, "lastName");
      b.name(first == null ? last : last == null ? first : first + " " + last);
    } else {
      b.customerType(CustomerType.BUSINESS);
      String company = Json.text(rec, "companyName");
      b.name(company != null ? company : Json.text(rec, "entityId"));
    }
  }

  private void writeCredit(Account a, ObjectNode rec) {
    CreditTerms c = a.credit();
    if (c == null || c.limit() == null) {
      return;
    }
    if (a.currency() != null && !a.currency().equals(c.limit().currency())) {
      throw ValidationException.of(
          SUBJECT,
          "credit.limit.currency",
          c.limit().currency(),
          "must be the customer's currency " + a.currency() + ": NetSuite keeps the limit in it");
    }
    rec.put("creditLimit", c.limit().amount());
  }

  private void readCredit(JsonNode rec, Account.Builder b) {
    String currencyId = Json.text(rec, "currency");
    String currency = currencyId == null ? null : currencies.code(SUBJECT, currencyId);
    boolean hold = "ON".equalsIgnoreCase(Json.text(rec, "creditHoldOverride"));
    if (rec.hasNonNull("creditLimit") || hold || rec.hasNonNull("balance")) {
      b.credit(
          new CreditTerms(
              hold ? CreditStatus.ON_HOLD : CreditStatus.APPROVED,
              Json.money(rec, "creditLimit", currency),
              Json.money(rec, "balance", currency)));
    }
  }

  private static void writeBilling(Account a, ObjectNode rec) {
    if (a.billing() == null) {
      return;
    }
    Json.putIfNotNull(rec, "email", a.billing().email());
    if (a.billing().address() != null) {
      addressEntry(rec, a.billing().address(), "defaultBilling");
    }
  }

  private static void writeShipping(Account a, ObjectNode rec) {
    if (a.shipping() != null && a.shipping().address() != null) {
      addressEntry(rec, a.shipping().address(), "defaultShipping");
    }
  }

  /** Adds an address book entry, or flags the entry with the same address (one for both uses). */
  private static void addressEntry(ObjectNode rec, PostalAddress address, String flag) {
    ObjectNode book =
        rec.has("addressBook") ? (ObjectNode) rec.get("addressBook") : rec.putObject("addressBook");
    ArrayNode items = book.has("items") ? (ArrayNode) book.get("items") : book.putArray("items");
    ObjectNode body = Json.address(address);
    for (JsonNode e : items) {
      if (e.path("addressBookAddress").equals(body)) {
        ((ObjectNode) e).put(flag, true);
        return;
      }
    }
    ObjectNode e = items.addObject();
    e.put("defaultBilling", flag.equals("defaultBilling"));
    e.put("defaultShipping", flag.equals("defaultShipping"));
    e.set("addressBookAddress", body);
  }

  private static PostalAddress defaultAddress(JsonNode rec, String flag) {
    for (JsonNode e : Json.lines(rec, "addressBook")) {
      if (Json.bool(e, flag)) {
        return Json.address(e.path("addressBookAddress"));
      }
    }
    return null;
  }

  private static void readBilling(JsonNode rec, Account.Builder b) {
    PostalAddress billing = defaultAddress(rec, "defaultBilling");
    String email = Json.text(rec, "email");
    if (billing != null || email != null) {
      b.billing(new BillingProfile(billing, email, null, null));
    }
  }

  private static void readShipping(JsonNode rec, Account.Builder b) {
    PostalAddress shipping = defaultAddress(rec, "defaultShipping");
    if (shipping != null) {
      b.shipping(ShippingProfile.of(shipping));
    }
  }
}
