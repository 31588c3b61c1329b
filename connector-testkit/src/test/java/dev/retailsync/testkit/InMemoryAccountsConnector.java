package dev.retailsync.testkit;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kit's reference connector: customer accounts in memory, upsert by account number with a
 * version per record, a change feed over a sequence, compare-and-set on the expected version, and
 * scripted faults. With no {@link Defect} it passes every kit test; each defect breaks one promise
 * the kit checks.
 */
final class InMemoryAccountsConnector implements Connector {
  static final SystemId SYSTEM = SystemId.of("memory-erp");
  static final int MAX_NAME = 40;

  /** A promise of the SPI a deliberately broken variant does not keep. */
  enum Defect {
    /** Creates a new record for every write, even for a key it has seen. */
    DUPLICATES_ON_REPEATED_KEY,
    /** Returns no outcome for the last record of a batch of two or more. */
    DROPS_AN_OUTCOME,
    /** Reports HTTP 429 as a rejection instead of a retryable failure. */
    THROTTLING_AS_REJECTION
  }

  /** The remote: records by id, each with its version and the sequence of its latest change. */
  static final class Remote {
    private final Map<String, Stored> byId = new LinkedHashMap<>();
    private long sequence;
    private long ids;
    private Fault armed;

    synchronized void changeBehindTheConnectorsBack(String id) {
      Stored s = byId.get(id);
      Account changed = s.account.toBuilder().paymentTerms("NET60").build();
      byId.put(id, new Stored(id, changed, s.version + 1, ++sequence));
    }

    synchronized void failNext(Fault fault) {
      armed = fault;
    }

    synchronized int size() {
      return byId.size();
    }

    private synchronized Fault takeFault() {
      Fault f = armed;
      armed = null;
      return f;
    }
  }

  private record Stored(String id, Account account, long version, long sequence) {}

  private final Remote remote;
  private final Set<Defect> defects;

  InMemoryAccountsConnector(Remote remote, Set<Defect> defects) {
    this.remote = remote;
    this.defects = defects.isEmpty() ? Set.of() : EnumSet.copyOf(defects);
  }

  @Override
  public SystemId system() {
    return SYSTEM;
  }

  @Override
  public Set<EntityType<?>> entityTypes() {
    return Set.of(EntityType.ACCOUNT);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
    if (type != EntityType.ACCOUNT) {
      return Optional.empty();
    }
    RecordWriter<Account> writer = RecordWriter.of(100, this::upsert);
    return Optional.of((RecordWriter<T>) writer);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordReader<T>> reader(EntityType<T> type) {
    if (type != EntityType.ACCOUNT) {
      return Optional.empty();
    }
    RecordReader<Account> reader = RecordReader.of(100, this::read);
    return Optional.of((RecordReader<T>) reader);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<ChangeFeed<T>> changeFeed(EntityType<T> type) {
    if (type != EntityType.ACCOUNT) {
      return Optional.empty();
    }
    ChangeFeed<Account> feed = this::poll;
    return Optional.of((ChangeFeed<T>) feed);
  }

  private List<WriteOutcome> upsert(List<WriteRequest<Account>> batch) {
    Fault fault = remote.takeFault();
    if (fault == Fault.UNAVAILABLE) {
      throw new RemoteSystemException(
          "503 Service Unavailable", 503, null, null, ErrorContext.of(SYSTEM, "upsert"), true);
    }
    List<WriteOutcome> outcomes = new ArrayList<>();
    for (WriteRequest<Account> request : batch) {
      if (fault == Fault.THROTTLED) {
        outcomes.add(
            defects.contains(Defect.THROTTLING_AS_REJECTION)
                ? WriteOutcome.rejected(
                    request.key(), "429", "Too Many Requests", List.<FieldError>of())
                : WriteOutcome.retryable(
                    request.key(), "429", "Too Many Requests", Duration.ofSeconds(2)));
      } else {
        outcomes.add(write(request));
      }
    }
    if (defects.contains(Defect.DROPS_AN_OUTCOME) && outcomes.size() > 1) {
      outcomes.remove(outcomes.size() - 1);
    }
    return outcomes;
  }

  private WriteOutcome write(WriteRequest<Account> request) {
    Account a = request.entity();
    if (a.accountNumber() == null || a.name().length() > MAX_NAME) {
      return WriteOutcome.rejected(
          request.key(),
          "INVALID",
          "the remote refused the account",
          List.of(FieldError.redacted("name", "accountNumber is required; name at most 40")));
    }
    synchronized (remote) {
      String id =
          defects.contains(Defect.DUPLICATES_ON_REPEATED_KEY)
              ? "A" + (++remote.ids)
              : "A-" + a.accountNumber();
      Stored old = remote.byId.get(id);
      if (request.expectedVersion() != null
          && old != null
          && !Long.toString(old.version).equals(request.expectedVersion())) {
        return new WriteOutcome(
            request.key(),
            WriteOutcome.Status.REJECTED,
            ExternalId.of(SYSTEM, id),
            Long.toString(old.version),
            "CONFLICT",
            "the record changed since version " + request.expectedVersion(),
            List.of(),
            null);
      }
      if (old != null && old.account.equals(a)) {
        return WriteOutcome.unchanged(
            request.key(), ExternalId.of(SYSTEM, id), Long.toString(old.version));
      }
      long version = old == null ? 1 : old.version + 1;
      remote.byId.put(id, new Stored(id, a, version, ++remote.sequence));
      ExternalId eid = ExternalId.of(SYSTEM, id);
      return old == null
          ? WriteOutcome.created(request.key(), eid, Long.toString(version))
          : WriteOutcome.updated(request.key(), eid, Long.toString(version));
    }
  }

  private List<RemoteRecord<Account>> read(List<String> ids) {
    List<RemoteRecord<Account>> found = new ArrayList<>();
    synchronized (remote) {
      for (String id : ids) {
        Stored s = remote.byId.get(id);
        if (s != null) {
          found.add(
              new RemoteRecord<>(
                  ExternalId.of(SYSTEM, id), s.account, Long.toString(s.version), null));
        }
      }
    }
    return found;
  }

  private ChangePage<Account> poll(Cursor cursor, int max) {
    long after = cursor.isBeginning() ? 0 : Long.parseLong(cursor.value());
    List<Stored> changed;
    synchronized (remote) {
      changed =
          remote.byId.values().stream()
              .filter(s -> s.sequence > after)
              .sorted((x, y) -> Long.compare(x.sequence, y.sequence))
              .toList();
    }
    List<Change<Account>> changes = new ArrayList<>();
    long last = after;
    for (Stored s : changed.subList(0, Math.min(max, changed.size()))) {
      changes.add(
          Change.builder(EntityType.ACCOUNT)
              .type(s.version == 1 ? ChangeType.CREATED : ChangeType.UPDATED)
              .source(ExternalId.of(SYSTEM, s.id))
              .entity(s.account)
              .sourceVersion(Long.toString(s.version))
              .correlationId(CorrelationId.of("memory-" + s.sequence))
              .build());
      last = s.sequence;
    }
    return new ChangePage<>(changes, Cursor.of(Long.toString(last)), changed.size() > max);
  }
}
