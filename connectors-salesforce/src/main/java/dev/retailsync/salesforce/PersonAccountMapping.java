package dev.retailsync.salesforce;

import static dev.retailsync.salesforce.MappingSupport.addPoint;
import static dev.retailsync.salesforce.MappingSupport.fieldName;
import static dev.retailsync.salesforce.MappingSupport.first;
import static dev.retailsync.salesforce.MappingSupport.optOut;
import static dev.retailsync.salesforce.MappingSupport.readCustom;
import static dev.retailsync.salesforce.MappingSupport.recordId;
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
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.MarketingConsent;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Maps the canonical {@link Party} (a consumer) to a Salesforce Person Account and back: {@code
 * Salutation}, {@code FirstName}, {@code LastName} (never {@code Name}, which Salesforce derives),
 * {@code PersonBirthdate}, {@code PersonEmail}, {@code Phone}, {@code PersonMobilePhone}, the home
 * (else first) address as the {@code PersonMailing} address, {@code PersonHasOptedOutOfEmail} and
 * {@code PersonDoNotCall}, the person account record type when one is configured, and custom
 * account ({@code __c}) and person contact ({@code __pc}) fields. The change feed reads only
 * records with {@code IsPersonAccount = true}.
 *
 * <p>A party has no key of its own: the connector upserts it by the write request's key in the
 * configured external id field, which is usually the same Account field the {@link AccountMapping}
 * uses. Person accounts must be enabled in the org; organisations ({@link PartyKind#ORGANIZATION})
 * are rejected with the field named: write them as {@link dev.retailsync.api.model.Account}s.
 *
 * <p>Immutable and thread-safe.
 */
public final class PersonAccountMapping implements SObjectMapping<Party> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String externalIdField;
  private final String recordTypeId;

  private PersonAccountMapping(String externalIdField, String recordTypeId) {
    this.externalIdField = externalIdField;
    this.recordTypeId = recordTypeId;
  }

  /**
   * Returns the default mapping, which leaves the record type to the org's default.
   *
   * @param externalIdField the Account External ID field the party is upserted by, such as {@code
   *     ERP_Customer_Id__c}
   * @return the mapping
   * @throws ValidationException when the name is not a Salesforce field name
   */
  public static PersonAccountMapping withExternalId(String externalIdField) {
    return new PersonAccountMapping(
        fieldName("PersonAccountMapping", "externalIdField", externalIdField), null);
  }

  /**
   * Returns a copy that creates person accounts with the given record type, which orgs whose
   * default Account record type is a business one need.
   *
   * @param recordTypeId the person account record type's id ({@code 012...})
   * @return the copy
   * @throws ValidationException when the id is not a 15- or 18-character Salesforce id
   */
  public PersonAccountMapping recordTypeId(String recordTypeId) {
    return new PersonAccountMapping(
        externalIdField,
        recordId("PersonAccountMapping", "recordTypeId", recordTypeId, "012", "RecordType"));
  }

  @Override
  public EntityType<Party> entityType() {
    return EntityType.PARTY;
  }

  @Override
  public String sobject() {
    return "Account";
  }

  @Override
  public String externalIdField() {
    return externalIdField;
  }

  @Override
  public String feedFilter() {
    return "IsPersonAccount = true";
  }

  @Override
  public ObjectNode toSalesforce(Party p, Set<FieldPath> fields) {
    List<FieldError> errors = new ArrayList<>();
    if (p.kind() != PartyKind.PERSON) {
      errors.add(
          FieldError.redacted(
              "kind", "must be PERSON for a person account; write organisations as Accounts"));
    } else if (p.name() == null || p.name().family() == null) {
      errors.add(
          FieldError.redacted(
              "name.family", "is required: a person account's LastName is required"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException("Salesforce Person Account", errors);
    }
    ObjectNode r = JSON.createObjectNode();
    r.putObject("attributes").put("type", "Account");
    if (recordTypeId != null) {
      r.put("RecordTypeId", recordTypeId);
    }
    if (wanted(fields, Party.Fields.NAME)) {
      r.put("Salutation", p.name().title());
      r.put("FirstName", p.name().given());
    }
    // LastName is always sent: it is what makes the record a person account.
    r.put("LastName", p.name().family());
    if (wanted(fields, Party.Fields.BIRTH_DATE)) {
      r.put("PersonBirthdate", p.birthDate() == null ? null : p.birthDate().toString());
    }
    if (wanted(fields, Party.Fields.CONTACT_POINTS)) {
      r.put("PersonEmail", first(p.contactPoints(), ContactPointType.EMAIL));
      r.put("Phone", first(p.contactPoints(), ContactPointType.PHONE));
      r.put("PersonMobilePhone", first(p.contactPoints(), ContactPointType.MOBILE));
    }
    if (wanted(fields, Party.Fields.ADDRESSES)) {
      PostalAddress a = mailing(p.addresses());
      r.put(
          "PersonMailingStreet",
          a == null || a.lines().isEmpty() ? null : String.join("\n", a.lines()));
      r.put("PersonMailingCity", a == null ? null : a.locality());
      r.put("PersonMailingState", a == null ? null : a.region());
      r.put("PersonMailingPostalCode", a == null ? null : a.postalCode());
      r.put("PersonMailingCountry", a == null ? null : a.country());
    }
    MarketingConsent consent = p.marketingConsent();
    if (consent != null && wanted(fields, Party.Fields.MARKETING_CONSENT)) {
      r.put("PersonHasOptedOutOfEmail", consent.email() == ConsentState.DENIED);
      r.put("PersonDoNotCall", consent.phone() == ConsentState.DENIED);
    }
    writeCustom(r, p.extensions(), externalIdField, fields);
    return r;
  }

  private static PostalAddress mailing(List<PartyAddress> addresses) {
    for (PartyAddress a : addresses) {
      if (a.use() == AddressUse.HOME) {
        return a.address();
      }
    }
    return addresses.isEmpty() ? null : addresses.get(0).address();
  }

  @Override
  public Party fromSalesforce(JsonNode r) {
    List<ContactPoint> points = new ArrayList<>();
    addPoint(points, ContactPointType.EMAIL, text(r, "PersonEmail"));
    addPoint(points, ContactPointType.PHONE, text(r, "Phone"));
    addPoint(points, ContactPointType.MOBILE, text(r, "PersonMobilePhone"));
    List<PartyAddress> addresses = new ArrayList<>();
    String street = text(r, "PersonMailingStreet");
    String city = text(r, "PersonMailingCity");
    String country = text(r, "PersonMailingCountry");
    if (street != null || city != null || country != null) {
      addresses.add(
          new PartyAddress(
              AddressUse.HOME,
              PostalAddress.builder()
                  .lines(street == null ? List.of() : Arrays.asList(street.split("\\R")))
                  .locality(city)
                  .region(text(r, "PersonMailingState"))
                  .postalCode(text(r, "PersonMailingPostalCode"))
                  .country(country == null || country.length() != 2 ? null : country)
                  .build(),
              true));
    }
    String birth = text(r, "PersonBirthdate");
    Party.Builder b =
        Party.builder()
            .kind(PartyKind.PERSON)
            .name(
                new PersonName(
                    text(r, "Salutation"), text(r, "FirstName"), null, text(r, "LastName"), null))
            .birthDate(birth == null ? null : LocalDate.parse(birth))
            .contactPoints(points)
            .addresses(addresses)
            .marketingConsent(
                new MarketingConsent(
                    optOut(r, "PersonHasOptedOutOfEmail"),
                    null,
                    optOut(r, "PersonDoNotCall"),
                    null,
                    null,
                    null));
    readCustom(r, externalIdField, b::putExtension);
    return b.build();
  }

  @Override
  public Set<FieldPath> mappedFields(Party party) {
    return withExtensions(
        party.extensions(),
        Party.Fields.KIND,
        Party.Fields.NAME,
        Party.Fields.BIRTH_DATE,
        Party.Fields.CONTACT_POINTS,
        Party.Fields.ADDRESSES,
        Party.Fields.MARKETING_CONSENT_EMAIL,
        Party.Fields.MARKETING_CONSENT_PHONE);
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
        "PersonBirthdate",
        "PersonEmail",
        "Phone",
        "PersonMobilePhone",
        "PersonMailingStreet",
        "PersonMailingCity",
        "PersonMailingState",
        "PersonMailingPostalCode",
        "PersonMailingCountry",
        "PersonHasOptedOutOfEmail",
        "PersonDoNotCall");
  }
}
