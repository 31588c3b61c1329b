package dev.retailsync.erp.tryton;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.core.state.IdempotencyStore;
import dev.retailsync.core.state.InMemoryIdempotencyStore;
import dev.retailsync.erp.TenantGate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A connector to Tryton 6.0 over its JSON-RPC, by entity type:
 *
 * <ul>
 *   <li>{@code ACCOUNT}: customers ({@code party.party} with addresses and contact mechanisms) as
 *       canonical {@link dev.retailsync.api.model.Account}s: writer, reader, change feed;
 *   <li>{@code PARTY}: the same parties as canonical {@link Party}s (web customers: a person's
 *       name, e-mail and phone contact mechanisms, billing/shipping/other addresses): writer,
 *       reader, change feed;
 *   <li>{@code ORDER}: sales as {@link Order}s: a reader (status from the sale, its shipments and
 *       invoices) and a writer that submits each order (create, quote, confirm);
 *   <li>{@code SHIPMENT}: customer shipments ({@code stock.shipment.out}) as {@link Shipment}s: a
 *       change feed of those in the configured states and a reader;
 *   <li>{@code INVOICE}: customer invoices ({@code account.invoice}, type {@code out}) as {@link
 *       Invoice}s: a change feed of those in the configured states and a reader;
 *   <li>{@code INVENTORY_POSITION}: a reader by id {@code <sku>@<location code>}, and a change feed
 *       that delivers the positions (every warehouse) of each product whose stock moves were
 *       created or changed;
 *   <li>operations: order submission, credit and availability lookups ({@link #operation}).
 * </ul>
 *
 * <p>Create one per Tryton database and reuse it; it is thread-safe. It logs in once ({@code
 * common.db.login}), sends {@code Authorization: Session …} and the user's context (company,
 * employee, language) with every call, and logs in again once when the session has expired.
 *
 * <pre>{@code
 * TrytonConnector tryton = TrytonConnector.builder()
 *     .baseUrl("https://erp.example.com/")
 *     .database("retail")
 *     .credentials("sync", password)
 *     .build();
 * List<WriteOutcome> outcomes =
 *     tryton.writer(EntityType.ACCOUNT).orElseThrow().upsert(requests);
 * }</pre>
 *
 * <h2>Keys, idempotency and versions</h2>
 *
 * <ul>
 *   <li><b>Upsert key.</b> Tryton has no upsert. The request's key is stored as a {@code
 *       party.identifier} code on the party; a write searches by it and then writes or creates.
 *       Writes of one key are serialised in this process, so two workers of one connector never
 *       both create.
 *   <li><b>Guaranteed:</b> a retry after a timeout never creates a second party: Tryton commits a
 *       create atomically, so the retry's search finds a party whose create committed. When the
 *       account has an account number, Tryton's unique party code also refuses a second party with
 *       that number, across processes. When the request carries an idempotency key, the outcome is
 *       stored in the {@link IdempotencyStore} (in memory by default; pass the engine's JDBC store
 *       to share it between processes) and a repeat returns it without calling Tryton.
 *   <li><b>Best effort:</b> two processes that do not share an idempotency store and write the same
 *       new key without an account number at the same moment can both create (identifiers carry no
 *       unique constraint in Tryton 6.0). The reader then sees two parties with the key; the writer
 *       rejects further writes to it, naming both ids.
 *   <li><b>Versions.</b> The version token lists Tryton's {@code _timestamp} of the party and of
 *       each address and contact mechanism. A write with {@code expectedVersion} first compares it
 *       with what Tryton has now, then sends the timestamps in the {@code _timestamp} context so
 *       Tryton itself refuses a change made in between ({@code ConcurrencyException}). Both end as
 *       a {@code CONFLICT} rejection carrying the current version. On SQLite Tryton's timestamps
 *       have a one-second resolution: two changes within one second are not told apart.
 * </ul>
 *
 * <h2>Orders</h2>
 *
 * <p>The ORDER writer submits each request's order as {@link #operation order submission} does: the
 * sale is found by its {@code reference} (the order number) and created, quoted and confirmed only
 * when there is none, so a repeat never makes a second sale. Outcomes: {@code CREATED} with the
 * sale id when this write made Tryton accept the order (or finished a sale an earlier attempt left
 * as a draft or quotation); {@code UNCHANGED} when the sale was already confirmed (changes to an
 * accepted order are not applied: Tryton owns it from then on); {@code REJECTED} naming the field
 * for an unknown SKU, currency or customer, and with code {@code CREDIT_HOLD} naming {@code credit}
 * when Tryton's credit-limit warning stops the confirmation (see {@link CreditWarningPolicy}). A
 * request with an idempotency key stores its outcome; a repeat returns it ({@code CREATED} becomes
 * {@code UNCHANGED}). A target id, when given, must be the sale carrying the order number.
 *
 * <p>The customer is the active party whose {@code code} is the order's account number; when the
 * order has none, the one active party with an e-mail contact mechanism equal to the order's {@code
 * customerEmail} (ignoring case). None or several reject the order naming {@code customerEmail},
 * without its value. The sale's shipment address is the party's active address equal to the order's
 * shipping address (street lines, city, postal code and country compared ignoring case and
 * spacing), else the party's delivery address, else its invoice address; the invoice address is the
 * party's address equal to the order's billing address, else its invoice address (or first
 * address). An order address the party does not have is never created on the party by the writer.
 *
 * <h2>Parties</h2>
 *
 * <p>The PARTY writer finds its party by the request's target id, else by the request's key kept as
 * a {@code party.identifier} code on every party it creates, else (so a retried create in another
 * process, or a customer already known by e-mail, is not duplicated) the one active party with one
 * of the record's e-mails, which then gets the key as an identifier. Several parties with the key
 * or e-mail reject the record. Updates compare the version ({@code _timestamp}s of the party, its
 * addresses and contact mechanisms) and send it to Tryton, as for accounts. Addresses and contact
 * mechanisms (e-mail, phone, mobile, fax) that the record no longer has are archived ({@code active
 * = false}), not deleted. See {@code TrytonPartyMapping} for the field mapping; Tryton 6.0 keeps
 * one name per party, so a person's name is read back split at its last space.
 *
 * <h2>Shipments and invoices</h2>
 *
 * <p>A shipment's or invoice's order number is the {@code reference} of the sale whose lines are
 * the {@code origin} of its outgoing moves or invoice lines (verified on Tryton 6.0.29). The
 * tracking number is read from a configurable field of the shipment ({@code reference} by default;
 * core Tryton 6.0 has no tracking field). The feeds deliver each shipment or invoice once per
 * version ({@code write_date}) once it is in one of the configured states ({@code done}; {@code
 * posted} and {@code paid} by default), with the same overlap window and dedupe as the account
 * feed.
 *
 * <h2>Change feed</h2>
 *
 * <p>Parties, addresses and contact mechanisms are queried by {@code write_date >= t} and (for
 * records never written since they were created, whose {@code write_date} is null) {@code
 * create_date >= t}: an address edited on its own does not touch its party's {@code write_date}.
 * Each poll starts an overlap window before the last stamp it saw (default one minute, for
 * transactions that commit late) and drops what the cursor says it already delivered. Deletions are
 * not reported (Tryton keeps no trace of them).
 */
public final class TrytonConnector implements Connector {
  /** The default system id. */
  public static final SystemId TRYTON = SystemId.of("tryton");

  static final Set<String> SHIPMENT_STATES =
      Set.of("draft", "waiting", "assigned", "picked", "packed", "done", "cancelled");
  static final Set<String> INVOICE_STATES =
      Set.of("draft", "validated", "posted", "paid", "cancelled");

  private final SystemId system;
  private final TrytonRpc rpc;
  private final TrytonParties parties;
  private final TrytonOperations operations;
  private final RecordWriter<Order> orderWriter;
  private final TrytonPartyRecords partyRecords;
  private final RecordReader<InventoryPosition> inventoryReader;
  private final ChangeFeed<InventoryPosition> inventoryFeed;
  private final RecordWriter<Party> partyWriter;
  private final RecordReader<Party> partyReader;
  private final ChangeFeed<Party> partyFeed;
  private final TrytonDocumentFeed<Shipment> shipments;
  private final RecordReader<Shipment> shipmentReader;
  private final TrytonDocumentFeed<Invoice> invoices;
  private final RecordReader<Invoice> invoiceReader;
  private final String description;

  private TrytonConnector(Builder b) {
    this.system = b.system;
    HttpUrl root = HttpUrl.get(b.baseUrl);
    TenantGate gate =
        b.sharedGate
            ? TenantGate.shared("tryton", root + b.database, b.gateSize)
            : TenantGate.unshared("tryton " + root + b.database, b.gateSize);
    this.rpc = new TrytonRpc(b.http, root, b.database, b.login, b.password, gate, b.clock);
    IdempotencyStore store =
        b.idempotencyStore != null ? b.idempotencyStore : new InMemoryIdempotencyStore(b.clock);
    this.parties =
        new TrytonParties(system, rpc, b.accounts, store, b.clock, b.feedOverlap, b.maxBatchSize);
    this.operations = new TrytonOperations(system, rpc, store, b.clock, b.creditWarnings);
    this.orderWriter = operations.orderWriter(b.maxBatchSize);
    this.partyRecords =
        new TrytonPartyRecords(system, rpc, parties, store, b.partyKind, b.maxBatchSize);
    this.inventoryReader = operations.inventoryReader(b.maxBatchSize);
    this.inventoryFeed = operations.inventoryFeed(b.feedOverlap);
    this.partyWriter = partyRecords.writer();
    this.partyReader = partyRecords.reader();
    this.partyFeed = partyRecords.feed();
    this.shipments =
        new TrytonDocumentFeed<>(
            system,
            rpc,
            EntityType.SHIPMENT,
            "stock.shipment.out",
            "s",
            List.of(List.of("state", "in", List.copyOf(b.shipmentStates))),
            TrytonShipmentMapping.fields(b.shipmentTrackingField),
            b.feedOverlap,
            TrytonShipmentMapping.mapper(rpc, b.shipmentTrackingField));
    this.shipmentReader = shipments.reader(b.maxBatchSize, List.of());
    List<Object> outInvoices = List.of(List.of("type", "=", "out"));
    this.invoices =
        new TrytonDocumentFeed<>(
            system,
            rpc,
            EntityType.INVOICE,
            "account.invoice",
            "i",
            List.of(outInvoices.get(0), List.of("state", "in", List.copyOf(b.invoiceStates))),
            TrytonInvoiceMapping.FIELDS,
            b.feedOverlap,
            TrytonInvoiceMapping.mapper(rpc));
    this.invoiceReader = invoices.reader(b.maxBatchSize, outInvoices);
    this.description = root + b.database + " as " + b.login;
  }

  /**
   * Returns a new builder.
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
    return Set.of(
        EntityType.ACCOUNT,
        EntityType.PARTY,
        EntityType.ORDER,
        EntityType.INVENTORY_POSITION,
        EntityType.SHIPMENT,
        EntityType.INVOICE);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<ChangeFeed<T>> changeFeed(EntityType<T> type) {
    if (type.equals(EntityType.SHIPMENT)) {
      return Optional.of((ChangeFeed<T>) shipments);
    }
    if (type.equals(EntityType.PARTY)) {
      return Optional.of((ChangeFeed<T>) partyFeed);
    }
    if (type.equals(EntityType.INVENTORY_POSITION)) {
      return Optional.of((ChangeFeed<T>) inventoryFeed);
    }
    if (type.equals(EntityType.INVOICE)) {
      return Optional.of((ChangeFeed<T>) invoices);
    }
    return type.equals(EntityType.ACCOUNT)
        ? Optional.of((ChangeFeed<T>) parties.feed())
        : Optional.empty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordReader<T>> reader(EntityType<T> type) {
    if (type.equals(EntityType.ORDER)) {
      return Optional.of((RecordReader<T>) operations.orderReader());
    }
    if (type.equals(EntityType.SHIPMENT)) {
      return Optional.of((RecordReader<T>) shipmentReader);
    }
    if (type.equals(EntityType.PARTY)) {
      return Optional.of((RecordReader<T>) partyReader);
    }
    if (type.equals(EntityType.INVENTORY_POSITION)) {
      return Optional.of((RecordReader<T>) inventoryReader);
    }
    if (type.equals(EntityType.INVOICE)) {
      return Optional.of((RecordReader<T>) invoiceReader);
    }
    return type.equals(EntityType.ACCOUNT)
        ? Optional.of((RecordReader<T>) parties.reader())
        : Optional.empty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
    if (type.equals(EntityType.ORDER)) {
      return Optional.of((RecordWriter<T>) orderWriter);
    }
    if (type.equals(EntityType.PARTY)) {
      return Optional.of((RecordWriter<T>) partyWriter);
    }
    return type.equals(EntityType.ACCOUNT)
        ? Optional.of((RecordWriter<T>) parties.writer())
        : Optional.empty();
  }

  /**
   * Returns the domain operations Tryton offers: {@link dev.retailsync.api.spi.OrderSubmission} (a
   * sale created with its lines, quoted and confirmed; idempotent by the order number kept in the
   * sale's {@code reference} and by the idempotency key), {@link
   * dev.retailsync.api.spi.CreditLookup} ({@code credit_limit_amount} and {@code credit_amount} of
   * the party with that code) and {@link dev.retailsync.api.spi.AvailabilityLookup} (on hand and
   * forecast quantities per warehouse or location code).
   *
   * <p>Tryton's credit-limit check answers a confirmation with a warning ("are you sure?"). By
   * default the submission is rejected as a credit hold naming {@code credit}, and the sale stays a
   * quotation in Tryton; {@link Builder#creditWarnings(CreditWarningPolicy)} with {@link
   * CreditWarningPolicy#ACKNOWLEDGE} acknowledges the warning once and confirms.
   *
   * @param operationType the operation's interface
   * @param <O> the operation's type
   * @return the operation, or empty for one Tryton does not offer here
   */
  @Override
  public <O> Optional<O> operation(Class<O> operationType) {
    return operationType.isInstance(operations)
        ? Optional.of(operationType.cast(operations))
        : Optional.empty();
  }

  /**
   * What an order submission does when Tryton warns that the customer's credit limit is reached.
   */
  public enum CreditWarningPolicy {
    /** Reject the submission as a credit hold; the sale stays a quotation in Tryton. */
    REJECT,
    /** Acknowledge the warning once, as the Tryton client's user would, and confirm the sale. */
    ACKNOWLEDGE
  }

  /**
   * Checks that Tryton answers and the credentials work: logs in (if not yet) and reads the server
   * version.
   *
   * @return the server version, such as {@code 6.0.29}
   * @throws SyncException if Tryton cannot be reached or refuses the login
   */
  public String ping() {
    try {
      rpc.context();
      return rpc.server("common.server.version").asText();
    } catch (TrytonCallException e) {
      throw e.error().toException(ErrorContext.of(system, "ping"));
    }
  }

  /** Logs out of Tryton. */
  @Override
  public void close() {
    rpc.logout();
  }

  /** Names the server, database and login; never the password. */
  @Override
  public String toString() {
    return "TrytonConnector[" + description + "]";
  }

  /** Builds a {@link TrytonConnector}. Not thread-safe. */
  public static final class Builder {
    private SystemId system = TRYTON;
    private String baseUrl;
    private String database;
    private String login;
    private String password;
    private OkHttpClient http;
    private Clock clock = Clock.systemUTC();
    private int gateSize = 4;
    private boolean sharedGate = true;
    private IdempotencyStore idempotencyStore;
    private TrytonAccountMapping accounts = TrytonAccountMapping.defaults();
    private Duration feedOverlap = Duration.ofMinutes(1);
    private int maxBatchSize = 100;
    private CreditWarningPolicy creditWarnings = CreditWarningPolicy.REJECT;
    private Set<String> shipmentStates = Set.of("done");
    private String shipmentTrackingField = "reference";
    private Set<String> invoiceStates = Set.of("posted", "paid");
    private PartyKind partyKind = PartyKind.PERSON;

    private Builder() {}

    /**
     * Sets the kind every Tryton party is read as by the PARTY reader and feed (Tryton 6.0 does not
     * tell people from organisations); {@link PartyKind#PERSON} by default, for web customers.
     *
     * @param kind the kind
     * @return this builder
     */
    public Builder partyKind(PartyKind kind) {
      this.partyKind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /**
     * Sets the states in which customer shipments ({@code stock.shipment.out}) are delivered by the
     * shipment feed; {@code done} by default (shipped). Tryton 6.0's states are {@code draft},
     * {@code waiting}, {@code assigned}, {@code picked}, {@code packed}, {@code done} and {@code
     * cancelled}. The reader reads shipments in any state.
     *
     * @param states the states, at least one
     * @return this builder
     */
    public Builder shipmentStates(Set<String> states) {
      this.shipmentStates = Set.copyOf(Objects.requireNonNull(states, "states"));
      return this;
    }

    /**
     * Sets the character field of {@code stock.shipment.out} read as the tracking number; {@code
     * reference} by default (core Tryton 6.0 has no tracking field; its carrier modules or a custom
     * module may add one, such as {@code tracking_number}).
     *
     * @param field the field name
     * @return this builder
     */
    public Builder shipmentTrackingField(String field) {
      this.shipmentTrackingField = field;
      return this;
    }

    /**
     * Sets the states in which customer invoices ({@code account.invoice} of type {@code out}) are
     * delivered by the invoice feed; {@code posted} and {@code paid} by default. Tryton 6.0's
     * states are {@code draft}, {@code validated}, {@code posted}, {@code paid} and {@code
     * cancelled}. The reader reads invoices in any state.
     *
     * @param states the states, at least one
     * @return this builder
     */
    public Builder invoiceStates(Set<String> states) {
      this.invoiceStates = Set.copyOf(Objects.requireNonNull(states, "states"));
      return this;
    }

    /**
     * Sets what an order submission does on Tryton's credit-limit warning; {@link
     * CreditWarningPolicy#REJECT} by default.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder creditWarnings(CreditWarningPolicy policy) {
      this.creditWarnings = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the system id the connector reports; {@code tryton} by default.
     *
     * @param system the id
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Sets the server's root URL, such as {@code https://erp.example.com/}; the database path is
     * added to it.
     *
     * @param baseUrl the URL
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * Sets the database name.
     *
     * @param database the name
     * @return this builder
     */
    public Builder database(String database) {
      this.database = database;
      return this;
    }

    /**
     * Sets the Tryton user's login and password.
     *
     * @param login the login
     * @param password the password
     * @return this builder
     */
    public Builder credentials(String login, String password) {
      this.login = login;
      this.password = password;
      return this;
    }

    /**
     * Sets the HTTP client (timeouts, proxies, interceptors); a default client otherwise.
     *
     * @param http the client
     * @return this builder
     */
    public Builder http(OkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Sets the clock; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how many calls may be in flight to this Tryton database at once, across every connector
     * in the process (4 by default: trytond serves from a small thread pool and SQLite serialises
     * writes).
     *
     * @param permits the limit, at least 1
     * @return this builder
     */
    public Builder gateSize(int permits) {
      this.gateSize = permits;
      return this;
    }

    /**
     * Gives this connector a concurrency gate of its own instead of the process-wide one for its
     * server and database (for tests that build connectors with different sizes).
     *
     * @return this builder
     */
    public Builder unsharedGate() {
      this.sharedGate = false;
      return this;
    }

    /**
     * Sets the store that keeps outcomes by idempotency key; pass the engine's JDBC store to share
     * it between processes. An in-memory store by default.
     *
     * @param store the store
     * @return this builder
     */
    public Builder idempotencyStore(IdempotencyStore store) {
      this.idempotencyStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the account mapping.
     *
     * @param mapping the mapping
     * @return this builder
     */
    public Builder accounts(TrytonAccountMapping mapping) {
      this.accounts = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * Sets how far before its last stamp each feed poll starts again, for transactions that commit
     * after later ones; one minute by default.
     *
     * @param overlap the window, zero or more
     * @return this builder
     */
    public Builder feedOverlap(Duration overlap) {
      this.feedOverlap = Objects.requireNonNull(overlap, "overlap");
      return this;
    }

    /**
     * Sets the most records one writer or reader call takes (100 by default).
     *
     * @param size the size, 1 to 1000
     * @return this builder
     */
    public Builder maxBatchSize(int size) {
      this.maxBatchSize = size;
      return this;
    }

    /**
     * Builds the connector. Does not call Tryton; the first call logs in.
     *
     * @return the connector
     * @throws ValidationException naming each missing or malformed setting
     */
    public TrytonConnector build() {
      List<dev.retailsync.api.FieldError> errors = new java.util.ArrayList<>();
      if (baseUrl == null || HttpUrl.parse(baseUrl) == null) {
        errors.add(
            dev.retailsync.api.FieldError.of(
                "baseUrl",
                baseUrl,
                "must be an http or https URL such as https://erp.example.com/"));
      }
      if (database == null || database.isBlank() || database.contains("/")) {
        errors.add(
            dev.retailsync.api.FieldError.of(
                "database", database, "must be the Tryton database name, without slashes"));
      }
      if (login == null || login.isBlank()) {
        errors.add(dev.retailsync.api.FieldError.redacted("login", "is required"));
      }
      if (password == null || password.isEmpty()) {
        errors.add(dev.retailsync.api.FieldError.redacted("password", "is required"));
      }
      if (gateSize < 1) {
        errors.add(dev.retailsync.api.FieldError.of("gateSize", gateSize, "must be 1 or more"));
      }
      if (feedOverlap.isNegative()) {
        errors.add(
            dev.retailsync.api.FieldError.of("feedOverlap", feedOverlap, "must not be negative"));
      }
      if (maxBatchSize < 1 || maxBatchSize > 1000) {
        errors.add(
            dev.retailsync.api.FieldError.of(
                "maxBatchSize", maxBatchSize, "must be between 1 and 1000"));
      }
      checkStates("shipmentStates", shipmentStates, SHIPMENT_STATES, errors);
      checkStates("invoiceStates", invoiceStates, INVOICE_STATES, errors);
      if (shipmentTrackingField == null || !shipmentTrackingField.matches("[a-z_][a-z0-9_]*")) {
        errors.add(
            dev.retailsync.api.FieldError.of(
                "shipmentTrackingField",
                shipmentTrackingField,
                "must be a Tryton field name (lower case letters, digits, underscores)"));
      }
      if (!errors.isEmpty()) {
        throw new ValidationException("TrytonConnector", errors);
      }
      if (http == null) {
        http = new OkHttpClient();
      }
      return new TrytonConnector(this);
    }

    static void checkStates(
        String name,
        Set<String> states,
        Set<String> known,
        List<dev.retailsync.api.FieldError> errors) {
      if (states.isEmpty()) {
        errors.add(dev.retailsync.api.FieldError.of(name, states, "must name at least one state"));
      }
      for (String s : states) {
        if (!known.contains(s)) {
          errors.add(
              dev.retailsync.api.FieldError.of(
                  name,
                  s,
                  "is not a Tryton 6.0 state; use one of " + new java.util.TreeSet<>(known)));
        }
      }
    }
  }
}
