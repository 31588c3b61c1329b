package dev.retailsync.erp.s4hana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.PostalAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the canonical {@link Account} to an S/4HANA business partner in the customer role ({@code
 * API_BUSINESS_PARTNER}: {@code A_BusinessPartner} with {@code to_BusinessPartnerRole}, {@code
 * to_BusinessPartnerAddress} (+ {@code to_EmailAddress}), {@code to_BusinessPartnerTax} and {@code
 * to_Customer}/{@code to_CustomerSalesArea}) and back.
 *
 * <p>Defaults: an organisation ({@code BusinessPartnerCategory} 2, {@code OrganizationBPName1}) for
 * a business, a person (category 1, {@code FirstName} + {@code LastName}, split at the last space)
 * for a consumer; the account number, our lookup key, in {@code SearchTerm1}; the billing address
 * as the first BP address (line 1 in {@code StreetName}, line 2 in {@code StreetSuffixName}); the
 * billing e-mail as that address's first e-mail; the tax id as {@code BPTaxNumber} of type country
 * + {@code 0} (such as {@code DE0}); currency and payment terms in the configured sales area;
 * status from {@code BusinessPartnerIsBlocked} ({@code ON_HOLD}) and {@code IsMarkedForArchiving}
 * ({@code CLOSED}; {@code INACTIVE} is written as archived too and reads back as {@code CLOSED});
 * credit status from the customer's order block (the credit limit lives in SAP Credit Management
 * and is not read). Each field can be renamed, extension fields added, the key field, sales area,
 * tax type and role replaced.
 *
 * <p>Immutable and thread-safe.
 */
public final class CustomerMapping {
  private final String keyField;
  private final int keyMaxLength;
  private final String role;
  private final String taxType;
  private final String salesOrganization;
  private final String distributionChannel;
  private final String division;
  private final Map<String, String> renamed;
  private final Set<String> extensionFields;

  private CustomerMapping(
      String keyField,
      int keyMaxLength,
      String role,
      String taxType,
      String salesOrganization,
      String distributionChannel,
      String division,
      Map<String, String> renamed,
      Set<String> extensionFields) {
    this.keyField = keyField;
    this.keyMaxLength = keyMaxLength;
    this.role = role;
    this.taxType = taxType;
    this.salesOrganization = salesOrganization;
    this.distributionChannel = distributionChannel;
    this.division = division;
    this.renamed = Map.copyOf(renamed);
    this.extensionFields = Set.copyOf(extensionFields);
  }

  /**
   * Returns the default mapping: key in {@code SearchTerm1} (20 characters), role {@code FLCU01},
   * no sales area (currency and payment terms are then not mapped).
   *
   * @return the mapping
   */
  public static CustomerMapping defaults() {
    return new CustomerMapping(
        "SearchTerm1", 20, "FLCU01", null, null, null, null, Map.of(), Set.of());
  }

  /**
   * Returns a copy that keeps the account number (the lookup key) in another BP header field, such
   * as {@code BusinessPartnerIDByExtSystem} or a custom {@code YY1_} field.
   *
   * @param field the field
   * @param maxLength its length in the service's metadata
   * @return the copy
   */
  public CustomerMapping keyField(String field, int maxLength) {
    return new CustomerMapping(
        fieldName("keyField", field),
        maxLength,
        role,
        taxType,
        salesOrganization,
        distributionChannel,
        division,
        renamed,
        extensionFields);
  }

  /**
   * Returns a copy that gives new customers another BP role than {@code FLCU01}.
   *
   * @param bpRole such as {@code FLCU00}
   * @return the copy
   */
  public CustomerMapping role(String bpRole) {
    return new CustomerMapping(
        keyField,
        keyMaxLength,
        code("role", bpRole),
        taxType,
        salesOrganization,
        distributionChannel,
        division,
        renamed,
        extensionFields);
  }

  /**
   * Returns a copy that writes the tax id with this {@code BPTaxType} instead of country + 0.
   *
   * @param type such as {@code DE0}
   * @return the copy
   */
  public CustomerMapping taxType(String type) {
    return new CustomerMapping(
        keyField,
        keyMaxLength,
        role,
        code("taxType", type),
        salesOrganization,
        distributionChannel,
        division,
        renamed,
        extensionFields);
  }

  /**
   * Returns a copy that maps currency and payment terms to this sales area's {@code
   * A_CustomerSalesArea}.
   *
   * @param organization {@code SalesOrganization}, such as {@code 1710}
   * @param channel {@code DistributionChannel}, such as {@code 10}
   * @param div {@code Division}, such as {@code 00}
   * @return the copy
   */
  public CustomerMapping salesArea(String organization, String channel, String div) {
    return new CustomerMapping(
        keyField,
        keyMaxLength,
        role,
        taxType,
        code("salesOrganization", organization),
        code("distributionChannel", channel),
        code("division", div),
        renamed,
        extensionFields);
  }

  /**
   * Returns a copy that writes and reads a default SAP field under another name.
   *
   * @param sapDefault the default name, such as {@code OrganizationBPName1}
   * @param sapName the name to use
   * @return the copy
   */
  public CustomerMapping rename(String sapDefault, String sapName) {
    Map<String, String> m = new LinkedHashMap<>(renamed);
    m.put(fieldName("sapDefault", sapDefault), fieldName("sapName", sapName));
    return new CustomerMapping(
        keyField,
        keyMaxLength,
        role,
        taxType,
        salesOrganization,
        distributionChannel,
        division,
        m,
        extensionFields);
  }

  /**
   * Returns a copy that also maps a BP header field (such as a custom {@code YY1_LoyaltyTier_bus})
   * to the account's extension of the same name, as text.
   *
   * @param sapField the field
   * @return the copy
   */
  public CustomerMapping extensionField(String sapField) {
    Set<String> s = new LinkedHashSet<>(extensionFields);
    s.add(fieldName("extensionField", sapField));
    return new CustomerMapping(
        keyField,
        keyMaxLength,
        role,
        taxType,
        salesOrganization,
        distributionChannel,
        division,
        renamed,
        s);
  }

  String keyField() {
    return keyField;
  }

  String f(String sapDefault) {
    return renamed.getOrDefault(sapDefault, sapDefault);
  }

  /** The navigations a read expands so that {@link #toAccount} sees every mapped field. */
  String expand() {
    return "to_BusinessPartnerAddress/to_EmailAddress,to_BusinessPartnerTax,"
        + "to_Customer/to_CustomerSalesArea";
  }

  /**
   * Returns the lookup key of an account: its account number, else the request's key.
   *
   * @throws ValidationException naming {@code accountNumber} when it does not fit the key field
   */
  String key(Account account, String requestKey) {
    String key = account.accountNumber() != null ? account.accountNumber() : requestKey;
    if (key.length() > keyMaxLength) {
      throw ValidationException.of(
          "S/4HANA customer",
          "accountNumber",
          key,
          "is longer than "
              + keyMaxLength
              + " characters, the length of "
              + keyField
              + " that holds it; shorten it or configure CustomerMapping.keyField");
    }
    return key;
  }

  /**
   * Returns the deep-insert body that creates the business partner with its customer role.
   *
   * @param account the account
   * @param key its lookup key
   * @param plainArrays whether to-many navigations are written as plain arrays instead of {@code
   *     {"results": [...]}}
   * @return the body
   * @throws ValidationException naming the field that cannot be written
   */
  ObjectNode create(Account account, String key, boolean plainArrays) {
    ObjectNode bp = header(account, key, true);
    ObjectNode r = ODataV2.JSON.createObjectNode().put("BusinessPartnerRole", role);
    bp.set("to_BusinessPartnerRole", many(plainArrays, r));
    ObjectNode address = address(account);
    if (address != null) {
      String email = email(account);
      if (email != null) {
        address.set(
            "to_EmailAddress",
            many(
                plainArrays,
                ODataV2.JSON
                    .createObjectNode()
                    .put(f("EmailAddress"), email)
                    .put("IsDefaultEmailAddress", true)));
      }
      bp.set("to_BusinessPartnerAddress", many(plainArrays, address));
    }
    if (account.taxId() != null) {
      bp.set(
          "to_BusinessPartnerTax",
          many(
              plainArrays,
              ODataV2.JSON
                  .createObjectNode()
                  .put("BPTaxType", taxType(account))
                  .put(f("BPTaxNumber"), account.taxId())));
    }
    ObjectNode customer = ODataV2.JSON.createObjectNode();
    ObjectNode area = salesAreaBody(account);
    if (area != null) {
      customer.set("to_CustomerSalesArea", many(plainArrays, area));
    }
    bp.set("to_Customer", customer);
    return bp;
  }

  /**
   * Returns the operations that bring the business partner {@code current} (as read with {@link
   * #expand()}) to the account: always a PATCH of the BP header carrying {@code If-Match}, so the
   * whole changeset is compare-and-set against the version read, then the address, e-mail, tax
   * number and sales area where they differ. Empty when nothing differs and no version check was
   * asked for.
   *
   * @throws ValidationException naming a field SAP does not let change (the customer type)
   */
  List<BatchCodec.Operation> update(
      Account account,
      String key,
      JsonNode current,
      String ifMatch,
      boolean versionCheck,
      Set<FieldPath> fields) {
    String bpId = current.path("BusinessPartner").asText();
    String category = account.customerType() == CustomerType.CONSUMER ? "1" : "2";
    if (!category.equals(current.path("BusinessPartnerCategory").asText(category))
        && wanted(fields, Account.Fields.CUSTOMER_TYPE)) {
      throw ValidationException.of(
          "S/4HANA customer",
          "customerType",
          account.customerType(),
          "cannot change on an existing business partner (BusinessPartnerCategory is fixed at"
              + " creation); create a new customer instead");
    }
    List<BatchCodec.Operation> ops = new ArrayList<>();
    ObjectNode desired = header(account, key, false);
    ObjectNode patch = ODataV2.JSON.createObjectNode();
    desired
        .fieldNames()
        .forEachRemaining(
            n -> {
              if (!desired.get(n).equals(current.get(n)) && wantedSap(fields, n)) {
                patch.set(n, desired.get(n));
              }
            });
    JsonNode addr = first(current.path("to_BusinessPartnerAddress"));
    ObjectNode addrDesired = address(account);
    String email = email(account);
    boolean emailWanted = wanted(fields, Account.Fields.BILLING_EMAIL) && email != null;
    if (addr == null && (addrDesired != null || emailWanted)) {
      if (addrDesired == null) {
        throw ValidationException.of(
            "S/4HANA customer",
            "billing.email",
            null,
            "needs a billing address: SAP keeps e-mail addresses under a BP address");
      }
      if (emailWanted) {
        addrDesired.set(
            "to_EmailAddress",
            many(
                false,
                ODataV2.JSON
                    .createObjectNode()
                    .put(f("EmailAddress"), email)
                    .put("IsDefaultEmailAddress", true)));
      }
      ops.add(
          new BatchCodec.Operation(
              "POST",
              "A_BusinessPartner(" + ODataV2.literal(bpId) + ")/to_BusinessPartnerAddress",
              null,
              addrDesired.toString()));
    } else if (addr != null) {
      String addressKey =
          "BusinessPartner="
              + ODataV2.literal(bpId)
              + ",AddressID="
              + ODataV2.literal(addr.path("AddressID").asText());
      if (addrDesired != null && wanted(fields, Account.Fields.BILLING_ADDRESS)) {
        ObjectNode addrPatch = diff(addrDesired, addr);
        if (!addrPatch.isEmpty()) {
          ops.add(
              new BatchCodec.Operation(
                  "PATCH",
                  "A_BusinessPartnerAddress(" + addressKey + ")",
                  null,
                  addrPatch.toString()));
        }
      }
      JsonNode mail = first(addr.path("to_EmailAddress"));
      if (emailWanted && mail == null) {
        ops.add(
            new BatchCodec.Operation(
                "POST",
                "A_BusinessPartnerAddress(" + addressKey + ")/to_EmailAddress",
                null,
                ODataV2.JSON
                    .createObjectNode()
                    .put(f("EmailAddress"), email)
                    .put("IsDefaultEmailAddress", true)
                    .toString()));
      } else if (emailWanted && !email.equals(mail.path(f("EmailAddress")).asText())) {
        ops.add(
            new BatchCodec.Operation(
                "PATCH",
                "A_AddressEmailAddress(AddressID="
                    + ODataV2.literal(mail.path("AddressID").asText())
                    + ",Person="
                    + ODataV2.literal(mail.path("Person").asText())
                    + ",OrdinalNumber="
                    + ODataV2.literal(mail.path("OrdinalNumber").asText())
                    + ")",
                null,
                ODataV2.JSON.createObjectNode().put(f("EmailAddress"), email).toString()));
      }
    }
    if (account.taxId() != null && wanted(fields, Account.Fields.TAX_ID)) {
      String type = taxType(account);
      JsonNode tax = null;
      for (JsonNode t : ODataV2.results(current.path("to_BusinessPartnerTax"))) {
        if (type.equals(t.path("BPTaxType").asText())) {
          tax = t;
        }
      }
      ObjectNode body = ODataV2.JSON.createObjectNode().put(f("BPTaxNumber"), account.taxId());
      if (tax == null) {
        body.put("BPTaxType", type);
        ops.add(
            new BatchCodec.Operation(
                "POST",
                "A_BusinessPartner(" + ODataV2.literal(bpId) + ")/to_BusinessPartnerTax",
                null,
                body.toString()));
      } else if (!account.taxId().equals(tax.path(f("BPTaxNumber")).asText())) {
        ops.add(
            new BatchCodec.Operation(
                "PATCH",
                "A_BusinessPartnerTaxNumber(BusinessPartner="
                    + ODataV2.literal(bpId)
                    + ",BPTaxType="
                    + ODataV2.literal(type)
                    + ")",
                null,
                body.toString()));
      }
    }
    ObjectNode area = salesAreaBody(account);
    if (area != null
        && (wanted(fields, Account.Fields.CURRENCY)
            || wanted(fields, Account.Fields.PAYMENT_TERMS))) {
      JsonNode currentArea = salesArea(current);
      String customer = current.path("to_Customer").path("Customer").asText(bpId);
      if (currentArea == null) {
        ops.add(
            new BatchCodec.Operation(
                "POST",
                "A_Customer(" + ODataV2.literal(customer) + ")/to_CustomerSalesArea",
                null,
                area.toString()));
      } else {
        ObjectNode areaPatch = diff(area, currentArea);
        areaPatch.remove(List.of("SalesOrganization", "DistributionChannel", "Division"));
        if (!areaPatch.isEmpty()) {
          ops.add(
              new BatchCodec.Operation(
                  "PATCH",
                  "A_CustomerSalesArea(Customer="
                      + ODataV2.literal(customer)
                      + ",SalesOrganization="
                      + ODataV2.literal(salesOrganization)
                      + ",DistributionChannel="
                      + ODataV2.literal(distributionChannel)
                      + ",Division="
                      + ODataV2.literal(division)
                      + ")",
                  null,
                  areaPatch.toString()));
        }
      }
    }
    if (ops.isEmpty() && patch.isEmpty() && !versionCheck) {
      return List.of();
    }
    if (patch.isEmpty()) {
      // Nothing in the header changed: the key alone, so that If-Match still guards the changeset.
      patch.put(keyField, key);
    }
    ops.add(
        0,
        new BatchCodec.Operation(
            "PATCH",
            "A_BusinessPartner(" + ODataV2.literal(bpId) + ")",
            ifMatch,
            patch.toString()));
    return ops;
  }

  /**
   * Returns the account a business partner read with {@link #expand()} holds.
   *
   * @param bp the business partner
   * @return the account
   * @throws ValidationException naming the SAP field that cannot be mapped
   */
  Account toAccount(JsonNode bp) {
    boolean person = "1".equals(bp.path("BusinessPartnerCategory").asText());
    String name;
    if (person) {
      name =
          (text(bp, f("FirstName")) == null ? "" : text(bp, f("FirstName")) + " ")
              + (text(bp, f("LastName")) == null ? "" : text(bp, f("LastName")));
    } else {
      name =
          (text(bp, f("OrganizationBPName1")) == null ? "" : text(bp, f("OrganizationBPName1")))
              + (text(bp, f("OrganizationBPName2")) == null
                  ? ""
                  : " " + text(bp, f("OrganizationBPName2")));
    }
    name = name.trim();
    if (name.isEmpty()) {
      name = text(bp, "BusinessPartnerFullName");
    }
    if (name == null || name.isBlank()) {
      throw ValidationException.of(
          "S/4HANA business partner " + bp.path("BusinessPartner").asText(),
          person ? "LastName" : "OrganizationBPName1",
          null,
          "is empty: the account needs a name");
    }
    JsonNode customer = bp.path("to_Customer");
    boolean archived =
        bp.path(f("IsMarkedForArchiving")).asBoolean(false)
            || customer.path("DeletionIndicator").asBoolean(false);
    boolean orderBlock = text(customer, "OrderIsBlockedForCustomer") != null;
    AccountStatus status =
        archived
            ? AccountStatus.CLOSED
            : bp.path(f("BusinessPartnerIsBlocked")).asBoolean(false) || orderBlock
                ? AccountStatus.ON_HOLD
                : AccountStatus.ACTIVE;
    Account.Builder b =
        Account.builder()
            .name(name)
            .accountNumber(text(bp, keyField))
            .customerType(person ? CustomerType.CONSUMER : CustomerType.BUSINESS)
            .status(status);
    if (customer.isObject() && customer.has("Customer")) {
      b.credit(
          new CreditTerms(orderBlock ? CreditStatus.ON_HOLD : CreditStatus.APPROVED, null, null));
    }
    JsonNode addr = first(bp.path("to_BusinessPartnerAddress"));
    if (addr != null) {
      List<String> lines = new ArrayList<>();
      if (text(addr, f("StreetName")) != null) {
        lines.add(text(addr, f("StreetName")));
      }
      if (text(addr, f("StreetSuffixName")) != null) {
        lines.add(text(addr, f("StreetSuffixName")));
      }
      PostalAddress pa =
          PostalAddress.builder()
              .lines(lines)
              .locality(text(addr, f("CityName")))
              .region(text(addr, f("Region")))
              .postalCode(text(addr, f("PostalCode")))
              .country(text(addr, f("Country")))
              .build();
      JsonNode mail = first(addr.path("to_EmailAddress"));
      b.billing(
          new BillingProfile(pa, mail == null ? null : text(mail, f("EmailAddress")), null, null));
    }
    JsonNode tax = first(bp.path("to_BusinessPartnerTax"));
    if (tax != null) {
      String number = text(tax, f("BPTaxNumber"));
      b.taxId(number != null ? number : text(tax, "BPTaxLongNumber"));
    }
    JsonNode area = salesArea(bp);
    if (area != null) {
      b.currency(text(area, f("Currency")));
      b.paymentTerms(text(area, f("CustomerPaymentTerms")));
    }
    Map<String, Object> ext = new LinkedHashMap<>();
    for (String x : extensionFields) {
      if (text(bp, x) != null) {
        ext.put(x, text(bp, x));
      }
    }
    b.extensions(ext);
    return b.build();
  }

  private ObjectNode header(Account account, String key, boolean withCategory) {
    ObjectNode bp = ODataV2.JSON.createObjectNode();
    boolean person = account.customerType() == CustomerType.CONSUMER;
    if (withCategory) {
      bp.put("BusinessPartnerCategory", person ? "1" : "2");
    }
    if (person) {
      String n = account.name().trim();
      int space = n.lastIndexOf(' ');
      bp.put(f("FirstName"), space < 0 ? "" : n.substring(0, space).trim());
      bp.put(f("LastName"), space < 0 ? n : n.substring(space + 1));
    } else {
      bp.put(f("OrganizationBPName1"), account.name());
    }
    bp.put(keyField, key);
    bp.put(f("BusinessPartnerIsBlocked"), account.status() == AccountStatus.ON_HOLD);
    bp.put(
        f("IsMarkedForArchiving"),
        account.status() == AccountStatus.CLOSED || account.status() == AccountStatus.INACTIVE);
    for (String x : extensionFields) {
      Object v = account.extensions().get(x);
      if (v != null) {
        bp.put(x, v.toString());
      }
    }
    return bp;
  }

  private ObjectNode address(Account account) {
    PostalAddress a = account.billing() == null ? null : account.billing().address();
    if (a == null) {
      return null;
    }
    if (a.country() == null) {
      throw ValidationException.of(
          "S/4HANA customer",
          "billing.address.country",
          null,
          "is required: SAP needs a country on every business partner address");
    }
    if (a.lines().size() > 2) {
      throw ValidationException.of(
          "S/4HANA customer",
          "billing.address.lines",
          a.lines().size() + " lines",
          "has more lines than the two this mapping writes (StreetName, StreetSuffixName);"
              + " rename fields or shorten the address");
    }
    ObjectNode n = ODataV2.JSON.createObjectNode();
    n.put(f("Country"), a.country());
    putIfSet(n, f("CityName"), a.locality());
    putIfSet(n, f("PostalCode"), a.postalCode());
    putIfSet(n, f("Region"), a.region());
    putIfSet(n, f("StreetName"), a.lines().isEmpty() ? null : a.lines().get(0));
    putIfSet(n, f("StreetSuffixName"), a.lines().size() > 1 ? a.lines().get(1) : null);
    return n;
  }

  private static String email(Account account) {
    return account.billing() == null ? null : account.billing().email();
  }

  private String taxType(Account account) {
    if (taxType != null) {
      return taxType;
    }
    PostalAddress a = account.billing() == null ? null : account.billing().address();
    if (a == null || a.country() == null) {
      throw new ValidationException(
          "S/4HANA customer",
          List.of(
              FieldError.redacted(
                  "taxId",
                  "needs a BPTaxType: give the account a billing country (type is country + 0)"
                      + " or configure CustomerMapping.taxType")));
    }
    return a.country() + "0";
  }

  private ObjectNode salesAreaBody(Account account) {
    if (salesOrganization == null) {
      return null;
    }
    ObjectNode n = ODataV2.JSON.createObjectNode();
    n.put("SalesOrganization", salesOrganization);
    n.put("DistributionChannel", distributionChannel);
    n.put("Division", division);
    putIfSet(n, f("Currency"), account.currency());
    putIfSet(n, f("CustomerPaymentTerms"), account.paymentTerms());
    return n;
  }

  private JsonNode salesArea(JsonNode bp) {
    if (salesOrganization == null) {
      return null;
    }
    for (JsonNode a : ODataV2.results(bp.path("to_Customer").path("to_CustomerSalesArea"))) {
      if (salesOrganization.equals(a.path("SalesOrganization").asText())
          && distributionChannel.equals(a.path("DistributionChannel").asText())
          && division.equals(a.path("Division").asText())) {
        return a;
      }
    }
    return null;
  }

  private static ObjectNode diff(ObjectNode desired, JsonNode current) {
    ObjectNode patch = ODataV2.JSON.createObjectNode();
    desired
        .fieldNames()
        .forEachRemaining(
            n -> {
              JsonNode d = desired.get(n);
              if (!d.isContainerNode() && !d.equals(current.get(n))) {
                patch.set(n, d);
              }
            });
    return patch;
  }

  private static JsonNode first(JsonNode navigation) {
    List<JsonNode> r = ODataV2.results(navigation);
    return r.isEmpty() ? null : r.get(0);
  }

  static ArrayNode array(ObjectNode... items) {
    ArrayNode a = ODataV2.JSON.createArrayNode();
    for (ObjectNode i : items) {
      a.add(i);
    }
    return a;
  }

  static JsonNode many(boolean plainArrays, ObjectNode... items) {
    ArrayNode a = array(items);
    return plainArrays ? a : ODataV2.JSON.createObjectNode().set("results", a);
  }

  private static void putIfSet(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  private static String text(JsonNode n, String field) {
    return ODataV2.text(n, field);
  }

  static boolean wanted(Set<FieldPath> fields, FieldPath f) {
    if (fields.isEmpty()) {
      return true;
    }
    for (FieldPath p : fields) {
      if (p.contains(f) || f.contains(p)) {
        return true;
      }
    }
    return false;
  }

  private boolean wantedSap(Set<FieldPath> fields, String sapField) {
    if (fields.isEmpty() || sapField.equals(keyField)) {
      return true;
    }
    if (sapField.equals(f("BusinessPartnerIsBlocked"))
        || sapField.equals(f("IsMarkedForArchiving"))) {
      return wanted(fields, Account.Fields.STATUS);
    }
    if (extensionFields.contains(sapField)) {
      return wanted(fields, FieldPath.extension(sapField));
    }
    return wanted(fields, Account.Fields.NAME);
  }

  static String code(String argument, String value) {
    if (value == null || !value.matches("[A-Za-z0-9_/]{1,40}")) {
      throw ValidationException.of(
          "S/4HANA mapping", argument, value, "must be an SAP code of letters and digits");
    }
    return value;
  }

  static String fieldName(String argument, String value) {
    if (value == null || !value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw ValidationException.of(
          "CustomerMapping", argument, value, "must be an OData property name or code");
    }
    return value;
  }
}
