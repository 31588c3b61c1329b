package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.spi.AvailabilityLookup;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.CreditLookup;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.OrderSubmission;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.ReturnAuthorization;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.BearerAuthInterceptor;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.core.http.SafeLoggingInterceptor;
import dev.retailsync.core.http.Sleepers;
import dev.retailsync.core.http.TokenProvider;
import dev.retailsync.core.idempotency.IdempotentExecutor;
import dev.retailsync.core.state.IdempotencyStore;
import dev.retailsync.erp.CredentialExpiry;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.VersionToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

/**
 * A connector to one NetSuite account over SuiteTalk REST web services.
 *
 * <p><b>Writes.</b> Records are upserted by external id ({@code PUT
 * /services/rest/record/v1/{type}/eid:{externalId}}), one record per request since NetSuite has no
 * bulk create. Before a batch is written, one SuiteQL query per 1,000 records finds which external
 * ids exist (their internal ids and {@code lastmodifieddate}), so each outcome says CREATED or
 * UPDATED and a request carrying an {@code expectedVersion} is checked against the record's current
 * stamp (read-verify-write: NetSuite has no ETags). Sublists the mapping owns (a customer's address
 * book, an order's lines) are replaced whole ({@code ?replace=}).
 *
 * <p><b>What is guaranteed and what is best effort.</b> Creates of customers, items and sales
 * orders are idempotent by construction: the upsert's key is the external id, so a request repeated
 * after a timeout (whether or not NetSuite applied it) updates the record it created and never adds
 * a second one. Order submission and return authorization also go through the SDK's {@link
 * IdempotencyStore} when one is configured, so a repeated submission with the same key replays its
 * first result. A return authorization is created by transforming the order, which NetSuite does
 * not deduplicate: the connector looks the authorization up by its external id first, so a repeat
 * after a completed transform finds it; two concurrent first attempts with the same RMA number are
 * prevented only by the idempotency store. The version check is best effort: it compares
 * second-resolution stamps and is not atomic with the write.
 *
 * <p><b>Reads and the change feed.</b> Records are read with {@code expandSubResources=true};
 * references to other records (an order's customer and items) are resolved to their external ids
 * with one SuiteQL query per record type. The feed queries SuiteQL ({@code Prefer: transient}) for
 * ids and {@code lastmodifieddate} in pages of at most 1,000 rows ordered by {@code id ASC}, paging
 * by id keyset rather than offset (so the 100,000-row cap of a query never bites), from the last
 * stamp seen minus an overlap; changes the cursor says were delivered are dropped, so late commits
 * are caught and nothing repeats. NetSuite reports no hard deletes through SuiteQL's {@code
 * lastmodifieddate}; inactivation arrives as an update.
 *
 * <p><b>Limits.</b> NetSuite limits concurrent requests per account, shared by every integration.
 * Every call passes a {@link TenantGate} shared by all connectors of the account in this process,
 * sized from the account's limit ({@code concurrencyLimit}); a 429 is waited out a bounded number
 * of times outside the gate, then reported retryable with the wait.
 *
 * <p>Thread-safe; create one per account with {@link #builder()} (or through the {@code netsuite}
 * provider), share it, and close it when done.
 */
public final class NetSuiteConnector implements Connector {
  private static final DateTimeFormatter SUITEQL_STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String STAMP_COLUMN =
      "TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS lastmodified";
  private static final int QUERY_CHUNK = 1000;
  private static final int REFERENCE_CACHE_LIMIT = 50_000;

  private final NetSuiteHttp http;
  private final HttpUrl baseUrl;
  private final Map<EntityType<?>, NetSuiteMapping<?>> mappings;
  private final InvoiceMapping creditMemos;
  private final Clock clock;
  private final ZoneId accountZone;
  private final Duration feedOverlap;
  private final IdempotentExecutor idempotency;
  private final CredentialExpiry certificateExpiry;
  private final Map<String, String> referenceCache = new ConcurrentHashMap<>();
  private final boolean asyncOrders;
  private final Duration asyncPollInterval;
  private final Duration asyncTimeout;
  private final Consumer<Duration> sleeper;

  private NetSuiteConnector(Builder b) {
    this.baseUrl = b.baseUrl;
    this.clock = b.clock;
    TokenProvider tokens = b.tokens;
    String tokenUrl =
        b.tokenUrl != null
            ? b.tokenUrl.toString()
            : baseUrl
                .newBuilder()
                .addPathSegments("services/rest/auth/oauth2/v1/token")
                .build()
                .toString();
    if (tokens == null) {
      NetSuiteCredentials credentials = b.credentials;
      tokens =
          OAuthTokenProvider.builder(
                  b.http,
                  HttpUrl.get(tokenUrl),
                  OAuthGrant.clientAssertion(() -> credentials.assertion(b.clock, tokenUrl), null))
              .clock(b.clock)
              .system(b.system)
              .build();
    }
    this.certificateExpiry =
        b.credentials == null ? null : b.credentials.certificateExpiry().orElse(null);
    // Ours go first, so that the host's interceptors (and a fake) see the final request.
    OkHttpClient.Builder hb = b.http.newBuilder();
    hb.interceptors().add(0, new BearerAuthInterceptor(tokens));
    hb.interceptors().add(0, new SafeLoggingInterceptor());
    TenantGate gate =
        b.gate != null
            ? b.gate
            : TenantGate.shared(b.system.value(), baseUrl.host(), b.concurrencyLimit);
    this.http =
        new NetSuiteHttp(
            b.system,
            hb.build(),
            baseUrl,
            gate,
            b.clock,
            b.sleeper,
            b.throttleRetries,
            b.throttleBackoff);
    this.mappings = Map.copyOf(b.mappings);
    this.creditMemos = b.creditMemos;
    this.accountZone = b.accountZone;
    this.feedOverlap = b.feedOverlap;
    this.asyncOrders = b.asyncOrders;
    this.asyncPollInterval = b.asyncPollInterval;
    this.asyncTimeout = b.asyncTimeout;
    this.sleeper = b.sleeper;
    this.idempotency =
        b.idempotencyStore == null
            ? null
            : new IdempotentExecutor(b.idempotencyStore, Duration.ofMinutes(5), Duration.ofDays(7));
    certificateWarning().ifPresent(w -> LoggerFactory.getLogger(NetSuiteConnector.class).warn(w));
  }

  /**
   * Returns a builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SystemId system() {
    return http.system();
  }

  @Override
  public Set<EntityType<?>> entityTypes() {
    return mappings.keySet();
  }

  /**
   * Returns the concurrency gate every call of this connector passes, shared with the other
   * connectors of the same account in this process.
   *
   * @return the gate
   */
  public TenantGate gate() {
    return http.gate();
  }

  /**
   * Returns a warning when the M2M certificate expires within {@link
   * CredentialExpiry#DEFAULT_WARNING} (or has expired); the connector also logs it when built.
   *
   * @return the warning, or empty when the certificate is far from expiry or its expiry is unknown
   */
  public Optional<String> certificateWarning() {
    return certificateExpiry == null
        ? Optional.empty()
        : certificateExpiry.warning(clock, CredentialExpiry.DEFAULT_WARNING);
  }

  /**
   * Returns when the M2M certificate expires, when configured.
   *
   * @return the expiry, or empty
   */
  public Optional<CredentialExpiry> certificateExpiry() {
    return Optional.ofNullable(certificateExpiry);
  }

  @SuppressWarnings("unchecked")
  private <T extends CanonicalEntity> NetSuiteMapping<T> mapping(EntityType<T> type) {
    return (NetSuiteMapping<T>) mappings.get(type);
  }

  @Override
  public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
    NetSuiteMapping<T> m = mapping(type);
    if (m == null || !m.writable()) {
      return Optional.empty();
    }
    return Optional.of(RecordWriter.of(QUERY_CHUNK, batch -> upsert(m, batch)));
  }

  @Override
  public <T extends CanonicalEntity> Optional<RecordReader<T>> reader(EntityType<T> type) {
    NetSuiteMapping<T> m = mapping(type);
    return m == null ? Optional.empty() : Optional.of(RecordReader.of(100, ids -> read(m, ids)));
  }

  /**
   * Returns a reader of credit memos, mapped to {@link Invoice} with the extension {@code
   * netsuiteRecordType = creditMemo}.
   *
   * @return the reader
   */
  public RecordReader<Invoice> creditMemoReader() {
    return RecordReader.of(100, ids -> read(creditMemos, ids));
  }

  /**
   * Returns the change feed of credit memos.
   *
   * @return the feed
   */
  public ChangeFeed<Invoice> creditMemoFeed() {
    return (cursor, max) -> poll(creditMemos, cursor, max);
  }

  @Override
  public <T extends CanonicalEntity> Optional<ChangeFeed<T>> changeFeed(EntityType<T> type) {
    NetSuiteMapping<T> m = mapping(type);
    return m == null ? Optional.empty() : Optional.of((cursor, max) -> poll(m, cursor, max));
  }

  @Override
  public <O> Optional<O> operation(Class<O> operationType) {
    NetSuiteOperations ops = new NetSuiteOperations(this);
    if (operationType == OrderSubmission.class && mappings.containsKey(EntityType.ORDER)) {
      return Optional.of(operationType.cast((OrderSubmission) ops::submit));
    }
    if (operationType == CreditLookup.class) {
      return Optional.of(operationType.cast((CreditLookup) ops::credit));
    }
    if (operationType == AvailabilityLookup.class) {
      return Optional.of(operationType.cast((AvailabilityLookup) ops::availability));
    }
    if (operationType == ReturnAuthorization.class) {
      return Optional.of(operationType.cast((ReturnAuthorization) ops::authorize));
    }
    return Optional.empty();
  }

  // ---- writes ------------------------------------------------------------------------------

  /** What a lookup by external id found: the internal id and the current version. */
  record Existing(String id, VersionToken version) {}

  <T extends CanonicalEntity> List<WriteOutcome> upsert(
      NetSuiteMapping<T> m, List<WriteRequest<T>> batch) {
    WriteOutcome[] outcomes = new WriteOutcome[batch.size()];
    Map<Integer, String> externalIds = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest<T> req = batch.get(i);
      try {
        externalIds.put(i, m.externalId(req.entity(), req.key()));
      } catch (ValidationException e) {
        outcomes[i] = WriteOutcome.rejected(req.key(), "MAPPING", e.getMessage(), e.errors());
      }
    }
    Map<String, Existing> existing;
    try {
      existing = lookup(m, new ArrayList<>(externalIds.values()));
    } catch (NetSuiteHttp.Failure f) {
      externalIds.forEach((i, ext) -> outcomes[i] = f.error().toOutcome(batch.get(i).key()));
      return List.of(outcomes);
    }
    Map<Integer, String> written = new LinkedHashMap<>();
    for (Map.Entry<Integer, String> e : externalIds.entrySet()) {
      int i = e.getKey();
      WriteRequest<T> req = batch.get(i);
      Existing found = existing.get(e.getValue());
      WriteOutcome early = checkVersion(req, found);
      if (early != null) {
        outcomes[i] = early;
        continue;
      }
      ObjectNode body;
      try {
        body = m.toNetSuite(req.entity(), req.fields(), found != null);
      } catch (ValidationException ex) {
        outcomes[i] = WriteOutcome.rejected(req.key(), "MAPPING", ex.getMessage(), ex.errors());
        continue;
      }
      try {
        NetSuiteHttp.Answer a = put(m, e.getValue(), body);
        String id = found != null ? found.id() : a.locationId();
        written.put(i, id);
        if (found == null && id != null) {
          // A second request for the same key later in this batch updates what this one created.
          existing.put(e.getValue(), new Existing(id, null));
        }
        outcomes[i] =
            found != null
                ? WriteOutcome.updated(
                    req.key(), id == null ? null : ExternalId.of(system(), id), null)
                : WriteOutcome.created(
                    req.key(), id == null ? null : ExternalId.of(system(), id), null);
      } catch (NetSuiteHttp.Failure f) {
        outcomes[i] = f.error().toOutcome(req.key());
      }
    }
    // One more query per 1,000 records gives the versions (and ids NetSuite did not return).
    if (!written.isEmpty()) {
      try {
        List<String> exts = new ArrayList<>();
        written.keySet().forEach(i -> exts.add(externalIds.get(i)));
        Map<String, Existing> after = lookup(m, exts);
        for (int i : written.keySet()) {
          Existing now = after.get(externalIds.get(i));
          WriteOutcome o = outcomes[i];
          if (now != null) {
            outcomes[i] =
                new WriteOutcome(
                    o.key(),
                    o.status(),
                    ExternalId.of(system(), now.id()),
                    now.version() == null ? null : now.version().toString(),
                    null,
                    null,
                    List.of(),
                    null);
          }
        }
      } catch (NetSuiteHttp.Failure f) {
        LoggerFactory.getLogger(NetSuiteConnector.class)
            .debug("versions after the write could not be read: {}", f.error().message());
      }
    }
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i].isSuccess() && outcomes[i].externalId() == null) {
        outcomes[i] =
            WriteOutcome.retryable(
                batch.get(i).key(),
                "UNCONFIRMED",
                "NetSuite accepted the upsert but the record's internal id could not be read back;"
                    + " the repeated upsert is safe",
                null);
      }
    }
    return List.of(outcomes);
  }

  private <T extends CanonicalEntity> WriteOutcome checkVersion(
      WriteRequest<T> req, Existing found) {
    if (req.expectedVersion() == null) {
      return null;
    }
    VersionToken expected = VersionToken.parse(req.expectedVersion());
    if (found == null) {
      return ErpError.of(
              ErpErrorKind.CONFLICT,
              0,
              "STALE_VERSION",
              "the record was expected at version " + expected + " but no longer exists")
          .toOutcome(req.key());
    }
    if (!expected.matches(found.version())) {
      return ErpError.of(
              ErpErrorKind.CONFLICT,
              0,
              "STALE_VERSION",
              "the record changed in NetSuite since version "
                  + expected
                  + " (now "
                  + found.version()
                  + "); re-read it and plan the write again")
          .withCurrentVersion(found.version())
          .toOutcome(req.key());
    }
    return null;
  }

  NetSuiteHttp.Answer put(NetSuiteMapping<?> m, String externalId, ObjectNode body) {
    HttpUrl.Builder url = http.record(m.recordType()).addPathSegment("eid:" + externalId);
    List<String> replace = new ArrayList<>();
    for (String sublist : m.replacedSublists()) {
      if (body.has(sublist)) {
        replace.add(sublist);
      }
    }
    if (!replace.isEmpty()) {
      url.addQueryParameter("replace", String.join(",", replace));
    }
    return http.send(NetSuiteHttp.request(url.build()).put(NetSuiteHttp.body(body)).build(), true);
  }

  /** Finds records by external id with SuiteQL, 1,000 per query. */
  Map<String, Existing> lookup(NetSuiteMapping<?> m, List<String> externalIds) {
    Map<String, Existing> out = new HashMap<>();
    for (int from = 0; from < externalIds.size(); from += QUERY_CHUNK) {
      List<String> chunk =
          externalIds.subList(from, Math.min(externalIds.size(), from + QUERY_CHUNK));
      List<String> quoted = new ArrayList<>();
      chunk.forEach(e -> quoted.add(NetSuiteHttp.quote(e)));
      String q =
          "SELECT id, externalid, "
              + STAMP_COLUMN
              + " FROM "
              + m.suiteQlTable()
              + " WHERE "
              + (m.suiteQlFilter() == null ? "" : m.suiteQlFilter() + " AND ")
              + "externalid IN ("
              + String.join(", ", quoted)
              + ") ORDER BY id ASC";
      for (JsonNode row : http.suiteQlAll(q)) {
        Instant stamp = stamp(row.path("lastmodified").asText(null));
        out.put(
            row.path("externalid").asText(),
            new Existing(
                row.path("id").asText(), stamp == null ? null : VersionToken.lastModified(stamp)));
      }
    }
    return out;
  }

  /** Parses a SuiteQL {@code TO_CHAR} stamp in the account's time zone. */
  Instant stamp(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(text.trim(), SUITEQL_STAMP).atZone(accountZone).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw ValidationException.of(
          "NetSuite SuiteQL row",
          "lastmodified",
          text,
          "is not a YYYY-MM-DD HH24:MI:SS stamp; check the account's time zone setting");
    }
  }

  private String suiteQlStamp(Instant at) {
    return SUITEQL_STAMP.format(at.atZone(accountZone));
  }

  // ---- reads -------------------------------------------------------------------------------

  <T extends CanonicalEntity> List<RemoteRecord<T>> read(NetSuiteMapping<T> m, List<String> ids) {
    List<RemoteRecord<T>> out = new ArrayList<>();
    for (String id : ids) {
      JsonNode rec = fetch(m.recordType(), id);
      if (rec != null) {
        out.add(remote(m, rec, id));
      }
    }
    return out;
  }

  private <T extends CanonicalEntity> RemoteRecord<T> remote(
      NetSuiteMapping<T> m, JsonNode rec, String id) {
    resolveReferences(m, rec);
    Instant modified = Json.instant(rec, "lastModifiedDate");
    String internalId = rec.hasNonNull("id") ? rec.path("id").asText() : id;
    return new RemoteRecord<>(
        ExternalId.of(system(), internalId),
        m.fromNetSuite(rec),
        modified == null ? null : VersionToken.lastModified(modified).toString(),
        modified);
  }

  /** GETs a record with its sublists; {@code null} when it does not exist. */
  JsonNode fetch(String recordType, String id) {
    if (id == null || !id.matches("(eid:)?[A-Za-z0-9_-]+")) {
      throw ValidationException.of(
          "NetSuite " + recordType, "id", id, "must be an internal id or eid:<externalId>");
    }
    HttpUrl url =
        http.record(recordType)
            .addPathSegment(id)
            .addQueryParameter("expandSubResources", "true")
            .build();
    try {
      return http.send(NetSuiteHttp.request(url).get().build(), true).json();
    } catch (NetSuiteHttp.Failure f) {
      if (f.error().kind() == ErpErrorKind.NOT_FOUND) {
        return null;
      }
      throw f.error().toException(ErrorContext.of(system(), "read " + recordType));
    }
  }

  /** Adds {@code externalId} to the reference fields the mapping names, one query per table. */
  void resolveReferences(NetSuiteMapping<?> m, JsonNode rec) {
    for (NetSuiteMapping.Reference r : m.references()) {
      List<ObjectNode> refs = new ArrayList<>();
      collect(rec, r.path().split("\\."), 0, refs);
      List<String> missing = new ArrayList<>();
      for (ObjectNode ref : refs) {
        String id = ref.path("id").asText(null);
        if (!ref.hasNonNull("externalId") && id != null) {
          String cached = referenceCache.get(r.table() + ":" + id);
          if (cached != null) {
            ref.put("externalId", cached);
          } else if (!missing.contains(id)) {
            missing.add(id);
          }
        }
      }
      if (missing.isEmpty()) {
        continue;
      }
      List<String> quoted = new ArrayList<>();
      missing.forEach(id -> quoted.add(NetSuiteHttp.quote(id)));
      List<JsonNode> rows =
          http.suiteQlAll(
              "SELECT id, externalid FROM "
                  + r.table()
                  + " WHERE id IN ("
                  + String.join(", ", quoted)
                  + ") ORDER BY id ASC");
      if (referenceCache.size() > REFERENCE_CACHE_LIMIT) {
        referenceCache.clear();
      }
      for (JsonNode row : rows) {
        String ext = row.path("externalid").asText(null);
        if (ext != null && !ext.isBlank()) {
          referenceCache.put(r.table() + ":" + row.path("id").asText(), ext);
        }
      }
      for (ObjectNode ref : refs) {
        String cached = referenceCache.get(r.table() + ":" + ref.path("id").asText(""));
        if (cached != null && !ref.hasNonNull("externalId")) {
          ref.put("externalId", cached);
        }
      }
    }
  }

  private static void collect(JsonNode node, String[] path, int at, List<ObjectNode> out) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    if (at == path.length) {
      if (node.isObject()) {
        out.add((ObjectNode) node);
      }
      return;
    }
    String seg = path[at];
    if (seg.endsWith("[]")) {
      for (JsonNode item : node.path(seg.substring(0, seg.length() - 2))) {
        collect(item, path, at + 1, out);
      }
    } else {
      collect(node.get(seg), path, at + 1, out);
    }
  }

  // ---- change feed -------------------------------------------------------------------------

  <T extends CanonicalEntity> ChangePage<T> poll(
      NetSuiteMapping<T> m, Cursor cursor, int maxChanges) {
    if (maxChanges < 1) {
      throw ValidationException.of("ChangeFeed", "maxChanges", maxChanges, "must be 1 or more");
    }
    FeedCursor c = FeedCursor.parse(cursor, m.recordType());
    if (c.scanStartedAt == null) {
      c = c.startScan(clock.instant());
    }
    StringBuilder q =
        new StringBuilder("SELECT id, ")
            .append(STAMP_COLUMN)
            .append(" FROM ")
            .append(m.suiteQlTable())
            .append(" WHERE id > ")
            .append(c.afterId);
    if (m.suiteQlFilter() != null) {
      q.append(" AND ").append(m.suiteQlFilter());
    }
    if (c.windowFrom != null) {
      q.append(" AND lastmodifieddate >= TO_TIMESTAMP('")
          .append(suiteQlStamp(c.windowFrom))
          .append("', 'YYYY-MM-DD HH24:MI:SS')");
    }
    q.append(" ORDER BY id ASC");
    JsonNode page;
    try {
      page = http.suiteQl(q.toString(), Math.min(maxChanges, QUERY_CHUNK), 0);
    } catch (NetSuiteHttp.Failure f) {
      throw f.error().toException(ErrorContext.of(system(), "poll " + m.recordType()));
    }
    List<Change<T>> changes = new ArrayList<>();
    FeedCursor next = c;
    for (JsonNode row : page.path("items")) {
      String id = row.path("id").asText();
      String stampText = row.path("lastmodified").asText(null);
      Instant stamp = stamp(stampText);
      long numericId = Long.parseLong(id);
      if (!c.seen.contains(id + "@" + stamp)) {
        JsonNode rec = fetch(m.recordType(), id);
        if (rec != null) {
          RemoteRecord<T> r = remote(m, rec, id);
          Instant created = Json.instant(rec, "createdDate");
          changes.add(
              Change.builder(m.entityType())
                  .type(
                      created != null && created.equals(r.lastModified())
                          ? ChangeType.CREATED
                          : ChangeType.UPDATED)
                  .source(r.id())
                  .entity(r.entity())
                  .sourceTimestamp(stamp)
                  .sourceVersion(stamp == null ? null : VersionToken.lastModified(stamp).toString())
                  .correlationId(
                      CorrelationId.of(
                          system() + ":" + id + ":" + (stamp == null ? 0 : stamp.toEpochMilli())))
                  .build());
        }
      }
      next = next.delivered(numericId, id, stamp);
    }
    boolean hasMore = page.path("hasMore").asBoolean(false);
    if (!hasMore) {
      next = next.scanComplete(feedOverlap);
    }
    return new ChangePage<>(changes, next.toCursor(m.recordType()), hasMore);
  }

  /**
   * The feed's position. A scan walks every record modified since {@code windowFrom} by id keyset;
   * when it completes, the next window starts at the older of the newest stamp seen and the scan's
   * start, minus the overlap; {@code seen} holds what was delivered within the overlap.
   */
  private record FeedCursor(
      Instant windowFrom, long afterId, Instant scanStartedAt, Instant maxSeen, Set<String> seen) {

    static FeedCursor parse(Cursor c, String type) {
      if (c.isBeginning()) {
        return new FeedCursor(null, 0, null, null, Set.of());
      }
      String[] p = c.value().split("\\|", -1);
      if (p.length != 6 || !p[0].equals("ns1:" + type)) {
        throw ValidationException.of(
            "Cursor", "value", c.value(), "is not a cursor of the NetSuite " + type + " feed");
      }
      try {
        Set<String> seen = new java.util.LinkedHashSet<>();
        for (String s : p[5].split(",")) {
          if (!s.isEmpty()) {
            seen.add(s);
          }
        }
        return new FeedCursor(
            p[1].isEmpty() ? null : Instant.parse(p[1]),
            Long.parseLong(p[2]),
            p[3].isEmpty() ? null : Instant.parse(p[3]),
            p[4].isEmpty() ? null : Instant.parse(p[4]),
            seen);
      } catch (RuntimeException e) {
        throw ValidationException.of(
            "Cursor", "value", c.value(), "is not a cursor of the NetSuite " + type + " feed");
      }
    }

    FeedCursor startScan(Instant now) {
      return new FeedCursor(windowFrom, 0, now, null, seen);
    }

    FeedCursor delivered(long id, String idText, Instant stamp) {
      Set<String> s = new java.util.LinkedHashSet<>(seen);
      s.add(idText + "@" + stamp);
      Instant max = maxSeen == null || (stamp != null && stamp.isAfter(maxSeen)) ? stamp : maxSeen;
      return new FeedCursor(windowFrom, id, scanStartedAt, max, s);
    }

    FeedCursor scanComplete(Duration overlap) {
      // Anything committed after the scan began carries a stamp after its start; the overlap
      // covers commits that became visible late with older stamps.
      Instant top = maxSeen == null || scanStartedAt.isBefore(maxSeen) ? scanStartedAt : maxSeen;
      Instant from = top.minus(overlap);
      if (windowFrom != null && from.isBefore(windowFrom)) {
        from = windowFrom;
      }
      Set<String> kept = new java.util.LinkedHashSet<>();
      for (String s : seen) {
        String at = s.substring(s.indexOf('@') + 1);
        if (!"null".equals(at) && !Instant.parse(at).isBefore(from)) {
          kept.add(s);
        }
      }
      return new FeedCursor(from, 0, null, null, kept);
    }

    Cursor toCursor(String type) {
      return Cursor.of(
          "ns1:"
              + type
              + "|"
              + (windowFrom == null ? "" : windowFrom.toString())
              + "|"
              + afterId
              + "|"
              + (scanStartedAt == null ? "" : scanStartedAt.toString())
              + "|"
              + (maxSeen == null ? "" : maxSeen.toString())
              + "|"
              + String.join(",", seen));
    }
  }

  // ---- package access for the operations ----------------------------------------------------

  NetSuiteHttp http() {
    return http;
  }

  Clock clock() {
    return clock;
  }

  boolean asyncOrders() {
    return asyncOrders;
  }

  Duration asyncPollInterval() {
    return asyncPollInterval;
  }

  Duration asyncTimeout() {
    return asyncTimeout;
  }

  void pause(Duration d) {
    sleeper.accept(d);
  }

  IdempotentExecutor idempotency() {
    return idempotency;
  }

  <T extends CanonicalEntity> NetSuiteMapping<T> mappingOf(EntityType<T> type) {
    return mapping(type);
  }

  @Override
  public String toString() {
    return "NetSuiteConnector[" + system() + " " + baseUrl.host() + "]";
  }

  static List<FieldError> reasons(ErpError e) {
    return List.of(
        FieldError.redacted(
            e.fieldPath() == null ? "(record)" : e.fieldPath(), e.code() + ": " + e.message()));
  }

  /** Builds a {@link NetSuiteConnector}. Not thread-safe. */
  public static final class Builder {
    private SystemId system = SystemId.NETSUITE;
    private OkHttpClient http = new OkHttpClient();
    private HttpUrl baseUrl;
    private HttpUrl tokenUrl;
    private TokenProvider tokens;
    private NetSuiteCredentials credentials;
    private final Map<EntityType<?>, NetSuiteMapping<?>> mappings = new LinkedHashMap<>();
    private InvoiceMapping creditMemos = InvoiceMapping.creditMemos();
    private Clock clock = Clock.systemUTC();
    private Consumer<Duration> sleeper =
        Sleepers.blocking("waiting out NetSuite's concurrency limit");
    private int concurrencyLimit = 5;
    private TenantGate gate;
    private int throttleRetries = 2;
    private Duration throttleBackoff = Duration.ofSeconds(1);
    private Duration feedOverlap = Duration.ofMinutes(2);
    private ZoneId accountZone = ZoneOffset.UTC;
    private IdempotencyStore idempotencyStore;
    private boolean asyncOrders;
    private Duration asyncPollInterval = Duration.ofSeconds(2);
    private Duration asyncTimeout = Duration.ofMinutes(10);

    {
      mapping(CustomerMapping.defaults());
      mapping(ItemMapping.defaults());
      mapping(SalesOrderMapping.defaults());
      mapping(FulfillmentMapping.defaults());
      mapping(InvoiceMapping.defaults());
    }

    private Builder() {}

    /**
     * Sets the account's SuiteTalk host; required. The account id's host spelling is lower case
     * with a dash: {@code https://1234567-sb1.suitetalk.api.netsuite.com}.
     *
     * @param url the base URL
     * @return this builder
     */
    public Builder baseUrl(String url) {
      this.baseUrl = HttpUrl.get(url);
      return this;
    }

    /**
     * Sets the base URL from the account id as NetSuite shows it ({@code 1234567_SB1}): lower case,
     * the underscore a dash.
     *
     * @param accountId the account id
     * @return this builder
     */
    public Builder accountId(String accountId) {
      if (accountId == null || !accountId.matches("[A-Za-z0-9_-]+")) {
        throw ValidationException.of(
            "NetSuiteConnector", "accountId", accountId, "must look like 1234567 or 1234567_SB1");
      }
      return baseUrl(
          "https://"
              + accountId.toLowerCase(java.util.Locale.ROOT).replace('_', '-')
              + ".suitetalk.api.netsuite.com");
    }

    /**
     * Sets the token endpoint; {@code <baseUrl>/services/rest/auth/oauth2/v1/token} by default.
     *
     * @param url the token endpoint
     * @return this builder
     */
    public Builder tokenUrl(String url) {
      this.tokenUrl = HttpUrl.get(url);
      return this;
    }

    /**
     * Sets the M2M credentials; the connector then fetches tokens itself (client credentials with a
     * signed assertion, single-flight, a new assertion per token). Either this or {@link
     * #tokenProvider} is required.
     *
     * @param credentials the credentials
     * @return this builder
     */
    public Builder credentials(NetSuiteCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /**
     * Sets where access tokens come from, instead of {@link #credentials}.
     *
     * @param tokens the provider
     * @return this builder
     */
    public Builder tokenProvider(TokenProvider tokens) {
      this.tokens = tokens;
      return this;
    }

    /**
     * Sets the HTTP client (proxies, TLS, timeouts, pools are the host's).
     *
     * @param http the client
     * @return this builder
     */
    public Builder http(OkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Sets the system id the connector reports; {@code netsuite} by default.
     *
     * @param system the id
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Adds a mapping, replacing the one for the same entity type (defaults: customer, inventory
     * item, sales order, item fulfilment, invoice).
     *
     * @param mapping the mapping
     * @return this builder
     */
    public Builder mapping(NetSuiteMapping<?> mapping) {
      mappings.put(Objects.requireNonNull(mapping, "mapping").entityType(), mapping);
      return this;
    }

    /**
     * Sets the credit memo mapping; {@link InvoiceMapping#creditMemos()} by default.
     *
     * @param mapping the mapping
     * @return this builder
     */
    public Builder creditMemos(InvoiceMapping mapping) {
      this.creditMemos = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * Sets the clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how the connector waits out a 429 (tests pass one that advances a fake clock); the
     * calling thread sleeps by default.
     *
     * @param sleeper waits for the given time
     * @return this builder
     */
    public Builder sleeper(Consumer<Duration> sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the account's concurrency limit (or the integration's allocation of it), which sizes the
     * process-wide gate for the account; 5 by default (the lowest tier). Read the number from
     * {@code GET /services/rest/system/v1/governanceLimits}.
     *
     * @param limit calls in flight at once, at least 1
     * @return this builder
     */
    public Builder concurrencyLimit(int limit) {
      if (limit < 1) {
        throw ValidationException.of(
            "NetSuiteConnector", "concurrencyLimit", limit, "must be 1 or more");
      }
      this.concurrencyLimit = limit;
      return this;
    }

    /**
     * Uses this gate instead of the process-wide one for the account (for tests, or a host that
     * manages gates itself).
     *
     * @param gate the gate
     * @return this builder
     */
    public Builder gate(TenantGate gate) {
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * Sets how often a 429 is waited out before the call is reported retryable, and the first wait
     * (doubled each time); 2 and 1 second by default.
     *
     * @param retries 0 or more
     * @param backoff the first wait
     * @return this builder
     */
    public Builder throttleRetries(int retries, Duration backoff) {
      if (retries < 0) {
        throw ValidationException.of(
            "NetSuiteConnector", "throttleRetries", retries, "must be 0 or more");
      }
      this.throttleRetries = retries;
      this.throttleBackoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * Sets how far back each feed scan looks before the last stamp seen; 2 minutes by default.
     *
     * @param overlap the overlap
     * @return this builder
     */
    public Builder feedOverlap(Duration overlap) {
      this.feedOverlap = Objects.requireNonNull(overlap, "overlap");
      return this;
    }

    /**
     * Sets the time zone SuiteQL shows dates in (the integration user's preference); UTC by
     * default.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder accountTimeZone(ZoneId zone) {
      this.accountZone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Submits orders asynchronously ({@code Prefer: respond-async}) with an {@code
     * X-NetSuite-Idempotency-Key} derived from the submission's idempotency key, so that NetSuite
     * itself refuses to run a repeated submission twice and points at the first job; the connector
     * polls the job ({@code /services/rest/async/v1/job/{id}}) every {@code pollInterval} on the
     * injected sleeper until it completes or {@code timeout} passes. Off by default (synchronous
     * upserts, which are idempotent by external id anyway).
     *
     * @param pollInterval the wait between job polls
     * @param timeout how long to wait for the job before reporting a retryable failure
     * @return this builder
     */
    public Builder asyncOrderSubmission(Duration pollInterval, Duration timeout) {
      this.asyncOrders = true;
      this.asyncPollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
      this.asyncTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Guards order submissions and return authorizations with the SDK's idempotency store: the same
     * key replays the first result.
     *
     * @param store the store, or {@code null} for none
     * @return this builder
     */
    public Builder idempotencyStore(IdempotencyStore store) {
      this.idempotencyStore = store;
      return this;
    }

    /**
     * Builds the connector.
     *
     * @return the connector
     * @throws ValidationException naming a missing setting
     */
    public NetSuiteConnector build() {
      if (baseUrl == null) {
        throw ValidationException.of(
            "NetSuiteConnector", "baseUrl", null, "is required (or set accountId)");
      }
      if (tokens == null && credentials == null) {
        throw ValidationException.of(
            "NetSuiteConnector", "credentials", null, "is required (or set tokenProvider)");
      }
      return new NetSuiteConnector(this);
    }
  }
}
