package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * One way to reach a party or a contact: an e-mail address or a telephone, mobile or fax number,
 * with its usage, whether it is the preferred one of its type, whether it was verified, and the
 * consent to use it for marketing.
 *
 * <p>An e-mail address must contain {@code @}; a number may contain only digits, spaces, {@code +},
 * {@code (}, {@code )}, {@code -} and {@code .}. Numbers are kept as the source wrote them;
 * normalising them (to E.164, say) is not this type's job.
 *
 * <p>Instances are immutable and thread-safe. The value is personal data: {@code toString()} and
 * the errors this type raises never show it.
 *
 * @param type the kind of contact point, never {@code null}
 * @param value the e-mail address or number, never blank
 * @param usage private or work, or {@code null} when the source does not say
 * @param primary whether this is the preferred contact point of its type, or {@code null} when the
 *     source does not say
 * @param verified whether the owner proved control of it, or {@code null} when unknown
 * @param verifiedAt when it was last verified, or {@code null}
 * @param consent consent to marketing through this contact point, or {@code null} when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactPoint(
    @NotNull ContactPointType type,
    @NotBlank @Size(max = 254) String value,
    ContactPointUsage usage,
    Boolean primary,
    Boolean verified,
    Instant verifiedAt,
    ConsentState consent) {

  // Checks the components; see the class documentation for the rules.
  public ContactPoint {
    Checks.required("ContactPoint", "type", type);
    if (value == null || value.isBlank()) {
      throw redacted("is required and must not be blank");
    }
    if (type == ContactPointType.EMAIL) {
      int at = value.indexOf('@');
      if (at <= 0 || at == value.length() - 1) {
        throw redacted("is not an e-mail address: it needs text before and after an '@'");
      }
    } else {
      checkNumber(value);
    }
  }

  /**
   * Returns an e-mail contact point.
   *
   * @param email the e-mail address
   * @return the contact point
   * @throws ValidationException if the address is blank or has no {@code @}
   */
  public static ContactPoint email(String email) {
    return new ContactPoint(ContactPointType.EMAIL, email, null, null, null, null, null);
  }

  /**
   * Returns a contact point of a type.
   *
   * @param type the type
   * @param value the e-mail address or number
   * @return the contact point
   * @throws ValidationException if the type is missing or the value is malformed
   */
  public static ContactPoint of(ContactPointType type, String value) {
    return new ContactPoint(type, value, null, null, null, null, null);
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with every component unset
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with this contact point's components.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder()
        .type(type)
        .value(value)
        .usage(usage)
        .primary(primary)
        .verified(verified)
        .verifiedAt(verifiedAt)
        .consent(consent);
  }

  /**
   * Shows everything but the value, which is personal data.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return "ContactPoint[type="
        + type
        + ", value=<redacted>, usage="
        + usage
        + ", primary="
        + primary
        + ", verified="
        + verified
        + ", verifiedAt="
        + verifiedAt
        + ", consent="
        + consent
        + "]";
  }

  private static void checkNumber(String value) {
    boolean digit = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '+' && c != ' ' && c != '(' && c != ')' && c != '-' && c != '.') {
        throw redacted(
            "is not a telephone number: only digits, spaces and + ( ) - . are allowed"
                + " (offending character at index "
                + i
                + ")");
      }
    }
    if (!digit) {
      throw redacted("is not a telephone number: it has no digits");
    }
  }

  private static ValidationException redacted(String message) {
    return new ValidationException("ContactPoint", List.of(FieldError.redacted("value", message)));
  }

  /** The field catalogue of a contact point, relative to the contact point. */
  public static final class Fields {
    private Fields() {}

    /** The type. */
    public static final FieldPath TYPE = FieldPath.of("type");

    /** The e-mail address or number. */
    public static final FieldPath VALUE = FieldPath.of("value");

    /** Private or work. */
    public static final FieldPath USAGE = FieldPath.of("usage");

    /** Whether it is the preferred one of its type. */
    public static final FieldPath PRIMARY = FieldPath.of("primary");

    /** Whether it was verified. */
    public static final FieldPath VERIFIED = FieldPath.of("verified");

    /** When it was verified. */
    public static final FieldPath VERIFIED_AT = FieldPath.of("verifiedAt");

    /** Marketing consent for it. */
    public static final FieldPath CONSENT = FieldPath.of("consent");
  }

  /** Builds a {@link ContactPoint}. Not thread-safe. */
  public static final class Builder {
    private ContactPointType type;
    private String value;
    private ContactPointUsage usage;
    private Boolean primary;
    private Boolean verified;
    private Instant verifiedAt;
    private ConsentState consent;

    private Builder() {}

    /**
     * Sets the type; required.
     *
     * @param type the type
     * @return this builder
     */
    public Builder type(ContactPointType type) {
      this.type = type;
      return this;
    }

    /**
     * Sets the e-mail address or number; required.
     *
     * @param value the value
     * @return this builder
     */
    public Builder value(String value) {
      this.value = value;
      return this;
    }

    /**
     * Sets private or work usage.
     *
     * @param usage the usage
     * @return this builder
     */
    public Builder usage(ContactPointUsage usage) {
      this.usage = usage;
      return this;
    }

    /**
     * Sets whether this is the preferred contact point of its type.
     *
     * @param primary whether it is primary
     * @return this builder
     */
    public Builder primary(Boolean primary) {
      this.primary = primary;
      return this;
    }

    /**
     * Sets whether the owner proved control of it.
     *
     * @param verified whether it is verified
     * @return this builder
     */
    public Builder verified(Boolean verified) {
      this.verified = verified;
      return this;
    }

    /**
     * Sets when it was last verified.
     *
     * @param verifiedAt the instant
     * @return this builder
     */
    public Builder verifiedAt(Instant verifiedAt) {
      this.verifiedAt = verifiedAt;
      return this;
    }

    /**
     * Sets consent to marketing through this contact point.
     *
     * @param consent the consent
     * @return this builder
     */
    public Builder consent(ConsentState consent) {
      this.consent = consent;
      return this;
    }

    /**
     * Builds the contact point.
     *
     * @return the contact point
     * @throws ValidationException naming the component if one is missing or malformed
     */
    public ContactPoint build() {
      return new ContactPoint(type, value, usage, primary, verified, verifiedAt, consent);
    }
  }
}
