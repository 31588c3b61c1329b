package dev.retailsync.core.validation;

import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Validates canonical entities against the Jakarta constraints on their components and reports
 * every violation with its field path ({@code credit.limit}, {@code lines[2].quantity}).
 *
 * <p>Uses Hibernate Validator with its parameter message interpolator, so no Expression Language
 * implementation is needed on the class path. Rules that a value can never break, such as a missing
 * required component, are already enforced when the value is built; this validator checks the rest
 * (lengths, formats, ranges) on whole entities, typically those mapped from a source system before
 * they enter the engine.
 *
 * <p>The constraints of each record type are also compiled into plain checks ({@code
 * PrecompiledCheck}); a value those checks pass certainly breaks no constraint and skips Hibernate
 * Validator, whose metadata walk costs more than the rest of the data path for a typical entity.
 * Every other value (one that may break a constraint, or a type with a constraint the plain checks
 * do not implement) goes to Hibernate Validator, so the violations reported are always its own.
 *
 * <p>Instances are thread-safe; create one with {@link #create()} and reuse it: building the
 * validator inspects every constrained type once.
 */
public final class CanonicalValidator {
  private final Validator validator;
  private final boolean precompiled;

  private CanonicalValidator(Validator validator, boolean precompiled) {
    this.validator = validator;
    this.precompiled = precompiled;
  }

  /**
   * Creates a validator.
   *
   * @return the validator
   */
  public static CanonicalValidator create() {
    return new CanonicalValidator(hibernateValidator(), true);
  }

  /** A validator that always asks Hibernate Validator: the reference the tests compare with. */
  static CanonicalValidator hibernateOnly() {
    return new CanonicalValidator(hibernateValidator(), false);
  }

  private static Validator hibernateValidator() {
    ValidatorFactory factory =
        Validation.byProvider(HibernateValidator.class)
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    return factory.getValidator();
  }

  /**
   * Returns every constraint violation of a value, sorted by field path.
   *
   * @param value the value to validate
   * @return the violations; empty when the value is valid
   * @throws ValidationException if {@code value} is {@code null}
   */
  public List<FieldError> validate(Object value) {
    if (value == null) {
      throw ValidationException.of("value", "value", null, "is required");
    }
    if (precompiled && PrecompiledCheck.cascade(value)) {
      return new ArrayList<>(0);
    }
    Set<ConstraintViolation<Object>> violations = validator.validate(value);
    List<FieldError> errors = new ArrayList<>(violations.size());
    for (ConstraintViolation<Object> v : violations) {
      errors.add(FieldError.of(path(v.getPropertyPath()), v.getInvalidValue(), v.getMessage()));
    }
    errors.sort(Comparator.comparing(FieldError::path).thenComparing(FieldError::message));
    return errors;
  }

  /**
   * Throws when a value breaks a constraint.
   *
   * @param value the value to validate
   * @param <T> the value's type
   * @return the value, when it is valid
   * @throws ValidationException listing every violation, each with its field path
   */
  public <T> T check(T value) {
    List<FieldError> errors = validate(value);
    if (!errors.isEmpty()) {
      throw new ValidationException(value.getClass().getSimpleName(), errors);
    }
    return value;
  }

  private static String path(Path path) {
    StringBuilder sb = new StringBuilder();
    for (Path.Node node : path) {
      // An element of a list or map is reported on the node after the container, with its index.
      if (node.isInIterable()) {
        if (node.getIndex() != null) {
          sb.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
          sb.append('[').append(node.getKey()).append(']');
        }
      }
      String name = node.getName();
      if (name != null && !name.startsWith("<")) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(name);
      }
    }
    return sb.length() == 0 ? "value" : sb.toString();
  }
}
