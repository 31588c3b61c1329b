package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.idempotency.IdempotentExecutor;
import dev.retailsync.core.state.IdempotencyStore;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import dev.retailsync.erp.VersionToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tryton customers as canonical accounts: the reader, the writer and the change feed. */
final class TrytonParties {
  private static final Logger LOG = LoggerFactory.getLogger(TrytonParties.class);
  private static final String PARTY = "party.party";
  private static final String ADDRESS = "party.address";
  private static final String CONTACT = "party.contact_mechanism";

  /** Parties, addresses and contact mechanisms can be archived; they still count. */
  private static final Map<String, Object> ALL = Map.of("active_test", false);

  private static final int STRIPES = 64;

  private final SystemId system;
  private final TrytonRpc rpc;
  private final TrytonAccountMapping mapping;
  private final IdempotentExecutor idempotency;
  private final Clock clock;
  private final Duration overlap;
  private final int maxBatch;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final Map<String, Long> countries = new ConcurrentHashMap<>();
  private final Map<String, Long> subdivisions = new ConcurrentHashMap<>();
  private volatile String currency;

  TrytonParties(
      SystemId system,
      TrytonRpc rpc,
      TrytonAccountMapping mapping,
      IdempotencyStore store,
      Clock clock,
      Duration overlap,
      int maxBatch) {
    this.system = system;
    this.rpc = rpc;
    this.mapping = mapping;
    this.idempotency = new IdempotentExecutor(store, Duration.ofMinutes(5), Duration.ofDays(7));
    this.clock = clock;
    this.overlap = overlap;
    this.maxBatch = maxBatch;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  RecordReader<Account> reader() {
    return RecordReader.of(maxBatch, this::read);
  }

  RecordWriter<Account> writer() {
    return RecordWriter.of(maxBatch, this::upsert);
  }

  ChangeFeed<Account> feed() {
    return (cursor, max) ->
        poll(
            cursor,
            max,
            EntityType.ACCOUNT,
            mapping.readFields(),
            row -> mapping.toCanonical(row, currency()));
  }

  /**
   * A feed of parties as another canonical type: the same scan of parties, addresses and contact
   * mechanisms, each changed party read with the given fields and mapped.
   */
  <E extends dev.retailsync.api.CanonicalEntity> ChangeFeed<E> feed(
      EntityType<E> type, List<String> fields, java.util.function.Function<JsonNode, E> map) {
    return (cursor, max) -> poll(cursor, max, type, fields, map);
  }

  // ---------------------------------------------------------------- reading

  private List<RemoteRecord<Account>> read(List<String> ids) {
    List<Long> numeric = new ArrayList<>();
    for (String id : ids) {
      Long n = parseId(id);
      if (n != null) {
        numeric.add(n);
      }
    }
    if (numeric.isEmpty()) {
      return List.of();
    }
    ErrorContext ctx = ErrorContext.of(system, "read account");
    Map<Long, JsonNode> rows = call(ctx, () -> readParties(numeric));
    List<RemoteRecord<Account>> out = new ArrayList<>();
    for (JsonNode row : rows.values()) {
      out.add(toRemote(row, ctx));
    }
    return out;
  }

  private RemoteRecord<Account> toRemote(JsonNode row, ErrorContext ctx) {
    Account account;
    try {
      account = mapping.toCanonical(row, currency());
    } catch (ValidationException e) {
      throw new dev.retailsync.api.MappingException(
          "party.party," + row.path("id").asText(), e.getMessage(), e);
    }
    return new RemoteRecord<>(
        ExternalId.of(system, row.path("id").asText()),
        account,
        version(row).toString(),
        lastModified(row));
  }

  private Map<Long, JsonNode> readParties(List<Long> ids) {
    return readParties(ids, mapping.readFields());
  }

  Map<Long, JsonNode> readParties(List<Long> ids, List<String> fields) {
    JsonNode rows =
        rpc.model(
            PARTY,
            "search_read",
            java.util.Arrays.asList(List.of(List.of("id", "in", ids)), 0, null, null, fields),
            ALL);
    Map<Long, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode row : rows) {
      out.put(row.path("id").asLong(), row);
    }
    return out;
  }

  /** The version of a party with its addresses and contact mechanisms: each one's _timestamp. */
  static VersionToken version(JsonNode row) {
    StringBuilder v = new StringBuilder();
    v.append('p')
        .append(row.path("id").asLong())
        .append(':')
        .append(row.path("_timestamp").asText());
    appendChildren(v, 'a', row.path("addresses."));
    appendChildren(v, 'c', row.path("contact_mechanisms."));
    return VersionToken.etag(v.toString());
  }

  private static void appendChildren(StringBuilder v, char tag, JsonNode children) {
    List<JsonNode> sorted = new ArrayList<>();
    children.forEach(sorted::add);
    sorted.sort(Comparator.comparingLong(n -> n.path("id").asLong()));
    for (JsonNode c : sorted) {
      v.append(',').append(tag).append(c.path("id").asLong()).append(':');
      v.append(c.path("_timestamp").asText());
    }
  }

  /** The {@code _timestamp} context that makes Tryton refuse a write over a newer version. */
  static Map<String, String> timestampContext(VersionToken version) {
    Map<String, String> ts = new LinkedHashMap<>();
    for (String part : version.value().split(",")) {
      int colon = part.indexOf(':');
      if (part.length() < 2 || colon < 0) {
        throw new IllegalArgumentException("not a Tryton party version: " + version);
      }
      String model =
          switch (part.charAt(0)) {
            case 'p' -> PARTY;
            case 'a' -> ADDRESS;
            case 'c' -> CONTACT;
            default -> throw new IllegalArgumentException("not a Tryton party version: " + version);
          };
      ts.put(model + "," + part.substring(1, colon), part.substring(colon + 1));
    }
    return ts;
  }

  private static Instant lastModified(JsonNode row) {
    Instant w = TrytonCodec.datetime(row.path("write_date"));
    return w != null ? w : TrytonCodec.datetime(row.path("create_date"));
  }

  private String currency() {
    String c = currency;
    if (c == null) {
      JsonNode ctx = rpc.context();
      JsonNode company =
          rpc.model(
              "company.company",
              "read",
              List.of(List.of(ctx.path("company").asLong()), List.of("currency.code")));
      c = company.path(0).path("currency.").path("code").asText(null);
      currency = c;
    }
    return c;
  }

  // ---------------------------------------------------------------- writing

  private List<WriteOutcome> upsert(List<WriteRequest<Account>> batch) {
    if (batch.size() > maxBatch) {
      throw new ValidationException(
          "Tryton account writer",
          List.of(
              FieldError.of("batch", batch.size(), "holds more than " + maxBatch + " requests")));
    }
    WriteOutcome[] out = new WriteOutcome[batch.size()];
    List<Integer> plain = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest<Account> r = batch.get(i);
      if (r.idempotencyKey() != null) {
        out[i] = withIdempotency(r);
      } else {
        plain.add(i);
      }
    }
    List<WriteRequest<Account>> rest = new ArrayList<>();
    for (int i : plain) {
      rest.add(batch.get(i));
    }
    List<WriteOutcome> written = writeLocked(rest);
    for (int j = 0; j < plain.size(); j++) {
      out[plain.get(j)] = written.get(j);
    }
    return List.of(out);
  }

  /** Writes one keyed request at most once per idempotency key; a repeat replays the outcome. */
  private WriteOutcome withIdempotency(WriteRequest<Account> r) {
    return idempotency.writeOnce(
        r, system, ErrorContext.of(system, "upsert account"), () -> writeLocked(List.of(r)).get(0));
  }

  /** Serialises writes of the same keys in this process, so search-then-create cannot race. */
  private List<WriteOutcome> writeLocked(List<WriteRequest<Account>> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    TreeSet<Integer> stripes = new TreeSet<>();
    for (WriteRequest<Account> r : batch) {
      stripes.add(Math.floorMod(r.key().hashCode(), STRIPES));
    }
    List<ReentrantLock> held = new ArrayList<>();
    try {
      for (int s : stripes) {
        locks[s].lock();
        held.add(locks[s]);
      }
      return write(batch);
    } finally {
      for (ReentrantLock l : held) {
        l.unlock();
      }
    }
  }

  private List<WriteOutcome> write(List<WriteRequest<Account>> batch) {
    ErrorContext ctx = ErrorContext.of(system, "upsert account");
    int n = batch.size();
    WriteOutcome[] out = new WriteOutcome[n];
    TrytonAccountMapping.PartyDraft[] drafts = new TrytonAccountMapping.PartyDraft[n];
    for (int i = 0; i < n; i++) {
      WriteRequest<Account> r = batch.get(i);
      try {
        drafts[i] = mapping.toDraft(r.entity(), r.fields());
      } catch (ValidationException e) {
        out[i] = WriteOutcome.rejected(r.key(), "MAPPING", e.getMessage(), e.errors());
      }
    }
    try {
      resolveReferences(batch, drafts, out);
      Long[] targets = resolveTargets(batch, out);
      List<Long> existingIds = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (out[i] == null && targets[i] != null) {
          existingIds.add(targets[i]);
        }
      }
      Map<Long, JsonNode> existing = existingIds.isEmpty() ? Map.of() : readParties(existingIds);
      List<Integer> creates = new ArrayList<>();
      Map<Integer, Long> written = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        if (out[i] != null) {
          continue;
        }
        if (targets[i] == null) {
          creates.add(i);
          continue;
        }
        JsonNode row = existing.get(targets[i]);
        if (row == null) {
          out[i] =
              WriteOutcome.rejected(
                  batch.get(i).key(),
                  "NOT_FOUND",
                  "Tryton party " + targets[i] + " no longer exists; clear the target to recreate",
                  List.of());
          continue;
        }
        out[i] = update(batch.get(i), drafts[i], row, ctx);
        if (out[i] == null) {
          written.put(i, targets[i]);
        }
      }
      create(batch, drafts, creates, out, written);
      finish(batch, out, written, ctx);
    } catch (TrytonCallException e) {
      // The batch as a whole failed before each record's fate was known.
      for (int i = 0; i < n; i++) {
        if (out[i] == null) {
          out[i] = outcome(batch.get(i).key(), e);
        }
      }
    }
    return List.of(out);
  }

  /** Looks up country and subdivision ids the drafts name; unknown codes reject the record. */
  private void resolveReferences(
      List<WriteRequest<Account>> batch,
      TrytonAccountMapping.PartyDraft[] drafts,
      WriteOutcome[] out) {
    Set<String> wanted = new LinkedHashSet<>();
    Set<String> regions = new LinkedHashSet<>();
    for (TrytonAccountMapping.PartyDraft d : drafts) {
      if (d == null) {
        continue;
      }
      for (PostalAddress a : new PostalAddress[] {d.billing(), d.shipping()}) {
        if (a != null && a.country() != null && !countries.containsKey(a.country())) {
          wanted.add(a.country());
        }
        if (a != null && a.region() != null && a.country() != null) {
          String code = a.country() + "-" + a.region();
          if (!subdivisions.containsKey(code)) {
            regions.add(code);
          }
        }
      }
    }
    if (!wanted.isEmpty()) {
      for (JsonNode c :
          rpc.model(
              "country.country",
              "search_read",
              java.util.Arrays.asList(
                  List.of(List.of("code", "in", List.copyOf(wanted))),
                  0,
                  null,
                  null,
                  List.of("code")))) {
        countries.put(c.path("code").asText(), c.path("id").asLong());
      }
    }
    if (!regions.isEmpty()) {
      for (JsonNode c :
          rpc.model(
              "country.subdivision",
              "search_read",
              java.util.Arrays.asList(
                  List.of(List.of("code", "in", List.copyOf(regions))),
                  0,
                  null,
                  null,
                  List.of("code")))) {
        subdivisions.put(c.path("code").asText(), c.path("id").asLong());
      }
    }
    for (int i = 0; i < drafts.length; i++) {
      TrytonAccountMapping.PartyDraft d = drafts[i];
      if (d == null) {
        continue;
      }
      List<FieldError> errors = new ArrayList<>();
      check(d.billing(), "billing.address", errors);
      check(d.shipping(), "shipping.address", errors);
      if (!errors.isEmpty()) {
        out[i] =
            WriteOutcome.rejected(
                batch.get(i).key(),
                "MAPPING",
                "Tryton has no such country or subdivision: " + errors,
                errors);
        drafts[i] = null;
      }
    }
  }

  private void check(PostalAddress a, String path, List<FieldError> errors) {
    if (a == null) {
      return;
    }
    if (a.country() != null && !countries.containsKey(a.country())) {
      errors.add(
          FieldError.of(
              path + ".country",
              a.country(),
              "is not a country in Tryton; create it (or run trytond_import_countries)"));
    }
    if (a.region() != null) {
      if (a.country() == null) {
        errors.add(
            FieldError.of(
                path + ".region", a.region(), "needs a country to find Tryton's subdivision"));
      } else if (!subdivisions.containsKey(a.country() + "-" + a.region())) {
        errors.add(
            FieldError.of(
                path + ".region",
                a.region(),
                "is not a subdivision "
                    + a.country()
                    + "-"
                    + a.region()
                    + " in Tryton; create it (or run trytond_import_countries)"));
      }
    }
  }

  /** Finds each request's party: its target, or the party carrying its key as an identifier. */
  private Long[] resolveTargets(List<WriteRequest<Account>> batch, WriteOutcome[] out) {
    Long[] targets = new Long[batch.size()];
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest<Account> r = batch.get(i);
      if (out[i] != null) {
        continue;
      }
      if (r.target() != null) {
        targets[i] = parseId(r.target().id());
        if (targets[i] == null) {
          out[i] =
              WriteOutcome.rejected(
                  r.key(),
                  "MAPPING",
                  "target " + r.target().id() + " is not a Tryton party id (a whole number)",
                  List.of(FieldError.of("target", r.target().id(), "must be a whole number")));
        }
      } else {
        keys.add(r.key());
      }
    }
    if (keys.isEmpty()) {
      return targets;
    }
    Map<String, List<Long>> byKey = findByKeys(keys);
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest<Account> r = batch.get(i);
      if (out[i] != null || r.target() != null) {
        continue;
      }
      List<Long> found = byKey.getOrDefault(r.key(), List.of());
      if (found.size() > 1) {
        out[i] =
            WriteOutcome.rejected(
                r.key(),
                "DUPLICATE_KEY",
                "Tryton parties "
                    + found
                    + " all carry the identifier "
                    + r.key()
                    + "; merge them in Tryton, then retry",
                List.of());
      } else if (found.size() == 1) {
        targets[i] = found.get(0);
      }
    }
    return targets;
  }

  Map<String, List<Long>> findByKeys(List<String> keys) {
    JsonNode rows =
        rpc.model(
            PARTY,
            "search_read",
            java.util.Arrays.asList(
                List.of(List.of("identifiers.code", "in", keys)),
                0,
                null,
                List.of(List.of("id", "ASC")),
                List.of("identifiers.code")),
            ALL);
    Set<String> wanted = new java.util.HashSet<>(keys);
    Map<String, List<Long>> byKey = new HashMap<>();
    for (JsonNode row : rows) {
      for (JsonNode ident : row.path("identifiers.")) {
        String code = ident.path("code").asText();
        if (wanted.contains(code)) {
          List<Long> ids = byKey.computeIfAbsent(code, k -> new ArrayList<>());
          if (!ids.contains(row.path("id").asLong())) {
            ids.add(row.path("id").asLong());
          }
        }
      }
    }
    return byKey;
  }

  /**
   * Updates an existing party; returns {@code null} when written (the version is read after) or the
   * outcome when nothing was written or it failed.
   */
  private WriteOutcome update(
      WriteRequest<Account> r, TrytonAccountMapping.PartyDraft d, JsonNode row, ErrorContext ctx) {
    VersionToken current = version(row);
    ExternalId id = ExternalId.of(system, row.path("id").asText());
    VersionToken expected = VersionToken.parse(r.expectedVersion());
    if (expected != null && !expected.matches(current)) {
      return ErpError.of(
              ErpErrorKind.CONFLICT,
              0,
              "ConcurrencyException",
              "Tryton party "
                  + id.id()
                  + " changed since version "
                  + expected
                  + "; re-read it and plan the write again")
          .withCurrentVersion(current)
          .toOutcome(r.key());
    }
    Map<String, Object> values = changes(d, row);
    if (values.isEmpty()) {
      return WriteOutcome.unchanged(r.key(), id, current.toString());
    }
    Map<String, Object> context =
        expected == null ? Map.of() : Map.of("_timestamp", timestampContext(expected));
    try {
      rpc.model(PARTY, "write", List.of(List.of(row.path("id").asLong()), values), context);
      return null;
    } catch (TrytonCallException e) {
      if (e.error().kind() == ErpErrorKind.CONFLICT) {
        VersionToken now = currentVersion(row.path("id").asLong());
        return e.error().withCurrentVersion(now).toOutcome(r.key());
      }
      return outcome(r.key(), e);
    }
  }

  private VersionToken currentVersion(long id) {
    try {
      JsonNode row = readParties(List.of(id)).get(id);
      return row == null ? null : version(row);
    } catch (TrytonCallException e) {
      return null;
    }
  }

  /** The party's values that differ from the draft, as Tryton's write expects them. */
  private Map<String, Object> changes(TrytonAccountMapping.PartyDraft d, JsonNode row) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (d.name() != null && !d.name().equals(TrytonCodec.text(row.path("name")))) {
      values.put("name", d.name());
    }
    if (d.code() != null && !d.code().equals(TrytonCodec.text(row.path("code")))) {
      values.put("code", d.code());
    }
    if (d.active() != null && d.active() != TrytonCodec.bool(row.path("active"))) {
      values.put("active", d.active());
    }
    for (Map.Entry<String, String> e : d.extensions().entrySet()) {
      if (!Objects.equals(e.getValue(), TrytonCodec.text(row.path(e.getKey())))) {
        values.put(e.getKey(), e.getValue());
      }
    }
    List<Object> addressOps = new ArrayList<>();
    JsonNode billing = TrytonAccountMapping.billingAddress(row);
    JsonNode delivery = TrytonAccountMapping.flagged(row, "delivery");
    boolean sameAddress = d.billing() != null && d.billing().equals(d.shipping());
    if (d.billing() != null) {
      if (billing == null) {
        Map<String, Object> a = addressValues(d.billing());
        a.put("invoice", true);
        if (sameAddress) {
          a.put("delivery", true);
        }
        addressOps.add(List.of("create", List.of(a)));
      } else {
        Map<String, Object> a = new LinkedHashMap<>();
        if (!d.billing().equals(TrytonAccountMapping.address(billing))) {
          a.putAll(addressValues(d.billing()));
        }
        if (!TrytonCodec.bool(billing.path("invoice"))) {
          a.put("invoice", true);
        }
        if (sameAddress && !TrytonCodec.bool(billing.path("delivery"))) {
          a.put("delivery", true);
        }
        if (!a.isEmpty()) {
          addressOps.add(List.of("write", List.of(billing.path("id").asLong()), a));
        }
      }
    }
    if (d.shipping() != null && !sameAddress) {
      boolean shared =
          delivery != null && billing != null && delivery.path("id").equals(billing.path("id"));
      if (delivery == null || (shared && d.billing() != null)) {
        Map<String, Object> a = addressValues(d.shipping());
        a.put("delivery", true);
        addressOps.add(List.of("create", List.of(a)));
        if (shared) {
          addressOps.add(
              List.of("write", List.of(delivery.path("id").asLong()), Map.of("delivery", false)));
        }
      } else if (!d.shipping().equals(TrytonAccountMapping.address(delivery))) {
        addressOps.add(
            List.of("write", List.of(delivery.path("id").asLong()), addressValues(d.shipping())));
      }
    }
    if (!addressOps.isEmpty()) {
      values.put("addresses", addressOps);
    }
    if (d.email() != null) {
      JsonNode email = TrytonAccountMapping.firstEmail(row);
      if (email == null) {
        values.put(
            "contact_mechanisms",
            List.of(List.of("create", List.of(Map.of("type", "email", "value", d.email())))));
      } else if (!d.email().equals(TrytonCodec.text(email.path("value")))) {
        values.put(
            "contact_mechanisms",
            List.of(
                List.of("write", List.of(email.path("id").asLong()), Map.of("value", d.email()))));
      }
    }
    return values;
  }

  private Map<String, Object> addressValues(PostalAddress a) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("street", a.lines().isEmpty() ? null : String.join("\n", a.lines()));
    v.put("city", a.locality());
    v.put("postal_code", a.postalCode());
    v.put("country", a.country() == null ? null : countries.get(a.country()));
    v.put(
        "subdivision",
        a.region() == null || a.country() == null
            ? null
            : subdivisions.get(a.country() + "-" + a.region()));
    return v;
  }

  private Map<String, Object> createValues(String key, TrytonAccountMapping.PartyDraft d) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", d.name());
    if (d.code() != null) {
      v.put("code", d.code());
    }
    if (d.active() != null) {
      v.put("active", d.active());
    }
    v.putAll(d.extensions());
    v.put("identifiers", List.of(List.of("create", List.of(Map.of("code", key)))));
    List<Object> addresses = new ArrayList<>();
    boolean same = d.billing() != null && d.billing().equals(d.shipping());
    if (d.billing() != null) {
      Map<String, Object> a = addressValues(d.billing());
      a.put("invoice", true);
      a.put("delivery", same);
      addresses.add(a);
    }
    if (d.shipping() != null && !same) {
      Map<String, Object> a = addressValues(d.shipping());
      a.put("delivery", true);
      addresses.add(a);
    }
    if (!addresses.isEmpty()) {
      v.put("addresses", List.of(List.of("create", addresses)));
    }
    if (d.email() != null) {
      v.put(
          "contact_mechanisms",
          List.of(List.of("create", List.of(Map.of("type", "email", "value", d.email())))));
    }
    return v;
  }

  /**
   * Creates the new parties in one call; when Tryton refuses that call (its create is all or
   * nothing), creates them one by one so that only the bad record is rejected.
   */
  private void create(
      List<WriteRequest<Account>> batch,
      TrytonAccountMapping.PartyDraft[] drafts,
      List<Integer> creates,
      WriteOutcome[] out,
      Map<Integer, Long> written) {
    if (creates.isEmpty()) {
      return;
    }
    List<Object> vlist = new ArrayList<>();
    for (int i : creates) {
      vlist.add(createValues(batch.get(i).key(), drafts[i]));
    }
    try {
      JsonNode ids = rpc.model(PARTY, "create", List.of(vlist));
      for (int j = 0; j < creates.size(); j++) {
        written.put(creates.get(j), -ids.get(j).asLong());
      }
      return;
    } catch (TrytonCallException e) {
      if (e.uncertain() || e.error().retryable() || creates.size() == 1) {
        for (int i : creates) {
          out[i] = createFailed(batch.get(i), drafts[i], e, written, i);
        }
        return;
      }
    }
    for (int i : creates) {
      try {
        JsonNode ids =
            rpc.model(
                PARTY, "create", List.of(List.of(createValues(batch.get(i).key(), drafts[i]))));
        written.put(i, -ids.get(0).asLong());
      } catch (TrytonCallException e) {
        out[i] = createFailed(batch.get(i), drafts[i], e, written, i);
      }
    }
  }

  /**
   * The outcome of a failed create. A refused unique party code may mean another writer created
   * this key's party in the meantime: then the party is found by its key and updated.
   */
  private WriteOutcome createFailed(
      WriteRequest<Account> r,
      TrytonAccountMapping.PartyDraft d,
      TrytonCallException e,
      Map<Integer, Long> written,
      int index) {
    if (e.error().kind() == ErpErrorKind.VALIDATION
        && e.error().message().contains("must be unique")) {
      List<Long> found = findByKeys(List.of(r.key())).getOrDefault(r.key(), List.of());
      if (found.size() == 1) {
        JsonNode row = readParties(found).get(found.get(0));
        if (row != null) {
          WriteOutcome o = update(r, d, row, ErrorContext.of(system, "upsert account"));
          if (o == null) {
            written.put(index, found.get(0));
          }
          return o;
        }
      }
    }
    return outcome(r.key(), e);
  }

  /** Reads the new versions of what was written and completes the outcomes. */
  private void finish(
      List<WriteRequest<Account>> batch,
      WriteOutcome[] out,
      Map<Integer, Long> written,
      ErrorContext ctx) {
    if (written.isEmpty()) {
      return;
    }
    List<Long> ids = new ArrayList<>();
    for (long id : written.values()) {
      ids.add(Math.abs(id));
    }
    Map<Long, JsonNode> rows;
    try {
      rows = readVersions(ids);
    } catch (TrytonCallException e) {
      rows = Map.of();
    }
    for (Map.Entry<Integer, Long> e : written.entrySet()) {
      int i = e.getKey();
      if (out[i] != null) {
        continue;
      }
      long id = Math.abs(e.getValue());
      JsonNode row = rows.get(id);
      String version = row == null ? null : version(row).toString();
      ExternalId ext = ExternalId.of(system, Long.toString(id));
      // Negative ids mark parties created by this call.
      out[i] =
          e.getValue() < 0
              ? WriteOutcome.created(batch.get(i).key(), ext, version)
              : WriteOutcome.updated(batch.get(i).key(), ext, version);
    }
  }

  private Map<Long, JsonNode> readVersions(List<Long> ids) {
    JsonNode rows =
        rpc.model(
            PARTY,
            "search_read",
            java.util.Arrays.asList(
                List.of(List.of("id", "in", ids)),
                0,
                null,
                null,
                List.of("_timestamp", "addresses._timestamp", "contact_mechanisms._timestamp")),
            ALL);
    Map<Long, JsonNode> out = new HashMap<>();
    for (JsonNode row : rows) {
      out.put(row.path("id").asLong(), row);
    }
    return out;
  }

  private static WriteOutcome outcome(String key, TrytonCallException e) {
    ErpError error = e.error();
    if (e.uncertain() && !error.retryable()) {
      error = error.withRetryable(true);
    }
    return error.toOutcome(key);
  }

  // ---------------------------------------------------------------- change feed

  private <E extends dev.retailsync.api.CanonicalEntity> ChangePage<E> poll(
      Cursor cursor,
      int maxChanges,
      EntityType<E> type,
      List<String> fields,
      java.util.function.Function<JsonNode, E> map) {
    if (maxChanges < 1) {
      throw new IllegalArgumentException("maxChanges must be 1 or more, was " + maxChanges);
    }
    ErrorContext ctx = ErrorContext.of(system, "poll " + type.name());
    FeedCursor from = FeedCursor.parse(cursor, "Tryton " + type.name() + " feed");
    Instant since = from.isStart() ? Instant.EPOCH : from.highWater().minus(overlap);
    int limit = maxChanges + from.seen().size();
    List<FeedItem> items = new ArrayList<>();
    Instant cut = null;
    for (String[] source :
        new String[][] {{PARTY, "p", "id"}, {ADDRESS, "a", "party"}, {CONTACT, "c", "party"}}) {
      for (boolean created : new boolean[] {false, true}) {
        List<FeedItem> page =
            call(ctx, () -> fetch(source[0], source[1], source[2], created, since, limit));
        items.addAll(page);
        if (page.size() >= limit) {
          Instant last = page.get(page.size() - 1).stamp();
          cut = cut == null || last.isBefore(cut) ? last : cut;
        }
      }
    }
    boolean hasMore = cut != null;
    items.sort(
        Comparator.comparing(FeedItem::stamp)
            .thenComparing(FeedItem::tag)
            .thenComparingLong(FeedItem::id));
    Set<Long> partyIds = new LinkedHashSet<>();
    List<FeedItem> taken = new ArrayList<>();
    for (FeedItem item : items) {
      if (cut != null && item.stamp().isAfter(cut)) {
        break;
      }
      if (from.seen().contains(item.seenKey())) {
        continue;
      }
      if (!partyIds.contains(item.party()) && partyIds.size() >= maxChanges) {
        hasMore = true;
        break;
      }
      partyIds.add(item.party());
      taken.add(item);
    }
    Instant high = from.highWater();
    for (FeedItem item : taken) {
      if (high == null || item.stamp().isAfter(high)) {
        high = item.stamp();
      }
    }
    // Each delivered party is read in full now, so its other pending items (an address created
    // after the party, an e-mail edited later) are delivered with it; they are marked seen but do
    // not move the high-water mark, which only follows the items taken in stamp order.
    List<FeedItem> delivered = new ArrayList<>(taken);
    for (FeedItem item : items) {
      if (partyIds.contains(item.party()) && !from.seen().contains(item.seenKey())) {
        delivered.add(item);
      }
    }
    Set<String> seen = new TreeSet<>();
    if (high != null) {
      Instant keepFrom = high.minus(overlap);
      for (String s : from.seen()) {
        if (!FeedCursor.stampOf(s).isBefore(keepFrom)) {
          seen.add(s);
        }
      }
      for (FeedItem item : delivered) {
        if (!item.stamp().isBefore(keepFrom)) {
          seen.add(item.seenKey());
        }
      }
    }
    List<Change<E>> changes = new ArrayList<>();
    List<FeedRejection> rejected = new ArrayList<>();
    if (!partyIds.isEmpty()) {
      Map<Long, JsonNode> rows = call(ctx, () -> readParties(List.copyOf(partyIds), fields));
      for (long id : partyIds) {
        JsonNode row = rows.get(id);
        if (row == null) {
          continue; // deleted since it changed; Tryton reports no deletions
        }
        E entity;
        try {
          entity = map.apply(row);
        } catch (ValidationException | MappingException e) {
          // Not left out: the page carries it and the engine keeps it as a dead letter.
          FeedRejection r =
              FeedRejection.of(ExternalId.of(system, Long.toString(id)), e)
                  .withSourceVersion(lastModified(row), version(row).toString());
          rejected.add(r);
          LOG.info("Tryton party {} rejected by the {} feed: {}", id, type.name(), r.paths());
          continue;
        }
        boolean neverWritten = row.path("write_date").isNull();
        changes.add(
            Change.builder(type)
                .type(neverWritten ? ChangeType.CREATED : ChangeType.UPDATED)
                .source(ExternalId.of(system, Long.toString(id)))
                .entity(entity)
                .sourceTimestamp(lastModified(row))
                .sourceVersion(version(row).toString())
                .build());
      }
    }
    return new ChangePage<>(changes, rejected, FeedCursor.of(high, seen).toCursor(), hasMore);
  }

  private List<FeedItem> fetch(
      String model, String tag, String partyField, boolean created, Instant since, int limit) {
    List<Object> domain =
        created
            ? List.of(
                java.util.Arrays.asList("write_date", "=", null),
                List.of("create_date", ">=", since))
            : List.of(List.of("write_date", ">=", since));
    String stampField = created ? "create_date" : "write_date";
    List<String> fields = new ArrayList<>(List.of(stampField));
    if (!partyField.equals("id")) {
      fields.add(partyField);
    }
    JsonNode rows =
        rpc.model(
            model,
            "search_read",
            java.util.Arrays.asList(
                domain,
                0,
                limit,
                List.of(List.of(stampField, "ASC"), List.of("id", "ASC")),
                fields),
            ALL);
    List<FeedItem> out = new ArrayList<>();
    for (JsonNode row : rows) {
      long id = row.path("id").asLong();
      long party = partyField.equals("id") ? id : row.path(partyField).asLong();
      Instant stamp = TrytonCodec.datetime(row.path(stampField));
      if (stamp != null && party > 0) {
        out.add(new FeedItem(tag, id, party, stamp));
      }
    }
    return out;
  }

  private record FeedItem(String tag, long id, long party, Instant stamp) {
    String seenKey() {
      return tag + id + "@" + FeedCursor.micros(stamp);
    }
  }

  // ---------------------------------------------------------------- helpers

  private <R> R call(ErrorContext ctx, java.util.function.Supplier<R> call) {
    try {
      return call.get();
    } catch (TrytonCallException e) {
      ErpError error = e.error();
      if (e.uncertain()) {
        error = error.withRetryable(true);
      }
      throw error.toException(ctx);
    }
  }

  static Long parseId(String id) {
    if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
      return null;
    }
    return Long.parseLong(id);
  }

  Clock clock() {
    return clock;
  }
}
