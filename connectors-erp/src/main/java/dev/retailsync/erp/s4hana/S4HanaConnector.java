package dev.retailsync.erp.s4hana;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.CreditStatus;
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
import dev.retailsync.core.http.SafeLoggingInterceptor;
import dev.retailsync.core.http.Sleepers;
import dev.retailsync.core.http.TokenProvider;
import dev.retailsync.core.idempotency.IdempotencyKeys;
import dev.retailsync.core.idempotency.IdempotentExecutor;
import dev.retailsync.core.state.Claim;
import dev.retailsync.core.state.IdempotencyRecord;
import dev.retailsync.core.state.IdempotencyStore;
import dev.retailsync.core.state.InMemoryIdempotencyStore;
import dev.retailsync.erp.CredentialExpiry;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import dev.retailsync.erp.TenantGate;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connector to SAP S/4HANA over its OData v2 APIs: customers as business partners ({@code
 * API_BUSINESS_PARTNER}), sales orders ({@code API_SALES_ORDER_SRV}), and read-only outbound
 * deliveries, billing documents (invoices and credit memos), products and material stock.
 *
 * <p>Writes go through {@code $batch} with changesets, each changeset atomic in SAP. A changeset
 * that fails as a whole (SAP reports one error for it, {@code Content-ID} not echoed) is bisected
 * and resent until every record has its own outcome; records of a failed changeset were rolled back
 * by SAP, so resending them cannot apply anything twice. Every modifying request carries a CSRF
 * token bound to its session cookies in a lane (see the builder's {@code lanes}); updates carry
 * {@code If-Match} (the version the caller saw, else the one just read), and SAP's {@code
 * 412}/{@code 428} become conflicts carrying the current version. Errors are parsed from {@code
 * error.innererror.errordetails[]} into per-record outcomes naming the field.
 *
 * <p><b>What is guaranteed and what is best effort.</b> SAP has no upsert by external key. Creates
 * look the record up by our key first ({@code SearchTerm1} or the configured key field for
 * customers, {@code PurchaseOrderByCustomer} for sales orders), then create or update. With an
 * idempotency key on the request (or always for {@link OrderSubmission}), the SDK's {@link
 * IdempotencyStore} makes the look-up-then-create single-flight per key: a second worker with the
 * same key waits (retryable) instead of racing, and a retry after a timeout looks the record up
 * again and finds the one the timed-out call created, so it never creates a second one. This is a
 * guarantee for writers sharing one idempotency store (a JDBC store across instances); writers that
 * bypass the store (another integration creating a business partner with the same search term at
 * the same moment) can still race, since SAP enforces no uniqueness on these fields: best effort
 * there.
 *
 * <p>The sales order writer creates orders SAP does not have yet and reports an order SAP already
 * has as {@code UNCHANGED} with its number: once SAP accepted an order it owns it (status, pricing,
 * schedule lines), so the writer never changes it. Customers are created with their role, address,
 * e-mail, tax number and sales area in one deep insert, and updated field by field in one changeset
 * whose first operation, the header {@code PATCH}, carries {@code If-Match}.
 *
 * <p>{@link ReturnAuthorization} creates a customer return ({@code API_CUSTOMER_RETURN_SRV}, {@code
 * A_CustomerReturn} with {@code to_Item} in one deep insert, see {@link CustomerReturnMapping})
 * that references the sales order named by the request's order number (our number in {@code
 * PurchaseOrderByCustomer}, else SAP's {@code SalesOrder}) and its items. Like an order submission
 * it is single-flight per idempotency key and looks the return up by the RMA number ({@code
 * PurchaseOrderByCustomer} of {@code A_CustomerReturn}) before creating it, so a retry after a lost
 * answer finds the return the first call created instead of creating a second one. An unknown
 * order, a line the order does not have, or a field SAP refuses is a rejection naming the field.
 *
 * <p>The change feeds poll {@code LastChangeDateTime} (sales orders, billing documents, products)
 * or {@code LastChangeDate}/{@code LastChangeTime} plus the creation date and time (business
 * partners, deliveries), from the last stamp delivered minus an overlap, and drop what the cursor
 * says was delivered; a filter on a date-only field reads the whole day, sorted and cut
 * client-side. No SAP API reports deletions; an archived business partner arrives as a {@code
 * CLOSED} account.
 *
 * <p>Thread-safe; create one per SAP tenant with {@link #builder()} (or through the {@code s4hana}
 * provider), share it, and close it when done.
 */
public final class S4HanaConnector implements Connector {
  private static final Logger LOG = LoggerFactory.getLogger(S4HanaConnector.class);

  /** The business partner service. */
  static final String BP = "API_BUSINESS_PARTNER";

  /** The sales order service. */
  static final String SO = "API_SALES_ORDER_SRV";

  /** The customer return service. */
  static final String RET = "API_CUSTOMER_RETURN_SRV";

  private static final int READ_CHUNK = 50;

  private final SystemId system;
  private final SapHttp http;
  private final HttpUrl baseUrl;
  private final CustomerMapping customers;
  private final SalesOrderMapping orders;
  private final CustomerReturnMapping returns;
  private final DocumentMapping documents;
  private final int maxBatchSize;
  private final int changesetSize;
  private final boolean plainArrays;
  private final Duration feedOverlap;
  private final int feedPageSize;
  private final Clock clock;
  private final IdempotencyStore idempotency;
  private final IdempotentExecutor executor;
  private final Duration lease;
  private final Duration retention;
  private final String deliveryService;
  private final String billingService;
  private final String productService;
  private final String stockService;
  private final CredentialExpiry credentialExpiry;
  private final Map<EntityType<?>, Feed> feeds = new LinkedHashMap<>();

  private S4HanaConnector(Builder b) {
    this.system = b.system;
    this.baseUrl = b.baseUrl;
    this.customers = b.customers;
    this.orders = b.orders;
    this.returns = b.returns;
    this.documents = b.documents;
    this.maxBatchSize = b.maxBatchSize;
    this.changesetSize = b.changesetSize == 0 ? b.maxBatchSize : b.changesetSize;
    this.plainArrays = b.plainArrays;
    this.feedOverlap = b.feedOverlap;
    this.feedPageSize = b.feedPageSize;
    this.clock = b.clock;
    this.idempotency =
        b.idempotency != null ? b.idempotency : new InMemoryIdempotencyStore(b.clock);
    this.lease = b.lease;
    this.retention = b.retention;
    this.executor = new IdempotentExecutor(idempotency, lease, retention);
    this.deliveryService = b.deliveryService;
    this.billingService = b.billingService;
    this.productService = b.productService;
    this.stockService = b.stockService;
    this.credentialExpiry = b.credentialExpiry;
    OkHttpClient.Builder hb = b.http.newBuilder().cookieJar(okhttp3.CookieJar.NO_COOKIES);
    if (b.tokens != null) {
      hb.interceptors().add(0, new BearerAuthInterceptor(b.tokens));
    } else {
      String basic = Credentials.basic(b.user, b.password);
      hb.interceptors()
          .add(
              0,
              chain ->
                  chain.proceed(
                      chain.request().header("Authorization") == null
                          ? chain.request().newBuilder().header("Authorization", basic).build()
                          : chain.request()));
    }
    hb.interceptors().add(0, new SafeLoggingInterceptor());
    TenantGate gate =
        b.gate != null ? b.gate : TenantGate.shared("s4hana", b.baseUrl.host(), b.gateSize);
    this.http =
        new SapHttp(
            system,
            hb.build(),
            b.baseUrl,
            b.sapClient,
            gate,
            b.clock,
            b.sleeper,
            b.readAttempts,
            b.lanes == 0 ? gate.permits() : b.lanes,
            b.csrfFetchPath,
            b.fetchBeforeEveryBatch);
    feeds.put(
        EntityType.ACCOUNT,
        new Feed(
            BP,
            "A_BusinessPartner",
            "BusinessPartner",
            customers.expand(),
            S4HanaConnector::dateAndTimeStamp,
            since -> dateFilter("LastChangeDate", "CreationDate", since)));
    feeds.put(
        EntityType.ORDER,
        new Feed(
            SO,
            "A_SalesOrder",
            "SalesOrder",
            "to_Item",
            S4HanaConnector::dateTimeStamp,
            since -> "LastChangeDateTime ge " + ODataV2.datetimeOffsetLiteral(since)));
    feeds.put(
        EntityType.SHIPMENT,
        new Feed(
            deliveryService,
            "A_OutbDeliveryHeader",
            "DeliveryDocument",
            "to_DeliveryDocumentItem",
            S4HanaConnector::dateAndTimeStamp,
            since -> dateFilter("LastChangeDate", "CreationDate", since)));
    feeds.put(
        EntityType.INVOICE,
        new Feed(
            billingService,
            "A_BillingDocument",
            "BillingDocument",
            "to_Item",
            S4HanaConnector::dateTimeStamp,
            since ->
                "LastChangeDateTime ge "
                    + ODataV2.datetimeOffsetLiteral(since)
                    + " or CreationDate ge "
                    + ODataV2.datetimeLiteral(day(since))));
    feeds.put(
        EntityType.PRODUCT,
        new Feed(
            productService,
            "A_Product",
            "Product",
            "to_Description",
            S4HanaConnector::dateTimeStamp,
            since ->
                "LastChangeDateTime ge "
                    + ODataV2.datetimeOffsetLiteral(since)
                    + " or CreationDate ge "
                    + ODataV2.datetimeLiteral(day(since))));
    credentialWarning().ifPresent(w -> LOG.warn("{} ({})", w, system));
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
    return feeds.keySet();
  }

  /**
   * Returns a warning when the configured credential (the communication user's password or
   * certificate, the OAuth client secret) expires within 30 days or has expired.
   *
   * @return the warning, or empty when none is due or no expiry was configured
   */
  public Optional<String> credentialWarning() {
    return credentialExpiry == null
        ? Optional.empty()
        : credentialExpiry.warning(clock, CredentialExpiry.DEFAULT_WARNING);
  }

  /**
   * Returns how many CSRF tokens this connector has fetched, for monitoring (a rising count
   * relative to writes means tokens expire or sessions are lost).
   *
   * @return the count
   */
  public long csrfTokenFetches() {
    return http.tokenFetches();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
    if (type.equals(EntityType.ACCOUNT)) {
      return Optional.of(
          (RecordWriter<T>)
              RecordWriter.<Account>of(maxBatchSize, batch -> write(batch, this::planCustomers)));
    }
    if (type.equals(EntityType.ORDER)) {
      return Optional.of(
          (RecordWriter<T>)
              RecordWriter.<Order>of(maxBatchSize, batch -> write(batch, this::planOrders)));
    }
    return Optional.empty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordReader<T>> reader(EntityType<T> type) {
    Feed f = feeds.get(type);
    if (f == null) {
      return Optional.empty();
    }
    return Optional.of(RecordReader.of(READ_CHUNK, ids -> read(f, ids, e -> (T) map(type, e))));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<ChangeFeed<T>> changeFeed(EntityType<T> type) {
    Feed f = feeds.get(type);
    if (f == null) {
      return Optional.empty();
    }
    return Optional.of((cursor, max) -> poll(type, f, cursor, max, e -> (T) map(type, e)));
  }

  @Override
  public <O> Optional<O> operation(Class<O> operationType) {
    if (operationType == OrderSubmission.class) {
      return Optional.of(operationType.cast((OrderSubmission) this::submit));
    }
    if (operationType == CreditLookup.class) {
      return Optional.of(operationType.cast((CreditLookup) this::credit));
    }
    if (operationType == AvailabilityLookup.class) {
      return Optional.of(operationType.cast((AvailabilityLookup) this::availability));
    }
    if (operationType == ReturnAuthorization.class) {
      return Optional.of(operationType.cast((ReturnAuthorization) this::authorize));
    }
    return Optional.empty();
  }

  private CanonicalEntity map(EntityType<?> type, JsonNode e) {
    if (type.equals(EntityType.ACCOUNT)) {
      return customers.toAccount(e);
    }
    if (type.equals(EntityType.ORDER)) {
      return orders.toOrder(e);
    }
    if (type.equals(EntityType.SHIPMENT)) {
      return documents.toShipment(e);
    }
    if (type.equals(EntityType.INVOICE)) {
      return documents.toInvoice(e);
    }
    return documents.toProduct(e);
  }

  // ---- writes ------------------------------------------------------------------------------

  /** What to send for one record, and how to read its outcome. */
  private static final class Plan {
    final int index;
    final String key;
    final boolean create;
    final List<BatchCodec.Operation> ops;
    final String currentVersion;
    final String existingId;

    Plan(
        int index,
        String key,
        boolean create,
        List<BatchCodec.Operation> ops,
        String currentVersion,
        String existingId) {
      this.index = index;
      this.key = key;
      this.create = create;
      this.ops = ops;
      this.currentVersion = currentVersion;
      this.existingId = existingId;
    }
  }

  /** Plans a batch: fills {@code out} for records decided without a write, returns the rest. */
  private interface Planner<T extends CanonicalEntity> {
    List<Plan> plan(List<WriteRequest<T>> batch, List<Integer> pending, WriteOutcome[] out);
  }

  private <T extends CanonicalEntity> List<WriteOutcome> write(
      List<WriteRequest<T>> batch, Planner<T> planner) {
    WriteOutcome[] out = new WriteOutcome[batch.size()];
    String[] leases = new String[batch.size()];
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      WriteRequest<T> req = batch.get(i);
      IdempotencyKey key = req.idempotencyKey();
      if (key == null) {
        pending.add(i);
        continue;
      }
      Claim claim = idempotency.claim(key, IdempotencyKeys.fingerprint(req.entity()), lease);
      switch (claim.status()) {
        case NEW:
          leases[i] = claim.leaseToken();
          pending.add(i);
          break;
        case COMPLETED:
          out[i] = replay(req.key(), claim.record());
          break;
        case IN_PROGRESS:
          out[i] =
              WriteOutcome.retryable(
                  req.key(),
                  "IN_PROGRESS",
                  "another worker is writing idempotency key "
                      + key.value()
                      + " until "
                      + claim.record().leaseExpiresAt(),
                  Duration.between(clock.instant(), claim.record().leaseExpiresAt()));
          break;
        default:
          out[i] =
              WriteOutcome.rejected(
                  req.key(),
                  "IDEMPOTENCY_CONFLICT",
                  "idempotency key "
                      + key.value()
                      + " was used before with another payload; derive a new key for a new"
                      + " version",
                  List.of());
      }
    }
    try {
      List<Plan> plans = planner.plan(batch, pending, out);
      runChangesets(batch.isEmpty() ? BP : serviceOf(batch.get(0).entity()), plans, out);
    } catch (SyncException e) {
      // The batch failed before any record's fate was known: release the claims, then report.
      for (int i : pending) {
        if (leases[i] != null) {
          idempotency.fail(
              batch.get(i).idempotencyKey(), leases[i], e.isRetryable(), e.getMessage(), retention);
        }
      }
      throw e;
    }
    for (int i : pending) {
      if (leases[i] == null) {
        continue;
      }
      WriteOutcome o = out[i];
      IdempotencyKey key = batch.get(i).idempotencyKey();
      if (o.isSuccess()) {
        idempotency.complete(key, leases[i], encode(o), retention);
      } else {
        idempotency.fail(
            key,
            leases[i],
            o.status() == WriteOutcome.Status.RETRYABLE_FAILURE,
            encode(o),
            retention);
      }
    }
    List<WriteOutcome> list = new ArrayList<>(out.length);
    for (int i = 0; i < out.length; i++) {
      list.add(
          out[i] != null
              ? out[i]
              : WriteOutcome.retryable(
                  batch.get(i).key(), "UNKNOWN", "no outcome was determined", null));
    }
    return list;
  }

  private static String serviceOf(CanonicalEntity e) {
    return e instanceof Order ? SO : BP;
  }

  private List<Plan> planCustomers(
      List<WriteRequest<Account>> batch, List<Integer> pending, WriteOutcome[] out) {
    String[] keys = new String[batch.size()];
    Map<String, Integer> seen = new HashMap<>();
    List<String> lookups = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    for (int i : pending) {
      WriteRequest<Account> req = batch.get(i);
      try {
        keys[i] = customers.key(req.entity(), req.key());
      } catch (ValidationException e) {
        out[i] = WriteOutcome.rejected(req.key(), "MAPPING", e.getMessage(), e.errors());
        continue;
      }
      Integer before = seen.putIfAbsent(keys[i], i);
      if (before != null) {
        out[i] =
            WriteOutcome.rejected(
                req.key(),
                "DUPLICATE_KEY",
                "account number "
                    + keys[i]
                    + " appears twice in one batch (also request "
                    + batch.get(before).key()
                    + "); send one",
                List.of(FieldError.redacted("accountNumber", "duplicate in batch")));
        continue;
      }
      if (req.target() != null) {
        targets.add(req.target().id());
      } else {
        lookups.add(keys[i]);
      }
    }
    Map<String, JsonNode> byKey =
        index(
            findBy(BP, "A_BusinessPartner", customers.keyField(), lookups, customers.expand()),
            customers.keyField());
    Map<String, JsonNode> byId =
        index(
            findBy(BP, "A_BusinessPartner", "BusinessPartner", targets, customers.expand()),
            "BusinessPartner");
    List<Plan> plans = new ArrayList<>();
    for (int i : pending) {
      if (out[i] != null) {
        continue;
      }
      WriteRequest<Account> req = batch.get(i);
      JsonNode current = req.target() != null ? byId.get(req.target().id()) : byKey.get(keys[i]);
      try {
        if (current == null && req.target() != null) {
          out[i] =
              WriteOutcome.rejected(
                  req.key(),
                  "NOT_FOUND",
                  "business partner " + req.target().id() + " does not exist in SAP",
                  List.of());
        } else if (current == null) {
          ObjectNode body = customers.create(req.entity(), keys[i], plainArrays);
          plans.add(
              new Plan(
                  i,
                  req.key(),
                  true,
                  List.of(
                      new BatchCodec.Operation("POST", "A_BusinessPartner", null, body.toString())),
                  null,
                  null));
        } else {
          String etag = ODataV2.etag(current);
          String ifMatch = req.expectedVersion() != null ? req.expectedVersion() : etag;
          List<BatchCodec.Operation> ops =
              customers.update(
                  req.entity(),
                  keys[i],
                  current,
                  ifMatch == null ? "*" : ifMatch,
                  req.expectedVersion() != null,
                  req.fields());
          String id = current.path("BusinessPartner").asText();
          if (ops.isEmpty()) {
            out[i] = WriteOutcome.unchanged(req.key(), ExternalId.of(system, id), etag);
          } else {
            plans.add(new Plan(i, req.key(), false, ops, etag, id));
          }
        }
      } catch (ValidationException e) {
        out[i] = WriteOutcome.rejected(req.key(), "MAPPING", e.getMessage(), e.errors());
      }
    }
    return plans;
  }

  private List<Plan> planOrders(
      List<WriteRequest<Order>> batch, List<Integer> pending, WriteOutcome[] out) {
    List<String> keys = new ArrayList<>();
    for (int i : pending) {
      keys.add(batch.get(i).entity().orderNumber());
    }
    Map<String, JsonNode> existing =
        index(findBy(SO, "A_SalesOrder", orders.keyField(), keys, null), orders.keyField());
    List<Plan> plans = new ArrayList<>();
    Set<String> planned = new LinkedHashSet<>();
    for (int i : pending) {
      WriteRequest<Order> req = batch.get(i);
      JsonNode current = existing.get(req.entity().orderNumber());
      if (current != null) {
        // An order SAP has accepted is SAP's: the writer creates, it does not change it.
        out[i] =
            WriteOutcome.unchanged(
                req.key(),
                ExternalId.of(system, current.path("SalesOrder").asText()),
                ODataV2.etag(current));
        continue;
      }
      if (!planned.add(req.entity().orderNumber())) {
        out[i] =
            WriteOutcome.rejected(
                req.key(),
                "DUPLICATE_KEY",
                "order " + req.entity().orderNumber() + " appears twice in one batch",
                List.of(FieldError.redacted("orderNumber", "duplicate in batch")));
        continue;
      }
      try {
        ObjectNode body = orders.create(req.entity(), plainArrays);
        plans.add(
            new Plan(
                i,
                req.key(),
                true,
                List.of(new BatchCodec.Operation("POST", "A_SalesOrder", null, body.toString())),
                null,
                null));
      } catch (ValidationException e) {
        out[i] = WriteOutcome.rejected(req.key(), "MAPPING", e.getMessage(), e.errors());
      }
    }
    return plans;
  }

  /**
   * Sends the plans in changesets of {@code changesetSize} records, one {@code $batch} per round; a
   * changeset that failed with a non-retryable error is split in two and both halves go in the next
   * round, until each failing record stands alone with its own error.
   */
  private void runChangesets(String service, List<Plan> plans, WriteOutcome[] out) {
    Deque<List<Plan>> pending = new ArrayDeque<>();
    for (int from = 0; from < plans.size(); from += changesetSize) {
      pending.add(plans.subList(from, Math.min(plans.size(), from + changesetSize)));
    }
    for (boolean first = true; !pending.isEmpty(); first = false) {
      List<List<Plan>> round = new ArrayList<>(pending);
      pending.clear();
      List<List<BatchCodec.Operation>> changesets = new ArrayList<>();
      for (List<Plan> group : round) {
        List<BatchCodec.Operation> ops = new ArrayList<>();
        group.forEach(p -> ops.addAll(p.ops));
        changesets.add(ops);
      }
      SapHttp.Answer a = http.batch(service, BatchCodec.write(changesets));
      if (!a.ok()) {
        ErpError e = a.error(clock);
        if (first
            && (e.kind() == ErpErrorKind.AUTHENTICATION || e.kind() == ErpErrorKind.PERMISSION)) {
          // The credentials, not the records, are at fault: the batch fails as a whole.
          throw e.toException(ErrorContext.of(system, "$batch " + service));
        }
        for (List<Plan> group : round) {
          for (Plan p : group) {
            out[p.index] = outcome(p, e);
          }
        }
        continue;
      }
      List<List<BatchCodec.Part>> parts;
      try {
        parts = BatchCodec.read(a.headers().get("Content-Type"), a.body());
      } catch (IllegalArgumentException e) {
        parts = List.of();
      }
      if (parts.size() != round.size()) {
        ErpError e =
            ErpError.of(
                ErpErrorKind.TRANSIENT,
                a.status(),
                "BATCH_RESPONSE",
                "SAP's $batch response had "
                    + parts.size()
                    + " parts for "
                    + round.size()
                    + " changesets; the records' fate is unknown");
        for (List<Plan> group : round) {
          for (Plan p : group) {
            out[p.index] = outcome(p, e);
          }
        }
        continue;
      }
      for (int g = 0; g < round.size(); g++) {
        List<Plan> group = round.get(g);
        List<BatchCodec.Part> answers = parts.get(g);
        int ops = group.stream().mapToInt(p -> p.ops.size()).sum();
        BatchCodec.Part failed = answers.stream().filter(p -> !p.ok()).findFirst().orElse(null);
        if (failed == null && answers.size() == ops) {
          int at = 0;
          for (Plan p : group) {
            out[p.index] = success(p, answers.subList(at, at + p.ops.size()));
            at += p.ops.size();
          }
          continue;
        }
        ErpError e =
            failed == null
                ? ErpError.of(
                    ErpErrorKind.TRANSIENT,
                    0,
                    "BATCH_RESPONSE",
                    "changeset answered with " + answers.size() + " parts for " + ops)
                : SapErrors.parse(
                    failed.status(), failed.header("Retry-After"), failed.body(), clock);
        if (group.size() == 1 || e.retryable()) {
          for (Plan p : group) {
            out[p.index] = outcome(p, e);
          }
        } else {
          int half = group.size() / 2;
          pending.add(group.subList(0, half));
          pending.add(group.subList(half, group.size()));
        }
      }
    }
  }

  private WriteOutcome success(Plan p, List<BatchCodec.Part> answers) {
    BatchCodec.Part first = answers.get(0);
    if (p.create) {
      JsonNode d = ODataV2.entity(SapHttp.parse(first.body(), ErrorContext.of(system, "create")));
      String id = ODataV2.text(d, "BusinessPartner");
      if (id == null) {
        id = ODataV2.text(d, "SalesOrder");
      }
      String etag = ODataV2.etag(d) != null ? ODataV2.etag(d) : first.header("etag");
      if (id == null) {
        return WriteOutcome.retryable(
            p.key, "NO_ID", "SAP answered the create without the new record's key", null);
      }
      return WriteOutcome.created(p.key, ExternalId.of(system, id), etag);
    }
    return WriteOutcome.updated(p.key, ExternalId.of(system, p.existingId), first.header("etag"));
  }

  private WriteOutcome outcome(Plan p, ErpError e) {
    if (e.kind() == ErpErrorKind.CONFLICT) {
      e = SapErrors.conflict(e, p.currentVersion);
    }
    return e.toOutcome(p.key);
  }

  private static String encode(WriteOutcome o) {
    ObjectNode n = ODataV2.JSON.createObjectNode();
    n.put("status", o.status().name());
    if (o.externalId() != null) {
      n.put("id", o.externalId().id());
    }
    n.put("version", o.version());
    n.put("code", o.errorCode());
    n.put("message", o.message());
    return n.toString();
  }

  private WriteOutcome replay(String key, IdempotencyRecord r) {
    JsonNode n;
    try {
      n = ODataV2.JSON.readTree(r.outcome());
    } catch (IOException | RuntimeException e) {
      n = null;
    }
    if (n == null || !n.has("status")) {
      return WriteOutcome.rejected(
          key, "IDEMPOTENT_REPLAY", String.valueOf(r.outcome()), List.of());
    }
    WriteOutcome.Status s = WriteOutcome.Status.valueOf(n.path("status").asText());
    ExternalId id = n.hasNonNull("id") ? ExternalId.of(system, n.get("id").asText()) : null;
    String version = ODataV2.text(n, "version");
    return switch (s) {
      case CREATED, UPDATED, UNCHANGED -> WriteOutcome.unchanged(key, id, version);
      default ->
          WriteOutcome.rejected(
              key, ODataV2.text(n, "code"), n.path("message").asText("failed before"), List.of());
    };
  }

  // ---- reads -------------------------------------------------------------------------------

  /**
   * Reads entities whose {@code field} is one of {@code values}, in chunks of 50 (URLs stay near 2
   * KB).
   */
  private List<JsonNode> findBy(
      String service, String set, String field, List<String> values, String expand) {
    List<JsonNode> out = new ArrayList<>();
    for (int from = 0; from < values.size(); from += READ_CHUNK) {
      List<String> chunk = values.subList(from, Math.min(values.size(), from + READ_CHUNK));
      List<String> terms = new ArrayList<>();
      for (String v : chunk) {
        terms.add(field + " eq " + ODataV2.literal(v));
      }
      HttpUrl.Builder url =
          http.url(service, set).addQueryParameter("$filter", String.join(" or ", terms));
      if (expand != null) {
        url.addQueryParameter("$expand", expand);
      }
      out.addAll(http.getAll(service, url.build(), Integer.MAX_VALUE, "read " + set));
    }
    return out;
  }

  private static Map<String, JsonNode> index(List<JsonNode> entities, String field) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    for (JsonNode e : entities) {
      String v = ODataV2.text(e, field);
      if (v != null) {
        m.putIfAbsent(v, e);
      }
    }
    return m;
  }

  private <T extends CanonicalEntity> List<RemoteRecord<T>> read(
      Feed f, List<String> ids, Function<JsonNode, T> mapper) {
    List<RemoteRecord<T>> out = new ArrayList<>();
    for (JsonNode e : findBy(f.service, f.set, f.idField, ids, f.expand)) {
      out.add(
          new RemoteRecord<>(
              ExternalId.of(system, e.path(f.idField).asText()),
              mapper.apply(e),
              ODataV2.etag(e),
              f.stamp.apply(e)));
    }
    return out;
  }

  // ---- change feed -------------------------------------------------------------------------

  private record Feed(
      String service,
      String set,
      String idField,
      String expand,
      Function<JsonNode, Instant> stamp,
      Function<Instant, String> filter) {}

  private <T extends CanonicalEntity> ChangePage<T> poll(
      EntityType<T> type, Feed f, Cursor cursor, int maxChanges, Function<JsonNode, T> mapper) {
    if (maxChanges < 1) {
      throw ValidationException.of("ChangeFeed", "maxChanges", maxChanges, "must be 1 or more");
    }
    FeedCursor c = FeedCursor.parse(cursor, f.set);
    Instant since = c.stamp() == null ? null : c.stamp().minus(feedOverlap);
    List<JsonNode> rows = new ArrayList<>();
    for (int skip = 0; ; ) {
      HttpUrl.Builder url =
          http.url(f.service, f.set)
              .addQueryParameter("$top", String.valueOf(feedPageSize))
              .addQueryParameter("$skip", String.valueOf(skip));
      if (since != null) {
        url.addQueryParameter("$filter", f.filter.apply(since));
      }
      if (f.expand != null) {
        url.addQueryParameter("$expand", f.expand);
      }
      List<JsonNode> page = http.getAll(f.service, url.build(), Integer.MAX_VALUE, "poll " + f.set);
      rows.addAll(page);
      if (page.size() < feedPageSize) {
        break;
      }
      skip += page.size();
    }
    List<Candidate> candidates = new ArrayList<>();
    for (JsonNode r : rows) {
      Instant at = f.stamp.apply(r);
      String id = r.path(f.idField).asText();
      if (at == null
          || (since != null && at.isBefore(since))
          || c.seen().contains(id + "@" + at.toEpochMilli())) {
        continue;
      }
      candidates.add(new Candidate(at, id, r));
    }
    candidates.sort(Comparator.comparing(Candidate::at).thenComparing(Candidate::id));
    List<Change<T>> changes = new ArrayList<>();
    FeedCursor next = c;
    for (Candidate o : candidates) {
      if (changes.size() == maxChanges) {
        break;
      }
      Instant at = o.at();
      String id = o.id();
      JsonNode r = o.row();
      T entity = mapper.apply(r);
      Instant created = creationStamp(r);
      changes.add(
          Change.builder(type)
              .type(created != null && created.equals(at) ? ChangeType.CREATED : ChangeType.UPDATED)
              .source(ExternalId.of(system, id))
              .entity(entity)
              .sourceTimestamp(at)
              .sourceVersion(ODataV2.etag(r) != null ? ODataV2.etag(r) : at.toString())
              .correlationId(CorrelationId.of(system + ":" + id + ":" + at.toEpochMilli()))
              .build());
      next = next.after(id, at, feedOverlap);
    }
    return new ChangePage<>(changes, next.toCursor(f.set), candidates.size() > changes.size());
  }

  private record Candidate(Instant at, String id, JsonNode row) {}

  private static String dateFilter(String changeField, String createField, Instant since) {
    String d = ODataV2.datetimeLiteral(day(since));
    return changeField + " ge " + d + " or " + createField + " ge " + d;
  }

  private static Instant day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The later of LastChangeDate+LastChangeTime and CreationDate+CreationTime. */
  static Instant dateAndTimeStamp(JsonNode e) {
    Instant changed = combine(ODataV2.text(e, "LastChangeDate"), ODataV2.text(e, "LastChangeTime"));
    Instant created = creationStamp(e);
    if (changed == null) {
      return created;
    }
    return created == null || changed.isAfter(created) ? changed : created;
  }

  /** LastChangeDateTime, else the creation date and time. */
  static Instant dateTimeStamp(JsonNode e) {
    Instant at = ODataV2.instant(ODataV2.text(e, "LastChangeDateTime"));
    return at != null ? at : creationStamp(e);
  }

  private static Instant creationStamp(JsonNode e) {
    return combine(ODataV2.text(e, "CreationDate"), ODataV2.text(e, "CreationTime"));
  }

  private static Instant combine(String date, String time) {
    LocalDate d = ODataV2.localDate(date);
    if (d == null) {
      return null;
    }
    LocalTime t = ODataV2.time(time);
    return d.atTime(t == null ? LocalTime.MIDNIGHT : t).toInstant(ZoneOffset.UTC);
  }

  // ---- domain operations -------------------------------------------------------------------

  /**
   * Submits an order once per key: looks it up by {@code PurchaseOrderByCustomer} and creates it
   * only when SAP does not have it, under the idempotency store's lease for the key.
   */
  private SubmissionResult submit(Order order, IdempotencyKey key) {
    ErrorContext ctx = ErrorContext.of(system, "submit order");
    IdempotentExecutor.Execution e =
        executor.execute(
            key, IdempotencyKeys.fingerprint(order), ctx, () -> submitOnce(order, ctx));
    return decodeSubmission(e, ctx, "(order)");
  }

  /** Reads an outcome {@link #acceptance} or {@link #rejection} stored, executed or replayed. */
  private SubmissionResult decodeSubmission(
      IdempotentExecutor.Execution e, ErrorContext ctx, String subject) {
    if (e.failed()) {
      // A permanent failure stored by an earlier attempt: its message, not a verdict.
      throw new SyncException(
          "an earlier attempt with this idempotency key failed: " + e.outcome(), null, ctx, false);
    }
    JsonNode n = SapHttp.parse(e.outcome(), ctx);
    if (n.path("accepted").asBoolean(false)) {
      return SubmissionResult.accepted(
          ExternalId.of(system, n.path("id").asText()), n.path("id").asText());
    }
    List<FieldError> reasons = new ArrayList<>();
    for (JsonNode r : n.path("reasons")) {
      reasons.add(FieldError.redacted(r.path("path").asText(), r.path("message").asText()));
    }
    if (reasons.isEmpty()) {
      reasons.add(FieldError.redacted(subject, String.valueOf(e.outcome())));
    }
    return SubmissionResult.rejected(reasons);
  }

  /**
   * Authorises a return once per key: finds the sales order it references, looks the return up by
   * its RMA number and creates it only when SAP does not have it, under the idempotency store's
   * lease for the key.
   */
  private SubmissionResult authorize(ReturnRequest request, IdempotencyKey key) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(key, "key");
    ErrorContext ctx = ErrorContext.of(system, "authorize return");
    IdempotentExecutor.Execution e =
        executor.execute(
            key, IdempotencyKeys.fingerprint(request), ctx, () -> authorizeOnce(request, ctx));
    return decodeSubmission(e, ctx, "(return)");
  }

  private String authorizeOnce(ReturnRequest request, ErrorContext ctx) {
    if (request.orderNumber() == null) {
      return rejection(
          List.of(
              FieldError.redacted(
                  "orderNumber", "is required: an SAP customer return references a sales order")));
    }
    List<JsonNode> existing =
        findBy(
            RET,
            "A_CustomerReturn",
            CustomerReturnMapping.keyField(),
            List.of(request.rmaNumber()),
            "to_Item");
    List<JsonNode> order =
        findBy(SO, "A_SalesOrder", orders.keyField(), List.of(request.orderNumber()), "to_Item");
    if (order.isEmpty()) {
      order = findBy(SO, "A_SalesOrder", "SalesOrder", List.of(request.orderNumber()), "to_Item");
    }
    if (!existing.isEmpty()) {
      // An earlier attempt (or another writer) made it; it must be the return of this order.
      JsonNode found = existing.get(0);
      String number = found.path("CustomerReturn").asText();
      String salesOrder = order.isEmpty() ? null : order.get(0).path("SalesOrder").asText();
      for (JsonNode item : ODataV2.results(found.path("to_Item"))) {
        String ref = ODataV2.text(item, "ReferenceSDDocument");
        if (ref != null && !ref.equals(salesOrder)) {
          return rejection(
              List.of(
                  FieldError.of(
                      "rmaNumber",
                      request.rmaNumber(),
                      "is already the "
                          + CustomerReturnMapping.keyField()
                          + " of customer return "
                          + number
                          + ", which references sales order "
                          + ref
                          + ", not order "
                          + request.orderNumber())));
        }
      }
      return acceptance(number);
    }
    if (order.isEmpty()) {
      return rejection(
          List.of(
              FieldError.of(
                  "orderNumber",
                  request.orderNumber(),
                  "names no sales order in SAP (neither "
                      + orders.keyField()
                      + " nor SalesOrder)")));
    }
    ObjectNode body;
    try {
      body = returns.create(request, order.get(0), plainArrays);
    } catch (ValidationException e) {
      return rejection(e.errors());
    }
    return create(RET, "A_CustomerReturn", "CustomerReturn", body, "(return)", ctx);
  }

  /**
   * Creates one document outside {@code $batch} (a deep insert in a CSRF lane, never retried) and
   * returns its {@link #acceptance}, or the {@link #rejection} SAP's validation or conflict error
   * gives, naming {@code subject} where SAP names no field.
   *
   * @throws SyncException for any other failure, retryable when the create's fate is unknown
   */
  private String create(
      String service,
      String set,
      String idField,
      ObjectNode body,
      String subject,
      ErrorContext ctx) {
    Request post =
        new Request.Builder()
            .url(http.url(service, set).build())
            .header("Accept", "application/json")
            .post(RequestBody.create(body.toString(), SapHttp.JSON_TYPE))
            .build();
    SapHttp.Answer a = http.modify(service, post);
    if (a.ok()) {
      String id = ODataV2.text(ODataV2.entity(SapHttp.parse(a.body(), ctx)), idField);
      if (id == null) {
        throw ErpError.of(
                ErpErrorKind.UNKNOWN,
                a.status(),
                "NO_ID",
                "SAP created the " + set + " without its key " + idField)
            .toException(ctx);
      }
      return acceptance(id);
    }
    ErpError e = a.error(clock);
    if (!e.retryable()
        && (e.kind() == ErpErrorKind.VALIDATION || e.kind() == ErpErrorKind.CONFLICT)) {
      return rejection(SapErrors.reasons(a.body(), e.message(), subject));
    }
    throw e.toException(ctx);
  }

  private String submitOnce(Order order, ErrorContext ctx) {
    ObjectNode body;
    try {
      body = orders.create(order, plainArrays);
    } catch (ValidationException e) {
      return rejection(e.errors());
    }
    List<JsonNode> existing =
        findBy(SO, "A_SalesOrder", orders.keyField(), List.of(order.orderNumber()), null);
    if (!existing.isEmpty()) {
      return acceptance(existing.get(0).path("SalesOrder").asText());
    }
    return create(SO, "A_SalesOrder", "SalesOrder", body, "(order)", ctx);
  }

  private static String acceptance(String id) {
    return ODataV2.JSON.createObjectNode().put("accepted", true).put("id", id).toString();
  }

  private static String rejection(List<FieldError> errors) {
    ObjectNode n = ODataV2.JSON.createObjectNode().put("accepted", false);
    ArrayNode reasons = n.putArray("reasons");
    for (FieldError e : errors) {
      reasons.addObject().put("path", e.path()).put("message", e.message());
    }
    return n.toString();
  }

  private Optional<CreditTerms> credit(String accountNumber) {
    List<JsonNode> found =
        findBy(
            BP, "A_BusinessPartner", customers.keyField(), List.of(accountNumber), "to_Customer");
    if (found.isEmpty() || !found.get(0).path("to_Customer").has("Customer")) {
      return Optional.empty();
    }
    JsonNode customer = found.get(0).path("to_Customer");
    boolean blocked =
        ODataV2.text(customer, "OrderIsBlockedForCustomer") != null
            || found.get(0).path("BusinessPartnerIsBlocked").asBoolean(false);
    return Optional.of(
        new CreditTerms(blocked ? CreditStatus.ON_HOLD : CreditStatus.APPROVED, null, null));
  }

  private List<InventoryPosition> availability(List<String> skus, String location) {
    Map<String, BigDecimal> qty = new LinkedHashMap<>();
    Map<String, String> units = new HashMap<>();
    for (int from = 0; from < skus.size(); from += READ_CHUNK) {
      List<String> terms = new ArrayList<>();
      for (String s : skus.subList(from, Math.min(skus.size(), from + READ_CHUNK))) {
        terms.add("Material eq " + ODataV2.literal(s));
      }
      String filter =
          "("
              + String.join(" or ", terms)
              + ") and InventoryStockType eq '01'"
              + (location == null ? "" : " and Plant eq " + ODataV2.literal(location));
      HttpUrl url =
          http.url(stockService, "A_MatlStkInAcctMod").addQueryParameter("$filter", filter).build();
      for (JsonNode r : http.getAll(stockService, url, Integer.MAX_VALUE, "availability")) {
        String k = r.path("Material").asText() + "\u001f" + r.path("Plant").asText();
        BigDecimal q = ODataV2.decimal(r.get("MatlWrhsStkQtyInMatlBaseUnit"));
        qty.merge(k, q == null ? BigDecimal.ZERO : q, BigDecimal::add);
        units.putIfAbsent(k, ODataV2.text(r, "MaterialBaseUnit"));
      }
    }
    List<InventoryPosition> out = new ArrayList<>();
    Instant now = clock.instant();
    qty.forEach(
        (k, q) -> {
          String[] p = k.split("\u001f", 2);
          out.add(
              InventoryPosition.builder()
                  .sku(p[0])
                  .location(p[1])
                  .onHand(q.max(BigDecimal.ZERO))
                  .available(q)
                  .unitOfMeasure(units.get(k))
                  .asOf(now)
                  .build());
        });
    return out;
  }

  @Override
  public String toString() {
    return "S4HanaConnector[" + system + " " + baseUrl.host() + "]";
  }

  /** Builds an {@link S4HanaConnector}. Not thread-safe. */
  public static final class Builder {
    private SystemId system = SystemId.S4HANA;
    private OkHttpClient http = new OkHttpClient();
    private HttpUrl baseUrl;
    private String sapClient;
    private String user;
    private String password;
    private TokenProvider tokens;
    private Clock clock = Clock.systemUTC();
    private Consumer<Duration> sleeper = Sleepers.blocking("waiting to retry an SAP read");
    private int gateSize = 10;
    private TenantGate gate;
    private int lanes;
    private String csrfFetchPath = "";
    private boolean fetchBeforeEveryBatch = true;
    private int readAttempts = 3;
    private int maxBatchSize = 100;
    private int changesetSize;
    private boolean plainArrays;
    private Duration feedOverlap = Duration.ofMinutes(2);
    private int feedPageSize = 1000;
    private CustomerMapping customers = CustomerMapping.defaults();
    private SalesOrderMapping orders = SalesOrderMapping.defaults();
    private CustomerReturnMapping returns = CustomerReturnMapping.defaults();
    private DocumentMapping documents = DocumentMapping.defaults();
    private IdempotencyStore idempotency;
    private Duration lease = Duration.ofMinutes(5);
    private Duration retention = Duration.ofDays(7);
    private String deliveryService = "API_OUTBOUND_DELIVERY_SRV;v=0002";
    private String billingService = "API_BILLING_DOCUMENT_SRV";
    private String productService = "API_PRODUCT_SRV";
    private String stockService = "API_MATERIAL_STOCK_SRV";
    private CredentialExpiry credentialExpiry;

    private Builder() {}

    /**
     * Sets the system id the connector reports; {@code s4hana} by default.
     *
     * @param system the id
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Sets the HTTP client (proxies, TLS, timeouts and pools are the host's); the connector derives
     * its own with its interceptors and without a cookie jar (lanes keep the cookies).
     *
     * @param http the client
     * @return this builder
     */
    public Builder http(OkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Sets the API host; required. Services are under {@code /sap/opu/odata/sap/<SERVICE>/}.
     *
     * @param url such as {@code https://my123456-api.s4hana.cloud.sap}
     * @return this builder
     * @throws ValidationException when it is not an http(s) URL
     */
    public Builder baseUrl(String url) {
      HttpUrl u = url == null ? null : HttpUrl.parse(url);
      if (u == null) {
        throw ValidationException.of(
            "S4HanaConnector", "baseUrl", url, "must be an http or https URL");
      }
      this.baseUrl = u;
      return this;
    }

    /**
     * Sends {@code sap-client} with every call (on-premise systems with several clients).
     *
     * @param client such as {@code 100}, or {@code null}
     * @return this builder
     */
    public Builder sapClient(String client) {
      if (client != null && !client.matches("\\d{3}")) {
        throw ValidationException.of(
            "S4HanaConnector", "sapClient", client, "must be three digits, such as 100");
      }
      this.sapClient = client;
      return this;
    }

    /**
     * Authenticates with Basic auth as a communication user (the default of S/4HANA Cloud
     * communication arrangements). Replaces a token provider.
     *
     * @param user the communication user
     * @param password its password; never logged or shown
     * @return this builder
     */
    public Builder basicAuth(String user, String password) {
      if (user == null || user.isBlank()) {
        throw ValidationException.of("S4HanaConnector", "user", user, "is required");
      }
      if (password == null || password.isEmpty()) {
        throw ValidationException.of("S4HanaConnector", "password", null, "is required");
      }
      this.user = user;
      this.password = password;
      this.tokens = null;
      return this;
    }

    /**
     * Authenticates with OAuth 2.0 bearer tokens (client credentials through an {@code
     * OAuthTokenProvider}, or SAML bearer for principal propagation). Replaces Basic auth.
     *
     * @param tokens the token provider
     * @return this builder
     */
    public Builder tokenProvider(TokenProvider tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      this.user = null;
      this.password = null;
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
     * Sets how the connector waits before retrying a read (tests pass one that advances a fake
     * clock); the calling thread sleeps by default.
     *
     * @param sleeper waits for the given time
     * @return this builder
     */
    public Builder sleeper(Consumer<Duration> sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets how many calls may be in flight to this SAP host at once, shared by every connector of
     * the process for the host; 10 by default. SAP publishes no fixed number: size it from the work
     * processes the communication arrangement may use.
     *
     * @param permits at least 1
     * @return this builder
     */
    public Builder gateSize(int permits) {
      if (permits < 1) {
        throw ValidationException.of("S4HanaConnector", "gateSize", permits, "must be 1 or more");
      }
      this.gateSize = permits;
      return this;
    }

    /**
     * Uses this gate instead of the process-wide one for the host (tests, or a host that manages
     * gates itself).
     *
     * @param gate the gate
     * @return this builder
     */
    public Builder gate(TenantGate gate) {
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * Sets how many CSRF lanes (session + token pairs) each service keeps; the gate size by
     * default. Writes beyond that many at once wait for a lane.
     *
     * @param count at least 1
     * @return this builder
     */
    public Builder lanes(int count) {
      if (count < 1) {
        throw ValidationException.of("S4HanaConnector", "lanes", count, "must be 1 or more");
      }
      this.lanes = count;
      return this;
    }

    /**
     * Sets what the CSRF fetch GETs: {@code ""} (the service root with its trailing slash, the
     * default) or {@code $metadata} for systems whose root refuses the fetch.
     *
     * @param path {@code ""} or {@code $metadata}
     * @return this builder
     */
    public Builder csrfFetchPath(String path) {
      if (!"".equals(path) && !"$metadata".equals(path)) {
        throw ValidationException.of(
            "S4HanaConnector", "csrfFetchPath", path, "must be \"\" (service root) or $metadata");
      }
      this.csrfFetchPath = path;
      return this;
    }

    /**
     * Sets whether a lane fetches a fresh CSRF token before every {@code $batch} (the default, as
     * SAP's batch processing insists on a valid pair) or reuses its token until SAP refuses it.
     *
     * @param fetch whether to fetch before every batch
     * @return this builder
     */
    public Builder fetchTokenBeforeEveryBatch(boolean fetch) {
      this.fetchBeforeEveryBatch = fetch;
      return this;
    }

    /**
     * Sets how often a read is tried on 429, 5xx or a dropped connection; 3 by default. Writes are
     * never retried by the connector (the engine retries them by outcome).
     *
     * @param attempts at least 1
     * @return this builder
     */
    public Builder readAttempts(int attempts) {
      if (attempts < 1) {
        throw ValidationException.of(
            "S4HanaConnector", "readAttempts", attempts, "must be 1 or more");
      }
      this.readAttempts = attempts;
      return this;
    }

    /**
     * Sets the most records one writer call takes (one look-up and one {@code $batch}); 100 by
     * default.
     *
     * @param records between 1 and 1000
     * @return this builder
     */
    public Builder maxBatchSize(int records) {
      if (records < 1 || records > 1000) {
        throw ValidationException.of(
            "S4HanaConnector", "maxBatchSize", records, "must be between 1 and 1000");
      }
      this.maxBatchSize = records;
      return this;
    }

    /**
     * Sets how many records share one changeset (one SAP LUW); the whole batch by default. Fewer
     * costs SAP more commits but less bisection when records fail; 1 gives every record its own
     * changeset.
     *
     * @param records at least 1
     * @return this builder
     */
    public Builder changesetSize(int records) {
      if (records < 1) {
        throw ValidationException.of(
            "S4HanaConnector", "changesetSize", records, "must be 1 or more");
      }
      this.changesetSize = records;
      return this;
    }

    /**
     * Writes to-many navigations of deep inserts as plain arrays ({@code "to_Item": [...]}) instead
     * of the verbose {@code {"results": [...]}}, for services that want that shape. Reads accept
     * both.
     *
     * @param plain whether to write plain arrays
     * @return this builder
     */
    public Builder deepInsertPlainArrays(boolean plain) {
      this.plainArrays = plain;
      return this;
    }

    /**
     * Sets how far back each feed poll looks before the last stamp delivered; 2 minutes by default,
     * for SAP commits that become visible after later stamps.
     *
     * @param overlap the overlap
     * @return this builder
     */
    public Builder feedOverlap(Duration overlap) {
      if (overlap == null || overlap.isNegative()) {
        throw ValidationException.of(
            "S4HanaConnector", "feedOverlap", overlap, "must be zero or positive");
      }
      this.feedOverlap = overlap;
      return this;
    }

    /**
     * Sets the {@code $top} of feed reads; 1,000 by default, at most 5,000 (RAP services' cap).
     *
     * @param rows between 1 and 5000
     * @return this builder
     */
    public Builder feedPageSize(int rows) {
      if (rows < 1 || rows > 5000) {
        throw ValidationException.of(
            "S4HanaConnector", "feedPageSize", rows, "must be between 1 and 5000");
      }
      this.feedPageSize = rows;
      return this;
    }

    /**
     * Sets the customer mapping.
     *
     * @param mapping the mapping
     * @return this builder
     */
    public Builder customers(CustomerMapping mapping) {
      this.customers = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * Sets the sales order mapping.
     *
     * @param mapping the mapping
     * @return this builder
     */
    public Builder orders(SalesOrderMapping mapping) {
      this.orders = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * Sets the customer return mapping {@link ReturnAuthorization} creates returns with.
     *
     * @param mapping the mapping
     * @return this builder
     */
    public Builder returns(CustomerReturnMapping mapping) {
      this.returns = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * Sets the delivery, billing document and product mapping.
     *
     * @param mapping the mapping
     * @return this builder
     */
    public Builder documents(DocumentMapping mapping) {
      this.documents = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * Sets the idempotency store that guards look-up-then-create; an in-memory store by default,
     * which guards one process only. Pass the engine's JDBC store to guard several instances.
     *
     * @param store the store
     * @return this builder
     */
    public Builder idempotencyStore(IdempotencyStore store) {
      this.idempotency = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets how long one write may hold an idempotency key before another worker may take over (5
     * minutes by default), and how long outcomes are kept (7 days).
     *
     * @param lease the lease
     * @param retention the retention
     * @return this builder
     */
    public Builder idempotency(Duration lease, Duration retention) {
      this.lease = Objects.requireNonNull(lease, "lease");
      this.retention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    /**
     * Sets the service paths of the read-only documents, for systems with other versions.
     *
     * @param delivery outbound deliveries, {@code API_OUTBOUND_DELIVERY_SRV;v=0002} by default
     * @param billing billing documents, {@code API_BILLING_DOCUMENT_SRV}
     * @param product products, {@code API_PRODUCT_SRV}
     * @param stock material stock, {@code API_MATERIAL_STOCK_SRV}
     * @return this builder
     */
    public Builder documentServices(String delivery, String billing, String product, String stock) {
      this.deliveryService = Objects.requireNonNull(delivery, "delivery");
      this.billingService = Objects.requireNonNull(billing, "billing");
      this.productService = Objects.requireNonNull(product, "product");
      this.stockService = Objects.requireNonNull(stock, "stock");
      return this;
    }

    /**
     * Sets when the credential expires, so the connector warns 30 days ahead.
     *
     * @param expiry the expiry, or {@code null}
     * @return this builder
     */
    public Builder credentialExpiry(CredentialExpiry expiry) {
      this.credentialExpiry = expiry;
      return this;
    }

    /**
     * Builds the connector.
     *
     * @return the connector
     * @throws ValidationException naming a missing setting
     */
    public S4HanaConnector build() {
      if (baseUrl == null) {
        throw ValidationException.of("S4HanaConnector", "baseUrl", null, "is required");
      }
      if (tokens == null && user == null) {
        throw ValidationException.of(
            "S4HanaConnector",
            "authentication",
            null,
            "is required: call basicAuth(user, password) or tokenProvider(...)");
      }
      return new S4HanaConnector(this);
    }

    @Override
    public String toString() {
      return "S4HanaConnector.Builder[" + (baseUrl == null ? "" : baseUrl.host()) + "]";
    }
  }
}
