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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A customer-service case: a question, complaint or request a customer raised, with its status,
 * priority, origin and category, the account, contact and order it concerns, and when it was opened
 * and closed. Salesforce usually owns cases; ERPs and ecommerce platforms link to them by number.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}. {@code
 * toString()} leaves out the subject and description, which often quote personal data.
 *
 * @param caseNumber the case number, or {@code null} before one is issued
 * @param subject the one-line summary, or {@code null}; may hold personal data
 * @param description the full description, or {@code null}; may hold personal data
 * @param status the lifecycle status, never {@code null}
 * @param priority the priority, or {@code null} when the source does not say
 * @param origin the channel the case came in through, or {@code null} when unknown
 * @param category the category or reason code, such as {@code "DELIVERY"}, or {@code null}
 * @param accountNumber the account number of the customer's {@link Account}, or {@code null}
 * @param contactReference a reference to the {@link Contact} or {@link Party} who raised the case
 *     (an id in the system the case comes from), or {@code null}
 * @param orderNumber the number of the order the case is about, or {@code null}
 * @param openedAt when the case was opened, or {@code null} when unknown
 * @param closedAt when the case was closed, not before {@code openedAt}, or {@code null} while it
 *     is open
 * @param extensions a company's custom fields; never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion"})
public record ServiceCase(
    @Size(max = 64) String caseNumber,
    @Size(max = 255) String subject,
    @Size(max = 32000) String description,
    @NotNull CaseStatus status,
    CasePriority priority,
    CaseOrigin origin,
    @Size(max = 64) String category,
    @Size(max = 64) String accountNumber,
    @Size(max = 255) String contactReference,
    @Size(max = 64) String orderNumber,
    Instant openedAt,
    Instant closedAt,
    @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions)
    implements CanonicalEntity {

  private static final Set<String> PROPERTIES =
      Set.of(
          "schemaVersion",
          "caseNumber",
          "subject",
          "description",
          "status",
          "priority",
          "origin",
          "category",
          "accountNumber",
          "contactReference",
          "orderNumber",
          "openedAt",
          "closedAt");

  // Checks the components; see the class documentation for the rules.
  public ServiceCase {
    Checks.optionalText("ServiceCase", "caseNumber", caseNumber);
    Checks.optionalText("ServiceCase", "subject", subject);
    Checks.optionalText("ServiceCase", "description", description);
    Checks.required("ServiceCase", "status", status);
    Checks.optionalText("ServiceCase", "category", category);
    Checks.optionalText("ServiceCase", "accountNumber", accountNumber);
    Checks.optionalText("ServiceCase", "contactReference", contactReference);
    Checks.optionalText("ServiceCase", "orderNumber", orderNumber);
    if (openedAt != null && closedAt != null && closedAt.isBefore(openedAt)) {
      throw ValidationException.of(
          "ServiceCase", "closedAt", closedAt, "must not be before openedAt (" + openedAt + ")");
    }
    extensions = Checks.extensions("ServiceCase", extensions, PROPERTIES);
  }

  @Override
  public EntityType<ServiceCase> entityType() {
    return EntityType.SERVICE_CASE;
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
   * Returns a builder initialised with this service case's components.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.caseNumber = caseNumber;
    b.subject = subject;
    b.description = description;
    b.status = status;
    b.priority = priority;
    b.origin = origin;
    b.category = category;
    b.accountNumber = accountNumber;
    b.contactReference = contactReference;
    b.orderNumber = orderNumber;
    b.openedAt = openedAt;
    b.closedAt = closedAt;
    b.extensions.putAll(extensions);
    return b;
  }

  /**
   * Shows everything but the subject and description, which may hold personal data.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return "ServiceCase[caseNumber="
        + caseNumber
        + ", status="
        + status
        + ", priority="
        + priority
        + ", origin="
        + origin
        + ", category="
        + category
        + ", accountNumber="
        + accountNumber
        + ", orderNumber="
        + orderNumber
        + ", openedAt="
        + openedAt
        + ", closedAt="
        + closedAt
        + ", <subject and description redacted>]";
  }

  /** The field catalogue of a service case: the paths ownership rules, diffs and mappings name. */
  public static final class Fields {
    private Fields() {}

    /** The case number. */
    public static final FieldPath CASE_NUMBER = FieldPath.of("caseNumber");

    /** The one-line summary. */
    public static final FieldPath SUBJECT = FieldPath.of("subject");

    /** The full description. */
    public static final FieldPath DESCRIPTION = FieldPath.of("description");

    /** The lifecycle status. */
    public static final FieldPath STATUS = FieldPath.of("status");

    /** The priority. */
    public static final FieldPath PRIORITY = FieldPath.of("priority");

    /** The channel the case came in through. */
    public static final FieldPath ORIGIN = FieldPath.of("origin");

    /** The category or reason code. */
    public static final FieldPath CATEGORY = FieldPath.of("category");

    /** The customer's account number. */
    public static final FieldPath ACCOUNT_NUMBER = FieldPath.of("accountNumber");

    /** The reference to who raised the case. */
    public static final FieldPath CONTACT_REFERENCE = FieldPath.of("contactReference");

    /** The related order's number. */
    public static final FieldPath ORDER_NUMBER = FieldPath.of("orderNumber");

    /** When the case was opened. */
    public static final FieldPath OPENED_AT = FieldPath.of("openedAt");

    /** When the case was closed. */
    public static final FieldPath CLOSED_AT = FieldPath.of("closedAt");
  }

  /** Builds a {@link ServiceCase}. Not thread-safe. */
  public static final class Builder {
    private String caseNumber;
    private String subject;
    private String description;
    private CaseStatus status;
    private CasePriority priority;
    private CaseOrigin origin;
    private String category;
    private String accountNumber;
    private String contactReference;
    private String orderNumber;
    private Instant openedAt;
    private Instant closedAt;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the case number.
     *
     * @param caseNumber the case number
     * @return this builder
     */
    public Builder caseNumber(String caseNumber) {
      this.caseNumber = caseNumber;
      return this;
    }

    /**
     * Sets the one-line summary.
     *
     * @param subject the subject
     * @return this builder
     */
    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /**
     * Sets the full description.
     *
     * @param description the description
     * @return this builder
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets the lifecycle status; required.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(CaseStatus status) {
      this.status = status;
      return this;
    }

    /**
     * Sets the priority.
     *
     * @param priority the priority
     * @return this builder
     */
    public Builder priority(CasePriority priority) {
      this.priority = priority;
      return this;
    }

    /**
     * Sets the channel the case came in through.
     *
     * @param origin the origin
     * @return this builder
     */
    public Builder origin(CaseOrigin origin) {
      this.origin = origin;
      return this;
    }

    /**
     * Sets the category or reason code.
     *
     * @param category the category
     * @return this builder
     */
    public Builder category(String category) {
      this.category = category;
      return this;
    }

    /**
     * Sets the account number of the customer's account.
     *
     * @param accountNumber the account number
     * @return this builder
     */
    public Builder accountNumber(String accountNumber) {
      this.accountNumber = accountNumber;
      return this;
    }

    /**
     * Sets a reference to the contact or party who raised the case.
     *
     * @param contactReference the reference
     * @return this builder
     */
    public Builder contactReference(String contactReference) {
      this.contactReference = contactReference;
      return this;
    }

    /**
     * Sets the number of the order the case is about.
     *
     * @param orderNumber the order number
     * @return this builder
     */
    public Builder orderNumber(String orderNumber) {
      this.orderNumber = orderNumber;
      return this;
    }

    /**
     * Sets when the case was opened.
     *
     * @param openedAt the instant
     * @return this builder
     */
    public Builder openedAt(Instant openedAt) {
      this.openedAt = openedAt;
      return this;
    }

    /**
     * Sets when the case was closed.
     *
     * @param closedAt the instant
     * @return this builder
     */
    public Builder closedAt(Instant closedAt) {
      this.closedAt = closedAt;
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
     * Builds the service case.
     *
     * @return the service case
     * @throws ValidationException naming the component if a required one is missing or one is
     *     malformed
     */
    public ServiceCase build() {
      return new ServiceCase(
          caseNumber,
          subject,
          description,
          status,
          priority,
          origin,
          category,
          accountNumber,
          contactReference,
          orderNumber,
          openedAt,
          closedAt,
          extensions);
    }
  }
}
