package dev.retailsync.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.core.testing.FakeClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The idempotency store kit against the in-memory store, and what its compact entries keep. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreKit {
  @Override
  protected IdempotencyStore newStore(Clock clock) {
    return new InMemoryIdempotencyStore(clock);
  }

  @Test
  void aFinishedEntryReadsBackExactlyAsItWasWritten() {
    FakeClock clock = FakeClock.create();
    InMemoryIdempotencyStore s = new InMemoryIdempotencyStore(clock);
    IdempotencyKey key = IdempotencyKey.of("order-1001");
    Instant created = clock.instant();
    Claim claim = s.claim(key, "fp", Duration.ofSeconds(30));
    clock.advance(Duration.ofNanos(1_234_567));
    Instant finished = clock.instant();

    assertTrue(s.fail(key, claim.leaseToken(), true, "503", Duration.ofHours(1)));

    assertEquals(
        new IdempotencyRecord(
            key,
            "fp",
            IdempotencyRecord.State.FAILED,
            claim.leaseToken(),
            null,
            "503",
            true,
            created,
            finished.plus(Duration.ofHours(1))),
        s.find(key).orElseThrow(),
        "the last holder's token, the nanoseconds of both instants");
  }

  @Test
  void onlyTheIssuedTokenItselfCompletes() {
    InMemoryIdempotencyStore s = new InMemoryIdempotencyStore(FakeClock.create());
    IdempotencyKey key = IdempotencyKey.of("order-1002");
    String token = s.claim(key, "fp", Duration.ofSeconds(30)).leaseToken();
    String prefix = token.substring(0, token.lastIndexOf('-') + 1);
    String counter = token.substring(prefix.length());

    assertFalse(s.complete(key, prefix + "0" + counter, "x", Duration.ofHours(1)));
    assertFalse(s.complete(key, prefix + counter + "0", "x", Duration.ofHours(1)));
    assertFalse(s.complete(key, "x" + token.substring(1), "x", Duration.ofHours(1)));
    assertFalse(s.complete(key, prefix, "x", Duration.ofHours(1)));
    assertFalse(s.complete(key, prefix + "99999999999999999999999", "x", Duration.ofHours(1)));
    assertFalse(s.complete(key, null, "x", Duration.ofHours(1)));
    assertTrue(s.complete(key, token, "ok", Duration.ofHours(1)));
  }
}
