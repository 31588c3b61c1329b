package dev.retailsync.salesforce;

import static dev.retailsync.salesforce.MappingSupport.fieldName;
import static dev.retailsync.salesforce.MappingSupport.readCustom;
import static dev.retailsync.salesforce.MappingSupport.writeCustom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.CaseOrigin;
import dev.retailsync.api.model.CasePriority;
import dev.retailsync.api.model.CaseStatus;
import dev.retailsync.api.model.ServiceCase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps the canonical {@link ServiceCase} to a Salesforce Case and back: subject, description, the
 * {@code Status}, {@code Priority} and {@code Origin} picklists (standard values), the account by
 * its external id as a relationship ({@code "Account": {"ERP_Customer_Id__c": "C-1"}}), and custom
 * fields. A Salesforce picklist value the canonical model has no value for is a mapping error
 * naming the field, never a silent default.
 *
 * <p>Immutable and thread-safe.
 */
public final class CaseMapping implements SObjectMapping<ServiceCase> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter SF_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  private static final Map<CaseStatus, String> STATUS =
      Map.of(
          CaseStatus.NEW, "New",
          CaseStatus.OPEN, "Working",
          CaseStatus.WAITING_ON_CUSTOMER, "On Hold",
          CaseStatus.ESCALATED, "Escalated",
          CaseStatus.RESOLVED, "Closed",
          CaseStatus.CLOSED, "Closed");
  private static final Map<CasePriority, String> PRIORITY =
      Map.of(
          CasePriority.LOW, "Low",
          CasePriority.MEDIUM, "Medium",
          CasePriority.HIGH, "High",
          CasePriority.URGENT, "High");
  private static final Map<CaseOrigin, String> ORIGIN =
      Map.of(
          CaseOrigin.EMAIL, "Email",
          CaseOrigin.PHONE, "Phone",
          CaseOrigin.WEB, "Web",
          CaseOrigin.CHAT, "Chat",
          CaseOrigin.STORE, "Store",
          CaseOrigin.SOCIAL, "Social");

  // Reading back: one canonical value per picklist value ("Closed" is CLOSED, "High" is HIGH).
  private static final Map<String, CaseStatus> STATUS_BACK =
      Map.of(
          "new", CaseStatus.NEW,
          "working", CaseStatus.OPEN,
          "on hold", CaseStatus.WAITING_ON_CUSTOMER,
          "escalated", CaseStatus.ESCALATED,
          "closed", CaseStatus.CLOSED);
  private static final Map<String, CasePriority> PRIORITY_BACK =
      Map.of("low", CasePriority.LOW, "medium", CasePriority.MEDIUM, "high", CasePriority.HIGH);

  private final String externalIdField;
  private final String accountExternalIdField;

  private CaseMapping(String externalIdField, String accountExternalIdField) {
    this.externalIdField = externalIdField;
    this.accountExternalIdField = accountExternalIdField;
  }

  /**
   * Returns the default mapping with the given external id field, linking accounts by {@code
   * ERP_Customer_Id__c}.
   *
   * @param externalIdField the Case's unique External ID field that holds the case number
   * @return the mapping
   * @throws dev.retailsync.api.ValidationException when the name is not a Salesforce field name
   */
  public static CaseMapping withExternalId(String externalIdField) {
    return new CaseMapping(
        fieldName("CaseMapping", "externalIdField", externalIdField), "ERP_Customer_Id__c");
  }

  /**
   * Returns a copy that links the case's account by another Account external id field.
   *
   * @param field the Account's External ID field
   * @return the copy
   * @throws dev.retailsync.api.ValidationException when the name is not a Salesforce field name
   */
  public CaseMapping accountExternalIdField(String field) {
    return new CaseMapping(
        externalIdField, fieldName("CaseMapping", "accountExternalIdField", field));
  }

  @Override
  public EntityType<ServiceCase> entityType() {
    return EntityType.SERVICE_CASE;
  }

  @Override
  public String sobject() {
    return "Case";
  }

  @Override
  public String externalIdField() {
    return externalIdField;
  }

  @Override
  public ObjectNode toSalesforce(ServiceCase c, Set<FieldPath> fields) {
    if (c.caseNumber() == null) {
      throw new ValidationException(
          "Salesforce Case",
          List.of(
              FieldError.redacted(
                  "caseNumber", "is required: Salesforce upserts cases by " + externalIdField)));
    }
    ObjectNode r = JSON.createObjectNode();
    r.putObject("attributes").put("type", "Case");
    r.put(externalIdField, c.caseNumber());
    r.put("Subject", c.subject());
    r.put("Description", c.description());
    r.put("Status", STATUS.get(c.status()));
    r.put("Priority", c.priority() == null ? null : PRIORITY.get(c.priority()));
    r.put("Origin", c.origin() == null ? null : ORIGIN.get(c.origin()));
    if (c.accountNumber() != null) {
      r.putObject("Account").put(accountExternalIdField, c.accountNumber());
    }
    writeCustom(r, c.extensions(), externalIdField, java.util.Set.of());
    return r;
  }

  @Override
  public ServiceCase fromSalesforce(JsonNode r) {
    List<FieldError> errors = new ArrayList<>();
    CaseStatus status = reverse(STATUS_BACK, text(r, "Status"), "Status", errors, CaseStatus.OPEN);
    CasePriority priority = reverse(PRIORITY_BACK, text(r, "Priority"), "Priority", errors, null);
    Map<String, CaseOrigin> originBack = new java.util.HashMap<>();
    ORIGIN.forEach((k, v) -> originBack.put(v.toLowerCase(Locale.ROOT), k));
    CaseOrigin origin = reverse(originBack, text(r, "Origin"), "Origin", errors, null);
    if (!errors.isEmpty()) {
      throw new ValidationException("Salesforce Case", errors);
    }
    ServiceCase.Builder b =
        ServiceCase.builder()
            .caseNumber(
                text(r, externalIdField) != null ? text(r, externalIdField) : text(r, "CaseNumber"))
            .subject(text(r, "Subject"))
            .description(text(r, "Description"))
            .status(status)
            .priority(priority)
            .origin(origin)
            .accountNumber(
                r.path("Account").isObject()
                    ? text(r.path("Account"), accountExternalIdField)
                    : null)
            .openedAt(instant(text(r, "CreatedDate")))
            .closedAt(instant(text(r, "ClosedDate")));
    readCustom(r, externalIdField, b::putExtension);
    return b.build();
  }

  private static <E> E reverse(
      Map<String, E> table, String value, String field, List<FieldError> errors, E absent) {
    if (value == null) {
      return absent;
    }
    E found = table.get(value.toLowerCase(Locale.ROOT));
    if (found == null) {
      errors.add(
          FieldError.of(
              field,
              value,
              "is not a picklist value this mapping knows; known: "
                  + new java.util.TreeSet<>(table.keySet())
                  + " (extend the mapping for the org's own values)"));
    }
    return found;
  }

  private static String text(JsonNode r, String field) {
    JsonNode n = r.get(field);
    return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText();
  }

  private static Instant instant(String stamp) {
    return stamp == null ? null : SF_DATETIME.parse(stamp, Instant::from);
  }

  @Override
  public List<String> selectFields() {
    return List.of(
        "Id",
        "SystemModstamp",
        "CreatedDate",
        externalIdField,
        "CaseNumber",
        "Subject",
        "Description",
        "Status",
        "Priority",
        "Origin",
        "ClosedDate",
        "Account." + accountExternalIdField);
  }
}
