package dev.retailsync.salesforce;

import static dev.retailsync.salesforce.MappingSupport.addPoint;
import static dev.retailsync.salesforce.MappingSupport.fieldName;
import static dev.retailsync.salesforce.MappingSupport.first;
import static dev.retailsync.salesforce.MappingSupport.optOut;
import static dev.retailsync.salesforce.MappingSupport.readCustom;
import static dev.retailsync.salesforce.MappingSupport.text;
import static dev.retailsync.salesforce.MappingSupport.wanted;
import static dev.retailsync.salesforce.MappingSupport.withExtensions;
import static dev.retailsync.salesforce.MappingSupport.writeCustom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.Contact;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.MarketingConsent;
import dev.retailsync.api.model.PersonName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Maps the canonical {@link Contact} to a Salesforce Contact and back: the name as {@code
 * Salutation}, {@code FirstName} and {@code LastName}, {@code Title}, {@code Department}, the first
 * e-mail, phone and mobile contact points as {@code Email}, {@code Phone} and {@code MobilePhone},
 * e-mail and phone consent as {@code HasOptedOutOfEmail} and {@code DoNotCall}, custom fields, and
 * the account the contact acts for as a reference to the parent Account by its external id ({@code
 * "Account": {"ERP_Customer_Id__c": "C-1"}}), so contacts upsert in the same call as any other
 * record without looking up Salesforce ids first.
 *
 * <p>A canonical contact has no key of its own: the connector upserts it by the write request's key
 * in the configured external id field.
 *
 * <p>Salesforce's two opt-out flags say only "do not": a flag that is {@code false} reads back as
 * {@link ConsentState#UNKNOWN}, never as granted consent.
 *
 * <p>Immutable and thread-safe.
 */
public final class ContactMapping implements SObjectMapping<Contact> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String externalIdField;
  private final String accountExternalIdField;

  private ContactMapping(String externalIdField, String accountExternalIdField) {
    this.externalIdField = externalIdField;
    this.accountExternalIdField = accountExternalIdField;
  }

  /**
   * Returns the default mapping.
   *
   * @param externalIdField Contact's unique External ID field, such as {@code ERP_Contact_Id__c}
   * @param accountExternalIdField the Account External ID field that holds the account number, the
   *     same as the {@link AccountMapping}'s, such as {@code ERP_Customer_Id__c}
   * @return the mapping
   * @throws ValidationException when a name is not a Salesforce field name
   */
  public static ContactMapping withExternalId(
      String externalIdField, String accountExternalIdField) {
    return new ContactMapping(
        fieldName("ContactMapping", "externalIdField", externalIdField),
        fieldName("ContactMapping", "accountExternalIdField", accountExternalIdField));
  }

  @Override
  public EntityType<Contact> entityType() {
    return EntityType.CONTACT;
  }

  @Override
  public String sobject() {
    return "Contact";
  }

  @Override
  public String externalIdField() {
    return externalIdField;
  }

  @Override
  public ObjectNode toSalesforce(Contact c, Set<FieldPath> fields) {
    if (c.name().family() == null) {
      throw new ValidationException(
          "Salesforce Contact",
          List.of(
              FieldError.redacted(
                  "name.family", "is required: Contact.LastName is required in Salesforce")));
    }
    ObjectNode r = JSON.createObjectNode();
    r.putObject("attributes").put("type", "Contact");
    if (wanted(fields, Contact.Fields.NAME)) {
      r.put("Salutation", c.name().title());
      r.put("FirstName", c.name().given());
      r.put("LastName", c.name().family());
    }
    if (wanted(fields, Contact.Fields.JOB_TITLE)) {
      r.put("Title", c.jobTitle());
    }
    if (wanted(fields, Contact.Fields.DEPARTMENT)) {
      r.put("Department", c.department());
    }
    if (c.accountNumber() != null && wanted(fields, Contact.Fields.ACCOUNT_NUMBER)) {
      ObjectNode account = r.putObject("Account");
      account.putObject("attributes").put("type", "Account");
      account.put(accountExternalIdField, c.accountNumber());
    }
    if (wanted(fields, Contact.Fields.CONTACT_POINTS)) {
      r.put("Email", first(c.contactPoints(), ContactPointType.EMAIL));
      r.put("Phone", first(c.contactPoints(), ContactPointType.PHONE));
      r.put("MobilePhone", first(c.contactPoints(), ContactPointType.MOBILE));
    }
    MarketingConsent consent = c.marketingConsent();
    if (consent != null && wanted(fields, Contact.Fields.MARKETING_CONSENT)) {
      r.put("HasOptedOutOfEmail", consent.email() == ConsentState.DENIED);
      r.put("DoNotCall", consent.phone() == ConsentState.DENIED);
    }
    writeCustom(r, c.extensions(), externalIdField, fields);
    return r;
  }

  @Override
  public Contact fromSalesforce(JsonNode r) {
    List<ContactPoint> points = new ArrayList<>();
    addPoint(points, ContactPointType.EMAIL, text(r, "Email"));
    addPoint(points, ContactPointType.PHONE, text(r, "Phone"));
    addPoint(points, ContactPointType.MOBILE, text(r, "MobilePhone"));
    Contact.Builder b =
        Contact.builder()
            .name(
                new PersonName(
                    text(r, "Salutation"), text(r, "FirstName"), null, text(r, "LastName"), null))
            .jobTitle(text(r, "Title"))
            .department(text(r, "Department"))
            .accountNumber(text(r.path("Account"), accountExternalIdField))
            .contactPoints(points)
            .marketingConsent(
                new MarketingConsent(
                    optOut(r, "HasOptedOutOfEmail"),
                    null,
                    optOut(r, "DoNotCall"),
                    null,
                    null,
                    null));
    readCustom(r, externalIdField, b::putExtension);
    return b.build();
  }

  @Override
  public Set<FieldPath> mappedFields(Contact contact) {
    return withExtensions(
        contact.extensions(),
        Contact.Fields.NAME,
        Contact.Fields.JOB_TITLE,
        Contact.Fields.DEPARTMENT,
        Contact.Fields.ACCOUNT_NUMBER,
        Contact.Fields.CONTACT_POINTS,
        Contact.Fields.MARKETING_CONSENT_EMAIL,
        Contact.Fields.MARKETING_CONSENT_PHONE);
  }

  @Override
  public List<String> selectFields() {
    return List.of(
        "Id",
        "SystemModstamp",
        "CreatedDate",
        externalIdField,
        "Salutation",
        "FirstName",
        "LastName",
        "Title",
        "Department",
        "Email",
        "Phone",
        "MobilePhone",
        "HasOptedOutOfEmail",
        "DoNotCall",
        "Account." + accountExternalIdField);
  }
}
