package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.spi.ChangeFeed;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Canonical parties (people and organisations, such as web customers from a shop) as Tryton {@code
 * party.party} records with their addresses and contact mechanisms: a reader, a writer and a change
 * feed (the account feed's scan of parties, addresses and contact mechanisms).
 *
 * <p>Finding the party to write, in this order: the request's target id; the party that carries the
 * request's key as a {@code party.identifier} code (every party this writer creates gets one); the
 * one active party with one of the record's e-mails (which then gets the key as an identifier, so a
 * web customer who already bought through an order finds the party made for it); otherwise a new
 * party. Several parties with the key or with the e-mail reject the record, naming them. A request
 * with an idempotency key stores its outcome, and a repeat returns it without calling Tryton.
 */
final class TrytonPartyRecords {
  private static final String PARTY = "party.party";
  private static final Map<String, Object> ALL = Map.of("active_test", false);

  private final SystemId system;
  private final TrytonRpc rpc;
  private final TrytonParties parties;
  private final IdempotentExecutor idempotency;
  private final PartyKind kind;
  private final int maxBatch;
  private final ReentrantLock[] locks = new ReentrantLock[32];
  private final Map<String, Long> countries = new ConcurrentHashMap<>();
  private final Map<String, Long> subdivisions = new ConcurrentHashMap<>();

  TrytonPartyRecords(
      SystemId system,
      TrytonRpc rpc,
      TrytonParties parties,
      IdempotencyStore store,
      PartyKind kind,
      int maxBatch) {
    this.system = system;
    this.rpc = rpc;
    this.parties = parties;
    this.idempotency = new IdempotentExecutor(store, Duration.ofMinutes(5), Duration.ofDays(7));
    this.kind = kind;
    this.maxBatch = maxBatch;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  ChangeFeed<Party> feed() {
    return parties.feed(
        EntityType.PARTY,
        TrytonPartyMapping.FIELDS,
        row -> TrytonPartyMapping.toCanonical(row, kind));
  }

  RecordReader<Party> reader() {
    return RecordReader.of(
        maxBatch,
        ids -> {
          List<Long> numeric = new ArrayList<>();
          for (String id : ids) {
            Long n = TrytonParties.parseId(id);
            if (n != null) {
              numeric.add(n);
            }
          }
          if (numeric.isEmpty()) {
            return List.of();
          }
          ErrorContext ctx = ErrorContext.of(system, "read party");
          Map<Long, JsonNode> rows =
              call(ctx, () -> parties.readParties(numeric, TrytonPartyMapping.FIELDS));
          List<RemoteRecord<Party>> out = new ArrayList<>();
          for (JsonNode row : rows.values()) {
            Party p;
            try {
              p = TrytonPartyMapping.toCanonical(row, kind);
            } catch (ValidationException e) {
              throw new dev.retailsync.api.MappingException(
                  "party.party," + row.path("id").asText(), e.getMessage(), e);
            }
            out.add(
                new RemoteRecord<>(
                    ExternalId.of(system, row.path("id").asText()),
                    p,
                    TrytonParties.version(row).toString(),
                    lastModified(row)));
          }
          return out;
        });
  }

  RecordWriter<Party> writer() {
    return RecordWriter.of(
        maxBatch,
        batch -> {
          if (batch.size() > maxBatch) {
            throw new ValidationException(
                "Tryton party writer",
                List.of(
                    FieldError.of(
                        "batch", batch.size(), "holds more than " + maxBatch + " requests")));
          }
          List<WriteOutcome> out = new ArrayList<>();
          for (WriteRequest<Party> r : batch) {
            out.add(withIdempotency(r));
          }
          return out;
        });
  }

  /** Writes one keyed request at most once per idempotency key; a repeat replays the outcome. */
  private WriteOutcome withIdempotency(WriteRequest<Party> r) {
    return idempotency.writeOnce(
        r, system, ErrorContext.of(system, "upsert party"), () -> writeLocked(r));
  }

  private WriteOutcome writeLocked(WriteRequest<Party> r) {
    ReentrantLock lock = locks[Math.floorMod(r.key().hashCode(), locks.length)];
    lock.lock();
    try {
      return write(r);
    } catch (TrytonCallException e) {
      ErpError error = e.uncertain() ? e.error().withRetryable(true) : e.error();
      return error.toOutcome(r.key());
    } finally {
      lock.unlock();
    }
  }

  private WriteOutcome write(WriteRequest<Party> r) {
    List<FieldError> errors = TrytonPartyMapping.unwritable(r.fields());
    Party p = r.entity();
    String name = TrytonPartyMapping.name(p);
    if (name.length() > 255) {
      errors.add(FieldError.redacted("name", "is longer than the 255 characters of Tryton's name"));
    }
    boolean addresses = TrytonPartyMapping.wanted(r.fields(), Party.Fields.ADDRESSES);
    if (addresses) {
      resolveCountries(p, errors);
    }
    if (!errors.isEmpty()) {
      return WriteOutcome.rejected(
          r.key(), "MAPPING", "the party cannot be written to Tryton: " + errors, errors);
    }
    Long target = null;
    boolean adopt = false;
    if (r.target() != null) {
      target = TrytonParties.parseId(r.target().id());
      if (target == null) {
        return WriteOutcome.rejected(
            r.key(),
            "MAPPING",
            "target " + r.target().id() + " is not a Tryton party id (a whole number)",
            List.of(FieldError.of("target", r.target().id(), "must be a whole number")));
      }
    } else {
      List<Long> byKey = parties.findByKeys(List.of(r.key())).getOrDefault(r.key(), List.of());
      if (byKey.size() > 1) {
        return WriteOutcome.rejected(
            r.key(),
            "DUPLICATE_KEY",
            "Tryton parties " + byKey + " all carry the identifier " + r.key() + "; merge them",
            List.of());
      }
      if (byKey.size() == 1) {
        target = byKey.get(0);
      } else {
        Set<Long> byEmail = new java.util.TreeSet<>();
        for (ContactPoint c : p.contactPoints()) {
          if (c.type() == ContactPointType.EMAIL) {
            byEmail.addAll(activeParties(TrytonOperations.partiesByEmail(rpc, c.value())));
          }
        }
        if (byEmail.size() > 1) {
          return WriteOutcome.rejected(
              r.key(),
              "AMBIGUOUS_EMAIL",
              "the party's e-mail belongs to "
                  + byEmail.size()
                  + " active Tryton parties "
                  + byEmail
                  + "; write to one of them by target id",
              List.of(
                  FieldError.redacted(
                      "contactPoints",
                      "an e-mail belongs to several active Tryton parties " + byEmail)));
        }
        if (byEmail.size() == 1) {
          target = byEmail.iterator().next();
          adopt = true;
        }
      }
    }
    if (target == null) {
      long id =
          rpc.model(PARTY, "create", List.of(List.of(createValues(r.key(), p, name))))
              .get(0)
              .asLong();
      return WriteOutcome.created(r.key(), ExternalId.of(system, Long.toString(id)), versionOf(id));
    }
    JsonNode row = parties.readParties(List.of(target), TrytonPartyMapping.FIELDS).get(target);
    ExternalId ext = ExternalId.of(system, Long.toString(target));
    if (row == null) {
      return WriteOutcome.rejected(
          r.key(),
          "NOT_FOUND",
          "Tryton party " + target + " no longer exists; clear the target to recreate",
          List.of());
    }
    VersionToken current = TrytonParties.version(row);
    VersionToken expected = VersionToken.parse(r.expectedVersion());
    if (expected != null && !expected.matches(current)) {
      return ErpError.of(
              ErpErrorKind.CONFLICT,
              0,
              "ConcurrencyException",
              "Tryton party " + target + " changed since version " + expected + "; re-read it")
          .withCurrentVersion(current)
          .toOutcome(r.key());
    }
    Map<String, Object> values = changes(r, row, name);
    if (adopt) {
      values.put("identifiers", List.of(List.of("create", List.of(Map.of("code", r.key())))));
    }
    if (values.isEmpty()) {
      return WriteOutcome.unchanged(r.key(), ext, current.toString());
    }
    Map<String, Object> context =
        expected == null
            ? Map.of()
            : Map.of("_timestamp", TrytonParties.timestampContext(expected));
    try {
      rpc.model(PARTY, "write", List.of(List.of(target), values), context);
    } catch (TrytonCallException e) {
      if (e.error().kind() == ErpErrorKind.CONFLICT) {
        return e.error()
            .withCurrentVersion(VersionToken.parse(versionOf(target)))
            .toOutcome(r.key());
      }
      throw e;
    }
    return WriteOutcome.updated(r.key(), ext, versionOf(target));
  }

  private List<Long> activeParties(List<Long> ids) {
    if (ids.isEmpty()) {
      return ids;
    }
    List<Long> out = new ArrayList<>();
    rpc.model(PARTY, "search", Arrays.asList(List.of(List.of("id", "in", ids)), 0, null, null))
        .forEach(n -> out.add(n.asLong()));
    return out;
  }

  private String versionOf(long id) {
    try {
      JsonNode row =
          parties
              .readParties(
                  List.of(id),
                  List.of("_timestamp", "addresses._timestamp", "contact_mechanisms._timestamp"))
              .get(id);
      return row == null ? null : TrytonParties.version(row).toString();
    } catch (TrytonCallException e) {
      return null;
    }
  }

  private Map<String, Object> createValues(String key, Party p, String name) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", name);
    v.put("identifiers", List.of(List.of("create", List.of(Map.of("code", key)))));
    List<Object> addresses = new ArrayList<>();
    TrytonPartyMapping.grouped(p.addresses())
        .forEach((a, flags) -> addresses.add(addressValues(a, flags)));
    if (!addresses.isEmpty()) {
      v.put("addresses", List.of(List.of("create", addresses)));
    }
    List<Object> mechanisms = new ArrayList<>();
    for (ContactPoint c : p.contactPoints()) {
      String type = TrytonPartyMapping.trytonType(c.type());
      if (type != null) {
        mechanisms.add(Map.of("type", type, "value", c.value().strip()));
      }
    }
    if (!mechanisms.isEmpty()) {
      v.put("contact_mechanisms", List.of(List.of("create", mechanisms)));
    }
    return v;
  }

  private Map<String, Object> addressValues(PostalAddress a, boolean[] flags) {
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
    v.put("invoice", flags[0]);
    v.put("delivery", flags[1]);
    return v;
  }

  /** What to write so the party matches the record, limited to the requested fields. */
  private Map<String, Object> changes(WriteRequest<Party> r, JsonNode row, String name) {
    Map<String, Object> values = new LinkedHashMap<>();
    Party p = r.entity();
    boolean nameWanted =
        TrytonPartyMapping.wanted(r.fields(), Party.Fields.NAME)
            || TrytonPartyMapping.wanted(r.fields(), Party.Fields.ORGANISATION_NAME)
            || TrytonPartyMapping.wanted(r.fields(), Party.Fields.KIND);
    if (nameWanted && !name.equals(TrytonCodec.text(row.path("name")))) {
      values.put("name", name);
    }
    if (TrytonPartyMapping.wanted(r.fields(), Party.Fields.CONTACT_POINTS)) {
      List<Object> ops = new ArrayList<>();
      Set<Long> kept = new HashSet<>();
      for (ContactPoint c : p.contactPoints()) {
        String type = TrytonPartyMapping.trytonType(c.type());
        if (type == null) {
          continue;
        }
        String want = TrytonPartyMapping.normalisedValue(c.type(), c.value());
        JsonNode match = null;
        for (JsonNode m : row.path("contact_mechanisms.")) {
          String have = TrytonCodec.text(m.path("value"));
          if (TrytonPartyMapping.active(m)
              && type.equals(m.path("type").asText())
              && !kept.contains(m.path("id").asLong())
              && have != null
              && TrytonPartyMapping.normalisedValue(c.type(), have).equals(want)) {
            match = m;
            break;
          }
        }
        if (match != null) {
          kept.add(match.path("id").asLong());
        } else {
          ops.add(List.of("create", List.of(Map.of("type", type, "value", c.value().strip()))));
        }
      }
      List<Long> retire = new ArrayList<>();
      for (JsonNode m : row.path("contact_mechanisms.")) {
        boolean managed = TrytonPartyMapping.canonicalType(m.path("type").asText()) != null;
        if (managed && TrytonPartyMapping.active(m) && !kept.contains(m.path("id").asLong())) {
          retire.add(m.path("id").asLong());
        }
      }
      if (!retire.isEmpty()) {
        // Archived, not deleted: Tryton keeps them for the documents that refer to them.
        ops.add(List.of("write", retire, Map.of("active", false)));
      }
      if (!ops.isEmpty()) {
        values.put("contact_mechanisms", ops);
      }
    }
    if (TrytonPartyMapping.wanted(r.fields(), Party.Fields.ADDRESSES)) {
      List<Object> ops = new ArrayList<>();
      Set<Long> kept = new HashSet<>();
      for (Map.Entry<PostalAddress, boolean[]> e :
          TrytonPartyMapping.grouped(p.addresses()).entrySet()) {
        JsonNode match = null;
        for (JsonNode a : row.path("addresses.")) {
          PostalAddress have = TrytonAccountMapping.address(a);
          if (TrytonPartyMapping.active(a)
              && !kept.contains(a.path("id").asLong())
              && have != null
              && TrytonOperations.sameAddress(have, e.getKey())) {
            match = a;
            break;
          }
        }
        boolean[] flags = e.getValue();
        if (match == null) {
          ops.add(List.of("create", List.of(addressValues(e.getKey(), flags))));
          continue;
        }
        kept.add(match.path("id").asLong());
        if (TrytonCodec.bool(match.path("invoice")) != flags[0]
            || TrytonCodec.bool(match.path("delivery")) != flags[1]) {
          ops.add(
              List.of(
                  "write",
                  List.of(match.path("id").asLong()),
                  Map.of("invoice", flags[0], "delivery", flags[1])));
        }
      }
      List<Long> retire = new ArrayList<>();
      for (JsonNode a : row.path("addresses.")) {
        if (TrytonPartyMapping.active(a) && !kept.contains(a.path("id").asLong())) {
          retire.add(a.path("id").asLong());
        }
      }
      if (!retire.isEmpty()) {
        ops.add(List.of("write", retire, Map.of("active", false)));
      }
      if (!ops.isEmpty()) {
        values.put("addresses", ops);
      }
    }
    return values;
  }

  /**
   * Looks up the countries and subdivisions the record's addresses name; unknown ones are errors.
   */
  private void resolveCountries(Party p, List<FieldError> errors) {
    Set<String> wanted = new HashSet<>();
    Set<String> regions = new HashSet<>();
    for (var a : p.addresses()) {
      PostalAddress pa = a.address();
      if (pa.country() != null && !countries.containsKey(pa.country())) {
        wanted.add(pa.country());
      }
      if (pa.country() != null
          && pa.region() != null
          && !subdivisions.containsKey(pa.country() + "-" + pa.region())) {
        regions.add(pa.country() + "-" + pa.region());
      }
    }
    if (!wanted.isEmpty()) {
      rpc.model(
              "country.country",
              "search_read",
              Arrays.asList(
                  List.of(List.of("code", "in", List.copyOf(wanted))),
                  0,
                  null,
                  null,
                  List.of("code")))
          .forEach(c -> countries.put(c.path("code").asText(), c.path("id").asLong()));
    }
    if (!regions.isEmpty()) {
      rpc.model(
              "country.subdivision",
              "search_read",
              Arrays.asList(
                  List.of(List.of("code", "in", List.copyOf(regions))),
                  0,
                  null,
                  null,
                  List.of("code")))
          .forEach(c -> subdivisions.put(c.path("code").asText(), c.path("id").asLong()));
    }
    for (int i = 0; i < p.addresses().size(); i++) {
      PostalAddress pa = p.addresses().get(i).address();
      String path = "addresses[" + i + "].address";
      if (pa.country() != null && !countries.containsKey(pa.country())) {
        errors.add(FieldError.of(path + ".country", pa.country(), "is not a country in Tryton"));
      }
      if (pa.region() != null
          && (pa.country() == null
              || !subdivisions.containsKey(pa.country() + "-" + pa.region()))) {
        errors.add(
            FieldError.of(
                path + ".region", pa.region(), "is not a subdivision of its country in Tryton"));
      }
    }
  }

  private static Instant lastModified(JsonNode row) {
    Instant w = TrytonCodec.datetime(row.path("write_date"));
    return w != null ? w : TrytonCodec.datetime(row.path("create_date"));
  }

  private static <R> R call(ErrorContext ctx, java.util.function.Supplier<R> call) {
    try {
      return call.get();
    } catch (TrytonCallException e) {
      ErpError error = e.uncertain() ? e.error().withRetryable(true) : e.error();
      throw error.toException(ctx);
    }
  }
}
