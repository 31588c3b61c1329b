package dev.retailsync.core.engine;

import static dev.retailsync.core.engine.EngineFixtures.CRM;
import static dev.retailsync.core.engine.EngineFixtures.ERP;
import static dev.retailsync.core.engine.EngineFixtures.account;
import static dev.retailsync.core.engine.EngineFixtures.withEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.deadletter.DeadLetter;
import dev.retailsync.core.deadletter.DeadLetterFilter;
import dev.retailsync.core.deadletter.DeadLetterStore;
import dev.retailsync.core.deadletter.FailureReason;
import dev.retailsync.core.deadletter.InMemoryDeadLetterStore;
import dev.retailsync.core.idempotency.IdempotencyKeys;
import dev.retailsync.core.observability.RunReport;
import dev.retailsync.core.state.Claim;
import dev.retailsync.core.state.CrossReferenceStore;
import dev.retailsync.core.state.InMemoryCrossReferenceStore;
import dev.retailsync.core.state.InMemoryIdempotencyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The data path end to end on one engine with fake time and a direct delivery executor. */
class SyncEngineDataPathTest {
  private final EngineFixtures fx = new EngineFixtures();

  @Test
  void aPageWithOneInvalidRecordAppliesTheOthersDeadLettersTheInvalidOneAndAdvancesTheCursor() {
    fx.erp.publish(
        List.of(
            fx.change(ERP, "A-1", account("A-1", "Acme GmbH")),
            fx.change(ERP, "A-2", withEmail(account("A-2", "Beta AG"), "not-an-email")),
            fx.change(ERP, "A-3", account("A-3", "Gamma KG"))));
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      RunReport report = engine.runOnce();

      assertEquals(
          List.of("Acme GmbH", "Gamma KG"),
          fx.crm.written().stream().map(r -> r.entity().name()).toList());
      List<DeadLetter> letters = engine.deadLetters().list(DeadLetterFilter.all());
      assertEquals(1, letters.size());
      DeadLetter letter = letters.get(0);
      assertEquals(FailureReason.VALIDATION, letter.reason());
      assertEquals(ExternalId.of(ERP, "A-2"), letter.change().source());
      assertEquals(List.of("billing.email"), letter.errors().stream().map(e -> e.path()).toList());
      assertEquals(Cursor.of("3"), engine.cursors().load("accounts").orElseThrow());
      assertEquals(2, report.counts(CRM, "account").created());
      assertEquals(1, report.counts(ERP, "account").deadLettered());
      assertEquals(1, report.counts(ERP, "account").rejected());
    }
  }

  @Test
  void aRepeatedChangeIsADuplicateAndAnUnchangedOneMakesNoCall() {
    Account a = account("A-1", "Acme GmbH");
    Change<Account> first = fx.change(ERP, "A-1", a);
    fx.erp.publish(List.of(first, first, fx.change(ERP, "A-1", a)));
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      RunReport report = engine.runOnce();

      assertEquals(1, fx.crm.calls(), "one write, no call for the repeat or the no-op");
      assertEquals(2, report.counts(ERP, "account").unchanged());
      assertEquals(List.of(), engine.deadLetters().list(DeadLetterFilter.all()));
    }
  }

  @Test
  void onlyTheChangedFieldsAreWrittenAndTheTargetsIdIsCrossReferenced() {
    fx.erp.publish(
        List.of(
            fx.change(ERP, "A-1", account("A-1", "Acme GmbH")),
            fx.change(ERP, "A-1", account("A-1", "Acme Holding GmbH"))));
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      engine.runOnce();

      List<WriteRequest<Account>> written = fx.crm.written();
      assertEquals(2, written.size());
      assertEquals("[name]", written.get(1).fields().toString());
      assertEquals(ExternalId.of(CRM, "T-1"), written.get(1).target(), "the second is an update");
      assertEquals(
          List.of(ExternalId.of(ERP, "A-1"), ExternalId.of(CRM, "T-1")),
          engine
              .crossReferences()
              .externalIds(
                  EntityType.ACCOUNT,
                  engine
                      .crossReferences()
                      .find(EntityType.ACCOUNT, ExternalId.of(ERP, "A-1"))
                      .orElseThrow()));
      assertTrue(written.get(0).idempotencyKey() != null, "every write carries a key");
    }
  }

  @Test
  void theEchoOfTheEnginesOwnWriteIsDropped() {
    Flow<Account> back =
        Flow.builder("accounts-back", EntityType.ACCOUNT).source(fx.crm).addTarget(fx.erp).build();
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).addFlow(back).build()) {
      engine.runOnce();
      // The CRM reports the record the engine wrote, under its own id: an echo.
      fx.crm.publish(List.of(fx.change(CRM, "T-1", account("A-1", "Acme GmbH"))));
      RunReport report = engine.runOnce();

      assertEquals(0, fx.erp.calls() - 2, "nothing written back to the ERP");
      assertEquals(1, report.counts(CRM, "account").unchanged());
    }
  }

  @Test
  void thePageIsNotCommittedWhenSomethingEscapesThePath() {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", withEmail(account("A-1", "Acme"), "bad"))));
    InMemoryDeadLetterStore real = new InMemoryDeadLetterStore();
    DeadLetterStore broken =
        new DeadLetterStore() {
          @Override
          public DeadLetter add(DeadLetter letter) {
            throw new IllegalStateException("dead-letter store is down");
          }

          @Override
          public Optional<DeadLetter> find(String id) {
            return real.find(id);
          }

          @Override
          public List<DeadLetter> list(DeadLetterFilter filter) {
            return real.list(filter);
          }

          @Override
          public boolean update(DeadLetter letter) {
            return real.update(letter);
          }

          @Override
          public int purge(DeadLetterFilter filter) {
            return real.purge(filter);
          }
        };
    try (SyncEngine engine =
        fx.engine().addFlow(fx.accountsErpToCrm()).deadLetters(broken).build()) {
      assertThrows(SyncException.class, engine::runOnce);

      assertTrue(engine.cursors().load("accounts").isEmpty(), "the page will be polled again");
    }
  }

  @Test
  void aFlowNeedsAnOwnershipPolicyForItsEntityType() {
    Flow<dev.retailsync.api.model.Product> flow =
        Flow.builder("products", EntityType.PRODUCT).sourceSystem(ERP).build();
    assertThrows(ValidationException.class, () -> fx.engine().addFlow(flow).build());
  }

  @Test
  void aChangeAnotherWorkerIsApplyingWaitsAsALetterInsteadOfBeingSkipped() {
    Change<Account> change = fx.change(ERP, "A-1", account("A-1", "Acme GmbH"));
    fx.erp.publish(List.of(change));
    InMemoryIdempotencyStore shared = new InMemoryIdempotencyStore(fx.clock);
    IdempotencyKey key = IdempotencyKeys.forChange("inbound:accounts", change);
    Claim other = shared.claim(key, key.value(), Duration.ofMinutes(5));
    try (SyncEngine engine =
        fx.engine().addFlow(fx.accountsErpToCrm()).idempotencyStore(shared).build()) {
      engine.runOnce();
      DeadLetter letter = engine.deadLetters().list(DeadLetterFilter.all()).get(0);
      assertEquals(FailureReason.INTERNAL, letter.reason());
      assertTrue(engine.cursors().load("accounts").isPresent());

      shared.complete(key, other.leaseToken(), "applied", Duration.ofDays(1));
      assertEquals(ReplayResult.Outcome.RESOLVED, engine.replay(letter.id()).outcome());
      assertEquals(0, fx.crm.written().size(), "the other worker applied it");
    }
  }

  @Test
  void aStoreFailureWhileRecordingOutcomesFailsThePageAndDeadLettersNothingWritten() {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
    InMemoryCrossReferenceStore real = new InMemoryCrossReferenceStore();
    CrossReferenceStore failing =
        new CrossReferenceStore() {
          @Override
          public Optional<CanonicalId> find(EntityType<?> type, ExternalId external) {
            return real.find(type, external);
          }

          @Override
          public CanonicalId link(EntityType<?> type, ExternalId external, CanonicalId id) {
            if (external.system().equals(CRM)) {
              throw new IllegalStateException("cross-reference store is down");
            }
            return real.link(type, external, id);
          }

          @Override
          public Optional<ExternalId> externalId(
              EntityType<?> type, CanonicalId id, dev.retailsync.api.SystemId system) {
            return real.externalId(type, id, system);
          }

          @Override
          public List<ExternalId> externalIds(EntityType<?> type, CanonicalId id) {
            return real.externalIds(type, id);
          }
        };
    try (SyncEngine engine =
        fx.engine().addFlow(fx.accountsErpToCrm()).crossReferences(failing).build()) {
      assertThrows(SyncException.class, engine::runOnce);

      assertEquals(List.of(), engine.deadLetters().list(DeadLetterFilter.all()));
      assertTrue(engine.cursors().load("accounts").isEmpty());
    }
  }

  @Test
  void aPushedChangeSurvivesAStoreFailureAndIsAppliedOnceWhenTheStoreIsBack() {
    InMemoryCrossReferenceStore real = new InMemoryCrossReferenceStore();
    java.util.concurrent.atomic.AtomicBoolean down =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    CrossReferenceStore flaky =
        new CrossReferenceStore() {
          @Override
          public Optional<CanonicalId> find(EntityType<?> type, ExternalId external) {
            return real.find(type, external);
          }

          @Override
          public CanonicalId link(EntityType<?> type, ExternalId external, CanonicalId id) {
            if (down.get() && external.system().equals(CRM)) {
              throw new IllegalStateException("cross-reference store is down");
            }
            return real.link(type, external, id);
          }

          @Override
          public Optional<ExternalId> externalId(
              EntityType<?> type, CanonicalId id, dev.retailsync.api.SystemId system) {
            return real.externalId(type, id, system);
          }

          @Override
          public List<ExternalId> externalIds(EntityType<?> type, CanonicalId id) {
            return real.externalIds(type, id);
          }
        };
    try (SyncEngine engine =
        fx.engine().addFlow(fx.accountsErpToCrm()).crossReferences(flaky).build()) {
      var pushed = fx.change(ERP, "P-1", account("P-1", "Pushed GmbH"));
      engine.accept(pushed);
      assertThrows(RuntimeException.class, engine::drain);
      assertEquals(1, engine.queued(), "the accepted change is kept, not lost");

      down.set(false);
      assertEquals(1, engine.drain());
      assertEquals(0, engine.queued());
      assertEquals(
          1,
          fx.crm.written().stream().filter(w -> "P-1".equals(w.entity().accountNumber())).count(),
          "written to the target exactly once");
      assertEquals(
          pushed.correlationId(),
          fx.crm.written().get(fx.crm.written().size() - 1).correlationId(),
          "the write carries the change's correlation id to the connector");
    }
  }

  @Test
  void aRepeatedChangeIsADuplicateWithoutBeingValidatedAgainAndAnInvalidOneGivesItsClaimBack() {
    List<dev.retailsync.core.observability.SyncEvent> events =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore(fx.clock);
    try (SyncEngine engine =
        fx.engine()
            .addFlow(fx.accountsErpToCrm())
            .idempotencyStore(idempotency)
            .listener(dev.retailsync.core.observability.SyncListener.of(events::add))
            .build()) {
      Change<Account> good = fx.change(ERP, "G-1", account("G-1", "Good GmbH"));
      Change<Account> bad = fx.change(ERP, "B-1", withEmail(account("B-1", "Bad AG"), "nope"));
      engine.accept(good);
      engine.accept(bad);
      engine.drain();
      events.clear();

      engine.accept(good);
      engine.drain();

      List<dev.retailsync.core.observability.Stage> stages =
          events.stream().map(dev.retailsync.core.observability.SyncEvent::stage).toList();
      assertEquals(
          List.of(
              dev.retailsync.core.observability.Stage.ACCEPTED,
              dev.retailsync.core.observability.Stage.DUPLICATE),
          stages,
          "accepted, found a duplicate, not validated again");
      assertEquals(1, fx.crm.written().size(), "written once");
      IdempotencyKey badKey =
          IdempotencyKeys.forChange("inbound:" + fx.accountsErpToCrm().name(), bad);
      var held = idempotency.find(badKey).orElseThrow();
      assertEquals(dev.retailsync.core.state.IdempotencyRecord.State.FAILED, held.state());
      assertTrue(held.retryable(), "an invalid change's claim is given back: its replay may run");
      assertEquals(1, engine.report().counts(ERP, "account").deadLettered());
    }
  }
}
