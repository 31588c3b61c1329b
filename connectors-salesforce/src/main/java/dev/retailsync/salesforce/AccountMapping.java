package dev.retailsync.salesforce;

import static dev.retailsync.salesforce.MappingSupport.fieldName;
import static dev.retailsync.salesforce.MappingSupport.readCustom;
import static dev.retailsync.salesforce.MappingSupport.withExtensions;
import static dev.retailsync.salesforce.MappingSupport.writeCustom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.ShippingProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps the canonical {@link Account} to a Salesforce (business) Account and back: {@code Name},
 * {@code AccountNumber}, the billing and shipping compound-address parts, the configured external
 * id field (carrying the canonical account number, the upsert key), and every custom field ({@code
 * __c}) kept in the account's extensions under the same name. Overridable field by field.
 *
 * <p>Immutable and thread-safe.
 */
public final class AccountMapping implements SObjectMapping<Account> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_NAME = 255;

  private final String externalIdField;
  private final Map<String, String> renamed;

  private AccountMapping(String externalIdField, Map<String, String> renamed) {
    this.externalIdField = externalIdField;
    this.renamed = Map.copyOf(renamed);
  }

  /**
   * Returns the default mapping with the given external id field.
   *
   * @param externalIdField the unique External ID field that holds the account number, such as
   *     {@code ERP_Customer_Id__c}
   * @return the mapping
   */
  public static AccountMapping withExternalId(String externalIdField) {
    return new AccountMapping(
        fieldName("AccountMapping", "externalIdField", externalIdField), Map.of());
  }

  /**
   * Returns a copy that writes and reads a standard field under another name, such as {@code
   * BillingCountry} as {@code BillingCountryCode} in orgs with state and country picklists.
   *
   * @param standardName the default field name
   * @param orgName the name in this org
   * @return the copy
   */
  public AccountMapping rename(String standardName, String orgName) {
    Map<String, String> m = new LinkedHashMap<>(renamed);
    m.put(standardName, orgName);
    return new AccountMapping(externalIdField, m);
  }

  @Override
  public String externalIdField() {
    return externalIdField;
  }

  @Override
  public dev.retailsync.api.EntityType<Account> entityType() {
    return dev.retailsync.api.EntityType.ACCOUNT;
  }

  @Override
  public String sobject() {
    return "Account";
  }

  private String f(String standard) {
    return renamed.getOrDefault(standard, standard);
  }

  /**
   * Returns the Salesforce fields for an account, limited to the given canonical fields when any
   * are given.
   *
   * @param account the account
   * @param fields the canonical fields to write; empty for all
   * @return the record body, with {@code attributes.type}
   * @throws ValidationException naming the field when the account cannot be written (no account
   *     number to upsert by, a name longer than Salesforce allows)
   */
  @Override
  public ObjectNode toSalesforce(Account account, java.util.Set<FieldPath> fields) {
    List<FieldError> errors = new ArrayList<>();
    if (account.accountNumber() == null) {
      errors.add(
          FieldError.redacted(
              "accountNumber",
              "is required: Salesforce upserts by " + externalIdField + ", which carries it"));
    }
    if (account.name().length() > MAX_NAME) {
      errors.add(FieldError.redacted("name", "is longer than Salesforce's 255 characters"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException("Salesforce Account", errors);
    }
    ObjectNode r = JSON.createObjectNode();
    r.putObject("attributes").put("type", "Account");
    r.put(externalIdField, account.accountNumber());
    if (wanted(fields, Account.Fields.NAME)) {
      r.put(f("Name"), account.name());
    }
    if (wanted(fields, Account.Fields.ACCOUNT_NUMBER)) {
      r.put(f("AccountNumber"), account.accountNumber());
    }
    if (wanted(fields, Account.Fields.BILLING_ADDRESS)) {
      address(r, "Billing", account.billing() == null ? null : account.billing().address());
    }
    if (wanted(fields, Account.Fields.SHIPPING_ADDRESS)) {
      address(r, "Shipping", account.shipping() == null ? null : account.shipping().address());
    }
    writeCustom(r, account.extensions(), externalIdField, fields);
    return r;
  }

  private static boolean wanted(java.util.Set<FieldPath> fields, FieldPath f) {
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

  private void address(ObjectNode r, String prefix, PostalAddress a) {
    r.put(
        f(prefix + "Street"),
        a == null || a.lines().isEmpty() ? null : String.join("\n", a.lines()));
    r.put(f(prefix + "City"), a == null ? null : a.locality());
    r.put(f(prefix + "State"), a == null ? null : a.region());
    r.put(f(prefix + "PostalCode"), a == null ? null : a.postalCode());
    r.put(f(prefix + "Country"), a == null ? null : a.country());
  }

  /**
   * Returns the fields a query must select to read accounts back.
   *
   * @return the field names
   */
  @Override
  public java.util.Set<FieldPath> mappedFields(Account account) {
    return withExtensions(
        account.extensions(),
        Account.Fields.NAME,
        Account.Fields.ACCOUNT_NUMBER,
        Account.Fields.BILLING_ADDRESS,
        Account.Fields.SHIPPING_ADDRESS);
  }

  @Override
  public List<String> selectFields() {
    List<String> out = new ArrayList<>(List.of("Id", "SystemModstamp", "CreatedDate"));
    out.add(externalIdField);
    for (String s :
        List.of(
            "Name",
            "AccountNumber",
            "BillingStreet",
            "BillingCity",
            "BillingState",
            "BillingPostalCode",
            "BillingCountry",
            "ShippingStreet",
            "ShippingCity",
            "ShippingState",
            "ShippingPostalCode",
            "ShippingCountry")) {
      out.add(f(s));
    }
    return out;
  }

  /**
   * Maps a Salesforce Account record to the canonical model. Accounts created in Salesforce are
   * {@link AccountStatus#PROVISIONAL} until the ERP approves them; custom fields ({@code __c})
   * become extensions.
   *
   * @param r the record as the REST API returns it
   * @return the account
   * @throws ValidationException naming the field when the record cannot be mapped
   */
  @Override
  public Account fromSalesforce(JsonNode r) {
    String number = text(r, externalIdField);
    if (number == null) {
      number = text(r, f("AccountNumber"));
    }
    Account.Builder b =
        Account.builder()
            .accountNumber(number)
            .name(text(r, f("Name")))
            .customerType(
                r.path("IsPersonAccount").asBoolean(false)
                    ? CustomerType.CONSUMER
                    : CustomerType.BUSINESS)
            .status(AccountStatus.PROVISIONAL);
    PostalAddress billing = readAddress(r, "Billing");
    if (billing != null) {
      b.billing(new BillingProfile(billing, null, null, null));
    }
    PostalAddress shipping = readAddress(r, "Shipping");
    if (shipping != null) {
      b.shipping(ShippingProfile.of(shipping));
    }
    readCustom(r, externalIdField, b::putExtension);
    return b.build();
  }

  private PostalAddress readAddress(JsonNode r, String prefix) {
    String street = text(r, f(prefix + "Street"));
    String city = text(r, f(prefix + "City"));
    String state = text(r, f(prefix + "State"));
    String postcode = text(r, f(prefix + "PostalCode"));
    String country = text(r, f(prefix + "Country"));
    if (street == null && city == null && state == null && postcode == null && country == null) {
      return null;
    }
    return PostalAddress.builder()
        .lines(street == null ? List.of() : Arrays.asList(street.split("\\R")))
        .locality(city)
        .region(state)
        .postalCode(postcode)
        .country(country == null || country.length() != 2 ? null : country)
        .build();
  }

  private static String text(JsonNode r, String field) {
    JsonNode n = r.get(field);
    return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccountMapping m
        && m.externalIdField.equals(externalIdField)
        && m.renamed.equals(renamed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(externalIdField, renamed);
  }
}
