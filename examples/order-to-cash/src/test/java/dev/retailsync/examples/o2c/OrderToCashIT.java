package dev.retailsync.examples.o2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.deadletter.DeadLetter;
import dev.retailsync.core.deadletter.DeadLetterFilter;
import dev.retailsync.core.observability.RunReport;
import dev.retailsync.core.state.JdbcStateStores;
import dev.retailsync.ecommerce.vendure.RealVendure;
import dev.retailsync.ecommerce.vendure.VendureTestServer;
import dev.retailsync.ecommerce.vendure.VendureTestShop;
import dev.retailsync.erp.tryton.RealTryton;
import dev.retailsync.erp.tryton.TrytonConnector;
import dev.retailsync.erp.tryton.TrytonTestServer;
import dev.retailsync.erp.tryton.TrytonWarehouse;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order-to-cash flow against the real Vendure and Tryton servers and the fake Salesforce org:
 * customer, order, stock, shipment, invoice, with the engine killed between the Tryton sale and the
 * order cursor's save, and again between the Vendure fulfilment and the shipment cursor's save, and
 * started again each time on the same H2 file; then the whole flow runs again and writes nothing.
 */
@RealTryton
@RealVendure
class OrderToCashIT {
  private static final String EMAIL = "ada.o2c@example.com";
  private static final String TRACKING = "1Z-O2C-000042";

  private final TrytonTestServer trytonServer;
  private final VendureTestServer vendureServer;
  private final Clock clock = Clock.systemUTC();
  private final OkHttpClient http = new OkHttpClient();
  private final FakeSalesforce org = Systems.fakeOrg(clock);
  private final Path stateDir;
  private final TrytonWarehouse warehouse;
  private final TrytonConnector stock;

  OrderToCashIT(TrytonTestServer tryton, VendureTestServer vendure) throws Exception {
    this.trytonServer = tryton;
    this.vendureServer = vendure;
    Path base = Path.of(System.getProperty("o2c.stateDir", "target/o2c-state"));
    Files.createDirectories(base);
    this.stateDir = Files.createTempDirectory(base, "run-");
    this.warehouse = new TrytonWarehouse(tryton);
    // The same per-tenant concurrency limit as the example's connector (one gate per database).
    this.stock = tryton.connector().gateSize(1).build();
  }

  @AfterEach
  void logOut() {
    warehouse.close();
    stock.close();
  }

  /** Tryton's stock position of a SKU in its warehouse {@code WH}, through the connector. */
  private InventoryPosition position(String sku) {
    return stock
        .reader(EntityType.INVENTORY_POSITION)
        .orElseThrow()
        .read(List.of(sku + "@WH"))
        .get(0)
        .entity();
  }

  private Settings settings() {
    return new Settings(
        vendureServer.adminApiUrl(),
        vendureServer.apiKey(),
        trytonServer.baseUrl(),
        trytonServer.database(),
        trytonServer.login(),
        trytonServer.password(),
        stateDir);
  }

  /** One life of the host: a database pool, the stores on it, the connectors and the runner. */
  private final class Host implements AutoCloseable {
    final JdbcConnectionPool db = OrderToCash.h2(stateDir);
    final JdbcStateStores stores = JdbcStateStores.builder(db).clock(clock).build();
    final Systems systems = Systems.connect(settings(), http, org, stores.idempotency(), clock);
    final OrderToCash o2c;

    Host(KillSwitch kill) {
      OrderToCash.Builder b = OrderToCash.builder(systems).stateStores(stores).clock(clock);
      if (kill != null) {
        b.cursors(kill::wrap).listener(kill);
      }
      o2c = b.build();
    }

    @Override
    public void close() {
      o2c.close();
      systems.close();
      db.dispose();
    }
  }

  private static Party customer() {
    return Party.builder()
        .kind(PartyKind.PERSON)
        .name(new PersonName(null, "Ada", null, "Lovelace", null))
        .contactPoints(
            List.of(
                ContactPoint.of(ContactPointType.EMAIL, EMAIL),
                ContactPoint.of(ContactPointType.PHONE, "+44 20 7946 0018")))
        .addresses(
            List.of(
                new PartyAddress(
                    AddressUse.SHIPPING,
                    new PostalAddress(
                        List.of("12 St James Square"), "London", null, "SW1Y 4JH", "GB"),
                    true)))
        .build();
  }

  @Test
  void aVendureOrderIsSoldShippedAndInvoicedOnceThoughTheEngineDiesTwiceInTheMiddle()
      throws Exception {
    VendureTestShop shop = VendureTestShop.of(vendureServer);
    List<String> skus = shop.skus().subList(0, 2);
    Map<String, Integer> quantities = new LinkedHashMap<>();
    quantities.put(skus.get(0), 2);
    quantities.put(skus.get(1), 1);
    for (String sku : skus) {
      warehouse.ensureProduct(sku, new BigDecimal("19.99"), new BigDecimal("50"));
    }
    // Master data: the seeded shop has customers in Canada, which the seeded ERP does not know.
    TrytonMasterData.ensureCountry(trytonServer, "CA", "Canada");
    Map<String, InventoryPosition> before = new LinkedHashMap<>();
    for (String sku : skus) {
      before.put(sku, position(sku));
    }

    KillSwitch kill = new KillSwitch(OrderToCash.ORDERS, SystemId.of("tryton"));
    String code;
    try (Host first = new Host(kill)) {
      SystemId vendure = first.systems.vendure().system();
      SystemId tryton = first.systems.tryton().system();
      SystemId salesforce = first.systems.salesforce().system();

      // 1. a customer signs up in Vendure
      List<WriteOutcome> created =
          first
              .systems
              .vendure()
              .writer(EntityType.PARTY)
              .orElseThrow()
              .upsert(List.of(WriteRequest.of("o2c-ada", customer())));
      assertEquals(WriteOutcome.Status.CREATED, created.get(0).status(), created.toString());
      int customers = first.systems.vendure().listCustomers(0, 1000).size();

      // 2. every Vendure customer becomes a Tryton party and a Salesforce person account
      OrderToCash.Step parties = first.o2c.run(OrderToCash.PARTIES);
      assertEquals(customers, parties.changes());
      assertEquals(customers, parties.of(tryton).created(), parties.render());
      assertEquals(customers, parties.of(salesforce).created(), parties.render());
      ObjectNode account =
          org.records("Account").stream()
              .filter(a -> EMAIL.equals(a.path("PersonEmail").asText()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no person account for the customer"));
      assertEquals("Lovelace", account.path("LastName").asText());
      assertTrue(account.path("IsPersonAccount").asBoolean());
      CanonicalId ada =
          first
              .o2c
              .engine()
              .crossReferences()
              .find(EntityType.PARTY, created.get(0).externalId())
              .orElseThrow();
      ExternalId party =
          first
              .o2c
              .engine()
              .crossReferences()
              .externalId(EntityType.PARTY, ada, tryton)
              .orElseThrow(() -> new AssertionError("no Tryton party for the customer"));
      Party inTryton =
          first
              .systems
              .tryton()
              .reader(EntityType.PARTY)
              .orElseThrow()
              .read(List.of(party.id()))
              .get(0)
              .entity();
      assertEquals("Lovelace", inTryton.name().family());
      assertTrue(
          inTryton.contactPoints().stream().anyMatch(c -> EMAIL.equals(c.value())),
          "the Tryton party carries the e-mail its sales are found by");

      // 3. the customer orders; the engine creates the Tryton sale and dies before the cursor
      code = shop.placeOrder(EMAIL, quantities);
      KillSwitch.Killed killed =
          assertThrows(KillSwitch.Killed.class, () -> first.o2c.run(OrderToCash.ORDERS));
      System.out.println("engine killed: " + killed.getMessage());
      RunReport dying = first.o2c.engine().report();
      System.out.print(dying.render());
      assertEquals(
          1,
          dying.counts(tryton, EntityType.ORDER.name()).created(),
          "the sale was written before the kill");
      assertTrue(kill.fired());
      assertEquals(1, warehouse.salesWithReference(code), "the sale was created before the kill");
      assertEquals(
          kill.cursorAtKill(),
          first.stores.cursors().load(OrderToCash.ORDERS),
          "the order cursor was not saved");
      assertEquals(vendure, first.systems.vendure().system());
    }

    // 4. a new engine on the same database: the order is recognised, not sold twice
    KillSwitch killShipment = new KillSwitch(OrderToCash.SHIPMENTS, SystemId.of("vendure"));
    try (Host second = new Host(killShipment)) {
      SystemId vendure = second.systems.vendure().system();
      OrderToCash.Step orders = second.o2c.run(OrderToCash.ORDERS);
      assertEquals(0, orders.writes(), orders.render());
      assertTrue(orders.of(vendure).unchanged() >= 1, orders.render());
      assertEquals(1, warehouse.salesWithReference(code), "exactly one sale after the restart");

      // 5. the confirmed sale holds the stock: Tryton's position for each SKU is less available
      for (String sku : skus) {
        BigDecimal ordered = BigDecimal.valueOf(quantities.get(sku));
        InventoryPosition now = position(sku);
        assertEquals(0, before.get(sku).onHand().compareTo(now.onHand()), sku + ": " + now);
        assertEquals(
            0,
            before.get(sku).available().subtract(ordered).compareTo(now.available()),
            sku + ": " + now);
      }

      // 6. the warehouse ships: on hand drops; the engine creates the Vendure fulfilment and dies
      // again, this time before the shipment cursor is saved
      List<String> shipped = warehouse.shipSale(code, TRACKING);
      assertEquals(1, shipped.size(), shipped.toString());
      for (String sku : skus) {
        BigDecimal ordered = BigDecimal.valueOf(quantities.get(sku));
        InventoryPosition now = position(sku);
        assertEquals(
            0,
            before.get(sku).onHand().subtract(ordered).compareTo(now.onHand()),
            sku + ": " + now);
        assertEquals(
            0,
            before.get(sku).available().subtract(ordered).compareTo(now.available()),
            sku + ": " + now);
      }
      KillSwitch.Killed killed =
          assertThrows(KillSwitch.Killed.class, () -> second.o2c.run(OrderToCash.SHIPMENTS));
      System.out.println("engine killed: " + killed.getMessage());
      RunReport dying = second.o2c.engine().report();
      System.out.print(dying.render());
      assertEquals(
          1,
          dying.counts(vendure, EntityType.SHIPMENT.name()).created(),
          "the fulfilment was written before the kill");
      assertEquals(
          killShipment.cursorAtKill(),
          second.stores.cursors().load(OrderToCash.SHIPMENTS),
          "the shipment cursor was not saved");
    }

    // 7. a third engine: the shipment is recognised, not fulfilled twice
    try (Host third = new Host(null)) {
      SystemId vendure = third.systems.vendure().system();
      SystemId salesforce = third.systems.salesforce().system();
      OrderToCash.Step shipments = third.o2c.run(OrderToCash.SHIPMENTS);
      assertEquals(0, shipments.writes(), shipments.render());
      assertTrue(
          shipments.of(third.systems.tryton().system()).unchanged() >= 1, shipments.render());
      List<RemoteRecord<Shipment>> fulfilments = third.systems.vendure().shipmentsOf(code);
      assertEquals(1, fulfilments.size(), fulfilments.toString());
      assertEquals(TRACKING, fulfilments.get(0).entity().trackingNumber());

      // 8. accounting posts the invoice; its status reaches Salesforce
      List<String> invoices = warehouse.postInvoices(code);
      assertEquals(1, invoices.size(), invoices.toString());
      OrderToCash.Step invoiced = third.o2c.run(OrderToCash.INVOICES);
      assertEquals(1, invoiced.of(salesforce).created(), invoiced.render());
      List<ObjectNode> sfInvoices = org.records("Invoice__c");
      assertEquals(1, sfInvoices.size(), sfInvoices.toString());
      ObjectNode invoice = sfInvoices.get(0);
      assertEquals(invoices.get(0), invoice.path("Invoice_Number__c").asText());
      assertEquals(code, invoice.path("Order_Number__c").asText());
      assertEquals("OPEN", invoice.path("Status__c").asText(), invoice.toString());
      assertTrue(invoice.path("Amount_Due__c").decimalValue().signum() > 0, invoice.toString());

      // 9. the whole flow again: the order's shipment comes back from Vendure's order feed and
      // changes nothing in Tryton; nothing new is written anywhere
      List<OrderToCash.Step> again = third.o2c.runAll();
      for (OrderToCash.Step s : again) {
        assertEquals(0, s.writes(), s.render());
        assertEquals(0, s.deadLettered(), s.render());
      }
      // ... and once more: the sources have nothing new, nothing is even delivered
      for (OrderToCash.Step s : third.o2c.runAll()) {
        assertEquals(0, s.changes(), s.render());
        assertEquals(0, s.writes(), s.render());
        assertEquals(0, s.deadLettered(), s.render());
      }
      assertEquals(1, warehouse.salesWithReference(code));
      assertEquals(1, third.systems.vendure().shipmentsOf(code).size());
      assertEquals(1, org.records("Invoice__c").size());
      List<DeadLetter> letters = third.o2c.engine().deadLetters().list(DeadLetterFilter.all());
      assertEquals(List.of(), letters.stream().map(DeadLetter::id).toList());
      assertEquals(vendure, third.systems.vendure().system());
    }
  }
}
