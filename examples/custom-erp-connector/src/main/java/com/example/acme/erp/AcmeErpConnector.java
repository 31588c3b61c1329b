package com.example.acme.erp;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.CreditLookup;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A connector to Acme's ERP for customer accounts: a change feed over the ERP's change sequence, a
 * reader by customer number, and a writer that upserts by account number with one outcome per
 * record.
 *
 * <p>Errors follow the SPI's taxonomy: a record the ERP refuses is a {@code REJECTED} outcome
 * naming the field; a busy or down ERP is a {@code RETRYABLE_FAILURE} outcome (with the wait the
 * ERP asked for) on writes and a retryable {@link SyncException} on reads and polls; a write based
 * on a version the ERP has moved past ({@link WriteRequest#expectedVersion()}) is rejected with the
 * current version. The version token is the ERP's change sequence of the customer. Thread-safe.
 */
final class AcmeErpConnector implements Connector {
  private static final String CURSOR_PREFIX = "acme-seq:";

  private final SystemId system;
  private final AcmeErp erp;
  private final int pageSize;
  private final Clock clock;

  AcmeErpConnector(SystemId system, AcmeErp erp, int pageSize, Clock clock) {
    this.system = system;
    this.erp = erp;
    this.pageSize = pageSize;
    this.clock = clock;
  }

  @Override
  public SystemId system() {
    return system;
  }

  @Override
  public Set<EntityType<?>> entityTypes() {
    return Set.of(EntityType.ACCOUNT);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<ChangeFeed<T>> changeFeed(EntityType<T> type) {
    return type == EntityType.ACCOUNT
        ? Optional.of((ChangeFeed<T>) (ChangeFeed<Account>) this::poll)
        : Optional.empty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordReader<T>> reader(EntityType<T> type) {
    if (type != EntityType.ACCOUNT) {
      return Optional.empty();
    }
    RecordReader<Account> reader =
        RecordReader.of(
            500,
            ids -> {
              List<RemoteRecord<Account>> found = new ArrayList<>();
              try {
                for (String id : ids) {
                  erp.get(id).ifPresent(c -> found.add(record(c)));
                }
              } catch (AcmeErp.ApiException e) {
                throw failure(e, "read");
              }
              return found;
            });
    return Optional.of((RecordReader<T>) reader);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
    if (type != EntityType.ACCOUNT) {
      return Optional.empty();
    }
    RecordWriter<Account> writer =
        RecordWriter.of(
            200,
            batch -> {
              List<WriteOutcome> outcomes = new ArrayList<>(batch.size());
              for (WriteRequest<Account> request : batch) {
                outcomes.add(write(request));
              }
              return outcomes;
            });
    return Optional.of((RecordWriter<T>) writer);
  }

  @Override
  public <O> Optional<O> operation(Class<O> operationType) {
    if (operationType == CreditLookup.class) {
      CreditLookup lookup =
          accountNumber -> erp.get(accountNumber).map(c -> AccountMapping.toCanonical(c).credit());
      return Optional.of(operationType.cast(lookup));
    }
    return Optional.empty();
  }

  private ChangePage<Account> poll(Cursor cursor, int maxChanges) {
    long after = sequenceOf(cursor);
    int limit = Math.min(Math.max(maxChanges, 1), pageSize);
    List<AcmeErp.Customer> changed;
    try {
      changed = erp.changedSince(after, limit + 1);
    } catch (AcmeErp.ApiException e) {
      throw failure(e, "poll");
    }
    boolean hasMore = changed.size() > limit;
    List<Change<Account>> changes = new ArrayList<>();
    long last = after;
    for (AcmeErp.Customer c : changed.subList(0, Math.min(limit, changed.size()))) {
      changes.add(
          Change.builder(EntityType.ACCOUNT)
              .type(c.createdSeq() == c.changedSeq() ? ChangeType.CREATED : ChangeType.UPDATED)
              .source(ExternalId.of(system, c.number()))
              .entity(AccountMapping.toCanonical(c))
              .sourceTimestamp(c.modifiedAt())
              .sourceVersion(Long.toString(c.changedSeq()))
              .correlationId(CorrelationId.of(system + ":" + c.number() + ":" + c.changedSeq()))
              .build());
      last = c.changedSeq();
    }
    return new ChangePage<>(changes, Cursor.of(CURSOR_PREFIX + last), hasMore);
  }

  private WriteOutcome write(WriteRequest<Account> request) {
    Account account = request.entity();
    List<FieldError> problems = AccountMapping.problems(account);
    long expectedSeq = -1;
    if (request.expectedVersion() != null) {
      try {
        expectedSeq = Long.parseLong(request.expectedVersion());
      } catch (NumberFormatException e) {
        problems.add(
            FieldError.of(
                "expectedVersion",
                request.expectedVersion(),
                "is not a version this connector issued (a change sequence number)"));
      }
    }
    if (!problems.isEmpty()) {
      return WriteOutcome.rejected(
          request.key(), "ACME_VALIDATION", "the ERP refused the customer", problems);
    }
    String number = account.accountNumber();
    ExternalId id = ExternalId.of(system, number);
    try {
      Optional<AcmeErp.Customer> old = erp.get(number);
      if (old.isPresent()
          && (expectedSeq < 0 || expectedSeq == old.get().changedSeq())
          && AccountMapping.sameMasterData(old.get(), account)) {
        return WriteOutcome.unchanged(request.key(), id, Long.toString(old.get().changedSeq()));
      }
      // The ERP compares the expected version itself, so a change between our read and this
      // write is refused too.
      AcmeErp.Customer saved =
          erp.save(
              number,
              account.name(),
              AccountMapping.kind(account.customerType()),
              account.paymentTerms(),
              account.currency(),
              expectedSeq,
              clock);
      String version = Long.toString(saved.changedSeq());
      return old.isPresent()
          ? WriteOutcome.updated(request.key(), id, version)
          : WriteOutcome.created(request.key(), id, version);
    } catch (AcmeErp.ApiException e) {
      if (e.failure() == null) {
        return new WriteOutcome(
            request.key(),
            WriteOutcome.Status.REJECTED,
            id,
            Long.toString(e.currentSeq()),
            "ACME_CONFLICT",
            e.getMessage() + "; re-read the customer and plan the write again",
            List.of(),
            null);
      }
      return WriteOutcome.retryable(
          request.key(),
          e.failure() == AcmeErp.Failure.BUSY ? "ACME_BUSY" : "ACME_DOWN",
          e.getMessage(),
          e.retryAfterSeconds() > 0 ? Duration.ofSeconds(e.retryAfterSeconds()) : null);
    }
  }

  private SyncException failure(AcmeErp.ApiException e, String operation) {
    ErrorContext context = ErrorContext.of(system, operation);
    if (e.failure() == AcmeErp.Failure.BUSY) {
      return new RateLimitException(
          e.getMessage(), Duration.ofSeconds(e.retryAfterSeconds()), context, true);
    }
    return new RemoteSystemException(e.getMessage(), 503, "ACME_DOWN", e, context, true);
  }

  private RemoteRecord<Account> record(AcmeErp.Customer c) {
    return new RemoteRecord<>(
        ExternalId.of(system, c.number()),
        AccountMapping.toCanonical(c),
        Long.toString(c.changedSeq()),
        c.modifiedAt());
  }

  private static long sequenceOf(Cursor cursor) {
    if (cursor.isBeginning()) {
      return 0;
    }
    String v = cursor.value();
    if (v.startsWith(CURSOR_PREFIX)) {
      try {
        return Long.parseLong(v.substring(CURSOR_PREFIX.length()));
      } catch (NumberFormatException e) {
        // fall through to the typed error below
      }
    }
    throw ValidationException.of(
        "Cursor", "value", v, "is not a cursor this connector issued (expected acme-seq:<n>)");
  }
}
