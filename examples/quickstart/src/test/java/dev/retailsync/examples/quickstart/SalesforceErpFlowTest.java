package dev.retailsync.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Customers both ways between the example ERP and Salesforce (its fake), through the engine. */
class SalesforceErpFlowTest {

  /** A clock that moves one second each time it is read, so every edit gets a later stamp. */
  private static final class Ticking extends Clock {
    private final AtomicLong seconds =
        new AtomicLong(Instant.parse("2026-11-25T12:00:00Z").getEpochSecond());

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochSecond(seconds.incrementAndGet());
    }
  }

  @Test
  void erpCustomersReachSalesforceAndARenameInSalesforceReachesTheErpWithoutPingPong() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    FakeSalesforce org =
        SalesforceErpFlow.run(
            new PrintStream(buf, true, StandardCharsets.UTF_8),
            "sf-test-" + UUID.randomUUID(),
            new Ticking());
    String out = buf.toString(StandardCharsets.UTF_8);

    assertEquals(2, org.records("Account").size(), out);
    assertTrue(out.contains("erp B-4002 is now: Acme Hardware Holding GmbH"), out);
    long upserts = org.requests().stream().filter(r -> r.startsWith("PATCH")).count();
    // The two new customers (one Collections call per delivery lane); the rename coming back from
    // the ERP is an echo and costs Salesforce nothing.
    assertTrue(upserts <= 2, "upserts: " + org.requests());
  }
}
