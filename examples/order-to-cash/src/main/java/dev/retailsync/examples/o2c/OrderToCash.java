package dev.retailsync.examples.o2c;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.policy.ConflictRule;
import dev.retailsync.api.policy.OwnershipPolicy;
import dev.retailsync.core.deadletter.DeadLetter;
import dev.retailsync.core.deadletter.DeadLetterFilter;
import dev.retailsync.core.engine.Flow;
import dev.retailsync.core.engine.SyncEngine;
import dev.retailsync.core.golden.Merger;
import dev.retailsync.core.observability.RunReport;
import dev.retailsync.core.observability.SyncListener;
import dev.retailsync.core.state.CursorStore;
import dev.retailsync.core.state.JdbcStateStores;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Order to cash across three systems, run by one {@link SyncEngine} whose state lives in a database
 * (an H2 file here), so a host that dies in the middle resumes where it stopped:
 *
 * <ol>
 *   <li>{@value #PARTIES}: Vendure customers become Tryton parties and Salesforce person accounts;
 *   <li>{@value #ORDERS}: Vendure orders become Tryton sales (by {@code reference} = the Vendure
 *       order code), quoted and confirmed, for the party with the customer's e-mail;
 *   <li>{@value #SHIPMENTS}: Tryton customer shipments, once done, become Vendure fulfilments with
 *       the tracking number;
 *   <li>{@value #INVOICES}: Tryton customer invoices reach Salesforce as {@code Invoice__c} records
 *       with their status and amount due.
 * </ol>
 *
 * <p>Ownership: Vendure owns what was ordered (order lines) and the customer's contact data; Tryton
 * owns its order number, the shipments' tracking and the invoices' status. {@link #run(String)}
 * runs one step and prints its outcomes, {@link #runAll()} runs the four in order.
 *
 * <p>Create one per host and close it when done (it closes its engine, not the connectors or the
 * database, which the caller owns). Not thread-safe: run steps from one thread.
 */
public final class OrderToCash implements AutoCloseable {
  /** The step that sends Vendure customers to Tryton and Salesforce. */
  public static final String PARTIES = "o2c-parties-vendure";

  /** The step that sends Vendure orders to Tryton. */
  public static final String ORDERS = "o2c-orders-vendure-to-tryton";

  /** The step that brings Tryton shipments back to Vendure. */
  public static final String SHIPMENTS = "o2c-shipments-tryton-to-vendure";

  /** The step that sends Tryton invoices to Salesforce. */
  public static final String INVOICES = "o2c-invoices-tryton-to-salesforce";

  /** The steps in the order {@link #runAll()} runs them. */
  public static final List<String> STEPS = List.of(PARTIES, ORDERS, SHIPMENTS, INVOICES);

  private final Systems systems;
  private final SyncEngine engine;
  private final PrintStream out;

  private OrderToCash(Builder b) {
    this.systems = b.systems;
    this.out = b.out;
    JdbcStateStores stores = b.stores;
    SystemId vendure = systems.vendure().system();
    SystemId tryton = systems.tryton().system();
    this.engine =
        SyncEngine.builder()
            .merger(merger(vendure, tryton, b.clock))
            .clock(b.clock)
            .stateStores(stores)
            // One instance on its own H2 file: after a crash it takes back its own leases at once.
            .soleInstance()
            .cursors(b.cursors.apply(stores.cursors()))
            .listener(b.listener)
            .addFlow(
                Flow.builder(PARTIES, EntityType.PARTY)
                    .source(systems.vendure())
                    .addTarget(systems.tryton())
                    .addTarget(systems.salesforce())
                    .build())
            .addFlow(
                Flow.builder(ORDERS, EntityType.ORDER)
                    .source(systems.vendure())
                    .addTarget(systems.tryton())
                    .build())
            .addFlow(
                Flow.builder(SHIPMENTS, EntityType.SHIPMENT)
                    .source(systems.tryton())
                    .addTarget(systems.vendure())
                    .build())
            .addFlow(
                Flow.builder(INVOICES, EntityType.INVOICE)
                    .source(systems.tryton())
                    .addTarget(systems.salesforce())
                    .build())
            .build();
  }

  /**
   * Returns a builder.
   *
   * @param systems the three connectors
   * @return the builder
   */
  public static Builder builder(Systems systems) {
    return new Builder(Objects.requireNonNull(systems, "systems"));
  }

  /**
   * Returns the ownership policies of the flow: Vendure owns order lines and the customer's contact
   * data (e-mail, phones, addresses, name); Tryton owns its order number, the shipments' tracking
   * and the invoices' status; anything else goes to the newest value.
   *
   * @param vendure Vendure's system id
   * @param tryton Tryton's system id
   * @param clock the clock
   * @return the merger
   */
  public static Merger merger(SystemId vendure, SystemId tryton, Clock clock) {
    return Merger.builder()
        .policy(
            OwnershipPolicy.builder(EntityType.PARTY)
                .owner(Party.Fields.NAME, vendure)
                .owner(Party.Fields.CONTACT_POINTS, vendure)
                .owner(Party.Fields.ADDRESSES, vendure)
                .defaultRule(ConflictRule.newestWins())
                .build())
        .policy(
            OwnershipPolicy.builder(EntityType.ORDER)
                .owner(Order.Fields.LINES, vendure)
                .owner(Order.Fields.CUSTOMER_EMAIL, vendure)
                .owner(Order.Fields.SHIPPING_ADDRESS, vendure)
                .owner(Order.Fields.BILLING_ADDRESS, vendure)
                .owner(Order.Fields.ERP_ORDER_NUMBER, tryton)
                .defaultRule(ConflictRule.newestWins())
                .build())
        .policy(
            OwnershipPolicy.builder(EntityType.SHIPMENT)
                .owner(Shipment.Fields.TRACKING_NUMBER, tryton)
                .owner(Shipment.Fields.TRACKING_URL, tryton)
                .owner(Shipment.Fields.CARRIER, tryton)
                .defaultRule(ConflictRule.newestWins())
                .build())
        .policy(
            OwnershipPolicy.builder(EntityType.INVOICE)
                .owner(Invoice.Fields.STATUS, tryton)
                .owner(Invoice.Fields.TOTALS, tryton)
                .defaultRule(ConflictRule.newestWins())
                .build())
        .clock(clock)
        .build();
  }

  /**
   * Runs one step: polls its source through its whole backlog and writes what changed, then prints
   * the step's outcomes (what this step created, updated or left unchanged per system).
   *
   * @param step one of {@link #STEPS}
   * @return the step's outcomes
   * @throws dev.retailsync.api.ValidationException if there is no such step
   * @throws dev.retailsync.api.SyncException if the source could not be polled after its retries
   */
  public Step run(String step) {
    RunReport before = engine.report();
    Set<String> lettersBefore = openLetters(step).keySet();
    int changes = engine.runOnce(step);
    Map<String, String> letters = new LinkedHashMap<>(openLetters(step));
    letters.keySet().removeAll(lettersBefore);
    Step s = Step.between(step, changes, before, engine.report(), List.copyOf(letters.values()));
    out.print(s.render());
    return s;
  }

  /** The open dead letters of a flow, by id, described by target, reason and message. */
  private Map<String, String> openLetters(String flow) {
    Map<String, String> out = new LinkedHashMap<>();
    for (DeadLetter l :
        engine
            .deadLetters()
            .list(DeadLetterFilter.builder().flow(flow).status(DeadLetter.Status.OPEN).build())) {
      out.put(
          l.id(),
          (l.target() == null ? l.system().value() : l.target().value())
              + " "
              + l.reason()
              + ": "
              + l.message());
    }
    return out;
  }

  /**
   * Runs the four steps in order and prints each one's outcomes, then the open dead letters.
   *
   * @return the steps' outcomes, in order
   */
  public List<Step> runAll() {
    List<Step> steps = new ArrayList<>();
    for (String s : STEPS) {
      steps.add(run(s));
    }
    long open =
        engine.deadLetters().list(DeadLetterFilter.all()).stream()
            .filter(l -> l.status() == DeadLetter.Status.OPEN)
            .count();
    out.println("open dead letters: " + open);
    return steps;
  }

  /**
   * Returns the engine, to inspect its stores, dead letters and report.
   *
   * @return the engine
   */
  public SyncEngine engine() {
    return engine;
  }

  /**
   * Returns the connectors.
   *
   * @return the systems
   */
  public Systems systems() {
    return systems;
  }

  /** Closes the engine; the connectors and the database stay open (the caller owns them). */
  @Override
  public void close() {
    engine.close();
  }

  /**
   * Runs the order-to-cash steps once against the Vendure and Tryton servers named by system
   * properties or environment variables (see {@link Settings#fromEnvironment()}), with a fake
   * Salesforce org in this process, and prints each step's outcomes. The engine's state is kept in
   * an H2 file under the state directory, so a second run resumes from the saved cursors (and does
   * not send again what the first run sent to its fake org, which ended with that run).
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    PrintStream out = System.out;
    out.println("order to cash with " + settings);
    Clock clock = Clock.systemUTC();
    FakeSalesforce org = Systems.fakeOrg(clock);
    JdbcConnectionPool db = h2(settings.stateDirectory());
    JdbcStateStores stores = JdbcStateStores.builder(db).clock(clock).build();
    try (Systems systems =
            Systems.connect(settings, new OkHttpClient(), org, stores.idempotency(), clock);
        OrderToCash o2c = builder(systems).stateStores(stores).clock(clock).out(out).build()) {
      o2c.runAll();
      out.println(
          "salesforce Invoice__c records: "
              + org.records("Invoice__c").stream()
                  .map(r -> r.path("Name").asText() + " " + r.path("Status__c").asText())
                  .toList());
    } finally {
      db.dispose();
    }
  }

  /**
   * Returns a small connection pool on an H2 database in a file under the directory.
   *
   * @param directory where the database file lives
   * @return the pool; dispose it when done
   */
  public static JdbcConnectionPool h2(Path directory) {
    return JdbcConnectionPool.create(
        "jdbc:h2:file:" + directory.toAbsolutePath().resolve("retail-sync"), "sa", "");
  }

  /**
   * What one step did.
   *
   * @param step the step's name
   * @param changes how many changes its source delivered
   * @param outcomes per system (the source, and each target), what the step added to the engine's
   *     counters: created, updated, unchanged, rejected, retried, dead-lettered
   * @param deadLetters the dead letters the step left open: target (or source), reason and message
   *     (messages name fields, never their values)
   */
  public record Step(
      String step, int changes, List<RunReport.Counts> outcomes, List<String> deadLetters) {
    // Copies the lists; see the class documentation for the components.
    public Step {
      outcomes = List.copyOf(outcomes);
      deadLetters = List.copyOf(deadLetters);
    }

    static Step between(
        String step, int changes, RunReport before, RunReport after, List<String> deadLetters) {
      List<RunReport.Counts> out = new ArrayList<>();
      for (RunReport.Counts a : after.counts()) {
        RunReport.Counts b = before.counts(a.system(), a.domain());
        RunReport.Counts d =
            new RunReport.Counts(
                a.system(),
                a.domain(),
                a.created() - b.created(),
                a.updated() - b.updated(),
                a.unchanged() - b.unchanged(),
                a.rejected() - b.rejected(),
                a.retried() - b.retried(),
                a.deadLettered() - b.deadLettered(),
                a.pending());
        if (d.created() != 0
            || d.updated() != 0
            || d.unchanged() != 0
            || d.rejected() != 0
            || d.retried() != 0
            || d.deadLettered() != 0) {
          out.add(d);
        }
      }
      return new Step(step, changes, out, deadLetters);
    }

    /**
     * Returns what the step did to one system.
     *
     * @param system the system
     * @return its counts, zeros when the step did nothing there
     */
    public RunReport.Counts of(SystemId system) {
      for (RunReport.Counts c : outcomes) {
        if (c.system().equals(system)) {
          return c;
        }
      }
      return new RunReport.Counts(system, "", 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Returns how many records the step created or updated anywhere.
     *
     * @return the count
     */
    public long writes() {
      return outcomes.stream().mapToLong(c -> c.created() + c.updated()).sum();
    }

    /**
     * Returns how many changes or records the step dead-lettered.
     *
     * @return the count
     */
    public long deadLettered() {
      return outcomes.stream().mapToLong(RunReport.Counts::deadLettered).sum();
    }

    /**
     * Renders the step as a few lines for the console.
     *
     * @return the text
     */
    public String render() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "step %s: %d changes%n", step, changes));
      if (outcomes.isEmpty()) {
        sb.append("  nothing to do\n");
      }
      for (RunReport.Counts c : outcomes) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %-10s %-9s created %d, updated %d, unchanged %d, rejected %d, retried %d,"
                    + " dead-lettered %d%n",
                c.system().value(),
                c.domain(),
                c.created(),
                c.updated(),
                c.unchanged(),
                c.rejected(),
                c.retried(),
                c.deadLettered()));
      }
      for (String l : deadLetters) {
        sb.append("  dead letter: ").append(l).append('\n');
      }
      return sb.toString();
    }
  }

  /** Builds an {@link OrderToCash}. Not thread-safe. */
  public static final class Builder {
    private final Systems systems;
    private JdbcStateStores stores;
    private Clock clock = Clock.systemUTC();
    private PrintStream out = System.out;
    private SyncListener listener = SyncListener.NONE;
    private UnaryOperator<CursorStore> cursors = UnaryOperator.identity();

    private Builder(Systems systems) {
      this.systems = systems;
    }

    /**
     * Sets the stores the engine keeps its state in (cursors, cross-references, idempotency
     * outcomes, golden records, dead letters); required. Stores on a database that outlives the
     * process (an H2 file such as {@link #h2(Path)}, or PostgreSQL) let a restarted host resume.
     *
     * @param stores the JDBC stores
     * @return this builder
     */
    public Builder stateStores(JdbcStateStores stores) {
      this.stores = Objects.requireNonNull(stores, "stores");
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
     * Sets where each step's outcomes are printed; standard output by default.
     *
     * @param out the stream
     * @return this builder
     */
    public Builder out(PrintStream out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    /**
     * Sets the listener of the engine's stage events; none by default.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(SyncListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Wraps the database's cursor store, such as to observe or fail cursor saves in a test.
     *
     * @param decorate returns the store the engine uses, given the database's
     * @return this builder
     */
    public Builder cursors(UnaryOperator<CursorStore> decorate) {
      this.cursors = Objects.requireNonNull(decorate, "decorate");
      return this;
    }

    /**
     * Builds the engine and its four flows.
     *
     * @return the order-to-cash runner
     * @throws dev.retailsync.api.ValidationException if no state stores are set, or a connector
     *     lacks a feed or writer a flow needs
     */
    public OrderToCash build() {
      if (stores == null) {
        throw dev.retailsync.api.ValidationException.of(
            "OrderToCash", "stateStores", null, "is required: the engine keeps its state there");
      }
      return new OrderToCash(this);
    }
  }
}
