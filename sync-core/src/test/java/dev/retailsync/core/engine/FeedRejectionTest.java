package dev.retailsync.core.engine;

import static dev.retailsync.core.engine.EngineFixtures.ERP;
import static dev.retailsync.core.engine.EngineFixtures.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.core.deadletter.DeadLetter;
import dev.retailsync.core.deadletter.DeadLetterFilter;
import dev.retailsync.core.deadletter.FailureReason;
import dev.retailsync.core.observability.AuditEntry;
import dev.retailsync.core.observability.RunReport;
import dev.retailsync.core.observability.Stage;
import dev.retailsync.core.observability.SyncEvent;
import dev.retailsync.core.observability.SyncListener;
import dev.retailsync.core.state.Databases;
import dev.retailsync.core.state.JdbcStateStores;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records a change feed cannot map are dead letters (reason MAPPING) with their field errors and
 * source id, counted and audited before the cursor advances; replay reads them again by id.
 */
class FeedRejectionTest {
  private final EngineFixtures fx = new EngineFixtures();

  private void publishTwoGoodAndOneUnmappable() {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
    fx.erp.publishUnmappable("A-2");
    fx.erp.publish(List.of(fx.change(ERP, "A-3", account("A-3", "Gamma KG"))));
  }

  private long writesOf(String name) {
    return fx.crm.written().stream().filter(r -> r.entity().name().equals(name)).count();
  }

  private static DeadLetterFilter mapping() {
    return DeadLetterFilter.builder().reason(FailureReason.MAPPING).build();
  }

  @Test
  void aRejectedRecordOfAPageBecomesADeadLetterAndTheCursorStillAdvances() {
    publishTwoGoodAndOneUnmappable();
    List<SyncEvent> events = new ArrayList<>();
    try (SyncEngine engine =
        fx.engine().addFlow(fx.accountsErpToCrm()).listener(SyncListener.of(events::add)).build()) {
      engine.runOnce();

      assertEquals(1, writesOf("Acme GmbH"));
      assertEquals(1, writesOf("Gamma KG"));
      List<DeadLetter> letters = engine.deadLetters().list(DeadLetterFilter.all());
      assertEquals(1, letters.size());
      DeadLetter l = letters.get(0);
      assertEquals(FailureReason.MAPPING, l.reason());
      assertNull(l.change());
      assertEquals(ExternalId.of(ERP, "A-2"), l.sourceRecord().id());
      assertEquals(ExternalId.of(ERP, "A-2"), l.sourceId());
      assertEquals(EntityType.ACCOUNT, l.entityType());
      assertEquals("accounts", l.flow());
      assertEquals(List.of("name"), l.errors().stream().map(FieldError::path).toList());
      assertEquals(DeadLetter.Status.OPEN, l.status());
      assertEquals(Cursor.of("3"), engine.cursors().load("accounts").orElseThrow());

      RunReport.Counts erp =
          engine.report().counts().stream()
              .filter(c -> c.system().equals(ERP))
              .findFirst()
              .orElseThrow();
      assertEquals(1, erp.rejected());
      assertEquals(1, erp.deadLettered());

      List<AuditEntry> audit = engine.auditTrail().read(0, 1000);
      assertTrue(
          audit.stream()
              .anyMatch(
                  a ->
                      a.decision().equals("dead-lettered")
                          && a.rule().equals("MAPPING")
                          && a.fields().equals(List.of("name"))),
          audit.toString());
      List<Stage> stages = events.stream().map(SyncEvent::stage).toList();
      assertTrue(stages.contains(Stage.DEAD_LETTERED), stages.toString());
      assertTrue(
          stages.lastIndexOf(Stage.DEAD_LETTERED) < stages.lastIndexOf(Stage.CURSOR_ADVANCED),
          "the letter is kept before the cursor advances: " + stages);
    }
  }

  @Test
  void aRecordRejectedAgainOnTheNextPollCountsOneMoreFailureOnItsLetter() {
    publishTwoGoodAndOneUnmappable();
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      engine.runOnce();
      engine.cursors().save("accounts", Cursor.beginning());
      engine.runOnce();

      List<DeadLetter> letters = engine.deadLetters().list(mapping());
      assertEquals(1, letters.size());
      assertEquals(2, letters.get(0).failures());
    }
  }

  @Test
  void replayAfterTheSourceIsFixedReadsTheRecordAgainAndAppliesItOnce() {
    publishTwoGoodAndOneUnmappable();
    fx.erp.readable();
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      engine.runOnce();
      DeadLetter letter = engine.deadLetters().list(mapping()).get(0);

      fx.erp.fixSource("A-2", account("A-2", "Beta AG"));
      ReplayResult first = engine.replay(letter.id());
      ReplayResult second = engine.replay(letter.id());
      List<ReplayResult> all = engine.replayAll();

      assertEquals(ReplayResult.Outcome.RESOLVED, first.outcome());
      assertEquals(ReplayResult.Outcome.ALREADY_RESOLVED, second.outcome());
      assertEquals(List.of(), all);
      assertEquals(1, writesOf("Beta AG"), "applied exactly once");
      assertEquals(1, fx.erp.reads());
      DeadLetter resolved = engine.deadLetters().find(letter.id()).orElseThrow();
      assertEquals(DeadLetter.Status.RESOLVED, resolved.status());
      assertEquals(1, resolved.replays());
      assertEquals(1, resolved.failures());
      assertEquals(
          List.of(letter.id()),
          engine.deadLetters().list(DeadLetterFilter.all()).stream().map(DeadLetter::id).toList(),
          "the fresh change went through without a letter of its own");
    }
  }

  @Test
  void replayWhileTheRecordStillCannotBeMappedKeepsItOpenUntilTheLoopGuardQuarantinesIt() {
    publishTwoGoodAndOneUnmappable();
    fx.erp.readable();
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).maxReplays(3).build()) {
      engine.runOnce();

      List<ReplayResult.Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        engine.replay(mapping()).forEach(r -> outcomes.add(r.outcome()));
      }

      assertEquals(
          List.of(
              ReplayResult.Outcome.FAILED_AGAIN,
              ReplayResult.Outcome.FAILED_AGAIN,
              ReplayResult.Outcome.QUARANTINED),
          outcomes);
      DeadLetter l = engine.deadLetters().list(mapping()).get(0);
      assertEquals(DeadLetter.Status.QUARANTINED, l.status());
      assertEquals(3, l.replays());
      assertEquals(4, l.failures());
      assertEquals(List.of("name"), l.errors().stream().map(FieldError::path).toList());
      assertEquals(0, writesOf("Beta AG"));
      assertEquals(3, fx.erp.reads());

      // Replaying by id after the fix is the way out of quarantine.
      fx.erp.fixSource("A-2", account("A-2", "Beta AG"));
      assertEquals(ReplayResult.Outcome.RESOLVED, engine.replay(l.id()).outcome());
      assertEquals(1, writesOf("Beta AG"));
    }
  }

  @Test
  void replayOfARecordTheSourceCannotReadAgainSaysSoAndLeavesTheLetterOpen() {
    publishTwoGoodAndOneUnmappable();
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      engine.runOnce();
      DeadLetter letter = engine.deadLetters().list(mapping()).get(0);

      ReplayResult r = engine.replay(letter.id());

      assertEquals(ReplayResult.Outcome.FAILED_AGAIN, r.outcome());
      assertTrue(r.note().contains("offers no reader"), r.note());
      assertTrue(r.note().contains("fix the record in the source"), r.note());
      DeadLetter after = engine.deadLetters().find(letter.id()).orElseThrow();
      assertEquals(DeadLetter.Status.OPEN, after.status());
      assertEquals(r.note(), after.statusNote());
      assertEquals(0, writesOf("Beta AG"));
    }
  }

  @Test
  void theJdbcStoresKeepTheLetterAndReplayResolvesIt() {
    publishTwoGoodAndOneUnmappable();
    fx.erp.readable();
    try (SyncEngine engine =
        fx.engine()
            .addFlow(fx.accountsErpToCrm())
            .stateStores(JdbcStateStores.builder(Databases.freshH2()).build())
            .build()) {
      engine.runOnce();
      DeadLetter letter = engine.deadLetters().list(mapping()).get(0);
      assertEquals(ExternalId.of(ERP, "A-2"), letter.sourceRecord().id());
      assertFalse(letter.toString().contains("a customer needs a name"), letter.toString());

      fx.erp.fixSource("A-2", account("A-2", "Beta AG"));
      assertEquals(ReplayResult.Outcome.RESOLVED, engine.replay(letter.id()).outcome());
      assertEquals(1, writesOf("Beta AG"));
    }
  }
}
