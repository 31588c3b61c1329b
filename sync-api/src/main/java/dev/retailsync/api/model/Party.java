package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A person or an organisation the business deals with, independent of any commercial relationship:
 * who they are (a person's name, date of birth and gender, or an organisation's name and legal
 * form), how to reach them (contact points and addresses), their consent, loyalty membership,
 * preferred language, web login and service preferences. An {@link Account} holds the commercial
 * terms; a {@link Contact} is a person acting for a business account.
 *
 * <p>The {@link #kind()} decides which name fields apply: a {@link PartyKind#PERSON} has a {@link
 * PersonName} and may have a birth date and gender, but no organisation name or legal form; a
 * {@link PartyKind#ORGANIZATION} has an organisation name and no person's name, birth date or
 * gender. Typically Salesforce owns consent and service preferences and the ecommerce platform owns
 * the web login; see {@link Fields} for the paths such rules name.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}. {@code
 * toString()} shows the kind, the preferred language and how many contact points and addresses
 * there are: everything else may be personal data.
 *
 * @param kind person or organisation, never {@code null}
 * @param name a person's name; required for a person, absent for an organisation
 * @param birthDate a person's date of birth, or {@code null}
 * @param gender a person's gender, or {@code null} when unknown
 * @param organisationName an organisation's registered name; required for an organisation, absent
 *     for a person
 * @param legalForm an organisation's legal form, such as {@code "GmbH"} or {@code "LLC"}, or {@code
 *     null}
 * @param taxId the VAT or tax registration number, or {@code null}
 * @param contactPoints e-mail addresses and numbers; never {@code null}
 * @param addresses postal addresses with their use; never {@code null}
 * @param marketingConsent marketing consent, or {@code null} when unknown
 * @param loyalty the loyalty membership, or {@code null}
 * @param preferredLanguage the BCP-47 language tag the party prefers, such as {@code "de-AT"}, or
 *     {@code null}
 * @param webLogin the web login profile the ecommerce platform keeps, or {@code null}
 * @param servicePreferences how customer service should reach the party, or {@code null}
 * @param extensions a company's custom fields; never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion"})
public record Party(
    @NotNull PartyKind kind,
    @Valid PersonName name,
    @Past LocalDate birthDate,
    Gender gender,
    @Size(max = 255) String organisationName,
    @Size(max = 64) String legalForm,
    @Size(max = 64) String taxId,
    @Size(max = 50) List<@Valid ContactPoint> contactPoints,
    @Size(max = 50) List<@Valid PartyAddress> addresses,
    @Valid MarketingConsent marketingConsent,
    @Valid LoyaltyMembership loyalty,
    String preferredLanguage,
    @Valid WebLogin webLogin,
    @Valid ServicePreferences servicePreferences,
    @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions)
    implements CanonicalEntity {

  private static final Set<String> PROPERTIES =
      Set.of(
          "schemaVersion",
          "kind",
          "name",
          "birthDate",
          "gender",
          "organisationName",
          "legalForm",
          "taxId",
          "contactPoints",
          "addresses",
          "marketingConsent",
          "loyalty",
          "preferredLanguage",
          "webLogin",
          "servicePreferences");

  // Checks the components; see the class documentation for the rules.
  public Party {
    Checks.required("Party", "kind", kind);
    Checks.optionalText("Party", "organisationName", organisationName);
    Checks.optionalText("Party", "legalForm", legalForm);
    Checks.optionalText("Party", "taxId", taxId);
    if (kind == PartyKind.PERSON) {
      Checks.required("Party", "name", name);
      forbidden(kind, "organisationName", organisationName);
      forbidden(kind, "legalForm", legalForm);
    } else {
      Checks.requiredText("Party", "organisationName", organisationName);
      forbidden(kind, "name", name);
      forbidden(kind, "birthDate", birthDate);
      forbidden(kind, "gender", gender);
    }
    contactPoints = Checks.list("Party", "contactPoints", contactPoints);
    addresses = Checks.list("Party", "addresses", addresses);
    LanguageTags.check("Party", "preferredLanguage", preferredLanguage);
    extensions = Checks.extensions("Party", extensions, PROPERTIES);
  }

  @Override
  public EntityType<Party> entityType() {
    return EntityType.PARTY;
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
   * Returns a builder initialised with this party's components.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.kind = kind;
    b.name = name;
    b.birthDate = birthDate;
    b.gender = gender;
    b.organisationName = organisationName;
    b.legalForm = legalForm;
    b.taxId = taxId;
    b.contactPoints = contactPoints;
    b.addresses = addresses;
    b.marketingConsent = marketingConsent;
    b.loyalty = loyalty;
    b.preferredLanguage = preferredLanguage;
    b.webLogin = webLogin;
    b.servicePreferences = servicePreferences;
    b.extensions.putAll(extensions);
    return b;
  }

  private static void forbidden(PartyKind kind, String path, Object value) {
    if (value != null) {
      throw new ValidationException(
          "Party",
          List.of(FieldError.redacted(path, "must be absent for a party of kind " + kind)));
    }
  }

  /**
   * Shows the kind, the preferred language and how many contact points and addresses there are; the
   * rest may be personal data.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return "Party[kind="
        + kind
        + ", preferredLanguage="
        + preferredLanguage
        + ", contactPoints="
        + contactPoints.size()
        + ", addresses="
        + addresses.size()
        + ", <other fields redacted>]";
  }

  /** The field catalogue of a party: the paths ownership rules, diffs and mappings name. */
  public static final class Fields {
    private Fields() {}

    /** Person or organisation. */
    public static final FieldPath KIND = FieldPath.of("kind");

    /** A person's name group. */
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

    /** The date of birth. */
    public static final FieldPath BIRTH_DATE = FieldPath.of("birthDate");

    /** The gender. */
    public static final FieldPath GENDER = FieldPath.of("gender");

    /** An organisation's registered name. */
    public static final FieldPath ORGANISATION_NAME = FieldPath.of("organisationName");

    /** An organisation's legal form. */
    public static final FieldPath LEGAL_FORM = FieldPath.of("legalForm");

    /** The tax registration number. */
    public static final FieldPath TAX_ID = FieldPath.of("taxId");

    /** The contact points, as one field. */
    public static final FieldPath CONTACT_POINTS = FieldPath.of("contactPoints");

    /** The addresses, as one field. */
    public static final FieldPath ADDRESSES = FieldPath.of("addresses");

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

    /** The loyalty membership group. */
    public static final FieldPath LOYALTY = FieldPath.of("loyalty");

    /** The loyalty tier. */
    public static final FieldPath LOYALTY_TIER = FieldPath.of("loyalty.tier");

    /** The loyalty points balance. */
    public static final FieldPath LOYALTY_POINTS = FieldPath.of("loyalty.points");

    /** The preferred language. */
    public static final FieldPath PREFERRED_LANGUAGE = FieldPath.of("preferredLanguage");

    /** The web login profile group, usually owned by the ecommerce platform. */
    public static final FieldPath WEB_LOGIN = FieldPath.of("webLogin");

    /** The login e-mail. */
    public static final FieldPath WEB_LOGIN_EMAIL = FieldPath.of("webLogin.loginEmail");

    /** The login user name. */
    public static final FieldPath WEB_LOGIN_USERNAME = FieldPath.of("webLogin.username");

    /** The state of the login. */
    public static final FieldPath WEB_LOGIN_STATE = FieldPath.of("webLogin.state");

    /** When the party last logged in. */
    public static final FieldPath WEB_LOGIN_LAST_LOGIN_AT = FieldPath.of("webLogin.lastLoginAt");

    /** The customer-service preferences group, usually owned by Salesforce. */
    public static final FieldPath SERVICE_PREFERENCES = FieldPath.of("servicePreferences");

    /** The preferred service channel. */
    public static final FieldPath SERVICE_PREFERENCES_CHANNEL =
        FieldPath.of("servicePreferences.preferredChannel");

    /** The service language. */
    public static final FieldPath SERVICE_PREFERENCES_LANGUAGE =
        FieldPath.of("servicePreferences.language");

    /** The time zone. */
    public static final FieldPath SERVICE_PREFERENCES_TIME_ZONE =
        FieldPath.of("servicePreferences.timeZone");

    /** Whether the party asked not to be contacted proactively. */
    public static final FieldPath SERVICE_PREFERENCES_DO_NOT_CONTACT =
        FieldPath.of("servicePreferences.doNotContact");
  }

  /** Builds a {@link Party}. Not thread-safe. */
  public static final class Builder {
    private PartyKind kind;
    private PersonName name;
    private LocalDate birthDate;
    private Gender gender;
    private String organisationName;
    private String legalForm;
    private String taxId;
    private List<ContactPoint> contactPoints = List.of();
    private List<PartyAddress> addresses = List.of();
    private MarketingConsent marketingConsent;
    private LoyaltyMembership loyalty;
    private String preferredLanguage;
    private WebLogin webLogin;
    private ServicePreferences servicePreferences;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets person or organisation; required.
     *
     * @param kind the kind
     * @return this builder
     */
    public Builder kind(PartyKind kind) {
      this.kind = kind;
      return this;
    }

    /**
     * Sets a person's name; required for a person.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(PersonName name) {
      this.name = name;
      return this;
    }

    /**
     * Sets a person's date of birth.
     *
     * @param birthDate the date of birth
     * @return this builder
     */
    public Builder birthDate(LocalDate birthDate) {
      this.birthDate = birthDate;
      return this;
    }

    /**
     * Sets a person's gender.
     *
     * @param gender the gender
     * @return this builder
     */
    public Builder gender(Gender gender) {
      this.gender = gender;
      return this;
    }

    /**
     * Sets an organisation's registered name; required for an organisation.
     *
     * @param organisationName the name
     * @return this builder
     */
    public Builder organisationName(String organisationName) {
      this.organisationName = organisationName;
      return this;
    }

    /**
     * Sets an organisation's legal form.
     *
     * @param legalForm the legal form, such as {@code "GmbH"}
     * @return this builder
     */
    public Builder legalForm(String legalForm) {
      this.legalForm = legalForm;
      return this;
    }

    /**
     * Sets the VAT or tax registration number.
     *
     * @param taxId the number
     * @return this builder
     */
    public Builder taxId(String taxId) {
      this.taxId = taxId;
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
     * Sets the addresses, replacing any set before.
     *
     * @param addresses the addresses
     * @return this builder
     */
    public Builder addresses(List<PartyAddress> addresses) {
      this.addresses = addresses;
      return this;
    }

    /**
     * Sets the addresses, replacing any set before.
     *
     * @param addresses the addresses
     * @return this builder
     */
    public Builder addresses(PartyAddress... addresses) {
      this.addresses = Arrays.asList(addresses);
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
     * Sets the loyalty membership.
     *
     * @param loyalty the membership
     * @return this builder
     */
    public Builder loyalty(LoyaltyMembership loyalty) {
      this.loyalty = loyalty;
      return this;
    }

    /**
     * Sets the preferred language as a BCP-47 tag.
     *
     * @param preferredLanguage the language tag, such as {@code "en-GB"}
     * @return this builder
     */
    public Builder preferredLanguage(String preferredLanguage) {
      this.preferredLanguage = preferredLanguage;
      return this;
    }

    /**
     * Sets the web login profile.
     *
     * @param webLogin the web login
     * @return this builder
     */
    public Builder webLogin(WebLogin webLogin) {
      this.webLogin = webLogin;
      return this;
    }

    /**
     * Sets the customer-service preferences.
     *
     * @param servicePreferences the preferences
     * @return this builder
     */
    public Builder servicePreferences(ServicePreferences servicePreferences) {
      this.servicePreferences = servicePreferences;
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
     * Builds the party.
     *
     * @return the party
     * @throws ValidationException naming the component if a required one is missing or one is
     *     malformed
     */
    public Party build() {
      return new Party(
          kind,
          name,
          birthDate,
          gender,
          organisationName,
          legalForm,
          taxId,
          contactPoints,
          addresses,
          marketingConsent,
          loyalty,
          preferredLanguage,
          webLogin,
          servicePreferences,
          extensions);
    }
  }
}
