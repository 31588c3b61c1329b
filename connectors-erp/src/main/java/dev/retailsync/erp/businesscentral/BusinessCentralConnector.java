package dev.retailsync.erp.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.ReturnRequest;
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
import dev.retailsync.api.spi.SubmissionResult;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.BearerAuthInterceptor;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.core.http.RetryAfter;
import dev.retailsync.core.http.SafeLoggingInterceptor;
import dev.retailsync.core.http.Sleepers;
import dev.retailsync.core.http.TokenProvider;
import dev.retailsync.core.idempotency.IdempotencyKeys;
import dev.retailsync.core.state.Claim;
import dev.retailsync.core.state.IdempotencyRecord;
import dev.retailsync.core.state.IdempotencyStore;
import dev.retailsync.core.state.InMemoryIdempotencyStore;
import dev.retailsync.erp.CredentialExpiry;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import dev.retailsync.erp.TenantGate;
import dev.retailsync.erp.VersionToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connector to one Business Central company over API v2.0 (OData v4, JSON).
 *
 * <p><b>Wire.</b> Every call goes to {@code {apiUrl}/companies({companyId})/...}, where {@code
 * apiUrl} defaults to {@code
 * https://api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}/api/v2.0}, with an Entra ID
 * client-credentials token from {@code
 * https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token} (scope {@code
 * https://api.businesscentral.dynamics.com/.default}); both URLs are configurable. Customers
 * ({@link CustomerMapping}) and items ({@link ItemMapping}) are upserted in {@code $batch} calls of
 * up to 100 operations: one call looks the batch up by number, one call creates the new records
 * ({@code POST}) and updates the changed fields of the others ({@code PATCH} with {@code
 * If-Match}); records whose fields already hold the values are reported {@code UNCHANGED} without a
 * call. Sales orders ({@link SalesOrderMapping}) are created with their lines in one deep insert;
 * posted shipments and invoices are read and followed; credit memos back {@link
 * ReturnAuthorization}.
 *
 * <p><b>Order lines on update.</b> An update of an order Business Central already has (when the
 * request writes all fields or {@code lines}) reconciles its lines with the ones read ({@code
 * $expand=salesOrderLines}): a wanted line without a match is added ({@code POST
 * salesOrders({id})/salesOrderLines}), a matched line whose {@code quantity}, {@code unitPrice} or
 * {@code description} differs is changed ({@code PATCH salesOrderLines({lineId})} with the line's
 * own {@code @odata.etag} as {@code If-Match}), a line no longer wanted is removed ({@code DELETE},
 * also with its tag). The line key is the item and its occurrence: the n-th wanted line of SKU A is
 * the n-th item line of SKU A in {@code sequence} order (Business Central does not keep our line
 * numbers, and its sequence numbers shift with every insertion); comment and other non-item lines
 * are left alone. The header {@code PATCH}, the line operations and a final read of the order go in
 * one {@code $batch} with {@code Isolation: snapshot}, so a failing line (a stale line tag is a
 * {@code 409} conflict naming {@code lines[i]} and carrying the order's current tag) rolls the
 * header back with it. Lines change only while the order is {@code Draft} (the API's name for
 * Business Central's internal Open; see {@link SalesOrderMapping#withLineEditableStatuses}) and
 * never below or away from a shipped quantity: an update that would change the lines of a released,
 * in-review or shipped order is rejected before anything is sent, naming {@code lines}.
 *
 * <p><b>Versions.</b> {@code @odata.etag} is every record's version token ({@link
 * VersionToken#etag}) and is sent as {@code If-Match} on every update: the caller's {@link
 * WriteRequest#expectedVersion()} when it gives one (compare-and-set), otherwise the tag just read.
 * A stale tag ({@code 409 Request_EntityChanged}) is a non-retryable conflict carrying the record's
 * current tag, read right after; a missing one ({@code 400 BadRequest_InvalidToken}) is a
 * validation error naming {@code If-Match}, never a conflict.
 *
 * <p><b>Idempotent creates.</b> Customers and items: guaranteed, since {@code number} is the
 * record's primary key in Business Central; a create that loses a race ({@code
 * Internal_EntityWithSameKeyExists}) is retryable and the retry updates the record the other writer
 * created. Sales orders and credit memos: {@code externalDocumentNumber} is not unique in Business
 * Central, so each create is looked up by it first (orders also among posted invoices, since a
 * fully invoiced order is removed) and claimed in the SDK's {@link IdempotencyStore} under the
 * request's idempotency key (or one derived from the order number): a retry after a timeout finds
 * the order the first attempt created, and two workers sharing the store never both create it.
 * Guaranteed for writers that share the store; best effort against other systems that create orders
 * with the same external document number between our look-up and our create.
 *
 * <p><b>Limits.</b> Business Central processes 5 requests at once per user (service principals
 * included), queues 95 and answers 429 beyond; a request queued too long gets 503. All connectors
 * of one principal in the process share one {@link TenantGate} (5 permits by default), so the limit
 * is kept by waiting. A 429 is retried with exponential back-off and jitter (Business Central
 * documents {@code Retry-After} only for 502 and 503) and any {@code Retry-After} present is
 * honoured; a 503 is retried the same way. Neither was processed, so creates are retried too; a
 * timeout or 502/504 on a create is not retried here (its fate is unknown) and is reported
 * retryable, for the look-up above to settle. Waits go through the injected sleeper.
 *
 * <p>Thread-safe; create one per company with {@link #builder()} (or through the {@code
 * business-central} provider), reuse it, and close it when done.
 */
public final class BusinessCentralConnector implements Connector {
  private static final Logger LOG = LoggerFactory.getLogger(BusinessCentralConnector.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
  private static final int MAX_BATCH = 100;
  private static final int KEYS_PER_FILTER = 25;
  private static final int MAX_PAGE = 20_000;
  private static final java.util.regex.Pattern GUID =
      java.util.regex.Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** The default Entra ID scope for Business Central. */
  public static final String DEFAULT_SCOPE = "https://api.businesscentral.dynamics.com/.default";

  private final SystemId system;
  private final OkHttpClient http;
  private final HttpUrl apiUrl;
  private final String companyIdSetting;
  private final String companyName;
  private final AtomicReference<String> companyId = new AtomicReference<>();
  private final BcMappingContext context;
  private final Map<EntityType<?>, BcMapping<?>> mappings;
  private final Clock clock;
  private final Consumer<Duration> sleeper;
  private final Random random;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final TenantGate gate;
  private final Duration feedOverlap;
  private final IdempotencyStore idempotency;
  private final Duration idempotencyLease;
  private final Duration idempotencyRetention;
  private final int batchSize;
  private final boolean atomicBatches;
  private final CredentialExpiry secretExpiry;

  private BusinessCentralConnector(Builder b, TokenProvider tokens) {
    this.system = b.system;
    OkHttpClient.Builder hb = b.http.newBuilder();
    // Ours go first, so that the host's own interceptors (and a fake) see the final request.
    hb.interceptors().add(0, new BearerAuthInterceptor(tokens));
    hb.interceptors().add(0, new SafeLoggingInterceptor());
    this.http = hb.build();
    this.apiUrl = b.apiUrl;
    this.companyIdSetting = b.companyId;
    this.companyName = b.companyName;
    this.context = new BcMappingContext(b.localCurrency);
    this.mappings = Map.copyOf(b.mappings);
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.gate =
        b.gate != null
            ? b.gate
            : TenantGate.shared(
                "business-central",
                b.apiUrl.host() + b.apiUrl.encodedPath() + "#" + b.principal,
                b.concurrency);
    this.feedOverlap = b.feedOverlap;
    this.idempotency = b.idempotency != null ? b.idempotency : new InMemoryIdempotencyStore(clock);
    this.idempotencyLease = b.idempotencyLease;
    this.idempotencyRetention = b.idempotencyRetention;
    this.batchSize = b.batchSize;
    this.atomicBatches = b.atomicBatches;
    this.secretExpiry = b.secretExpiry;
    credentialWarning().ifPresent(w -> LOG.warn("Business Central connector {}: {}", system, w));
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

  /**
   * Returns the concurrency gate this connector's calls pass through, shared by every connector of
   * the same principal and environment in the process.
   *
   * @return the gate
   */
  public TenantGate gate() {
    return gate;
  }

  /**
   * Returns a warning when the client secret expires within 30 days or has expired, when its expiry
   * was configured.
   *
   * @return the warning, or empty
   */
  public Optional<String> credentialWarning() {
    return secretExpiry == null
        ? Optional.empty()
        : secretExpiry.warning(clock, CredentialExpiry.DEFAULT_WARNING);
  }

  @SuppressWarnings("unchecked")
  private <T extends CanonicalEntity> BcMapping<T> mapping(EntityType<T> type) {
    return (BcMapping<T>) mappings.get(type);
  }

  @Override
  public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
    BcMapping<T> m = mapping(type);
    if (m == null || !m.writable()) {
      return Optional.empty();
    }
    return Optional.of(RecordWriter.of(batchSize, batch -> upsert(m, batch).outcomes));
  }

  @Override
  public <T extends CanonicalEntity> Optional<RecordReader<T>> reader(EntityType<T> type) {
    BcMapping<T> m = mapping(type);
    return m == null
        ? Optional.empty()
        : Optional.of(RecordReader.of(MAX_BATCH, ids -> read(m, ids)));
  }

  @Override
  public <T extends CanonicalEntity> Optional<ChangeFeed<T>> changeFeed(EntityType<T> type) {
    BcMapping<T> m = mapping(type);
    return m == null ? Optional.empty() : Optional.of((cursor, max) -> poll(m, cursor, max));
  }

  @Override
  public <O> Optional<O> operation(Class<O> operationType) {
    Object op = null;
    if (operationType == OrderSubmission.class && mappings.containsKey(EntityType.ORDER)) {
      op = (OrderSubmission) this::submit;
    } else if (operationType == CreditLookup.class && mappings.containsKey(EntityType.ACCOUNT)) {
      op = (CreditLookup) this::credit;
    } else if (operationType == AvailabilityLookup.class) {
      op = (AvailabilityLookup) this::availability;
    } else if (operationType == ReturnAuthorization.class
        && mappings.containsKey(EntityType.RETURN_REQUEST)) {
      op = (ReturnAuthorization) this::authorize;
    }
    return Optional.ofNullable(operationType.cast(op));
  }

  // ---- writes ------------------------------------------------------------------------------

  /** The outcomes of a batch, and the Business Central numbers of the records written. */
  private record Written(List<WriteOutcome> outcomes, Map<String, String> numbers) {}

  /** One record of a batch on its way to Business Central. */
  private static final class Pending<T extends CanonicalEntity> {
    final int index;
    final WriteRequest<T> request;
    final String key;
    final ObjectNode body;
    JsonNode existing;
    Claim claim;
    IdempotencyKey createKey;

    Pending(int index, WriteRequest<T> request, String key, ObjectNode body) {
      this.index = index;
      this.request = request;
      this.key = key;
      this.body = body;
    }
  }

  private <T extends CanonicalEntity> Written upsert(BcMapping<T> m, List<WriteRequest<T>> batch) {
    if (batch.size() > batchSize) {
      throw ValidationException.of(
          "BusinessCentralConnector",
          "batch",
          batch.size(),
          "holds more than the writer's maxBatchSize " + batchSize + "; split it");
    }
    WriteOutcome[] outcomes = new WriteOutcome[batch.size()];
    Map<String, String> numbers = new HashMap<>();
    List<Pending<T>> pending = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest<T> req = batch.get(i);
      try {
        String key = m.key(req.entity());
        ObjectNode body = m.toBc(req.entity(), req.fields(), context);
        if (!keys.add(key)) {
          outcomes[i] =
              WriteOutcome.rejected(
                  req.key(),
                  "DUPLICATE_KEY",
                  m.keyField() + " '" + key + "' appears twice in one batch; write it once",
                  List.of(FieldError.redacted(m.keyField(), "appears twice in one batch")));
          continue;
        }
        pending.add(new Pending<>(i, req, key, body));
      } catch (ValidationException e) {
        outcomes[i] = WriteOutcome.rejected(req.key(), "MAPPING", e.getMessage(), e.errors());
      }
    }
    if (!pending.isEmpty()) {
      Map<String, JsonNode> found = lookup(m, m.keyField(), new ArrayList<>(keys));
      boolean guarded = !m.keyField().equals("number");
      List<Pending<T>> missing = new ArrayList<>();
      List<String> targets = new ArrayList<>();
      for (Pending<T> p : pending) {
        p.existing = found.get(p.key);
        if (p.existing == null
            && p.request.target() != null
            && GUID.matcher(p.request.target().id()).matches()) {
          targets.add(p.request.target().id());
        }
      }
      // A record whose key changed is still the record the caller names by id: update it rather
      // than create a second one under the new key.
      Map<String, JsonNode> byId = lookupSet(m.entitySet(), "id", targets, m.expand());
      for (Pending<T> p : pending) {
        if (p.existing == null && p.request.target() != null) {
          p.existing = byId.get(p.request.target().id());
        }
        if (p.existing == null) {
          missing.add(p);
        }
      }
      if (guarded && m.entityType() == EntityType.ORDER && !missing.isEmpty()) {
        // A fully shipped and invoiced order is removed; its invoice keeps the external number.
        List<String> missingKeys = new ArrayList<>();
        missing.forEach(p -> missingKeys.add(p.key));
        Map<String, JsonNode> invoiced =
            lookupSet("salesInvoices", "externalDocumentNumber", missingKeys, null);
        for (Pending<T> p : missing) {
          JsonNode inv = invoiced.get(p.key);
          if (inv != null) {
            String orderId = FieldRules.text(inv, "orderId");
            outcomes[p.index] =
                WriteOutcome.unchanged(
                    p.request.key(),
                    ExternalId.of(system, orderId != null ? orderId : inv.path("id").asText()),
                    null);
            numbers.put(p.request.key(), FieldRules.text(inv, "orderNumber"));
          }
        }
      }
      List<Pending<T>> toSend = new ArrayList<>();
      Map<Pending<T>, OrderLines.Plan> withLines = new LinkedHashMap<>();
      for (Pending<T> p : pending) {
        if (outcomes[p.index] != null) {
          continue;
        }
        if (p.existing != null) {
          ObjectNode changes = changes(m, p.body, p.existing);
          String etag = p.existing.path("@odata.etag").asText(null);
          String id = p.existing.path("id").asText();
          numbers.put(p.request.key(), FieldRules.text(p.existing, "number"));
          OrderLines.Plan lines = linePlan(m, p);
          if (lines != null && !lines.refusals().isEmpty()) {
            outcomes[p.index] =
                WriteOutcome.rejected(
                    p.request.key(),
                    "LINES_LOCKED",
                    lines.refusals().get(0).message(),
                    lines.refusals());
            continue;
          }
          if (lines != null && !lines.ops().isEmpty()) {
            p.body.removeAll();
            p.body.setAll(changes);
            withLines.put(p, lines);
            continue;
          }
          if (changes.isEmpty()
              && (p.request.expectedVersion() == null
                  || p.request.expectedVersion().equals(etag))) {
            outcomes[p.index] =
                WriteOutcome.unchanged(p.request.key(), ExternalId.of(system, id), etag);
          } else {
            p.body.removeAll();
            p.body.setAll(changes);
            toSend.add(p);
          }
          continue;
        }
        if (p.request.expectedVersion() != null) {
          outcomes[p.index] =
              WriteOutcome.rejected(
                  p.request.key(),
                  "NOT_FOUND",
                  "NOT_FOUND: the "
                      + m.entitySet()
                      + " record with "
                      + m.keyField()
                      + " '"
                      + p.key
                      + "' no longer exists in Business Central, though version "
                      + p.request.expectedVersion()
                      + " of it was expected",
                  List.of());
          continue;
        }
        if (guarded) {
          claim(m, p);
          switch (p.claim.status()) {
            case NEW:
              break;
            case IN_PROGRESS:
              outcomes[p.index] =
                  WriteOutcome.retryable(
                      p.request.key(),
                      "IN_PROGRESS",
                      "another worker is creating "
                          + m.entitySet()
                          + " '"
                          + p.key
                          + "' until "
                          + p.claim.record().leaseExpiresAt(),
                      Duration.between(clock.instant(), p.claim.record().leaseExpiresAt()));
              continue;
            default:
              outcomes[p.index] = replay(p);
              String[] stored = p.claim.record().outcome().split("\\|", -1);
              if (stored.length > 1 && !stored[1].isEmpty()) {
                numbers.put(p.request.key(), stored[1]);
              }
              continue;
          }
        }
        toSend.add(p);
      }
      send(m, toSend, outcomes, numbers);
      withLines.forEach((p, lines) -> sendWithLines(m, p, lines, outcomes));
    }
    return new Written(List.of(outcomes), numbers);
  }

  /**
   * The line operations an update of an existing sales order needs, or {@code null} when the record
   * has no lines to reconcile (not an order, or the caller writes other fields only).
   */
  private <T extends CanonicalEntity> OrderLines.Plan linePlan(BcMapping<T> m, Pending<T> p) {
    JsonNode wanted = p.body.get("salesOrderLines");
    if (m.entityType() != EntityType.ORDER
        || wanted == null
        || !wanted.isArray()
        || !(p.request.fields().isEmpty() || p.request.fields().contains(Order.Fields.LINES))) {
      return null;
    }
    Set<String> editable =
        m instanceof SalesOrderMapping s ? s.lineEditableStatuses() : OrderLines.EDITABLE;
    return OrderLines.plan(p.existing, wanted, editable);
  }

  /**
   * Updates one order and its lines in one {@code $batch} with {@code Isolation: snapshot}: the
   * header {@code PATCH} (when a header field changed or the caller gave a version), then each line
   * operation with the line's own ETag, then a read of the order for its final ETag. When any
   * operation fails Business Central rolls all of them back, so the order is never left half
   * updated; the outcome names the line that failed.
   */
  private <T extends CanonicalEntity> void sendWithLines(
      BcMapping<T> m, Pending<T> p, OrderLines.Plan lines, WriteOutcome[] outcomes) {
    String order = companyPath() + "/" + m.entitySet() + "(" + p.existing.path("id").asText() + ")";
    String etag = p.existing.path("@odata.etag").asText("*");
    List<ObjectNode> requests = new ArrayList<>();
    List<OrderLines.Op> opOf = new ArrayList<>();
    if (!p.body.isEmpty() || p.request.expectedVersion() != null) {
      ObjectNode r = JSON.createObjectNode();
      r.put("method", "PATCH");
      r.put("url", order);
      r.putObject("headers")
          .put("Content-Type", "application/json")
          .put(
              "If-Match", p.request.expectedVersion() != null ? p.request.expectedVersion() : etag);
      r.set("body", p.body);
      requests.add(r);
      opOf.add(null);
    }
    for (OrderLines.Op op : lines.ops()) {
      ObjectNode r = JSON.createObjectNode();
      r.put("method", op.method());
      r.put(
          "url", order + "/salesOrderLines" + (op.lineId() == null ? "" : "(" + op.lineId() + ")"));
      ObjectNode headers = r.putObject("headers");
      if (op.body() != null) {
        headers.put("Content-Type", "application/json");
        r.set("body", op.body());
      }
      if (op.lineId() != null) {
        headers.put("If-Match", op.etag() == null ? "*" : op.etag());
      }
      requests.add(r);
      opOf.add(op);
    }
    ObjectNode read = JSON.createObjectNode();
    read.put("method", "GET");
    read.put("url", order);
    requests.add(read);
    for (int i = 0; i < requests.size(); i++) {
      requests.get(i).put("id", String.valueOf(i + 1));
    }
    String key = p.request.key();
    List<BatchAnswer> answers;
    try {
      answers = batch("update " + m.entitySet() + " lines", requests, true, true);
    } catch (SyncException e) {
      outcomes[p.index] =
          e.isRetryable()
              ? WriteOutcome.retryable(
                  key,
                  "BATCH_FAILED",
                  "the $batch updating the order and its lines failed and its effect is unknown;"
                      + " a retry reads the lines again first: "
                      + e.getMessage(),
                  null)
              : WriteOutcome.rejected(key, "BATCH_FAILED", e.getMessage(), List.of());
      return;
    }
    for (int i = 0; i < requests.size(); i++) {
      BatchAnswer a = answers.get(i);
      if (a.status < 300) {
        continue;
      }
      OrderLines.Op op = i < opOf.size() ? opOf.get(i) : null;
      ErpError error = BcErrors.parse(a.status, a.body, a.retryAfter);
      if (op != null) {
        String path = op.wanted() < 0 ? "lines" : "lines[" + op.wanted() + "]";
        error =
            ErpError.of(
                    error.kind(),
                    error.httpStatus(),
                    error.code(),
                    op.method()
                        + " of the order line of item "
                        + op.sku()
                        + " failed, and Business Central rolled the whole update back: "
                        + error.message())
                .withFieldPath(path)
                .withCorrelationId(error.correlationId())
                .withRetryable(error.retryable());
      }
      if (error.kind() == ErpErrorKind.CONFLICT) {
        JsonNode now =
            lookupSet(m.entitySet(), "id", List.of(p.existing.path("id").asText()), null)
                .get(p.existing.path("id").asText());
        String tag = now == null ? null : now.path("@odata.etag").asText(null);
        error = error.withCurrentVersion(tag == null ? null : VersionToken.etag(tag));
      }
      outcomes[p.index] = error.toOutcome(key);
      return;
    }
    JsonNode after = answers.get(answers.size() - 1).body;
    outcomes[p.index] =
        WriteOutcome.updated(
            key,
            ExternalId.of(system, p.existing.path("id").asText()),
            after.path("@odata.etag").asText(null));
  }

  private <T extends CanonicalEntity> void claim(BcMapping<T> m, Pending<T> p) {
    IdempotencyKey key =
        p.request.idempotencyKey() != null
            ? p.request.idempotencyKey()
            : IdempotencyKeys.derive(
                "create:" + m.entitySet(), system, m.entityType(), p.key, "create");
    String fingerprint =
        p.request.idempotencyKey() != null
            ? IdempotencyKeys.fingerprint(p.body.toString())
            : IdempotencyKeys.fingerprint(p.key);
    p.createKey = key;
    p.claim =
        idempotency
            .claim(key, fingerprint, idempotencyLease)
            .orThrowOnConflict(ErrorContext.of(system, "create " + m.entitySet()));
  }

  private <T extends CanonicalEntity> WriteOutcome replay(Pending<T> p) {
    IdempotencyRecord r = p.claim.record();
    if (r.state() == IdempotencyRecord.State.FAILED) {
      return WriteOutcome.rejected(p.request.key(), "REPLAYED", r.outcome(), List.of());
    }
    String[] stored = r.outcome().split("\\|", -1);
    return WriteOutcome.unchanged(p.request.key(), ExternalId.of(system, stored[0]), null);
  }

  /** The fields of a body whose values differ from the record Business Central holds. */
  private static ObjectNode changes(BcMapping<?> m, ObjectNode body, JsonNode existing) {
    ObjectNode out = JSON.createObjectNode();
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      if (m.createOnlyFields().contains(e.getKey())) {
        continue;
      }
      if (!same(e.getValue(), existing.get(e.getKey()))) {
        out.set(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** Whether a value to write equals the one held: numbers by value, empties as one. */
  static boolean same(JsonNode wanted, JsonNode held) {
    boolean wantedEmpty = wanted == null || wanted.isNull() || wanted.asText().isEmpty();
    boolean heldEmpty = held == null || held.isNull() || held.asText().isEmpty();
    if (wantedEmpty || heldEmpty) {
      return wantedEmpty && heldEmpty;
    }
    if (wanted.isNumber() || held.isNumber()) {
      try {
        return new BigDecimal(wanted.asText()).compareTo(new BigDecimal(held.asText())) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return wanted.asText().equals(held.asText());
  }

  private <T extends CanonicalEntity> void send(
      BcMapping<T> m,
      List<Pending<T>> toSend,
      WriteOutcome[] outcomes,
      Map<String, String> numbers) {
    if (toSend.isEmpty()) {
      return;
    }
    String base = companyPath() + "/" + m.entitySet();
    List<ObjectNode> requests = new ArrayList<>();
    for (int i = 0; i < toSend.size(); i++) {
      Pending<T> p = toSend.get(i);
      ObjectNode r = JSON.createObjectNode();
      r.put("id", String.valueOf(i + 1));
      ObjectNode headers = r.putObject("headers");
      headers.put("Content-Type", "application/json");
      if (p.existing != null) {
        r.put("method", "PATCH");
        r.put("url", base + "(" + p.existing.path("id").asText() + ")");
        String ifMatch =
            p.request.expectedVersion() != null
                ? p.request.expectedVersion()
                : p.existing.path("@odata.etag").asText("*");
        headers.put("If-Match", ifMatch);
      } else {
        r.put("method", "POST");
        r.put("url", base + (m.expand() == null ? "" : "?$expand=" + m.expand()));
      }
      r.set("body", p.body);
      requests.add(r);
    }
    List<BatchAnswer> answers;
    try {
      answers = batch("upsert " + m.entitySet(), requests, true);
    } catch (SyncException e) {
      for (Pending<T> p : toSend) {
        if (p.claim != null) {
          idempotency.fail(
              p.createKey, p.claim.leaseToken(), true, e.getMessage(), idempotencyRetention);
        }
        outcomes[p.index] =
            e.isRetryable()
                ? WriteOutcome.retryable(
                    p.request.key(),
                    "BATCH_FAILED",
                    "the $batch call failed and its effect is unknown; a retry looks the record up"
                        + " first: "
                        + e.getMessage(),
                    e instanceof dev.retailsync.api.RateLimitException r
                        ? r.retryAfter().orElse(null)
                        : null)
                : WriteOutcome.rejected(p.request.key(), "BATCH_FAILED", e.getMessage(), List.of());
      }
      return;
    }
    List<String> conflicted = new ArrayList<>();
    Map<Integer, ErpError> conflicts = new HashMap<>();
    String failedKey = null;
    for (int i = 0; i < toSend.size() && atomicBatches; i++) {
      if (answers.get(i).status >= 300 && failedKey == null) {
        failedKey = toSend.get(i).request.key();
      }
    }
    for (int i = 0; i < toSend.size(); i++) {
      Pending<T> p = toSend.get(i);
      BatchAnswer a = answers.get(i);
      if (a.status >= 200 && a.status < 300 && failedKey != null) {
        // Isolation: snapshot rolled the whole batch back: this record was not written.
        String why = "rolled back with its atomic batch, because record '" + failedKey + "' failed";
        if (p.claim != null) {
          idempotency.fail(p.createKey, p.claim.leaseToken(), true, why, idempotencyRetention);
        }
        outcomes[p.index] = WriteOutcome.retryable(p.request.key(), "ROLLED_BACK", why, null);
        continue;
      }
      if (a.status >= 200 && a.status < 300) {
        JsonNode body = a.body;
        String id =
            body.path("id").asText(p.existing == null ? null : p.existing.path("id").asText());
        String etag = body.path("@odata.etag").asText(a.headers.path("ETag").asText(null));
        numbers.put(p.request.key(), FieldRules.text(body, "number"));
        ExternalId xid = ExternalId.of(system, id);
        if (p.existing == null) {
          if (p.claim != null) {
            idempotency.complete(
                p.createKey,
                p.claim.leaseToken(),
                id + "|" + Objects.requireNonNullElse(FieldRules.text(body, "number"), ""),
                idempotencyRetention);
          }
          outcomes[p.index] = WriteOutcome.created(p.request.key(), xid, etag);
        } else {
          outcomes[p.index] = WriteOutcome.updated(p.request.key(), xid, etag);
        }
        continue;
      }
      ErpError error = BcErrors.parse(a.status, a.body, a.retryAfter);
      if (p.claim != null) {
        idempotency.fail(
            p.createKey, p.claim.leaseToken(), true, error.message(), idempotencyRetention);
      }
      if (error.kind() == ErpErrorKind.CONFLICT && p.existing != null) {
        conflicted.add(p.existing.path("id").asText());
        conflicts.put(i, error);
        continue;
      }
      outcomes[p.index] = error.toOutcome(p.request.key());
    }
    if (!conflicted.isEmpty()) {
      // The 409 does not say what the record's version is now: read it, so that the conflict
      // carries it and the caller can re-plan from it.
      Map<String, JsonNode> current = lookupSet(m.entitySet(), "id", conflicted, null);
      for (Map.Entry<Integer, ErpError> e : conflicts.entrySet()) {
        Pending<T> p = toSend.get(e.getKey());
        JsonNode now = current.get(p.existing.path("id").asText());
        String tag = now == null ? null : now.path("@odata.etag").asText(null);
        outcomes[p.index] =
            e.getValue()
                .withCurrentVersion(tag == null ? null : VersionToken.etag(tag))
                .toOutcome(p.request.key());
      }
    }
  }

  // ---- domain operations -------------------------------------------------------------------

  private SubmissionResult submit(Order order, IdempotencyKey key) {
    BcMapping<Order> m = mapping(EntityType.ORDER);
    return submitDocument(m, order, key, order.orderNumber());
  }

  private SubmissionResult authorize(ReturnRequest request, IdempotencyKey key) {
    BcMapping<ReturnRequest> m = mapping(EntityType.RETURN_REQUEST);
    return submitDocument(m, request, key, request.rmaNumber());
  }

  private <T extends CanonicalEntity> SubmissionResult submitDocument(
      BcMapping<T> m, T document, IdempotencyKey key, String name) {
    Objects.requireNonNull(key, "key");
    WriteRequest<T> req = new WriteRequest<>(name, document, null, null, Set.of(), key, null);
    Written w = upsert(m, List.of(req));
    WriteOutcome o = w.outcomes.get(0);
    if (o.isSuccess()) {
      return SubmissionResult.accepted(o.externalId(), w.numbers.get(name));
    }
    if (o.status() == WriteOutcome.Status.RETRYABLE_FAILURE) {
      throw new SyncException(
          "Business Central did not give a verdict on "
              + m.entitySet()
              + " '"
              + name
              + "': "
              + o.message()
              + "; submit again with the same key",
          null,
          ErrorContext.of(system, "submit " + m.entitySet()),
          true);
    }
    // The reasons name the fields where the mapping or Business Central did; otherwise the
    // document as a whole, with Business Central's message (a blocked customer, an unknown item).
    return SubmissionResult.rejected(
        o.errors().isEmpty()
            ? List.of(FieldError.redacted("(document)", o.message()))
            : o.errors());
  }

  private Optional<CreditTerms> credit(String accountNumber) {
    Objects.requireNonNull(accountNumber, "accountNumber");
    Map<String, JsonNode> found = lookupSet("customers", "number", List.of(accountNumber), null);
    JsonNode r = found.get(accountNumber);
    if (r == null) {
      return Optional.empty();
    }
    BcMapping<?> m = mappings.get(EntityType.ACCOUNT);
    CustomerMapping cm = m instanceof CustomerMapping c ? c : CustomerMapping.defaults();
    return Optional.of(cm.credit(r, context));
  }

  /** Business Central API v2.0 reports an item's on-hand inventory across all locations. */
  static final String ALL_LOCATIONS = "ALL";

  private List<InventoryPosition> availability(List<String> skus, String location) {
    if (location != null && !location.equals(ALL_LOCATIONS)) {
      throw ValidationException.of(
          "Business Central availability",
          "location",
          location,
          "cannot be read: API v2.0 items report inventory across all locations only; pass null"
              + " or \""
              + ALL_LOCATIONS
              + "\"");
    }
    Map<String, JsonNode> found = lookupSet("items", "number", skus, null);
    List<InventoryPosition> out = new ArrayList<>();
    Instant now = clock.instant();
    for (String sku : skus) {
      JsonNode r = found.get(sku);
      if (r == null) {
        continue;
      }
      BigDecimal inventory = FieldRules.decimal(r, "inventory");
      InventoryPosition.Builder b =
          InventoryPosition.builder()
              .sku(sku)
              .location(ALL_LOCATIONS)
              .unitOfMeasure(FieldRules.text(r, "baseUnitOfMeasureCode"))
              .asOf(now);
      if (inventory != null && inventory.signum() < 0) {
        // Business Central allows negative inventory; the canonical on-hand cannot be negative.
        b.available(inventory).putExtension("bcInventory", inventory);
      } else {
        b.onHand(inventory);
      }
      out.add(b.build());
    }
    return out;
  }

  // ---- reads and feed ----------------------------------------------------------------------

  private <T extends CanonicalEntity> List<RemoteRecord<T>> read(BcMapping<T> m, List<String> ids) {
    List<String> guids = new ArrayList<>();
    for (String id : ids) {
      if (id != null && GUID.matcher(id).matches()) {
        guids.add(id);
      }
    }
    Map<String, JsonNode> found = lookupSet(m.entitySet(), "id", guids, m.expand());
    List<RemoteRecord<T>> out = new ArrayList<>();
    for (JsonNode r : found.values()) {
      out.add(remote(m, r));
    }
    return out;
  }

  private <T extends CanonicalEntity> RemoteRecord<T> remote(BcMapping<T> m, JsonNode r) {
    return new RemoteRecord<>(
        ExternalId.of(system, r.path("id").asText()),
        m.fromBc(r, context),
        r.path("@odata.etag").asText(null),
        stamp(r));
  }

  private static Instant stamp(JsonNode r) {
    String s = FieldRules.text(r, "lastModifiedDateTime");
    return s == null ? null : Instant.parse(s);
  }

  /**
   * The change feed over {@code lastModifiedDateTime}: each poll asks for records modified at or
   * after the last stamp delivered minus an overlap (a transaction's stamp is set before it
   * commits, so a late commit shows an older stamp), ordered by stamp and id, and drops the records
   * the cursor says were already delivered at that stamp. Deletes are not reported: the API's
   * filters cannot see them.
   */
  private <T extends CanonicalEntity> ChangePage<T> poll(
      BcMapping<T> m, Cursor cursor, int maxChanges) {
    if (maxChanges < 1) {
      throw ValidationException.of("ChangeFeed", "maxChanges", maxChanges, "must be 1 or more");
    }
    FeedCursor c = FeedCursor.parse(cursor, m.entitySet());
    int limit = Math.min(MAX_PAGE, maxChanges + c.seen.size() + 1);
    HttpUrl.Builder url = company().addPathSegment(m.entitySet());
    if (c.lastStamp != null) {
      url.addQueryParameter(
          "$filter",
          "lastModifiedDateTime ge "
              + DateTimeFormatter.ISO_INSTANT.format(c.lastStamp.minus(feedOverlap)));
    }
    url.addQueryParameter("$orderby", "lastModifiedDateTime asc,id asc");
    url.addQueryParameter("$top", String.valueOf(limit));
    if (m.expand() != null) {
      url.addQueryParameter("$expand", m.expand());
    }
    List<JsonNode> rows = getAll("poll " + m.entitySet(), url.build(), limit);
    List<Change<T>> changes = new ArrayList<>();
    FeedCursor next = c;
    boolean full = false;
    for (JsonNode r : rows) {
      String id = r.path("id").asText();
      String stampText = r.path("lastModifiedDateTime").asText();
      if (c.seen.contains(id + "@" + stampText)) {
        continue;
      }
      if (changes.size() == maxChanges) {
        full = true;
        break;
      }
      Instant at = Instant.parse(stampText);
      changes.add(
          Change.builder(m.entityType())
              .type(ChangeType.UPSERTED)
              .source(ExternalId.of(system, id))
              .entity(m.fromBc(r, context))
              .sourceTimestamp(at)
              .sourceVersion(r.path("@odata.etag").asText(stampText))
              .correlationId(CorrelationId.of(system + ":" + id + ":" + at.toEpochMilli()))
              .build());
      next = next.after(id, stampText, at, feedOverlap);
    }
    boolean hasMore = full || rows.size() >= limit;
    return new ChangePage<>(changes, next.toCursor(m.entitySet()), hasMore);
  }

  // ---- look-ups ----------------------------------------------------------------------------

  private Map<String, JsonNode> lookup(BcMapping<?> m, String field, List<String> keys) {
    return lookupSet(m.entitySet(), field, keys, m.expand());
  }

  /**
   * Records of an entity set whose field is one of the values, by value: one GET for up to 25
   * values, otherwise one {@code $batch} of such GETs.
   */
  private Map<String, JsonNode> lookupSet(
      String entitySet, String field, List<String> values, String expand) {
    // Code fields (numbers) compare without case in Business Central; ids are GUIDs in any case.
    Map<String, JsonNode> out =
        field.equals("externalDocumentNumber")
            ? new LinkedHashMap<>()
            : new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (values.isEmpty()) {
      return out;
    }
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < values.size(); i += KEYS_PER_FILTER) {
      chunks.add(values.subList(i, Math.min(values.size(), i + KEYS_PER_FILTER)));
    }
    String operation = "look up " + entitySet;
    if (chunks.size() == 1) {
      HttpUrl url = filterUrl(entitySet, field, chunks.get(0), expand).build();
      for (JsonNode r : getAll(operation, url, Integer.MAX_VALUE)) {
        out.putIfAbsent(r.path(field).asText(), r);
      }
      return out;
    }
    for (int from = 0; from < chunks.size(); from += MAX_BATCH) {
      List<ObjectNode> requests = new ArrayList<>();
      for (int i = from; i < Math.min(chunks.size(), from + MAX_BATCH); i++) {
        HttpUrl url = filterUrl(entitySet, field, chunks.get(i), expand).build();
        ObjectNode r = JSON.createObjectNode();
        r.put("id", String.valueOf(i + 1));
        r.put("method", "GET");
        r.put("url", relative(url));
        requests.add(r);
      }
      for (BatchAnswer a : batch(operation, requests, false)) {
        if (a.status != 200) {
          throw BcErrors.parse(a.status, a.body, a.retryAfter)
              .toException(ErrorContext.of(system, operation));
        }
        for (JsonNode r : a.body.path("value")) {
          out.putIfAbsent(r.path(field).asText(), r);
        }
      }
    }
    return out;
  }

  private HttpUrl.Builder filterUrl(
      String entitySet, String field, List<String> values, String expand) {
    StringBuilder filter = new StringBuilder();
    for (String v : values) {
      if (filter.length() > 0) {
        filter.append(" or ");
      }
      filter.append(field).append(" eq ");
      if (field.equals("id")) {
        filter.append(v);
      } else {
        filter.append('\'').append(v.replace("'", "''")).append('\'');
      }
    }
    HttpUrl.Builder url =
        company().addPathSegment(entitySet).addQueryParameter("$filter", filter.toString());
    if (expand != null) {
      url.addQueryParameter("$expand", expand);
    }
    return url;
  }

  /** Reads a collection, following {@code @odata.nextLink} until {@code max} records. */
  private List<JsonNode> getAll(String operation, HttpUrl url, int max) {
    List<JsonNode> rows = new ArrayList<>();
    HttpUrl next = url;
    while (next != null) {
      JsonNode page = json(operation, exchange(operation, get(next), true));
      page.path("value").forEach(rows::add);
      String link = page.path("@odata.nextLink").asText(null);
      next = link == null || rows.size() >= max ? null : HttpUrl.get(link);
    }
    return rows;
  }

  // ---- company -----------------------------------------------------------------------------

  private String companyPath() {
    return "companies(" + companyId() + ")";
  }

  private HttpUrl.Builder company() {
    return apiUrl.newBuilder().addPathSegment(companyPath());
  }

  private String companyId() {
    String id = companyId.get();
    if (id != null) {
      return id;
    }
    if (companyIdSetting != null) {
      companyId.set(companyIdSetting);
      return companyIdSetting;
    }
    HttpUrl url =
        apiUrl
            .newBuilder()
            .addPathSegment("companies")
            .addQueryParameter("$filter", "name eq '" + companyName.replace("'", "''") + "'")
            .build();
    List<JsonNode> found = getAll("list companies", url, 2);
    if (found.isEmpty()) {
      throw new dev.retailsync.api.ConfigurationException(
          "Business Central environment "
              + apiUrl
              + " has no company named '"
              + companyName
              + "'; check companyName (GET companies lists them) or set companyId");
    }
    companyId.compareAndSet(null, found.get(0).path("id").asText());
    return companyId.get();
  }

  // ---- HTTP --------------------------------------------------------------------------------

  /** One inner response of a {@code $batch}. */
  record BatchAnswer(int status, JsonNode headers, JsonNode body, Duration retryAfter) {}

  private List<BatchAnswer> batch(String operation, List<ObjectNode> requests, boolean write) {
    return batch(operation, requests, write, write && atomicBatches);
  }

  private List<BatchAnswer> batch(
      String operation, List<ObjectNode> requests, boolean write, boolean atomic) {
    ObjectNode payload = JSON.createObjectNode();
    ArrayNode list = payload.putArray("requests");
    requests.forEach(list::add);
    Request.Builder rb =
        new Request.Builder()
            .url(apiUrl.newBuilder().addPathSegment("$batch").build())
            .header("Accept", "application/json")
            .post(RequestBody.create(payload.toString(), APPLICATION_JSON));
    if (atomic) {
      rb.header("Isolation", "snapshot");
    }
    JsonNode response = json(operation, exchange(operation, rb.build(), !write));
    List<BatchAnswer> out = answers(response, requests, clock);
    if (out == null) {
      throw new dev.retailsync.api.RemoteSystemException(
          "Business Central answered a $batch of "
              + requests.size()
              + " requests with "
              + response.path("responses").size()
              + " responses",
          200,
          null,
          null,
          ErrorContext.of(system, operation),
          !write);
    }
    return out;
  }

  /**
   * Pairs the inner responses of a {@code $batch} with its requests: by the id we assigned, or by
   * position when Business Central answers {@code "id": null}, as its documented example does.
   *
   * @return the answers in request order, or {@code null} when the counts differ
   */
  static List<BatchAnswer> answers(JsonNode response, List<ObjectNode> requests, Clock clock) {
    Map<String, JsonNode> byId = new HashMap<>();
    List<JsonNode> inOrder = new ArrayList<>();
    for (JsonNode r : response.path("responses")) {
      inOrder.add(r);
      if (r.hasNonNull("id")) {
        byId.put(r.get("id").asText(), r);
      }
    }
    if (inOrder.size() != requests.size()) {
      return null;
    }
    List<BatchAnswer> out = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      JsonNode r = byId.getOrDefault(requests.get(i).path("id").asText(), inOrder.get(i));
      JsonNode headers = r.path("headers");
      String retryAfter = null;
      for (Map.Entry<String, JsonNode> h : headers.properties()) {
        if (h.getKey().equalsIgnoreCase("retry-after")) {
          retryAfter = h.getValue().asText();
        }
      }
      out.add(
          new BatchAnswer(
              r.path("status").asInt(500),
              headers,
              r.path("body"),
              RetryAfter.parse(retryAfter, clock).orElse(null)));
    }
    return out;
  }

  private static String relative(HttpUrl url) {
    String path = url.encodedPath();
    int at = path.indexOf("/companies(");
    String query = url.encodedQuery();
    return path.substring(at + 1) + (query == null ? "" : "?" + query);
  }

  private Request get(HttpUrl url) {
    return new Request.Builder().url(url).header("Accept", "application/json").get().build();
  }

  private JsonNode json(String operation, String text) {
    try {
      return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      throw new dev.retailsync.api.RemoteSystemException(
          "Business Central answered " + operation + " with a body that is not JSON",
          200,
          null,
          e,
          ErrorContext.of(system, operation),
          true);
    }
  }

  /**
   * Sends one request through the concurrency gate; retries 429 and 503 (never processed) with
   * back-off, honouring {@code Retry-After} when present, and other transient failures only when
   * the request is idempotent.
   */
  private String exchange(String operation, Request request, boolean idempotent) {
    ErrorContext ctx = ErrorContext.of(system, operation);
    for (int attempt = 1; ; attempt++) {
      int status = 0;
      String body = "";
      Headers headers = null;
      IOException failure = null;
      TenantGate.Permit permit = gate.enter();
      try (Response response = http.newCall(request).execute()) {
        ResponseBody b = response.body();
        body = b == null ? "" : b.string();
        status = response.code();
        headers = response.headers();
      } catch (IOException e) {
        failure = e;
      } finally {
        permit.close();
      }
      if (failure != null) {
        if (idempotent && attempt < maxAttempts) {
          pause(backoff(attempt));
          continue;
        }
        String message =
            "Business Central call "
                + operation
                + " failed without an answer ("
                + failure.getClass().getSimpleName()
                + ": "
                + failure.getMessage()
                + ")"
                + (idempotent ? "" : "; the write may have been applied");
        throw new dev.retailsync.api.RemoteSystemException(message, 0, null, failure, ctx, true);
      }
      if (status >= 200 && status < 300) {
        return body;
      }
      Duration retryAfter = RetryAfter.parse(headers.get("Retry-After"), clock).orElse(null);
      boolean neverProcessed = status == 429 || status == 503;
      boolean retry =
          attempt < maxAttempts
              && (neverProcessed || (idempotent && (status == 502 || status == 504)));
      if (retry) {
        pause(retryAfter != null ? retryAfter : backoff(attempt));
        continue;
      }
      ErpError error = BcErrors.parse(status, body, retryAfter);
      if (error.kind() == ErpErrorKind.TRANSIENT && !idempotent && !neverProcessed) {
        error = error.withRetryable(true);
      }
      throw error.toException(ctx);
    }
  }

  /** Exponential back-off with jitter: half the step plus a random share of the other half. */
  private Duration backoff(int attempt) {
    long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, maxBackoff.toMillis());
    long jitter;
    synchronized (random) {
      jitter = (long) (random.nextDouble() * (capped / 2.0));
    }
    return Duration.ofMillis(capped / 2 + jitter);
  }

  private void pause(Duration d) {
    sleeper.accept(d);
  }

  @Override
  public String toString() {
    return "BusinessCentralConnector[" + system + " " + apiUrl.host() + apiUrl.encodedPath() + "]";
  }

  /** The feed's position: the last stamp delivered and the records delivered within the overlap. */
  private record FeedCursor(Instant lastStamp, Set<String> seen) {
    static FeedCursor parse(Cursor c, String entitySet) {
      if (c.isBeginning()) {
        return new FeedCursor(null, Set.of());
      }
      String[] parts = c.value().split("\\|", -1);
      if (parts.length != 3 || !parts[0].equals("bc1:" + entitySet)) {
        throw ValidationException.of(
            "Cursor",
            "value",
            c.value(),
            "is not a cursor of the Business Central " + entitySet + " feed");
      }
      Set<String> seen = new LinkedHashSet<>();
      for (String s : parts[2].split(",")) {
        if (!s.isEmpty()) {
          seen.add(s);
        }
      }
      return new FeedCursor(parts[1].isEmpty() ? null : Instant.parse(parts[1]), seen);
    }

    FeedCursor after(String id, String stamp, Instant at, Duration overlap) {
      Instant last = lastStamp == null || at.isAfter(lastStamp) ? at : lastStamp;
      Instant floor = last.minus(overlap);
      Set<String> kept = new LinkedHashSet<>();
      for (String s : seen) {
        if (!Instant.parse(s.substring(s.indexOf('@') + 1)).isBefore(floor)) {
          kept.add(s);
        }
      }
      kept.add(id + "@" + stamp);
      return new FeedCursor(last, kept);
    }

    Cursor toCursor(String entitySet) {
      if (lastStamp == null) {
        return Cursor.beginning();
      }
      return Cursor.of("bc1:" + entitySet + "|" + lastStamp + "|" + String.join(",", seen));
    }
  }

  /** Builds a {@link BusinessCentralConnector}. Not thread-safe. */
  public static final class Builder {
    private SystemId system = SystemId.BUSINESS_CENTRAL;
    private OkHttpClient http;
    private String tenant;
    private String environment = "production";
    private HttpUrl apiUrl;
    private HttpUrl tokenUrl;
    private String clientId;
    private String clientSecret;
    private String scope = DEFAULT_SCOPE;
    private TokenProvider tokens;
    private String companyId;
    private String companyName;
    private String localCurrency = "USD";
    private final Map<EntityType<?>, BcMapping<?>> mappings = new LinkedHashMap<>();

    {
      mapping(CustomerMapping.defaults());
      mapping(ItemMapping.defaults());
      mapping(SalesOrderMapping.defaults());
      mapping(ShipmentMapping.defaults());
      mapping(InvoiceMapping.defaults());
      mapping(CreditMemoMapping.defaults());
    }

    private Clock clock = Clock.systemUTC();
    private Consumer<Duration> sleeper = Sleepers.blocking("backing off from Business Central");
    private Random random = new Random();
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofSeconds(2);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private int concurrency = 5;
    private TenantGate gate;
    private String principal;
    private Duration feedOverlap = Duration.ofMinutes(2);
    private IdempotencyStore idempotency;
    private Duration idempotencyLease = Duration.ofMinutes(5);
    private Duration idempotencyRetention = Duration.ofDays(7);
    private int batchSize = MAX_BATCH;
    private boolean atomicBatches;
    private CredentialExpiry secretExpiry;

    private Builder() {}

    /**
     * Sets the system id the connector reports; {@code business-central} by default.
     *
     * @param system the id
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Sets the HTTP client (proxies, TLS, pools, timeouts are the host's); the connector adds its
     * interceptors to a derived client. A new default client when unset.
     *
     * @param http the client
     * @return this builder
     */
    public Builder http(OkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Sets the Entra ID tenant (id or domain); required unless both URLs are set.
     *
     * @param tenant such as {@code contoso.onmicrosoft.com}
     * @return this builder
     */
    public Builder tenant(String tenant) {
      this.tenant = tenant;
      return this;
    }

    /**
     * Sets the environment; {@code production} by default.
     *
     * @param environment such as {@code production} or {@code sandbox}
     * @return this builder
     */
    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    /**
     * Sets the API root, overriding the one derived from tenant and environment (on-premises
     * servers, proxies, fakes).
     *
     * @param url such as {@code
     *     https://api.businesscentral.dynamics.com/v2.0/contoso/production/api/v2.0}
     * @return this builder
     */
    public Builder apiUrl(String url) {
      this.apiUrl = parseUrl("apiUrl", url);
      return this;
    }

    /**
     * Sets the token endpoint, overriding the one derived from the tenant.
     *
     * @param url such as {@code https://login.microsoftonline.com/contoso/oauth2/v2.0/token}
     * @return this builder
     */
    public Builder tokenUrl(String url) {
      this.tokenUrl = parseUrl("tokenUrl", url);
      return this;
    }

    /**
     * Sets the Entra application's client id and secret for the client-credentials grant.
     *
     * @param clientId the application (client) id
     * @param clientSecret the client secret; never logged
     * @return this builder
     */
    public Builder clientCredentials(String clientId, String clientSecret) {
      this.clientId = clientId;
      this.clientSecret = clientSecret;
      return this;
    }

    /**
     * Sets when the client secret expires, so that the connector warns 30 days ahead.
     *
     * @param expiresAt the expiry, or {@code null}
     * @return this builder
     */
    public Builder secretExpiresAt(Instant expiresAt) {
      this.secretExpiry =
          expiresAt == null ? null : new CredentialExpiry("Entra client secret", expiresAt);
      return this;
    }

    /**
     * Sets the token scope; {@link #DEFAULT_SCOPE} by default.
     *
     * @param scope the scope
     * @return this builder
     */
    public Builder scope(String scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    /**
     * Sets where tokens come from, instead of client credentials.
     *
     * @param tokens the provider
     * @return this builder
     */
    public Builder tokenProvider(TokenProvider tokens) {
      this.tokens = tokens;
      return this;
    }

    /**
     * Sets the company by id (a GUID); this or {@link #companyName} is required.
     *
     * @param id the company id
     * @return this builder
     */
    public Builder companyId(String id) {
      if (id != null && !GUID.matcher(id).matches()) {
        throw ValidationException.of(
            "BusinessCentralConnector",
            "companyId",
            id,
            "must be a GUID (GET companies lists them)");
      }
      this.companyId = id;
      return this;
    }

    /**
     * Sets the company by name, looked up once on first use.
     *
     * @param name such as {@code CRONUS USA, Inc.}
     * @return this builder
     */
    public Builder companyName(String name) {
      this.companyName = name;
      return this;
    }

    /**
     * Sets the company's local currency, which Business Central leaves empty in {@code
     * currencyCode}; {@code USD} by default.
     *
     * @param currency an ISO-4217 code
     * @return this builder
     */
    public Builder localCurrency(String currency) {
      new BcMappingContext(currency);
      this.localCurrency = currency;
      return this;
    }

    /**
     * Adds a mapping, replacing the one for the same entity type (defaults: {@link
     * CustomerMapping}, {@link ItemMapping}, {@link SalesOrderMapping}, {@link ShipmentMapping},
     * {@link InvoiceMapping}, {@link CreditMemoMapping}).
     *
     * @param mapping the mapping
     * @return this builder
     */
    public Builder mapping(BcMapping<?> mapping) {
      mappings.put(Objects.requireNonNull(mapping, "mapping").entityType(), mapping);
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
     * Sets how the connector waits before a retry (tests pass one that advances a fake clock); the
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
     * Sets the randomness of the back-off jitter.
     *
     * @param random the source
     * @return this builder
     */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets how many times one call is tried on 429 and 503 (and idempotent calls on timeouts and
     * gateway errors); 5 by default.
     *
     * @param attempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw ValidationException.of(
            "BusinessCentralConnector", "maxAttempts", attempts, "must be 1 or more");
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Sets the back-off: the first wait and the longest; 2 and 60 seconds by default. A {@code
     * Retry-After} header wins over both.
     *
     * @param initial the first wait
     * @param max the longest wait
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      if (initial.isNegative() || max.compareTo(initial) < 0) {
        throw ValidationException.of(
            "BusinessCentralConnector",
            "backoff",
            initial + ".." + max,
            "must be 0 <= initial <= max");
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Sets how many calls the principal may have in flight at once; Business Central processes 5
     * per user, so 5 by default. Connectors of one principal share one gate.
     *
     * @param permits at least 1
     * @return this builder
     */
    public Builder concurrency(int permits) {
      if (permits < 1) {
        throw ValidationException.of(
            "BusinessCentralConnector", "concurrency", permits, "must be 1 or more");
      }
      this.concurrency = permits;
      return this;
    }

    /**
     * Sets the concurrency gate explicitly instead of the process-wide one of the principal.
     *
     * @param gate the gate
     * @return this builder
     */
    public Builder gate(TenantGate gate) {
      this.gate = gate;
      return this;
    }

    /**
     * Sets how far back each feed poll looks before the last stamp delivered; 2 minutes by default.
     *
     * @param overlap the overlap
     * @return this builder
     */
    public Builder feedOverlap(Duration overlap) {
      this.feedOverlap = Objects.requireNonNull(overlap, "overlap");
      return this;
    }

    /**
     * Sets the idempotency store that guards document creates; an in-memory store by default (share
     * a JDBC store between processes for the guarantee across them).
     *
     * @param store the store
     * @return this builder
     */
    public Builder idempotencyStore(IdempotencyStore store) {
      this.idempotency = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets how long one create may hold its idempotency key before another worker may take over; 5
     * minutes by default.
     *
     * @param lease the lease
     * @return this builder
     */
    public Builder idempotencyLease(Duration lease) {
      this.idempotencyLease = Objects.requireNonNull(lease, "lease");
      return this;
    }

    /**
     * Sets how many records one upsert call takes, at most 100 (the {@code $batch} limit).
     *
     * @param size 1 to 100
     * @return this builder
     */
    public Builder batchSize(int size) {
      if (size < 1 || size > MAX_BATCH) {
        throw ValidationException.of(
            "BusinessCentralConnector", "batchSize", size, "must be between 1 and 100");
      }
      this.batchSize = size;
      return this;
    }

    /**
     * Sends write batches with {@code Isolation: snapshot}, so that Business Central rolls the
     * whole batch back when one record fails; off by default (each record stands alone).
     *
     * @param atomic whether write batches are all-or-nothing
     * @return this builder
     */
    public Builder atomicBatches(boolean atomic) {
      this.atomicBatches = atomic;
      return this;
    }

    private static HttpUrl parseUrl(String name, String url) {
      HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
      if (parsed == null) {
        throw ValidationException.of(
            "BusinessCentralConnector", name, url, "must be an absolute http or https URL");
      }
      return parsed;
    }

    /**
     * Builds the connector.
     *
     * @return the connector
     * @throws ValidationException naming a missing or contradictory setting
     */
    public BusinessCentralConnector build() {
      List<FieldError> errors = new ArrayList<>();
      if (apiUrl == null && tenant == null) {
        errors.add(FieldError.redacted("tenant", "is required (or set apiUrl)"));
      }
      if (tokens == null && (clientId == null || clientSecret == null)) {
        errors.add(
            FieldError.redacted(
                "clientCredentials",
                "are required: the Entra app's client id and secret (or set" + " tokenProvider)"));
      }
      if (tokens == null && tokenUrl == null && tenant == null) {
        errors.add(FieldError.redacted("tokenUrl", "is required without a tenant"));
      }
      if (companyId == null && (companyName == null || companyName.isBlank())) {
        errors.add(FieldError.redacted("companyId", "is required (or set companyName)"));
      }
      if (!errors.isEmpty()) {
        throw new ValidationException("BusinessCentralConnector", errors);
      }
      if (http == null) {
        http = new OkHttpClient();
      }
      if (apiUrl == null) {
        apiUrl =
            HttpUrl.get("https://api.businesscentral.dynamics.com/v2.0/")
                .newBuilder()
                .addPathSegment(tenant)
                .addPathSegment(environment)
                .addPathSegments("api/v2.0")
                .build();
      }
      TokenProvider provider = tokens;
      if (provider == null) {
        HttpUrl endpoint =
            tokenUrl != null
                ? tokenUrl
                : HttpUrl.get("https://login.microsoftonline.com/")
                    .newBuilder()
                    .addPathSegment(tenant)
                    .addPathSegments("oauth2/v2.0/token")
                    .build();
        provider =
            OAuthTokenProvider.builder(
                    http, endpoint, OAuthGrant.clientCredentials(clientId, clientSecret, scope))
                .clock(clock)
                .system(system)
                .build();
      }
      if (principal == null) {
        principal = clientId != null ? clientId : "token-provider";
      }
      return new BusinessCentralConnector(this, provider);
    }
  }
}
