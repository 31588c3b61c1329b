package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.ShippingProfile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Maps a Tryton customer ({@code party.party} with its {@code party.address} and {@code
 * party.contact_mechanism} records) to the canonical {@link Account} and back.
 *
 * <table>
 *   <caption>Default field mapping</caption>
 *   <tr><th>Account</th><th>Tryton</th><th>direction</th></tr>
 *   <tr><td>name</td><td>{@code name}</td><td>both</td></tr>
 *   <tr><td>accountNumber</td><td>{@code code} (unique in Tryton; assigned by Tryton's party
 *       sequence when absent)</td><td>both</td></tr>
 *   <tr><td>status</td><td>{@code active}: ACTIVE ↔ true; INACTIVE, CLOSED → false; false →
 *       INACTIVE</td><td>both</td></tr>
 *   <tr><td>billing.address</td><td>the address flagged {@code invoice} (else the first)</td>
 *       <td>both</td></tr>
 *   <tr><td>shipping.address</td><td>the address flagged {@code delivery}</td><td>both</td></tr>
 *   <tr><td>billing.email</td><td>the first contact mechanism of type {@code email}</td>
 *       <td>both</td></tr>
 *   <tr><td>paymentTerms</td><td>{@code customer_payment_term.name}</td><td>read (the ERP owns
 *       it)</td></tr>
 *   <tr><td>credit.limit, credit.balance</td><td>{@code credit_limit_amount}, {@code
 *       credit_amount} in the company currency</td><td>read (the ERP owns them)</td></tr>
 *   <tr><td>customerType</td><td>none in Tryton 6.0: the configured default (BUSINESS)</td>
 *       <td>read</td></tr>
 *   <tr><td>extensions</td><td>party fields named with {@link #withExtension}</td>
 *       <td>both</td></tr>
 * </table>
 *
 * <p>Address lines are Tryton's multi-line {@code street}; the region is the code of the address's
 * {@code subdivision}; the country is the ISO code of its {@code country}. A write that names a
 * field this mapping cannot write (such as {@code taxId}) is rejected naming it, never silently
 * dropped.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrytonAccountMapping {
  static final FieldPath EXTENSIONS = FieldPath.of("extensions");
  private static final int MAX_NAME = 255;
  private static final Set<FieldPath> WRITTEN =
      Set.of(
          Account.Fields.NAME,
          Account.Fields.ACCOUNT_NUMBER,
          Account.Fields.STATUS,
          Account.Fields.BILLING_ADDRESS,
          Account.Fields.BILLING_EMAIL,
          Account.Fields.SHIPPING_ADDRESS);

  private final CustomerType customerType;
  private final Map<String, String> extensions;
  private final Set<FieldPath> ignored;

  private TrytonAccountMapping(
      CustomerType customerType, Map<String, String> extensions, Set<FieldPath> ignored) {
    this.customerType = customerType;
    this.extensions = Map.copyOf(extensions);
    this.ignored = Set.copyOf(ignored);
  }

  /**
   * Returns the default mapping.
   *
   * @return the mapping
   */
  public static TrytonAccountMapping defaults() {
    return new TrytonAccountMapping(CustomerType.BUSINESS, Map.of(), Set.of());
  }

  /**
   * Returns a copy that reads every account with the given customer type (Tryton 6.0 parties do not
   * say whether they are a person or an organisation).
   *
   * @param type the type
   * @return the copy
   */
  public TrytonAccountMapping withCustomerType(CustomerType type) {
    return new TrytonAccountMapping(Objects.requireNonNull(type, "type"), extensions, ignored);
  }

  /**
   * Returns a copy that maps a character field of {@code party.party} (standard or added by a
   * custom module) to an account extension, both ways.
   *
   * @param trytonField the party's field name, such as {@code x_loyalty_code}
   * @param extension the extension's name on the account
   * @return the copy
   * @throws ValidationException if a name is blank or not a plain field name
   */
  public TrytonAccountMapping withExtension(String trytonField, String extension) {
    if (trytonField == null || !trytonField.matches("[a-z_][a-z0-9_]*")) {
      throw ValidationException.of(
          "TrytonAccountMapping",
          "trytonField",
          trytonField,
          "must be a Tryton field name (lower case letters, digits, underscores)");
    }
    if (extension == null || extension.isBlank()) {
      throw ValidationException.of(
          "TrytonAccountMapping", "extension", extension, "must not be blank");
    }
    Map<String, String> m = new LinkedHashMap<>(extensions);
    m.put(trytonField, extension);
    return new TrytonAccountMapping(customerType, m, ignored);
  }

  /**
   * Returns a copy that neither writes nor reads a canonical field (for example {@code
   * Account.Fields.STATUS} when another process owns activation in Tryton).
   *
   * @param field the canonical field
   * @return the copy
   */
  public TrytonAccountMapping withoutField(FieldPath field) {
    Set<FieldPath> s = new LinkedHashSet<>(ignored);
    s.add(Objects.requireNonNull(field, "field"));
    return new TrytonAccountMapping(customerType, extensions, s);
  }

  /** The fields of {@code party.party} to read, with dotted paths into its related records. */
  List<String> readFields() {
    List<String> f =
        new ArrayList<>(
            List.of(
                "name",
                "code",
                "active",
                "create_date",
                "write_date",
                "_timestamp",
                "identifiers.code",
                "addresses.street",
                "addresses.city",
                "addresses.postal_code",
                "addresses.invoice",
                "addresses.delivery",
                "addresses.country.code",
                "addresses.subdivision.code",
                "addresses._timestamp",
                "contact_mechanisms.type",
                "contact_mechanisms.value",
                "contact_mechanisms._timestamp",
                "customer_payment_term.name",
                "credit_limit_amount",
                "credit_amount"));
    f.addAll(extensions.keySet());
    return f;
  }

  /**
   * Maps a party as read with {@link #readFields()} to an account.
   *
   * @param party the party's JSON
   * @param currency the company currency for credit amounts
   * @return the account
   * @throws ValidationException naming the field when the party cannot be mapped
   */
  Account toCanonical(JsonNode party, String currency) {
    Account.Builder b =
        Account.builder()
            .name(nameOf(party))
            .customerType(customerType)
            .status(
                ignored(Account.Fields.STATUS) || TrytonCodec.bool(party.path("active"))
                    ? AccountStatus.ACTIVE
                    : AccountStatus.INACTIVE);
    if (!ignored(Account.Fields.ACCOUNT_NUMBER)) {
      b.accountNumber(TrytonCodec.text(party.path("code")));
    }
    if (!ignored(Account.Fields.PAYMENT_TERMS)) {
      b.paymentTerms(TrytonCodec.text(party.path("customer_payment_term.").path("name")));
    }
    if (!ignored(Account.Fields.CREDIT) && currency != null) {
      BigDecimal limit = TrytonCodec.decimal(party.path("credit_limit_amount"));
      BigDecimal balance = TrytonCodec.decimal(party.path("credit_amount"));
      if (limit != null || balance != null) {
        b.credit(
            new CreditTerms(
                null,
                limit == null ? null : Money.of(limit, currency),
                balance == null ? null : Money.of(balance, currency)));
      }
    }
    JsonNode billing = billingAddress(party);
    JsonNode email = firstEmail(party);
    PostalAddress billingAddress =
        ignored(Account.Fields.BILLING_ADDRESS) || billing == null ? null : address(billing);
    String emailValue =
        ignored(Account.Fields.BILLING_EMAIL) || email == null
            ? null
            : TrytonCodec.text(email.path("value"));
    if (billingAddress != null || emailValue != null) {
      b.billing(new BillingProfile(billingAddress, emailValue, null, null));
    }
    JsonNode shipping = flagged(party, "delivery");
    if (!ignored(Account.Fields.SHIPPING_ADDRESS) && shipping != null) {
      PostalAddress a = address(shipping);
      if (a != null) {
        b.shipping(ShippingProfile.of(a));
      }
    }
    for (Map.Entry<String, String> e : extensions.entrySet()) {
      String v = TrytonCodec.text(party.path(e.getKey()));
      if (v != null) {
        b.putExtension(e.getValue(), v);
      }
    }
    return b.build();
  }

  private static String nameOf(JsonNode party) {
    String name = TrytonCodec.text(party.path("name"));
    if (name == null) {
      // Tryton 6.0 accepts a party without a name; the canonical account needs one.
      throw ValidationException.of(
          "Tryton party " + party.path("id").asText(),
          "name",
          null,
          "is empty in Tryton; give the party a name there");
    }
    return name;
  }

  /**
   * Maps an account to what is written to Tryton, limited to the requested fields.
   *
   * @param account the account
   * @param fields the canonical fields to write; empty for every field this mapping writes
   * @return the draft
   * @throws ValidationException naming each field that cannot be written
   */
  PartyDraft toDraft(Account account, Set<FieldPath> fields) {
    List<FieldError> errors = new ArrayList<>();
    for (FieldPath f : fields) {
      if (!writable(f)) {
        errors.add(
            FieldError.redacted(
                f.toString(),
                "is not written to Tryton by this mapping (written: "
                    + WRITTEN
                    + " and the configured extensions)"));
      }
    }
    if (account.name().length() > MAX_NAME) {
      errors.add(FieldError.redacted("name", "is longer than the 255 characters mapped to Tryton"));
    }
    Map<String, String> ext = new LinkedHashMap<>();
    if (wanted(fields, EXTENSIONS)) {
      for (Map.Entry<String, String> e : extensions.entrySet()) {
        Object v = account.extensions().get(e.getValue());
        if (v != null && !(v instanceof String)) {
          errors.add(
              FieldError.redacted(
                  "extensions." + e.getValue(),
                  "must be text to be written to the Tryton field " + e.getKey()));
        } else if (account.extensions().containsKey(e.getValue())) {
          ext.put(e.getKey(), (String) v);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException("Tryton party", errors);
    }
    Boolean active =
        wanted(fields, Account.Fields.STATUS)
            ? account.status() != AccountStatus.INACTIVE && account.status() != AccountStatus.CLOSED
            : null;
    return new PartyDraft(
        wanted(fields, Account.Fields.NAME) ? account.name() : null,
        wanted(fields, Account.Fields.ACCOUNT_NUMBER) ? account.accountNumber() : null,
        active,
        wanted(fields, Account.Fields.BILLING_ADDRESS) && account.billing() != null
            ? account.billing().address()
            : null,
        wanted(fields, Account.Fields.SHIPPING_ADDRESS) && account.shipping() != null
            ? account.shipping().address()
            : null,
        wanted(fields, Account.Fields.BILLING_EMAIL) && account.billing() != null
            ? account.billing().email()
            : null,
        ext);
  }

  private boolean writable(FieldPath f) {
    if (ignored(f)) {
      return false;
    }
    if (f.equals(EXTENSIONS) || f.toString().startsWith("extensions.")) {
      return !extensions.isEmpty();
    }
    for (FieldPath w : WRITTEN) {
      if (w.equals(f) || w.contains(f) || f.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private boolean wanted(Set<FieldPath> fields, FieldPath f) {
    if (ignored(f)) {
      return false;
    }
    if (fields.isEmpty()) {
      return true;
    }
    for (FieldPath p : fields) {
      if (f.contains(p) || p.contains(f)) {
        return true;
      }
    }
    return false;
  }

  private boolean ignored(FieldPath f) {
    for (FieldPath i : ignored) {
      if (i.equals(f) || i.contains(f)) {
        return true;
      }
    }
    return false;
  }

  static JsonNode billingAddress(JsonNode party) {
    JsonNode a = flagged(party, "invoice");
    if (a != null) {
      return a;
    }
    JsonNode all = party.path("addresses.");
    // Tryton's own rule: without an invoice flag the first address is used for invoicing.
    return all.isArray() && all.size() > 0 ? all.get(0) : null;
  }

  static JsonNode flagged(JsonNode party, String flag) {
    for (JsonNode a : party.path("addresses.")) {
      if (TrytonCodec.bool(a.path(flag))) {
        return a;
      }
    }
    return null;
  }

  static JsonNode firstEmail(JsonNode party) {
    for (JsonNode c : party.path("contact_mechanisms.")) {
      if ("email".equals(c.path("type").asText())) {
        return c;
      }
    }
    return null;
  }

  static PostalAddress address(JsonNode a) {
    String street = TrytonCodec.text(a.path("street"));
    String city = TrytonCodec.text(a.path("city"));
    String zip = TrytonCodec.text(a.path("postal_code"));
    String country = TrytonCodec.text(a.path("country.").path("code"));
    String region = TrytonCodec.text(a.path("subdivision.").path("code"));
    if (street == null && city == null && zip == null && country == null && region == null) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    if (street != null) {
      for (String l : Arrays.asList(street.split("\\R"))) {
        if (!l.isBlank()) {
          lines.add(l);
        }
      }
    }
    if (region != null && region.contains("-")) {
      // Tryton subdivision codes are ISO 3166-2 ("US-CA"); the canonical region is the part after.
      region = region.substring(region.indexOf('-') + 1);
    }
    return PostalAddress.builder()
        .lines(lines)
        .locality(city)
        .region(region)
        .postalCode(zip)
        .country(country)
        .build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrytonAccountMapping m
        && m.customerType == customerType
        && m.extensions.equals(extensions)
        && m.ignored.equals(ignored);
  }

  @Override
  public int hashCode() {
    return Objects.hash(customerType, extensions, ignored);
  }

  @Override
  public String toString() {
    return "TrytonAccountMapping[customerType="
        + customerType
        + ", extensions="
        + extensions
        + ", ignored="
        + ignored
        + "]";
  }

  /**
   * What one account writes to Tryton; {@code null} components are not written.
   *
   * @param name the party name
   * @param code the party code (account number)
   * @param active whether the party is active
   * @param billing the invoice address
   * @param shipping the delivery address
   * @param email the e-mail contact mechanism
   * @param extensions party fields from extensions (a {@code null} value clears the field)
   */
  record PartyDraft(
      String name,
      String code,
      Boolean active,
      PostalAddress billing,
      PostalAddress shipping,
      String email,
      Map<String, String> extensions) {}
}
