package dev.retailsync.core.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.api.ConflictException;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.IdempotencyConflictException;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.core.observability.Stage;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every failure class maps to its reason (table-driven, STYLE.md rule 18). */
class FailureClassifierTest {
  static Stream<Arguments> table() {
    ErrorContext none = ErrorContext.none();
    return Stream.of(
        Arguments.of(
            Stage.VALIDATED,
            ValidationException.of("A", "name", "x", "bad"),
            FailureReason.VALIDATION),
        Arguments.of(
            Stage.MERGED,
            ValidationException.of("A", "sourceTimestamp", "x", "future"),
            FailureReason.VALIDATION),
        Arguments.of(
            Stage.VALIDATED,
            new MappingException("name", "unmappable", null),
            FailureReason.MAPPING),
        Arguments.of(
            Stage.DUPLICATE,
            new IdempotencyConflictException(IdempotencyKey.of("k"), none),
            FailureReason.IDEMPOTENCY_CONFLICT),
        Arguments.of(
            Stage.RESOLVED,
            new ConflictException("two golden records", null, none, false),
            FailureReason.IDENTITY_CONFLICT),
        Arguments.of(
            Stage.RESOLVED,
            new IllegalStateException("resolver bug"),
            FailureReason.IDENTITY_CONFLICT),
        Arguments.of(
            Stage.DELIVERED,
            new RemoteSystemException("400", 400, "X", null, none, false),
            FailureReason.REMOTE_REJECTION),
        Arguments.of(
            Stage.DELIVERED,
            new RemoteSystemException("503", 503, null, null, none, true),
            FailureReason.RETRIES_EXHAUSTED),
        Arguments.of(
            Stage.DELIVERED,
            new RateLimitException("429", Duration.ofSeconds(1), none, true),
            FailureReason.RETRIES_EXHAUSTED),
        Arguments.of(
            Stage.DELIVERED, new IllegalStateException("connector bug"), FailureReason.INTERNAL),
        Arguments.of(
            Stage.MERGED, new IllegalStateException("store down"), FailureReason.INTERNAL));
  }

  @ParameterizedTest
  @MethodSource("table")
  void classifies(Stage stage, Throwable failure, FailureReason expected) {
    assertEquals(expected, FailureClassifier.classify(stage, failure));
  }
}
