package dev.retailsync.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.core.golden.MergeResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The ownership example does what the README says it does. */
class OwnershipExampleTest {

  @Test
  void salesforcesCreditChangeIsDroppedItsOtherFieldsApplyAndTheRetryIsReplayed() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    MergeResult<Account> r =
        OwnershipExample.run(
            new PrintStream(buf, true, StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    String out = buf.toString(StandardCharsets.UTF_8);

    assertEquals(CreditStatus.APPROVED, r.record().entity().credit().status());
    assertEquals("Acme Hardware Holding GmbH", r.record().entity().name());
    assertEquals(Account.Fields.CREDIT, r.dropped().get(0).field());
    assertTrue(out.contains("write to acme-erp"), out);
    assertTrue(out.contains("write to shopify"), out);
    assertTrue(!out.contains("write to " + SystemId.SALESFORCE.value()), out);
    assertTrue(out.contains("attempt 1: UPDATED acme-erp:B-2002 (call 1)"), out);
    assertTrue(out.contains("attempt 2: UPDATED acme-erp:B-2002 (call 1), replayed"), out);
  }
}
