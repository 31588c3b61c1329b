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
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A person acting for a business account: a buyer, an accounts-payable clerk, a decision maker. A
 * contact has a name, a job title, department and role, the account number of the {@link Account}
 * it acts for, its own contact points and marketing consent, and may be the account's primary
 * contact. A consumer is a {@link Party}, not a contact.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}. {@code
 * toString()} shows the account number, role and primary flag only: names, job titles and contact
 * points are personal data.
 *
 * @param name the contact's name, never {@code null}
 * @param jobTitle the job title, such as {@code "Head of Purchasing"}, or {@code null}
 * @param department the department, such as {@code "Purchasing"}, or {@code null}
 * @param role the contact's role for the account, such as {@code "BUYER"} or {@code
 *     "DECISION_MAKER"}, or {@code null}
 * @param accountNumber the account number of the {@link Account} the contact acts for, or {@code
 *     null} before the account has one
 * @param contactPoints e-mail addresses and numbers; never {@code null}
 * @param marketingConsent marketing consent, or {@code null} when unknown
 * @param primary whether this is the account's primary contact, or {@code null} when the source
 *     does not say
 * @param extensions a company's custom fields; never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion"})
public record Contact(
    @NotNull @Valid PersonName name,
    @Size(max = 128) String jobTitle,
    @Size(max = 128) String department,
    @Size(max = 64) String role,
    @Size(max = 64) String accountNumber,
    @Size(max = 50) List<@Valid ContactPoint> contactPoints,
    @Valid MarketingConsent marketingConsent,
    Boolean primary,
    @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions)
    implements CanonicalEntity {

  private static final Set<String> PROPERTIES =
      Set.of(
          "schemaVersion",
          "name",
          "jobTitle",
          "department",
          "role",
          "accountNumber",
          "contactPoints",
          "marketingConsent",
          "primary");

  // Checks the components; see the class documentation for the rules.
  public Contact {
    Checks.required("Contact", "name", name);
    Checks.optionalText("Contact", "jobTitle", jobTitle);
    Checks.optionalText("Contact", "department", department);
    Checks.optionalText("Contact", "role", role);
    Checks.optionalText("Contact", "accountNumber", accountNumber);
    contactPoints = Checks.list("Contact", "contactPoints", contactPoints);
    extensions = Checks.extensions("Contact", extensions, PROPERTIES);
  }

  @Override
  public EntityType<Contact> entityType() {
    return EntityType.CONTACT;
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
   * Returns a builder initialised with this contact's components.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.jobTitle = jobTitle;
    b.department = department;
    b.role = role;
    b.accountNumber = accountNumber;
    b.contactPoints = contactPoints;
    b.marketingConsent = marketingConsent;
    b.primary = primary;
    b.extensions.putAll(extensions);
    return b;
  }

  /**
   * Shows the account number, role, primary flag and how many contact points there are; the rest is
   * personal data.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return "Contact[accountNumber="
        + accountNumber
        + ", role="
        + role
        + ", primary="
        + primary
        + ", contactPoints="
        + contactPoints.size()
        + ", <other fields redacted>]";
  }

  /** The field catalogue of a contact: the paths ownership rules, diffs and mappings name. */
  public static final class Fields {
    private Fields() {}

    /** The name group. */
    public static final FieldPath NAME = FieldPath.of("name");

    /** The title or salutation. */
    public static final FieldPath NAME_TITLE = FieldPath.of("name.title");

    /** The given name. */
    public static final FieldPath NAME_GIVEN = FieldPath.of("name.given");

    /** The middle name. */
    public static final FieldPath NAME_MIDDLE = FieldPath.of("name.middle");

    /** The family name. */
    public static final FieldPath NAME_FAMILY = FieldPath.of("name.family");

    /** The name suffix. */
    public static final FieldPath NAME_SUFFIX = FieldPath.of("name.suffix");

    /** The job title. */
    public static final FieldPath JOB_TITLE = FieldPath.of("jobTitle");

    /** The department. */
    public static final FieldPath DEPARTMENT = FieldPath.of("department");

    /** The role for the account. */
    public static final FieldPath ROLE = FieldPath.of("role");

    /** The account number of the account the contact acts for. */
    public static final FieldPath ACCOUNT_NUMBER = FieldPath.of("accountNumber");

    /** The contact points, as one field. */
    public static final FieldPath CONTACT_POINTS = FieldPath.of("contactPoints");

    /** The marketing consent group. */
    public static final FieldPath MARKETING_CONSENT = FieldPath.of("marketingConsent");

    /** E-mail marketing consent. */
    public static final FieldPath MARKETING_CONSENT_EMAIL = FieldPath.of("marketingConsent.email");

    /** SMS marketing consent. */
    public static final FieldPath MARKETING_CONSENT_SMS = FieldPath.of("marketingConsent.sms");

    /** Phone marketing consent. */
    public static final FieldPath MARKETING_CONSENT_PHONE = FieldPath.of("marketingConsent.phone");

    /** Postal marketing consent. */
    public static final FieldPath MARKETING_CONSENT_POST = FieldPath.of("marketingConsent.post");

    /** Whether this is the account's primary contact. */
    public static final FieldPath PRIMARY = FieldPath.of("primary");
  }

  /** Builds a {@link Contact}. Not thread-safe. */
  public static final class Builder {
    private PersonName name;
    private String jobTitle;
    private String department;
    private String role;
    private String accountNumber;
    private List<ContactPoint> contactPoints = List.of();
    private MarketingConsent marketingConsent;
    private Boolean primary;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the contact's name; required.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(PersonName name) {
      this.name = name;
      return this;
    }

    /**
     * Sets the job title.
     *
     * @param jobTitle the job title
     * @return this builder
     */
    public Builder jobTitle(String jobTitle) {
      this.jobTitle = jobTitle;
      return this;
    }

    /**
     * Sets the department.
     *
     * @param department the department
     * @return this builder
     */
    public Builder department(String department) {
      this.department = department;
      return this;
    }

    /**
     * Sets the contact's role for the account.
     *
     * @param role the role code
     * @return this builder
     */
    public Builder role(String role) {
      this.role = role;
      return this;
    }

    /**
     * Sets the account number of the account the contact acts for.
     *
     * @param accountNumber the account number
     * @return this builder
     */
    public Builder accountNumber(String accountNumber) {
      this.accountNumber = accountNumber;
      return this;
    }

    /**
     * Sets the contact points, replacing any set before.
     *
     * @param contactPoints the contact points
     * @return this builder
     */
    public Builder contactPoints(List<ContactPoint> contactPoints) {
      this.contactPoints = contactPoints;
      return this;
    }

    /**
     * Sets the contact points, replacing any set before.
     *
     * @param contactPoints the contact points
     * @return this builder
     */
    public Builder contactPoints(ContactPoint... contactPoints) {
      this.contactPoints = Arrays.asList(contactPoints);
      return this;
    }

    /**
     * Sets marketing consent.
     *
     * @param marketingConsent the consent
     * @return this builder
     */
    public Builder marketingConsent(MarketingConsent marketingConsent) {
      this.marketingConsent = marketingConsent;
      return this;
    }

    /**
     * Sets whether this is the account's primary contact.
     *
     * @param primary whether the contact is primary
     * @return this builder
     */
    public Builder primary(Boolean primary) {
      this.primary = primary;
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
     * Builds the contact.
     *
     * @return the contact
     * @throws ValidationException naming the component if a required one is missing or one is
     *     malformed
     */
    public Contact build() {
      return new Contact(
          name,
          jobTitle,
          department,
          role,
          accountNumber,
          contactPoints,
          marketingConsent,
          primary,
          extensions);
    }
  }
}
