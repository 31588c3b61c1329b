package dev.retailsync.core.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Jakarta constraints of a record type compiled into plain checks that answer "certainly valid"
 * or "not sure": a value they pass breaks no constraint; anything else (a violation, a value the
 * checks do not know how to judge, a type with a constraint they do not implement) goes to
 * Hibernate Validator, which reports every violation with its path. So the fast path never changes
 * what is reported, only how quickly a valid value gets through.
 *
 * <p>Implemented: {@code @NotNull}, {@code @NotBlank}, {@code @Size}, {@code @Pattern}, {@code
 * Email} (a plain ASCII subset of what Hibernate Validator accepts), {@code @Positive}, {@code
 * PositiveOrZero}, {@code @Past} (dates well in the past), all in the default group, and
 * {@code @Valid} cascades into records and into the elements of collections, on record types whose
 * constraints are all among those. Thread-safe; compiled once per class.
 */
final class PrecompiledCheck {
  // Cascades are looked up by the value's class when they run, so compiling never recurses.
  private static final ClassValue<Optional<PrecompiledCheck>> CACHE =
      new ClassValue<>() {
        @Override
        protected Optional<PrecompiledCheck> computeValue(Class<?> type) {
          return compile(type);
        }
      };

  /** One test of a value; {@code false} means "not sure". */
  @FunctionalInterface
  interface Test {
    boolean passes(Object value);
  }

  private final Function<Object, Object>[] accessors;
  private final Test[][] tests;

  private PrecompiledCheck(Function<Object, Object>[] accessors, Test[][] tests) {
    this.accessors = accessors;
    this.tests = tests;
  }

  /**
   * Returns the compiled check of a type, or empty when the type is not a record or carries a
   * constraint the checks do not implement.
   */
  static Optional<PrecompiledCheck> of(Class<?> type) {
    return CACHE.get(type);
  }

  /** Whether a value of the compiled type certainly breaks no constraint. */
  boolean passes(Object value) {
    for (int i = 0; i < accessors.length; i++) {
      Object v = accessors[i].apply(value);
      for (Test t : tests[i]) {
        if (!t.passes(v)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether a value certainly breaks no constraint: compiled checks of its runtime class. */
  static boolean cascade(Object value) {
    if (value == null) {
      return true;
    }
    Optional<PrecompiledCheck> c = of(value.getClass());
    return c.isPresent() && c.get().passes(value);
  }

  // ---------------------------------------------------------------- compiling

  private static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private static Optional<PrecompiledCheck> compile(Class<?> type) {
    if (!type.isRecord()) {
      return Optional.empty();
    }
    try {
      return Optional.of(compileRecord(type));
    } catch (Unsupported | ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static PrecompiledCheck compileRecord(Class<?> type)
      throws Unsupported, ReflectiveOperationException {
    for (Annotation a : type.getDeclaredAnnotations()) {
      if (isValidationAnnotation(a)) {
        throw new Unsupported(); // class-level constraints, group sequences
      }
    }
    RecordComponent[] comps = type.getRecordComponents();
    List<Method> accessorMethods = new ArrayList<>();
    for (RecordComponent rc : comps) {
      accessorMethods.add(rc.getAccessor());
    }
    for (Method m : type.getDeclaredMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || accessorMethods.contains(m)) {
        continue;
      }
      for (Annotation a : m.getDeclaredAnnotations()) {
        if (isValidationAnnotation(a)) {
          throw new Unsupported(); // a constrained getter
        }
      }
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Function<Object, Object>[] accessors = new Function[comps.length];
    Test[][] tests = new Test[comps.length][];
    for (int i = 0; i < comps.length; i++) {
      RecordComponent rc = comps[i];
      // Hibernate Validator reads the constraints the component propagates to its field.
      Field field = type.getDeclaredField(rc.getName());
      accessors[i] = accessor(rc);
      List<Test> t = new ArrayList<>();
      boolean cascade = valueTests(field.getDeclaredAnnotations(), t);
      AnnotatedType at = field.getAnnotatedType();
      // A constraint that also targets type uses is on both the field and its type: once is enough.
      List<Annotation> typeUse = new ArrayList<>(List.of(at.getDeclaredAnnotations()));
      typeUse.removeAll(List.of(field.getDeclaredAnnotations()));
      cascade |= valueTests(typeUse.toArray(new Annotation[0]), t);
      if (cascade) {
        t.add(PrecompiledCheck::cascadeValue);
      }
      elementTests(at, t);
      tests[i] = t.toArray(new Test[0]);
    }
    return new PrecompiledCheck(accessors, tests);
  }

  /**
   * A record component's accessor as a function: a call the JIT inlines, unlike a method handle
   * kept in a field (this runs for every component of every validated value).
   */
  @SuppressWarnings("unchecked")
  private static Function<Object, Object> accessor(RecordComponent rc) throws Unsupported {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle get = lookup.unreflect(rc.getAccessor());
      return (Function<Object, Object>)
          LambdaMetafactory.metafactory(
                  lookup,
                  "apply",
                  MethodType.methodType(Function.class),
                  MethodType.methodType(Object.class, Object.class),
                  get,
                  MethodType.methodType(
                      MethodType.methodType(rc.getType()).wrap().returnType(),
                      rc.getDeclaringRecord()))
              .getTarget()
              .invoke();
    } catch (Throwable e) {
      throw new Unsupported(); // not accessible from here: left to Hibernate Validator
    }
  }

  /** Adds the tests of an element's constraints; returns whether it is marked {@code @Valid}. */
  private static boolean valueTests(Annotation[] annotations, List<Test> out) throws Unsupported {
    boolean cascade = false;
    for (Annotation a : annotations) {
      if (a instanceof Valid) {
        cascade = true;
      } else if (isValidationAnnotation(a)) {
        out.add(test(a));
      }
    }
    return cascade;
  }

  /** The constraints on a container's elements, such as {@code List<@Valid OrderLine>}. */
  private static void elementTests(AnnotatedType at, List<Test> out) throws Unsupported {
    if (!(at instanceof AnnotatedParameterizedType p)) {
      return;
    }
    AnnotatedType[] args = p.getAnnotatedActualTypeArguments();
    boolean constrained = false;
    for (AnnotatedType arg : args) {
      constrained |= hasValidationAnnotation(arg);
    }
    if (!constrained) {
      return;
    }
    Class<?> raw =
        p.getType() instanceof java.lang.reflect.ParameterizedType pt
                && pt.getRawType() instanceof Class<?> c
            ? c
            : Object.class;
    if (!Collection.class.isAssignableFrom(raw) || args.length != 1) {
      throw new Unsupported(); // map keys and values, optionals, custom containers
    }
    if (args[0] instanceof AnnotatedParameterizedType nested) {
      for (AnnotatedType deeper : nested.getAnnotatedActualTypeArguments()) {
        if (hasValidationAnnotation(deeper)) {
          throw new Unsupported(); // List<List<@Size String>>
        }
      }
    }
    List<Test> element = new ArrayList<>();
    if (valueTests(args[0].getDeclaredAnnotations(), element)) {
      element.add(PrecompiledCheck::cascade);
    }
    Test[] each = element.toArray(new Test[0]);
    out.add(
        v -> {
          if (v == null) {
            return true;
          }
          if (!(v instanceof Collection<?> c)) {
            return false;
          }
          for (Object o : c) {
            for (Test t : each) {
              if (!t.passes(o)) {
                return false;
              }
            }
          }
          return true;
        });
  }

  private static boolean hasValidationAnnotation(AnnotatedType t) {
    for (Annotation a : t.getDeclaredAnnotations()) {
      if (a instanceof Valid || isValidationAnnotation(a)) {
        return true;
      }
    }
    if (t instanceof AnnotatedParameterizedType p) {
      for (AnnotatedType arg : p.getAnnotatedActualTypeArguments()) {
        if (hasValidationAnnotation(arg)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isValidationAnnotation(Annotation a) {
    Class<? extends Annotation> t = a.annotationType();
    String pkg = t.getPackageName();
    return t.isAnnotationPresent(Constraint.class)
        || pkg.startsWith("jakarta.validation")
        || pkg.startsWith("org.hibernate.validator");
  }

  /** {@code @Valid} on a component: the value, or each element of a collection, cascaded. */
  private static boolean cascadeValue(Object v) {
    if (v instanceof Collection<?> c) {
      for (Object o : c) {
        if (!cascade(o)) {
          return false;
        }
      }
      return true;
    }
    if (v instanceof Map<?, ?> || v instanceof Optional<?> || v != null && v.getClass().isArray()) {
      return false;
    }
    return cascade(v);
  }

  private static Test test(Annotation a) throws Unsupported {
    if (a instanceof NotNull n && defaultGroup(n.groups())) {
      return v -> v != null;
    }
    if (a instanceof NotBlank n && defaultGroup(n.groups())) {
      return v -> v instanceof CharSequence s && !s.toString().isBlank();
    }
    if (a instanceof Size s && defaultGroup(s.groups())) {
      int min = s.min();
      int max = s.max();
      return v -> {
        if (v == null) {
          return true;
        }
        int n;
        if (v instanceof CharSequence cs) {
          n = cs.length();
        } else if (v instanceof Collection<?> c) {
          n = c.size();
        } else if (v instanceof Map<?, ?> m) {
          n = m.size();
        } else {
          return false;
        }
        return n >= min && n <= max;
      };
    }
    if (a instanceof Pattern p && defaultGroup(p.groups())) {
      int flags = 0;
      for (Pattern.Flag f : p.flags()) {
        flags |= f.getValue();
      }
      java.util.regex.Pattern re = java.util.regex.Pattern.compile(p.regexp(), flags);
      return v -> v == null || v instanceof CharSequence cs && re.matcher(cs).matches();
    }
    if (a instanceof Email e
        && defaultGroup(e.groups())
        && e.regexp().equals(".*")
        && e.flags().length == 0) {
      return v -> v == null || v instanceof CharSequence cs && plainEmail(cs);
    }
    if (a instanceof Positive p && defaultGroup(p.groups())) {
      return v -> v == null || sign(v) > 0;
    }
    if (a instanceof PositiveOrZero p && defaultGroup(p.groups())) {
      return v -> {
        if (v == null) {
          return true;
        }
        int s = sign(v);
        return s == 0 || s == 1;
      };
    }
    if (a instanceof Past p && defaultGroup(p.groups())) {
      // Hibernate Validator compares with its clock provider's "now"; two days of margin keep
      // time zones and a midnight in between from making a difference.
      return v -> {
        if (v == null) {
          return true;
        }
        if (v instanceof LocalDate d) {
          return d.isBefore(LocalDate.now().minusDays(2));
        }
        if (v instanceof Instant t) {
          return t.isBefore(Instant.now().minusSeconds(172_800));
        }
        return false;
      };
    }
    throw new Unsupported();
  }

  private static boolean defaultGroup(Class<?>[] groups) {
    return groups.length == 0
        || groups.length == 1 && groups[0] == jakarta.validation.groups.Default.class;
  }

  /** The sign of an integral or decimal number; 2 when not sure. */
  private static int sign(Object v) {
    if (v instanceof BigDecimal d) {
      return d.signum();
    }
    if (v instanceof BigInteger i) {
      return i.signum();
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return Long.signum(((Number) v).longValue());
    }
    return 2;
  }

  /**
   * A plain address: ASCII dot-atoms before the last {@code @} (at most 64 characters), and ASCII
   * letter-digit-hyphen labels after it (at most 63 characters each, no leading or trailing hyphen,
   * at most 253 in all). Hibernate Validator accepts every such address; anything else is left to
   * it.
   */
  static boolean plainEmail(CharSequence cs) {
    int n = cs.length();
    if (n == 0) {
      return true;
    }
    int at = -1;
    for (int i = n - 1; i >= 0; i--) {
      if (cs.charAt(i) == '@') {
        at = i;
        break;
      }
    }
    if (at < 1 || at > 64 || n - at - 1 < 1 || n - at - 1 > 253) {
      return false;
    }
    boolean atomStart = true;
    for (int i = 0; i < at; i++) {
      char c = cs.charAt(i);
      if (c == '.') {
        if (atomStart) {
          return false;
        }
        atomStart = true;
      } else if (isAtomChar(c)) {
        atomStart = false;
      } else {
        return false;
      }
    }
    if (atomStart) {
      return false;
    }
    int labelLength = 0;
    char prev = '.';
    for (int i = at + 1; i < n; i++) {
      char c = cs.charAt(i);
      if (c == '.') {
        if (labelLength == 0 || prev == '-') {
          return false;
        }
        labelLength = 0;
      } else if (isLetterOrDigit(c) || c == '-' && labelLength > 0) {
        if (++labelLength > 63) {
          return false;
        }
      } else {
        return false;
      }
      prev = c;
    }
    return labelLength > 0 && prev != '-';
  }

  private static boolean isLetterOrDigit(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  private static boolean isAtomChar(char c) {
    return isLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
  }
}
