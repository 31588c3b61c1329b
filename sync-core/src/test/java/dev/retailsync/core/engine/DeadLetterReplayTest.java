package dev.retailsync.core.engine;

import static dev.retailsync.core.engine.EngineFixtures.CRM;
import static dev.retailsync.core.engine.EngineFixtures.ERP;
import static dev.retailsync.core.engine.EngineFixtures.account;
import static dev.retailsync.core.engine.EngineFixtures.withEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.core.deadletter.DeadLetter;
import dev.retailsync.core.deadletter.DeadLetterFilter;
import dev.retailsync.core.deadletter.FailureReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dead letters: inspect, replay through the whole path, replay counts, loop guard, purge. */
class DeadLetterReplayTest {
  private final EngineFixtures fx = new EngineFixtures();

  private void publishThree() {
    fx.erp.publish(
        List.of(
            fx.change(ERP, "A-1", account("A-1", "Acme GmbH")),
            fx.change(ERP, "A-2", account("A-2", "Beta AG")),
            fx.change(ERP, "A-3", withEmail(account("A-3", "Gamma KG"), "no-email"))));
  }

  private long writesOf(String name) {
    return fx.crm.written().stream().filter(r -> r.entity().name().equals(name)).count();
  }

  @Test
  void replayOfADeadLetterAfterTheCauseIsFixedAppliesItOnce() {
    publishThree();
    fx.crm.reject(r -> r.entity().name().equals("Beta AG"));
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      engine.runOnce();
      DeadLetter letter =
          engine
              .deadLetters()
              .list(DeadLetterFilter.builder().reason(FailureReason.REMOTE_REJECTION).build())
              .get(0);
      assertEquals(CRM, letter.target());
      assertEquals(List.of("taxId"), letter.errors().stream().map(e -> e.path()).toList());
      assertEquals(0, writesOf("Beta AG"));

      fx.crm.heal();
      ReplayResult first = engine.replay(letter.id());
      ReplayResult second = engine.replay(letter.id());
      List<ReplayResult> all = engine.replay(DeadLetterFilter.builder().system(CRM).build());

      assertEquals(ReplayResult.Outcome.RESOLVED, first.outcome());
      assertEquals(ReplayResult.Outcome.ALREADY_RESOLVED, second.outcome());
      assertEquals(List.of(), all, "resolved letters are not replayed again");
      assertEquals(1, writesOf("Beta AG"), "applied exactly once");
      DeadLetter resolved = engine.deadLetters().find(letter.id()).orElseThrow();
      assertEquals(DeadLetter.Status.RESOLVED, resolved.status());
      assertEquals(1, resolved.replays());
    }
  }

  @Test
  void theLoopGuardStopsALetterThatAlwaysFails() {
    publishThree();
    fx.crm.reject(r -> r.entity().name().equals("Beta AG"));
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).maxReplays(3).build()) {
      engine.runOnce();
      DeadLetterFilter toCrm = DeadLetterFilter.builder().system(CRM).build();

      List<ReplayResult.Outcome> outcomes = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        engine.replay(toCrm).forEach(r -> outcomes.add(r.outcome()));
      }

      assertEquals(
          List.of(
              ReplayResult.Outcome.FAILED_AGAIN,
              ReplayResult.Outcome.FAILED_AGAIN,
              ReplayResult.Outcome.QUARANTINED),
          outcomes,
          "automatic replay stops after three failures");
      DeadLetter l = engine.deadLetters().list(toCrm).get(0);
      assertEquals(DeadLetter.Status.QUARANTINED, l.status());
      assertEquals(3, l.replays());
      assertEquals(4, l.failures());
      assertTrue(l.statusNote().contains("replayed 3 times"), l.statusNote());
      assertEquals(0, writesOf("Beta AG"));
    }
  }

  @Test
  void lettersAreFilteredByFlowSystemEntityReasonAndTimeAndPurged() {
    publishThree();
    fx.crm.reject(r -> r.entity().name().equals("Beta AG"));
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      Instant before = fx.clock.instant();
      engine.runOnce();
      fx.clock.advance(Duration.ofMinutes(1));

      assertEquals(2, engine.deadLetters().list(DeadLetterFilter.all()).size());
      assertEquals(
          2, engine.deadLetters().list(DeadLetterFilter.builder().system(ERP).build()).size());
      assertEquals(
          List.of(FailureReason.REMOTE_REJECTION),
          engine.deadLetters().list(DeadLetterFilter.builder().system(CRM).build()).stream()
              .map(DeadLetter::reason)
              .toList());
      assertEquals(
          2,
          engine
              .deadLetters()
              .list(
                  DeadLetterFilter.builder()
                      .flow("accounts")
                      .entityType(EntityType.ACCOUNT)
                      .from(before)
                      .to(fx.clock.instant())
                      .build())
              .size());
      assertEquals(
          0,
          engine
              .deadLetters()
              .list(DeadLetterFilter.builder().from(fx.clock.instant()).build())
              .size());

      assertEquals(
          1,
          engine
              .deadLetters()
              .purge(DeadLetterFilter.builder().reason(FailureReason.VALIDATION).build()));
      assertEquals(1, engine.deadLetters().list(DeadLetterFilter.all()).size());
    }
  }

  @Test
  void aChangeThatFailsAgainOnTheNextPollUpdatesItsLetterInsteadOfAddingOne() {
    publishThree();
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      engine.runOnce();
      engine.cursors().save("accounts", dev.retailsync.api.spi.Cursor.beginning());
      engine.runOnce();

      List<DeadLetter> letters = engine.deadLetters().list(DeadLetterFilter.all());
      assertEquals(1, letters.size());
      assertEquals(2, letters.get(0).failures());
    }
  }
}
