package dev.retailsync.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.SystemId;
import dev.retailsync.core.observability.RunReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The engine quick start: ERP fake, engine, CRM target, run report. */
class SyncFlowQuickStartTest {
  @Test
  void runsAFlowEndToEndAndPrintsTheRunReport() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    RunReport report =
        SyncFlowQuickStart.run(
            new PrintStream(buf, true, StandardCharsets.UTF_8), "flow-" + UUID.randomUUID());
    String out = buf.toString(StandardCharsets.UTF_8);

    assertEquals(2, report.counts(SystemId.SALESFORCE, "account").created(), out);
    assertTrue(out.contains("crm 0011: C-1001") || out.contains(": C-1001"), out);
    assertTrue(out.contains("B-2002"), out);
    assertTrue(out.contains("dead letters: 0"), out);
    assertTrue(out.contains("retail-sync run report"), out);
  }

  @Test
  void aSecondRunOnTheSameDatabaseDoesNotRepeatTheFirstRunsWrites() {
    String tenant = "restart-" + UUID.randomUUID();
    DataSource db = SyncFlowQuickStart.embeddedH2("mem:" + tenant);
    SyncFlowQuickStart.InMemoryCrm crm = new SyncFlowQuickStart.InMemoryCrm();
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    RunReport first = SyncFlowQuickStart.run(out, tenant, db, crm);
    int written = crm.writes.get();
    RunReport second = SyncFlowQuickStart.run(out, tenant, db, crm);

    assertEquals(2, first.counts(SystemId.SALESFORCE, "account").created());
    assertEquals(0, second.counts(SystemId.SALESFORCE, "account").created());
    assertEquals(written, crm.writes.get(), "the restarted engine repeats no write");
  }
}
