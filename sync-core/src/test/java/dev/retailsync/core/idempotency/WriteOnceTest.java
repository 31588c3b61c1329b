package dev.retailsync.core.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.state.InMemoryIdempotencyStore;
import dev.retailsync.core.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A connector's write run at most once per idempotency key, its outcome replayed. */
class WriteOnceTest {
  private static final SystemId ERP = SystemId.NETSUITE;
  private static final ErrorContext CONTEXT = ErrorContext.of(ERP, "upsert account");

  private final IdempotentExecutor executor =
      new IdempotentExecutor(
          new InMemoryIdempotencyStore(FakeClock.create()),
          Duration.ofSeconds(30),
          Duration.ofDays(1));
  private final Deque<WriteOutcome> answers = new ArrayDeque<>();
  private int writes;

  private final Supplier<WriteOutcome> write =
      () -> {
        writes++;
        return answers.removeFirst();
      };

  private static WriteRequest<Account> request(String key, String name, IdempotencyKey ik) {
    Account a =
        Account.builder()
            .accountNumber("C-1")
            .name(name)
            .customerType(dev.retailsync.api.model.CustomerType.BUSINESS)
            .status(dev.retailsync.api.model.AccountStatus.ACTIVE)
            .build();
    return new WriteRequest<>(key, a, null, null, null, ik, null);
  }

  @Test
  void aRepeatReplaysTheOutcomeAsUnchangedWithoutWritingAgain() {
    WriteRequest<Account> r = request("g1", "Acme", IdempotencyKey.of("rs1:k1"));
    answers.add(WriteOutcome.created("g1", ExternalId.of(ERP, "42"), "v1"));

    assertEquals(WriteOutcome.Status.CREATED, executor.writeOnce(r, ERP, CONTEXT, write).status());
    WriteOutcome again = executor.writeOnce(r, ERP, CONTEXT, write);

    assertEquals(1, writes);
    assertEquals(WriteOutcome.Status.UNCHANGED, again.status());
    assertEquals(ExternalId.of(ERP, "42"), again.externalId());
    assertEquals("v1", again.version());
  }

  @Test
  void aRetryableOutcomeIsReturnedAndNotKeptSoTheNextAttemptWrites() {
    WriteRequest<Account> r = request("g1", "Acme", IdempotencyKey.of("rs1:k2"));
    answers.add(WriteOutcome.retryable("g1", "429", "slow down", Duration.ofSeconds(7)));
    answers.add(WriteOutcome.created("g1", ExternalId.of(ERP, "43"), null));

    WriteOutcome first = executor.writeOnce(r, ERP, CONTEXT, write);
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, first.status());
    assertEquals(Duration.ofSeconds(7), first.retryAfter(), "the platform's wait is kept");
    assertEquals(WriteOutcome.Status.CREATED, executor.writeOnce(r, ERP, CONTEXT, write).status());
    assertEquals(2, writes);
  }

  @Test
  void theSameKeyForAnotherPayloadIsARejectionNamingIdempotency() {
    answers.add(WriteOutcome.created("g1", ExternalId.of(ERP, "44"), null));
    executor.writeOnce(request("g1", "Acme", IdempotencyKey.of("rs1:k3")), ERP, CONTEXT, write);

    WriteOutcome o =
        executor.writeOnce(
            request("g1", "Other", IdempotencyKey.of("rs1:k3")), ERP, CONTEXT, write);

    assertEquals(WriteOutcome.Status.REJECTED, o.status());
    assertEquals("IDEMPOTENCY", o.errorCode());
    assertEquals(1, writes);
  }

  @Test
  void aRequestWithoutAKeyIsWrittenEveryTime() {
    WriteRequest<Account> r = request("g1", "Acme", null);
    answers.add(WriteOutcome.updated("g1", ExternalId.of(ERP, "45"), null));
    answers.add(WriteOutcome.updated("g1", ExternalId.of(ERP, "45"), null));

    executor.writeOnce(r, ERP, CONTEXT, write);
    assertEquals(WriteOutcome.Status.UPDATED, executor.writeOnce(r, ERP, CONTEXT, write).status());
    assertEquals(2, writes);
  }

  @Test
  void refusedCredentialsAreThrownNotTurnedIntoAnOutcome() {
    WriteRequest<Account> r = request("g1", "Acme", IdempotencyKey.of("rs1:k4"));
    assertThrows(
        AuthenticationException.class,
        () ->
            executor.writeOnce(
                r,
                ERP,
                CONTEXT,
                () -> {
                  throw new AuthenticationException("token refused", null, CONTEXT);
                }));
  }
}
