package dev.retailsync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.AuthenticationException;
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
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.BearerAuthInterceptor;
import dev.retailsync.core.http.OAuthToken;
import dev.retailsync.core.http.SafeLoggingInterceptor;
import dev.retailsync.core.http.Sleepers;
import dev.retailsync.core.http.TokenProvider;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A connector to one Salesforce org over the REST API: accounts are written by external-id upsert
 * through sObject Collections (200 records per call, one outcome per record keyed by the caller's
 * key), read by id with SOQL, and followed with a change feed over {@code SystemModstamp}. Every
 * response's {@code Sforce-Limit-Info} updates {@link #budget()}, and writes stop with a typed
 * error before the org's daily allocation reaches the configured reserve.
 *
 * <p>Thread-safe; create one per org with {@link #builder()} (or through the {@code salesforce}
 * provider) and close it when done.
 */
public final class SalesforceConnector implements Connector {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
  private static final int COLLECTION_LIMIT = 200;
  private static final DateTimeFormatter SF_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private final SystemId system;
  private final OkHttpClient http;
  private final TokenProvider tokens;
  private final HttpUrl instanceUrl;
  private final String apiVersion;
  private final Map<EntityType<?>, SObjectMapping<?>> mappings;
  private final Map<EntityType<?>, List<String>> customFields;
  private final double budgetReserve;
  private final String clientName;
  private final Duration feedOverlap;
  private final Clock clock;
  private final WriteRung rung;
  private final int bulkThreshold;
  private final Duration bulkTimeout;
  private final java.util.function.Consumer<Duration> pollSleeper;
  private final String autoAssign;
  private final String duplicateRuleHeader;
  private final int gzipAbove;
  private final AtomicReference<ApiBudget> budget = new AtomicReference<>();
  // Custom objects whose describe listed every field their mapping uses; checked once each.
  private final Set<String> described = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Which write path to use. */
  public enum WriteRung {
    /** sObject Collections below the bulk threshold, Bulk API 2.0 at or above it. */
    AUTO,
    /** Always sObject Collections (200 records per call). */
    COLLECTIONS,
    /** Always Bulk API 2.0. */
    BULK
  }

  private SalesforceConnector(Builder b) {
    this.system = b.system;
    this.tokens = Objects.requireNonNull(b.tokens, "tokenProvider");
    // Ours go first, so that the host's own interceptors (and a fake) see the final request.
    OkHttpClient.Builder hb = b.http.newBuilder();
    hb.interceptors().add(0, new BearerAuthInterceptor(tokens));
    hb.interceptors().add(0, new SafeLoggingInterceptor());
    this.http = hb.build();
    this.instanceUrl = b.instanceUrl;
    this.apiVersion = b.apiVersion;
    this.mappings = Map.copyOf(b.mappings);
    this.customFields = Map.copyOf(b.customFields);
    this.budgetReserve = b.budgetReserve;
    this.clientName = b.clientName;
    this.feedOverlap = b.feedOverlap;
    this.clock = b.clock;
    this.rung = b.rung;
    this.bulkThreshold = b.bulkThreshold;
    this.bulkTimeout = b.bulkTimeout;
    this.pollSleeper = b.pollSleeper;
    this.autoAssign = b.autoAssign;
    this.duplicateRuleHeader = b.duplicateRuleHeader;
    this.gzipAbove = b.gzipAbove;
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
    return system;
  }

  @Override
  public Set<EntityType<?>> entityTypes() {
    return mappings.keySet();
  }

  @SuppressWarnings("unchecked")
  private <T extends CanonicalEntity> SObjectMapping<T> mapping(EntityType<T> type) {
    return (SObjectMapping<T>) mappings.get(type);
  }

  /**
   * Returns the org's API budget as the last response reported it.
   *
   * @return the budget, or empty before the first call
   */
  public Optional<ApiBudget> budget() {
    return Optional.ofNullable(budget.get());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
    SObjectMapping<T> m = mapping(type);
    if (m == null) {
      return Optional.empty();
    }
    if (m instanceof OrderMapping orders) {
      // An order and its lines reference each other: one Composite request per order.
      return Optional.of(
          (RecordWriter<T>)
              RecordWriter.<Order>of(
                  COLLECTION_LIMIT, batch -> upsertOrders(orders, (List) batch)));
    }
    // Collections below the bulk threshold, one Bulk API 2.0 job above it.
    return Optional.of(
        RecordWriter.of(
            rung == WriteRung.COLLECTIONS ? COLLECTION_LIMIT : BulkIngest.MAX_RECORDS,
            batch -> upsert(m, batch)));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordReader<T>> reader(EntityType<T> type) {
    SObjectMapping<T> m = mapping(type);
    return m == null ? Optional.empty() : Optional.of(RecordReader.of(500, ids -> read(m, ids)));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<ChangeFeed<T>> changeFeed(EntityType<T> type) {
    SObjectMapping<T> m = mapping(type);
    return m == null ? Optional.empty() : Optional.of((cursor, max) -> poll(m, cursor, max));
  }

  // ---- writes ------------------------------------------------------------------------------

  private <T extends CanonicalEntity> List<WriteOutcome> upsert(
      SObjectMapping<T> m, List<WriteRequest<T>> batch) {
    checkSchema(m);
    List<WriteOutcome> outcomes = new ArrayList<>(batch.size());
    List<WriteRequest<T>> pending = new ArrayList<>();
    ArrayNode records = JSON.createArrayNode();
    Map<Integer, WriteOutcome> early = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest<T> req = batch.get(i);
      try {
        ObjectNode record = m.toSalesforce(req.entity(), req.fields());
        if (!record.hasNonNull(m.externalIdField())) {
          // Entities without a natural key of their own (a contact) upsert by the caller's key.
          record.put(m.externalIdField(), req.key());
        }
        records.add(record);
        pending.add(req);
      } catch (ValidationException e) {
        early.put(i, WriteOutcome.rejected(req.key(), "MAPPING", e.getMessage(), e.errors()));
      }
    }
    if (m instanceof PriceMapping) {
      // Salesforce does not let an entry change its price book, product or currency: send them
      // only for entries that do not exist yet.
      Set<String> existing = existingKeys(m, records);
      for (JsonNode rec : records) {
        if (existing.contains(rec.path(m.externalIdField()).asText())) {
          PriceMapping.CREATE_ONLY.forEach(((ObjectNode) rec)::remove);
        }
      }
    }
    List<WriteOutcome> sent = new ArrayList<>();
    boolean bulk =
        rung == WriteRung.BULK || (rung == WriteRung.AUTO && pending.size() >= bulkThreshold);
    if (bulk && !pending.isEmpty()) {
      sent.addAll(BulkIngest.upsert(this, m, pending, records));
    }
    for (int from = 0; !bulk && from < pending.size(); from += COLLECTION_LIMIT) {
      int to = Math.min(pending.size(), from + COLLECTION_LIMIT);
      ArrayNode chunk = JSON.createArrayNode();
      for (int i = from; i < to; i++) {
        chunk.add(records.get(i));
      }
      sent.addAll(upsertChunk(m, pending.subList(from, to), chunk));
    }
    int next = 0;
    for (int i = 0; i < batch.size(); i++) {
      WriteOutcome e = early.get(i);
      outcomes.add(e != null ? e : sent.get(next++));
    }
    return outcomes;
  }

  /** Composite allows 25 subrequests: the order's and 24 lines'. */
  private static final int COMPOSITE_LINES = 24;

  private List<WriteOutcome> upsertOrders(OrderMapping m, List<WriteRequest<Order>> batch) {
    List<WriteOutcome> outcomes = new ArrayList<>();
    Map<Integer, ObjectNode> headers = new LinkedHashMap<>();
    Set<String> skus = new LinkedHashSet<>();
    List<String> orderKeys = new ArrayList<>();
    List<String> lineKeys = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest<Order> req = batch.get(i);
      try {
        headers.put(i, m.toSalesforce(req.entity(), req.fields()));
        orderKeys.add(req.entity().orderNumber());
        for (OrderLine l : req.entity().lines()) {
          skus.add(l.sku());
          lineKeys.add(m.lineKey(req.entity(), l));
        }
      } catch (ValidationException e) {
        outcomes.add(WriteOutcome.rejected(req.key(), "MAPPING", e.getMessage(), e.errors()));
      }
      if (outcomes.size() <= i) {
        outcomes.add(null);
      }
    }
    if (headers.isEmpty()) {
      return outcomes;
    }
    // Three queries per batch, whatever its size: the orders that exist (their status is left
    // alone), the lines that exist (updated by id) and the price book entries of the SKUs.
    Set<String> existingOrders = new HashSet<>();
    for (JsonNode r :
        query(
            "SELECT Id, "
                + m.externalIdField()
                + " FROM Order WHERE "
                + m.externalIdField()
                + " IN ("
                + quoted(orderKeys)
                + ")",
            Integer.MAX_VALUE)) {
      existingOrders.add(r.path(m.externalIdField()).asText());
    }
    Map<String, String> existingLines = new HashMap<>();
    if (!lineKeys.isEmpty()) {
      for (JsonNode r :
          query(
              "SELECT Id, "
                  + m.lineExternalIdField()
                  + " FROM OrderItem WHERE "
                  + m.lineExternalIdField()
                  + " IN ("
                  + quoted(lineKeys)
                  + ")",
              Integer.MAX_VALUE)) {
        existingLines.put(r.path(m.lineExternalIdField()).asText(), r.path("Id").asText());
      }
    }
    Map<String, String> entries = new HashMap<>();
    if (!skus.isEmpty()) {
      for (JsonNode r :
          query(
              "SELECT Id, ProductCode FROM PricebookEntry WHERE Pricebook2Id = "
                  + soqlString(m.pricebookId())
                  + " AND IsActive = true AND ProductCode IN ("
                  + quoted(new ArrayList<>(skus))
                  + ")",
              Integer.MAX_VALUE)) {
        entries.put(r.path("ProductCode").asText(), r.path("Id").asText());
      }
    }
    for (Map.Entry<Integer, ObjectNode> e : headers.entrySet()) {
      WriteRequest<Order> req = batch.get(e.getKey());
      outcomes.set(
          e.getKey(),
          upsertOrder(
              m,
              req,
              e.getValue(),
              existingOrders.contains(req.entity().orderNumber()),
              existingLines,
              entries));
    }
    return outcomes;
  }

  private WriteOutcome upsertOrder(
      OrderMapping m,
      WriteRequest<Order> req,
      ObjectNode header,
      boolean exists,
      Map<String, String> existingLines,
      Map<String, String> entries) {
    Order order = req.entity();
    List<FieldError> missing = new ArrayList<>();
    for (int i = 0; i < order.lines().size(); i++) {
      OrderLine l = order.lines().get(i);
      if (!existingLines.containsKey(m.lineKey(order, l)) && !entries.containsKey(l.sku())) {
        missing.add(
            FieldError.redacted(
                "lines[" + i + "].sku",
                "has no active PricebookEntry with this ProductCode in price book "
                    + m.pricebookId()
                    + "; add the product to the price book first"));
      }
    }
    if (!missing.isEmpty()) {
      return WriteOutcome.rejected(
          req.key(), "MAPPING", "Order lines without a price book entry", missing);
    }
    String base = "/services/data/" + apiVersion + "/sobjects/";
    String orderNumber = order.orderNumber();
    header.remove("attributes");
    header.remove(m.externalIdField());
    if (!exists) {
      header.put("Status", "Draft");
    }
    String orderId = null;
    boolean created = false;
    List<OrderLine> lines = order.lines();
    int from = 0;
    do {
      int start = from;
      ArrayNode subrequests = JSON.createArrayNode();
      if (orderId == null) {
        ObjectNode sub = subrequests.addObject();
        sub.put("method", "PATCH");
        sub.put("url", base + "Order/" + m.externalIdField() + "/" + urlSegment(orderNumber));
        sub.put("referenceId", "order");
        sub.set("body", header);
      }
      int to = Math.min(lines.size(), from + COMPOSITE_LINES);
      for (int i = from; i < to; i++) {
        OrderLine l = lines.get(i);
        String lineKey = m.lineKey(order, l);
        ObjectNode body = m.lineBody(order, l);
        ObjectNode sub = subrequests.addObject();
        String lineId = existingLines.get(lineKey);
        if (lineId != null) {
          sub.put("method", "PATCH");
          sub.put("url", base + "OrderItem/" + lineId);
        } else {
          sub.put("method", "POST");
          sub.put("url", base + "OrderItem");
          body.put("OrderId", orderId == null ? "@{order.id}" : orderId);
          body.put("PricebookEntryId", entries.get(l.sku()));
          body.put(m.lineExternalIdField(), lineKey);
        }
        sub.put("referenceId", "line" + l.lineNumber());
        sub.set("body", body);
      }
      from = to;
      ObjectNode request = JSON.createObjectNode();
      request.put("allOrNone", true);
      request.put("collateSubrequests", false);
      request.set("compositeRequest", subrequests);
      guardBudget("composite order upsert");
      Request.Builder rb = request(api().addPathSegment("composite").build());
      JsonNode response =
          call(
              "composite order upsert",
              rb.post(body(rb, request.toString(), APPLICATION_JSON)).build(),
              true);
      JsonNode failure = null;
      for (JsonNode r : response.path("compositeResponse")) {
        if (r.path("httpStatusCode").asInt(500) >= 300) {
          JsonNode err = r.path("body").path(0);
          if (failure == null || "PROCESSING_HALTED".equals(failure.path("errorCode").asText())) {
            failure = err;
          }
        } else if ("order".equals(r.path("referenceId").asText())) {
          orderId = r.path("body").path("id").asText(null);
          created = r.path("body").path("created").asBoolean(false);
        }
      }
      if (failure != null) {
        String code = failure.path("errorCode").asText("UNKNOWN");
        String message = failure.path("message").asText("Salesforce rejected the order");
        List<FieldError> fields = new ArrayList<>();
        for (JsonNode f : failure.path("fields")) {
          fields.add(FieldError.redacted(f.asText(), message));
        }
        String partial =
            start > 0
                ? " (the order and the lines before line "
                    + lines.get(start).lineNumber()
                    + " were written by an earlier request)"
                : "";
        return SalesforceErrors.classify(code, message) == SalesforceErrors.Kind.TRANSIENT
            ? WriteOutcome.retryable(req.key(), code, message + partial, null)
            : WriteOutcome.rejected(req.key(), code, message + partial, fields);
      }
    } while (from < lines.size());
    ExternalId id = ExternalId.of(system, orderId);
    return created
        ? WriteOutcome.created(req.key(), id, null)
        : WriteOutcome.updated(req.key(), id, null);
  }

  /** The external ids among the records that exist in the org, 200 per query. */
  private Set<String> existingKeys(SObjectMapping<?> m, ArrayNode records) {
    Set<String> out = new HashSet<>();
    List<String> keys = new ArrayList<>();
    records.forEach(r -> keys.add(r.path(m.externalIdField()).asText()));
    for (int from = 0; from < keys.size(); from += COLLECTION_LIMIT) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + COLLECTION_LIMIT));
      for (JsonNode r :
          query(
              "SELECT Id, "
                  + m.externalIdField()
                  + " FROM "
                  + m.sobject()
                  + " WHERE "
                  + m.externalIdField()
                  + " IN ("
                  + quoted(chunk)
                  + ")",
              Integer.MAX_VALUE)) {
        out.add(r.path(m.externalIdField()).asText());
      }
    }
    return out;
  }

  private static String quoted(List<String> values) {
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(soqlString(v));
    }
    return String.join(", ", out);
  }

  private static String urlSegment(String value) {
    return HttpUrl.get("https://x/")
        .newBuilder()
        .addPathSegment(value)
        .build()
        .encodedPath()
        .substring(1);
  }

  private <T extends CanonicalEntity> List<WriteOutcome> upsertChunk(
      SObjectMapping<T> m, List<WriteRequest<T>> reqs, ArrayNode records) {
    guardBudget("upsert");
    ObjectNode body = JSON.createObjectNode();
    body.put("allOrNone", false);
    body.set("records", records);
    HttpUrl url =
        api()
            .addPathSegments("composite/sobjects/" + m.sobject())
            .addPathSegment(m.externalIdField())
            .build();
    Request.Builder rb = request(url);
    JsonNode results =
        call("upsert", rb.patch(body(rb, body.toString(), APPLICATION_JSON)).build(), true);
    List<WriteOutcome> out = new ArrayList<>(reqs.size());
    for (int i = 0; i < reqs.size(); i++) {
      String key = reqs.get(i).key();
      JsonNode r = results.path(i);
      if (r.path("success").asBoolean(false)) {
        ExternalId id = ExternalId.of(system, r.path("id").asText());
        out.add(
            r.path("created").asBoolean(false)
                ? WriteOutcome.created(key, id, null)
                : WriteOutcome.updated(key, id, null));
        continue;
      }
      JsonNode err = r.path("errors").path(0);
      String code = err.path("statusCode").asText("UNKNOWN");
      String message = err.path("message").asText("Salesforce rejected the record");
      List<FieldError> fields = new ArrayList<>();
      for (JsonNode f : err.path("fields")) {
        fields.add(FieldError.redacted(f.asText(), message));
      }
      out.add(
          SalesforceErrors.classify(code, message) == SalesforceErrors.Kind.TRANSIENT
              ? WriteOutcome.retryable(key, code, message, null)
              : WriteOutcome.rejected(key, code, message, fields));
    }
    return out;
  }

  private void guardBudget(String operation) {
    ApiBudget b = budget.get();
    if (b != null && b.fractionUsed() >= 1 - budgetReserve) {
      throw new RateLimitException(
          "Salesforce org has used "
              + b.used()
              + " of its "
              + b.max()
              + " daily API calls; "
              + Math.round(budgetReserve * 100)
              + "% is kept in reserve for the org's other integrations, so "
              + operation
              + " stops until the rolling 24-hour window frees calls",
          null,
          ErrorContext.of(system, operation),
          false);
    }
  }

  /**
   * Checks a custom object ({@code __c}) against the org's describe before its mapping is first
   * used: the object must exist, carry every field the mapping writes or reads, and its upsert key
   * must be an External ID field. A mistake in the org's set-up or the mapping then fails with
   * every name to fix, once, instead of as one rejection per record; a success is remembered for
   * the connector's life. Standard objects are not described (their fields are the platform's).
   *
   * @throws ValidationException naming each missing or unsuitable field
   */
  private void checkSchema(SObjectMapping<?> m) {
    String sobject = m.sobject();
    if (!sobject.endsWith("__c") || described.contains(sobject)) {
      return;
    }
    HttpUrl url = api().addPathSegments("sobjects/" + sobject + "/describe").build();
    JsonNode describe;
    try {
      describe = call("describe", request(url).get().build(), true);
    } catch (RemoteSystemException e) {
      if (e.httpStatus() == 404) {
        throw new ValidationException(
            "Salesforce " + sobject,
            List.of(
                FieldError.redacted(
                    sobject,
                    "the org has no such object (describe answered 404 "
                        + e.errorCode().orElse("")
                        + "); create the custom object or map the entity to another one")),
            ErrorContext.of(system, "describe"));
      }
      throw e;
    }
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode f : describe.path("fields")) {
      byName.put(f.path("name").asText().toLowerCase(java.util.Locale.ROOT), f);
    }
    Set<String> needed = new LinkedHashSet<>();
    needed.add(m.externalIdField());
    if (m instanceof InvoiceMapping invoices) {
      needed.addAll(invoices.requiredObjectFields());
    }
    for (String f : m.selectFields()) {
      if (!f.contains(".")) {
        needed.add(f);
      }
    }
    for (String f : customFields.getOrDefault(m.entityType(), List.of())) {
      needed.add(f);
    }
    List<FieldError> errors = new ArrayList<>();
    for (String f : needed) {
      JsonNode field = byName.get(f.toLowerCase(java.util.Locale.ROOT));
      if (field == null) {
        errors.add(
            FieldError.redacted(
                sobject + "." + f,
                "the object has no such field (describe); create it or map the canonical field"
                    + " elsewhere"));
      } else if (f.equals(m.externalIdField()) && !field.path("externalId").asBoolean(false)) {
        errors.add(
            FieldError.redacted(
                sobject + "." + f,
                "is not an External ID field, so records cannot be upserted by it; mark it"
                    + " External ID and Unique in Setup"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(
          "Salesforce " + sobject, errors, ErrorContext.of(system, "describe"));
    }
    described.add(sobject);
  }

  // ---- reads and feed ----------------------------------------------------------------------

  private String select(SObjectMapping<?> m) {
    Set<String> fields = new LinkedHashSet<>(m.selectFields());
    fields.addAll(customFields.getOrDefault(m.entityType(), List.of()));
    return String.join(", ", fields);
  }

  private <T extends CanonicalEntity> List<RemoteRecord<T>> read(
      SObjectMapping<T> m, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    checkSchema(m);
    List<String> quoted = new ArrayList<>();
    for (String id : ids) {
      quoted.add(soqlString(id));
    }
    String soql =
        "SELECT "
            + select(m)
            + " FROM "
            + m.sobject()
            + " WHERE Id IN ("
            + String.join(", ", quoted)
            + ")";
    List<RemoteRecord<T>> out = new ArrayList<>();
    for (JsonNode r : query(soql, Integer.MAX_VALUE)) {
      out.add(
          new RemoteRecord<>(
              ExternalId.of(system, r.path("Id").asText()),
              m.fromSalesforce(r),
              r.path("SystemModstamp").asText(null),
              instant(r.path("SystemModstamp").asText(null))));
    }
    return out;
  }

  /**
   * The change feed over {@code SystemModstamp}: each poll asks for records modified at or after
   * the last stamp seen minus an overlap (commits become visible slightly out of stamp order),
   * ordered by stamp and id, and drops those the cursor says were already delivered.
   */
  private <T extends CanonicalEntity> ChangePage<T> poll(
      SObjectMapping<T> m, Cursor cursor, int maxChanges) {
    FeedCursor c = FeedCursor.parse(cursor, m.sobject());
    checkSchema(m);
    Instant since = c.lastStamp == null ? Instant.EPOCH : c.lastStamp.minus(feedOverlap);
    int limit = maxChanges + c.seen.size() + 1;
    String soql =
        "SELECT "
            + select(m)
            + " FROM "
            + m.sobject()
            + " WHERE SystemModstamp >= "
            + DateTimeFormatter.ISO_INSTANT.format(since)
            + (m.feedFilter() == null ? "" : " AND " + m.feedFilter())
            + " ORDER BY SystemModstamp, Id LIMIT "
            + limit;
    List<JsonNode> rows = query(soql, limit);
    List<Change<T>> changes = new ArrayList<>();
    FeedCursor next = c;
    for (JsonNode r : rows) {
      if (changes.size() == maxChanges) {
        break;
      }
      String id = r.path("Id").asText();
      String stamp = r.path("SystemModstamp").asText();
      if (c.seen.contains(id + "@" + stamp)) {
        continue;
      }
      Instant at = instant(stamp);
      T entity = m.fromSalesforce(r);
      changes.add(
          Change.builder(m.entityType())
              .type(
                  stamp.equals(r.path("CreatedDate").asText(null))
                      ? ChangeType.CREATED
                      : ChangeType.UPDATED)
              .source(ExternalId.of(system, id))
              .entity(entity)
              .changedFields(m.mappedFields(entity))
              .sourceTimestamp(at)
              .sourceVersion(stamp)
              .correlationId(CorrelationId.of(system + ":" + id + ":" + at.toEpochMilli()))
              .build());
      next = next.after(id, stamp, at, feedOverlap);
    }
    boolean hasMore = rows.size() >= limit || changes.size() == maxChanges;
    if (!hasMore) {
      next = deletions(m, next, maxChanges - changes.size(), changes);
      hasMore = changes.size() == maxChanges;
    }
    return new ChangePage<>(changes, next.toCursor(m.sobject()), hasMore);
  }

  /**
   * Appends the records deleted since the cursor's deletion checkpoint ({@code getDeleted}), as
   * DELETED changes. The first poll of a feed only sets the checkpoint: records deleted before the
   * feed started never reach its initial load. A checkpoint older than the org keeps deletions
   * ({@code earliestDateAvailable}) is logged: a full reconciliation is then needed.
   */
  private <T extends CanonicalEntity> FeedCursor deletions(
      SObjectMapping<T> m, FeedCursor c, int room, List<Change<T>> out) {
    Instant end = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    if (c.deletedUntil == null) {
      return c.withDeletedUntil(end);
    }
    if (room <= 0 || !c.deletedUntil.isBefore(end)) {
      return c;
    }
    HttpUrl url =
        api()
            .addPathSegments("sobjects/" + m.sobject() + "/deleted/")
            .addQueryParameter(
                "start",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    c.deletedUntil.atOffset(ZoneOffset.UTC)))
            .addQueryParameter(
                "end", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(end.atOffset(ZoneOffset.UTC)))
            .build();
    JsonNode body = call("getDeleted", request(url).get().build(), true);
    Instant earliest = instant(body.path("earliestDateAvailable").asText(null));
    if (earliest != null && earliest.isAfter(c.deletedUntil)) {
      org.slf4j.LoggerFactory.getLogger(SalesforceConnector.class)
          .warn(
              "Salesforce purged {} deletions before {}; the feed checkpoint was {}: run a full"
                  + " reconciliation to find records deleted in between",
              m.sobject(),
              earliest,
              c.deletedUntil);
    }
    List<JsonNode> deleted = new ArrayList<>();
    body.path("deletedRecords").forEach(deleted::add);
    deleted.sort(
        java.util.Comparator.comparing((JsonNode d) -> d.path("deletedDate").asText())
            .thenComparing(d -> d.path("id").asText()));
    Instant covered = instant(body.path("latestDateCovered").asText(null));
    Instant until = covered == null ? end : covered;
    for (int i = 0; i < deleted.size(); i++) {
      JsonNode d = deleted.get(i);
      Instant at = instant(d.path("deletedDate").asText());
      if (i == room) {
        // No room left: resume from this deletion's time next poll (repeats are deduplicated).
        until = at;
        break;
      }
      String id = d.path("id").asText();
      out.add(
          Change.builder(m.entityType())
              .type(ChangeType.DELETED)
              .source(ExternalId.of(system, id))
              .sourceTimestamp(at)
              .sourceVersion("deleted@" + d.path("deletedDate").asText())
              .correlationId(CorrelationId.of(system + ":" + id + ":deleted"))
              .build());
    }
    return c.withDeletedUntil(until);
  }

  private List<JsonNode> query(String soql, int max) {
    HttpUrl url = api().addPathSegment("query").addQueryParameter("q", soql).build();
    List<JsonNode> rows = new ArrayList<>();
    JsonNode page = call("query", request(url).get().build(), true);
    while (true) {
      for (JsonNode r : page.path("records")) {
        rows.add(r);
      }
      if (page.path("done").asBoolean(true) || rows.size() >= max) {
        return rows;
      }
      HttpUrl nextUrl = instanceUrl.resolve(page.path("nextRecordsUrl").asText());
      page = call("query", request(nextUrl).get().build(), true);
    }
  }

  // ---- HTTP --------------------------------------------------------------------------------

  private HttpUrl.Builder api() {
    return instanceUrl.newBuilder().addPathSegments("services/data/" + apiVersion);
  }

  private Request.Builder request(HttpUrl url) {
    Request.Builder b = new Request.Builder().url(url).header("Accept", "application/json");
    if (clientName != null) {
      b.header("Sforce-Call-Options", "client=" + clientName);
    }
    if (autoAssign != null) {
      b.header("Sforce-Auto-Assign", autoAssign);
    }
    if (duplicateRuleHeader != null) {
      b.header("Sforce-Duplicate-Rule-Header", duplicateRuleHeader);
    }
    return b;
  }

  /** A request body, gzip-compressed (with {@code Content-Encoding: gzip}) above the threshold. */
  RequestBody body(Request.Builder request, String content, MediaType type) {
    byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (gzipAbove < 0 || bytes.length <= gzipAbove) {
      return RequestBody.create(bytes, type);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length / 4);
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    request.header("Content-Encoding", "gzip");
    return RequestBody.create(out.toByteArray(), type);
  }

  private JsonNode call(String operation, Request request, boolean idempotent) {
    String text = exchange(operation, request, idempotent);
    try {
      return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      throw new RemoteSystemException(
          "Salesforce answered " + operation + " with a body that is not JSON",
          200,
          null,
          e,
          ErrorContext.of(system, operation),
          idempotent);
    }
  }

  /** Sends a request; returns the body of a 2xx answer, throws a typed error for any other. */
  private String exchange(String operation, Request request, boolean idempotent) {
    ErrorContext ctx = ErrorContext.of(system, operation);
    try (Response response = http.newCall(request).execute()) {
      ApiBudget.parse(response.header("Sforce-Limit-Info"), clock.instant()).ifPresent(budget::set);
      ResponseBody b = response.body();
      String text = b == null ? "" : b.string();
      if (response.isSuccessful()) {
        return text;
      }
      String code = null;
      String message = "HTTP " + response.code();
      try {
        JsonNode err = JSON.readTree(text);
        JsonNode first = err.isArray() ? err.path(0) : err;
        code = first.path("errorCode").asText(null);
        message = first.path("message").asText(message);
      } catch (IOException notJson) {
        // an HTML page from Salesforce Edge or maintenance: classified by status below
      }
      switch (SalesforceErrors.classify(code, message)) {
        case AUTHENTICATION:
          throw new AuthenticationException(
              "Salesforce refused the session twice for "
                  + tokenIdentity()
                  + " ("
                  + code
                  + "); check the integration user, its permissions and the app's policies",
              null,
              ctx);
        case DAILY_LIMIT:
          throw new RateLimitException(
              "Salesforce daily API allocation exhausted: " + message, null, ctx, false);
        case CONCURRENCY_LIMIT:
          throw new RateLimitException(
              "Salesforce concurrency limit reached: " + message, Duration.ofSeconds(5), ctx, true);
        case TRANSIENT:
          throw new RemoteSystemException(message, response.code(), code, null, ctx, idempotent);
        default:
          throw new RemoteSystemException(
              "Salesforce answered HTTP " + response.code() + " " + code + ": " + message,
              response.code(),
              code,
              null,
              ctx,
              code == null && SalesforceErrors.transientStatus(response.code()) && idempotent);
      }
    } catch (IOException e) {
      throw new RemoteSystemException(
          "Salesforce call failed: " + e.getMessage(), 0, null, e, ctx, idempotent);
    }
  }

  private String tokenIdentity() {
    try {
      OAuthToken t = tokens.token();
      return "org/user " + t.attribute("id").orElse(instanceUrl.host());
    } catch (RuntimeException e) {
      return instanceUrl.host();
    }
  }

  // Package-private access for BulkIngest.
  HttpUrl.Builder apiUrl() {
    return api();
  }

  Request.Builder newRequest(HttpUrl url) {
    return request(url);
  }

  String send(String operation, Request request) {
    return exchange(operation, request, true);
  }

  JsonNode sendJson(String operation, Request request) {
    return call(operation, request, true);
  }

  void checkBudget(String operation) {
    guardBudget(operation);
  }

  Clock clock() {
    return clock;
  }

  Duration bulkTimeout() {
    return bulkTimeout;
  }

  void pause(Duration d) {
    pollSleeper.accept(d);
  }

  private static String soqlString(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static Instant instant(String stamp) {
    return stamp == null ? null : SF_DATETIME.parse(stamp, Instant::from);
  }

  @Override
  public String toString() {
    return "SalesforceConnector[" + system + " " + instanceUrl.host() + "]";
  }

  /** The feed's position: the last stamp delivered and the records delivered within the overlap. */
  private record FeedCursor(Instant lastStamp, Set<String> seen, Instant deletedUntil) {
    static FeedCursor parse(Cursor c, String sobject) {
      if (c.isBeginning()) {
        return new FeedCursor(null, Set.of(), null);
      }
      String[] parts = c.value().split("\\|", -1);
      if (parts.length != 4 || !parts[0].equals("sf1:" + sobject)) {
        throw ValidationException.of(
            "Cursor", "value", c.value(), "is not a cursor of the Salesforce " + sobject + " feed");
      }
      Set<String> seen = new java.util.LinkedHashSet<>();
      for (String s : parts[2].split(",")) {
        if (!s.isEmpty()) {
          seen.add(s);
        }
      }
      return new FeedCursor(
          parts[1].isEmpty() ? null : Instant.parse(parts[1]),
          seen,
          parts[3].isEmpty() ? null : Instant.parse(parts[3]));
    }

    FeedCursor after(String id, String stamp, Instant at, Duration overlap) {
      Set<String> kept = new java.util.LinkedHashSet<>();
      Instant floor = at.minus(overlap);
      for (String s : seen) {
        Instant t = instant(s.substring(s.indexOf('@') + 1));
        if (!t.isBefore(floor)) {
          kept.add(s);
        }
      }
      kept.add(id + "@" + stamp);
      return new FeedCursor(
          lastStamp == null || at.isAfter(lastStamp) ? at : lastStamp, kept, deletedUntil);
    }

    FeedCursor withDeletedUntil(Instant until) {
      return new FeedCursor(lastStamp, seen, until);
    }

    Cursor toCursor(String sobject) {
      if (lastStamp == null && deletedUntil == null) {
        return Cursor.beginning();
      }
      return Cursor.of(
          "sf1:"
              + sobject
              + "|"
              + (lastStamp == null ? "" : lastStamp.toString())
              + "|"
              + String.join(",", seen)
              + "|"
              + (deletedUntil == null ? "" : deletedUntil.toString()));
    }
  }

  /** Builds a {@link SalesforceConnector}. Not thread-safe. */
  public static final class Builder {
    private SystemId system = SystemId.SALESFORCE;
    private OkHttpClient http = new OkHttpClient();
    private TokenProvider tokens;
    private HttpUrl instanceUrl;
    private String apiVersion = "v66.0";
    private final Map<EntityType<?>, SObjectMapping<?>> mappings = new LinkedHashMap<>();
    private final Map<EntityType<?>, List<String>> customFields = new LinkedHashMap<>();

    {
      mapping(AccountMapping.withExternalId("ERP_Customer_Id__c"));
      mapping(CaseMapping.withExternalId("External_Case_Id__c"));
      mapping(ProductMapping.withExternalId("ERP_Product_Id__c"));
      mapping(ContactMapping.withExternalId("ERP_Contact_Id__c", "ERP_Customer_Id__c"));
    }

    private double budgetReserve = 0.2;
    private String clientName;
    private Duration feedOverlap = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();
    private WriteRung rung = WriteRung.AUTO;
    private int bulkThreshold = 2000;
    private Duration bulkTimeout = Duration.ofMinutes(30);
    private java.util.function.Consumer<Duration> pollSleeper =
        Sleepers.blocking("waiting for a bulk job");
    private String autoAssign;
    private String duplicateRuleHeader;
    private int gzipAbove = 64 * 1024;

    private Builder() {}

    /**
     * Sends {@code Sforce-Auto-Assign} with every call: {@code FALSE} to skip assignment rules on
     * Account and Case writes, {@code TRUE}, or an assignment rule id.
     *
     * @param value the header value, or {@code null} for Salesforce's default
     * @return this builder
     */
    public Builder autoAssign(String value) {
      this.autoAssign = value;
      return this;
    }

    /**
     * Sends {@code Sforce-Duplicate-Rule-Header} with every call, such as {@code allowSave=true;
     * includeRecordDetails=false; runAsCurrentUser=true}.
     *
     * @param value the header value, or {@code null} for none
     * @return this builder
     */
    public Builder duplicateRules(String value) {
      this.duplicateRuleHeader = value;
      return this;
    }

    /**
     * Gzips request bodies larger than this many bytes (64 KiB by default); -1 never compresses.
     *
     * @param bytes the threshold
     * @return this builder
     */
    public Builder gzipRequestsAbove(int bytes) {
      this.gzipAbove = bytes;
      return this;
    }

    /**
     * Forces a write path; {@link WriteRung#AUTO} by default.
     *
     * @param rung the path
     * @return this builder
     */
    public Builder writeRung(WriteRung rung) {
      this.rung = Objects.requireNonNull(rung, "rung");
      return this;
    }

    /**
     * Sets from how many records a batch goes through Bulk API 2.0; 2,000 by default (Salesforce's
     * own guidance).
     *
     * @param records the threshold, at least 1
     * @return this builder
     */
    public Builder bulkThreshold(int records) {
      if (records < 1) {
        throw ValidationException.of(
            "SalesforceConnector", "bulkThreshold", records, "must be 1 or more");
      }
      this.bulkThreshold = records;
      return this;
    }

    /**
     * Sets how long to wait for a bulk job before reporting its records as retryable with an
     * unknown outcome; 30 minutes by default.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder bulkTimeout(Duration timeout) {
      this.bulkTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Sets how the connector waits between bulk job polls (tests pass one that advances a fake
     * clock); the calling thread sleeps by default.
     *
     * @param sleeper waits for the given time
     * @return this builder
     */
    public Builder pollSleeper(java.util.function.Consumer<Duration> sleeper) {
      this.pollSleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the system id the connector reports; {@code salesforce} by default.
     *
     * @param system the id
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Sets the HTTP client (proxies, TLS, pools are the host's); the connector adds its own
     * interceptors to a derived client.
     *
     * @param http the client
     * @return this builder
     */
    public Builder http(OkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Sets where access tokens come from; required.
     *
     * @param tokens the token provider
     * @return this builder
     */
    public Builder tokenProvider(TokenProvider tokens) {
      this.tokens = tokens;
      return this;
    }

    /**
     * Sets the org's instance URL (its My Domain); required.
     *
     * @param instanceUrl such as {@code https://acme.my.salesforce.com}
     * @return this builder
     */
    public Builder instanceUrl(String instanceUrl) {
      this.instanceUrl = HttpUrl.get(instanceUrl);
      return this;
    }

    /**
     * Sets the REST API version; {@code v66.0} by default.
     *
     * @param version such as {@code v66.0}
     * @return this builder
     */
    public Builder apiVersion(String version) {
      if (version == null || !version.matches("v\\d+\\.\\d")) {
        throw ValidationException.of(
            "SalesforceConnector", "apiVersion", version, "must look like v66.0");
      }
      this.apiVersion = version;
      return this;
    }

    /**
     * Sets the account mapping; by default upsert by {@code ERP_Customer_Id__c}.
     *
     * @param mapping the mapping
     * @return this builder
     */
    public Builder accounts(AccountMapping mapping) {
      return mapping(mapping);
    }

    /**
     * Adds a mapping, replacing the one for the same entity type (defaults: Account by {@code
     * ERP_Customer_Id__c}, ServiceCase to Case by {@code External_Case_Id__c}, Product to Product2
     * by {@code ERP_Product_Id__c}, Contact by {@code ERP_Contact_Id__c}). Consumers as person
     * accounts need {@link PersonAccountMapping}, which is not a default because only orgs with
     * person accounts enabled can use it.
     *
     * @param mapping the mapping
     * @return this builder
     */
    public Builder mapping(SObjectMapping<?> mapping) {
      mappings.put(Objects.requireNonNull(mapping, "mapping").entityType(), mapping);
      return this;
    }

    /**
     * Reads these custom fields too, so they reach the entity's extensions under the same names.
     * The default mappings write every {@code __c} extension an entity carries; reads and the
     * change feed select only the fields they are told about, since SOQL has no "all fields" for
     * large result sets.
     *
     * @param type the entity type
     * @param fields the API names, such as {@code Loyalty_Tier__c}
     * @return this builder
     * @throws ValidationException when a name is not a Salesforce field name
     */
    public Builder customFields(EntityType<?> type, String... fields) {
      List<String> list = new ArrayList<>(customFields.getOrDefault(type, List.of()));
      for (String f : fields) {
        if (f == null || !f.matches("[A-Za-z][A-Za-z0-9_.]*")) {
          throw ValidationException.of(
              "SalesforceConnector", "customFields", f, "must be a Salesforce field name");
        }
        list.add(f);
      }
      customFields.put(Objects.requireNonNull(type, "type"), List.copyOf(list));
      return this;
    }

    /**
     * Sets the share of the org's daily API allocation kept for its other integrations; writes stop
     * once the rest is used. 0.2 (stop at 80%) by default.
     *
     * @param reserve between 0 and 1
     * @return this builder
     */
    public Builder budgetReserve(double reserve) {
      if (!(reserve >= 0 && reserve < 1)) {
        throw ValidationException.of(
            "SalesforceConnector", "budgetReserve", reserve, "must be in [0, 1)");
      }
      this.budgetReserve = reserve;
      return this;
    }

    /**
     * Tags every call with {@code Sforce-Call-Options: client=<name>}.
     *
     * @param name the client name, or {@code null} for none
     * @return this builder
     */
    public Builder clientName(String name) {
      this.clientName = name;
      return this;
    }

    /**
     * Sets how far back each feed poll looks before the last stamp seen; 1 minute by default.
     *
     * @param overlap the overlap
     * @return this builder
     */
    public Builder feedOverlap(Duration overlap) {
      this.feedOverlap = Objects.requireNonNull(overlap, "overlap");
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
     * Builds the connector.
     *
     * @return the connector
     * @throws ValidationException naming a missing setting
     */
    public SalesforceConnector build() {
      if (tokens == null) {
        throw ValidationException.of("SalesforceConnector", "tokenProvider", null, "is required");
      }
      if (instanceUrl == null) {
        throw ValidationException.of("SalesforceConnector", "instanceUrl", null, "is required");
      }
      return new SalesforceConnector(this);
    }
  }
}
