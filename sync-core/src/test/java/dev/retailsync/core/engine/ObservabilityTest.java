package dev.retailsync.core.engine;

import static dev.retailsync.core.engine.EngineFixtures.CRM;
import static dev.retailsync.core.engine.EngineFixtures.ERP;
import static dev.retailsync.core.engine.EngineFixtures.account;
import static dev.retailsync.core.engine.EngineFixtures.withEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Account;
import dev.retailsync.core.deadletter.DeadLetterFilter;
import dev.retailsync.core.observability.AuditEntry;
import dev.retailsync.core.observability.RunReport;
import dev.retailsync.core.observability.Stage;
import dev.retailsync.core.observability.SyncEvent;
import dev.retailsync.core.observability.SyncListener;
import dev.retailsync.core.observability.SyncMdc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** MDC keys, listener events, the audit trail without personal data, and the run report. */
class ObservabilityTest {
  private final EngineFixtures fx = new EngineFixtures();

  @Test
  void mdcIsSetOnEngineThreadsAndClearedAfter() throws Exception {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
    ExecutorService engineThread = Executors.newSingleThreadExecutor();
    // Start the thread before the host sets its MDC (slf4j's basic MDC is inherited by threads).
    engineThread.submit(() -> {}).get();
    MDC.put("host.request", "r-1");
    try (SyncEngine engine =
        fx.engine().addFlow(fx.accountsErpToCrm()).deliveryExecutor(engineThread).build()) {
      engine.runOnce();

      Map<String, String> seen = fx.crm.mdcSeen().get(0);
      assertEquals("corr-1", seen.get(SyncMdc.CORRELATION_ID));
      assertEquals("salesforce", seen.get(SyncMdc.SYSTEM));
      assertEquals("upsert", seen.get(SyncMdc.OPERATION));
      assertEquals("account", seen.get(SyncMdc.ENTITY));
      assertFalse(fx.crm.threads().get(0).equals(Thread.currentThread().getName()));
      Map<String, String> after = engineThread.submit(MDC::getCopyOfContextMap).get();
      assertTrue(after == null || after.isEmpty(), "cleared on the engine thread: " + after);
      assertEquals("r-1", MDC.get("host.request"), "the host's own keys are kept");
      assertNull(MDC.get(SyncMdc.CORRELATION_ID), "and ours are gone from the host thread");
    } finally {
      MDC.clear();
      engineThread.shutdownNow();
    }
  }

  @Test
  void auditOutputContainsNoEmailPhoneOrNameOfTheTestData() {
    Account jane =
        withEmail(account("C-1", "Jane Doe"), "jane.doe@example.com").toBuilder()
            .extensions(Map.of("mobile", "+49 170 1234567"))
            .build();
    Account broken = withEmail(account("C-2", "John Roe"), "john.roe at example");
    fx.erp.publish(
        List.of(
            fx.change(ERP, "jane.doe@example.com", jane),
            fx.change(ERP, "C-2", broken),
            fx.change(
                ERP, "jane.doe@example.com", jane.toBuilder().name("Jane Doe-Smith").build())));
    fx.crm.reject(r -> r.entity().name().equals("Jane Doe-Smith"));
    try (SyncEngine engine = fx.engine().addFlow(fx.accountsErpToCrm()).build()) {
      engine.runOnce();

      List<AuditEntry> entries = engine.auditTrail().read(0, 1000);
      assertTrue(entries.size() >= 5, entries.toString());
      StringBuilder out = new StringBuilder();
      entries.forEach(e -> out.append(e).append('\n'));
      engine.deadLetters().list(DeadLetterFilter.all()).forEach(l -> out.append(l).append('\n'));
      String text = out.toString();
      for (String personal :
          List.of("Jane", "Doe", "jane.doe", "John", "Roe", "john.roe", "+49", "1234567")) {
        assertFalse(text.contains(personal), personal + " leaked into:\n" + text);
      }
      assertTrue(text.contains("billing.email"), "field paths are kept: " + text);
      assertTrue(text.contains("dead-lettered"), text);
    }
  }

  @Test
  void theListenerReceivesEveryStageAndTheReportCountsBySystemAndDomainWithFreshness() {
    List<SyncEvent> events = Collections.synchronizedList(new ArrayList<>());
    fx.erp.publish(
        List.of(
            fx.change(ERP, "A-1", account("A-1", "Acme GmbH")),
            fx.change(ERP, "A-2", withEmail(account("A-2", "Beta AG"), "nope"))));
    fx.crm.failCalls(1, ScriptedConnector::serverError);
    Flow<Account> flow =
        Flow.builder("accounts", EntityType.ACCOUNT)
            .source(fx.erp)
            .addTarget(fx.crm)
            .freshnessSla(Duration.ofMinutes(5))
            .build();
    try (SyncEngine engine =
        fx.engine().addFlow(flow).listener(SyncListener.of(events::add)).build()) {
      RunReport report = engine.runOnce();

      Set<Stage> stages = EnumSet.noneOf(Stage.class);
      events.forEach(e -> stages.add(e.stage()));
      assertEquals(
          EnumSet.of(
              Stage.POLLED,
              Stage.VALIDATED,
              Stage.RESOLVED,
              Stage.MERGED,
              Stage.PLANNED,
              Stage.RETRIED,
              Stage.DELIVERED,
              Stage.DEAD_LETTERED,
              Stage.CURSOR_ADVANCED),
          stages);
      RunReport.Counts crm = report.counts(CRM, "account");
      assertEquals(1, crm.created());
      assertEquals(1, crm.retried());
      assertEquals(0, crm.pending());
      assertEquals(1, report.counts(ERP, "account").deadLettered());
      RunReport.Freshness f = report.freshness().get(0);
      assertEquals("account", f.domain());
      assertFalse(f.withinSla(), "the newest change is ~10 minutes old, the SLA is 5");
      String rendered = report.render();
      assertTrue(rendered.contains("salesforce"), rendered);
      assertTrue(rendered.contains("BREACHED"), rendered);
    }
  }

  @Test
  void aFailingListenerNeverFailsAChange() {
    fx.erp.publish(List.of(fx.change(ERP, "A-1", account("A-1", "Acme GmbH"))));
    try (SyncEngine engine =
        fx.engine()
            .addFlow(fx.accountsErpToCrm())
            .listener(
                SyncListener.of(
                    e -> {
                      throw new IllegalStateException("listener bug");
                    }))
            .build()) {
      engine.runOnce();
      assertEquals(1, fx.crm.written().size());
    }
  }
}
