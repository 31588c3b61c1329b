package dev.retailsync.erp.file;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.erp.file.fake.FakeFileErp;
import dev.retailsync.testkit.ConnectorConformanceKit;
import dev.retailsync.testkit.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flat-file connector passes the conformance kit for customers. Its remote is the exchange
 * directory with a {@link FakeFileErp} on the other side: {@link #advanceTime} runs the ERP's
 * exchange job (it imports our export files and drops its own exports of what changed into the
 * inbox), {@link #changeRemotely} edits a customer in the ERP, whose export then carries the new
 * version, and {@link Fault#UNAVAILABLE} takes the file share offline. {@link Fault#THROTTLED} is
 * not answered: a directory has no rate or concurrency limit to hit, so that kit test is skipped.
 */
class FileConformanceTest extends ConnectorConformanceKit<Account> {
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T08:00:00Z"));
  private FakeFileErp erp;

  @Override
  protected Connector connector() {
    erp = new FakeFileErp(dir, clock);
    return FileConnector.builder().directory(dir).clock(clock).maxBatchSize(200).build();
  }

  @Override
  protected EntityType<Account> entityType() {
    return EntityType.ACCOUNT;
  }

  @Override
  protected Account sample(String key) {
    return Account.builder()
        .accountNumber(key)
        .name("Shop " + key + ", \"Main Street\"")
        .customerType(CustomerType.BUSINESS)
        .status(AccountStatus.ACTIVE)
        .paymentTerms("NET30")
        .currency("EUR")
        .build();
  }

  @Override
  protected Account changed(Account record) {
    return record.toBuilder().paymentTerms("NET60").name(record.name() + " (moved)").build();
  }

  @Override
  protected Object roundTrip(Account record) {
    return List.of(
        record.accountNumber(),
        record.name(),
        record.paymentTerms(),
        record.customerType(),
        record.currency());
  }

  @Override
  protected String unknownId() {
    return "NO-SUCH-CUSTOMER";
  }

  @Override
  protected Optional<Account> invalid(String key) {
    // The account number is the key column the ERP matches customers by.
    return Optional.of(sample(key).toBuilder().accountNumber(null).build());
  }

  @Override
  protected boolean changeRemotely(ExternalId id) {
    erp.consumeOutbox();
    erp.change("customers", id.id(), "payment_terms", "NET90");
    erp.exportChanges();
    return true;
  }

  @Override
  protected boolean injectFault(Fault fault) {
    if (fault == Fault.UNAVAILABLE) {
      erp.takeShareOffline();
      return true;
    }
    return false;
  }

  @Override
  protected void advanceTime(Duration duration) {
    clock.advance(duration);
    erp.exchange();
  }
}
