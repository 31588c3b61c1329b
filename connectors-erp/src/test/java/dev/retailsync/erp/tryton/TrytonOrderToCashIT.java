package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.Change;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceStatus;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Order to cash against the real Tryton server: a web customer written as a party, a web order
 * delivered through the ORDER writer (twice: one sale), its customer found by e-mail, the shipment
 * driven to done and the invoice posted by {@link TrytonWarehouse}, then the SHIPMENT and INVOICE
 * feeds deliver each once with the web order number, and the stock drops (forecast at confirm, on
 * hand when shipped).
 */
@RealTryton
class TrytonOrderToCashIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

  private final TrytonTestServer server;
  private final TrytonConnector tryton;
  private final TrytonWarehouse warehouse;
  private final TrytonRpc raw;

  TrytonOrderToCashIT(TrytonTestServer server) {
    this.server = server;
    this.tryton = server.connector().build();
    this.warehouse = new TrytonWarehouse(server);
    this.raw = server.rpc();
  }

  @AfterEach
  void close() {
    tryton.close();
    warehouse.close();
    raw.logout();
  }

  private static PostalAddress street(String street) {
    return PostalAddress.builder()
        .lines(List.of(street))
        .locality("Springfield")
        .postalCode("49007")
        .country("US")
        .build();
  }

  /** A party made behind the connector's back, with two addresses and an e-mail. */
  private long party(String name, String email) {
    Map<String, Object> home = new LinkedHashMap<>();
    home.put("street", "1 Home Road");
    home.put("city", "Springfield");
    home.put("postal_code", "49007");
    home.put("country", server.id("countries", "US"));
    Map<String, Object> office = new LinkedHashMap<>(home);
    office.put("street", "99 Office Park");
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("name", name);
    values.put("customer_payment_term", server.id("payment_term"));
    values.put("addresses", List.of(List.of("create", List.of(home, office))));
    values.put(
        "contact_mechanisms",
        List.of(List.of("create", List.of(Map.of("type", "email", "value", email)))));
    return raw.model("party.party", "create", List.of(List.of(values))).get(0).asLong();
  }

  private static Order webOrder(String number, String email, String sku, int qty) {
    return Order.builder()
        .orderNumber(number)
        .channel("web")
        .status(OrderStatus.CAPTURED)
        .customerEmail(email)
        .currency("USD")
        .shippingAddress(street("99 Office Park"))
        .lines(List.of(OrderLine.of(1, sku, BigDecimal.valueOf(qty), Money.of("12.50", "USD"))))
        .build();
  }

  private static <T extends dev.retailsync.api.CanonicalEntity> Cursor drain(
      ChangeFeed<T> feed, Cursor from, List<Change<T>> into) {
    Cursor c = from;
    for (int i = 0; i < 100; i++) {
      ChangePage<T> page = feed.poll(c, 50);
      into.addAll(page.changes());
      c = page.next();
      if (!page.hasMore()) {
        return c;
      }
    }
    throw new AssertionError("the feed did not end within 100 pages");
  }

  @Test
  void aWebOrderIsSoldOnceShippedAndInvoicedAndTheFeedsDeliverItOnce() {
    String sku = "O2C-" + RUN;
    String number = "WEB-" + RUN + "-1";
    String email = "o2c-" + RUN + "@Example.com";
    warehouse.ensureProduct(sku, new BigDecimal("12.50"), new BigDecimal("20"));
    assertEquals(0, new BigDecimal("20").compareTo(warehouse.onHand(sku)));
    // The web customer, as a shop's customer feed would deliver it, becomes a Tryton party.
    Party customer =
        Party.builder()
            .kind(PartyKind.PERSON)
            .name(PersonName.of("Olga", "Cash " + RUN))
            .contactPoints(List.of(ContactPoint.email(email)))
            .addresses(
                List.of(
                    PartyAddress.of(AddressUse.BILLING, street("1 Home Road")),
                    PartyAddress.of(AddressUse.HOME, street("99 Office Park"))))
            .build();
    WriteOutcome party =
        tryton
            .<Party>writer(EntityType.PARTY)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("shop:customer:" + RUN, customer)))
            .get(0);
    assertEquals(WriteOutcome.Status.CREATED, party.status(), party.toString());
    long partyId = Long.parseLong(party.externalId().id());

    ChangeFeed<Shipment> shipments = tryton.changeFeed(EntityType.SHIPMENT).orElseThrow();
    ChangeFeed<Invoice> invoices = tryton.changeFeed(EntityType.INVOICE).orElseThrow();
    Cursor shipmentsBefore = drain(shipments, Cursor.beginning(), new ArrayList<>());
    Cursor invoicesBefore = drain(invoices, Cursor.beginning(), new ArrayList<>());
    ChangeFeed<InventoryPosition> positions =
        tryton.<InventoryPosition>changeFeed(EntityType.INVENTORY_POSITION).orElseThrow();
    Cursor positionsBefore = drain(positions, Cursor.beginning(), new ArrayList<>());

    RecordWriter<Order> orders = tryton.<Order>writer(EntityType.ORDER).orElseThrow();
    // The e-mail's case differs from the party's contact mechanism: e-mails match ignoring case.
    Order order = webOrder(number, email.toLowerCase(java.util.Locale.ROOT), sku, 3);
    IdempotencyKey key = IdempotencyKey.of("o2c:" + number);
    WriteOutcome first =
        orders.upsert(List.of(WriteRequest.of("k1", order, null, null, Set.of(), key))).get(0);
    assertEquals(WriteOutcome.Status.CREATED, first.status(), first.toString());
    WriteOutcome replay =
        orders.upsert(List.of(WriteRequest.of("k1", order, null, null, Set.of(), key))).get(0);
    assertEquals(WriteOutcome.Status.UNCHANGED, replay.status(), replay.toString());
    assertEquals(first.externalId(), replay.externalId());
    try (TrytonConnector another = server.connector().build()) {
      // Another process without the idempotency store: the sale is found by its reference.
      WriteOutcome again =
          another
              .<Order>writer(EntityType.ORDER)
              .orElseThrow()
              .upsert(List.of(WriteRequest.of("k2", order)))
              .get(0);
      assertEquals(WriteOutcome.Status.UNCHANGED, again.status(), again.toString());
      assertEquals(first.externalId(), again.externalId());
    }
    assertEquals(1, warehouse.salesWithReference(number), "one sale per web order");

    JsonNode sale =
        raw.model(
                "sale.sale",
                "read",
                List.of(
                    List.of(Long.parseLong(first.externalId().id())),
                    List.of("party", "state", "shipment_address.street", "invoice_address")))
            .get(0);
    assertEquals(partyId, sale.path("party").asLong(), "the customer found by e-mail");
    assertEquals("processing", sale.path("state").asText());
    assertEquals(
        "99 Office Park",
        sale.path("shipment_address.").path("street").asText(),
        "the order's shipping address, which the party has");
    assertEquals(0, new BigDecimal("17").compareTo(warehouse.forecast(sku)), "forecast at confirm");
    assertEquals(0, new BigDecimal("20").compareTo(warehouse.onHand(sku)), "on hand until shipped");
    RecordReader<InventoryPosition> stock =
        tryton.<InventoryPosition>reader(EntityType.INVENTORY_POSITION).orElseThrow();
    InventoryPosition confirmed = stock.read(List.of(sku + "@WH")).get(0).entity();
    assertEquals(0, new BigDecimal("20").compareTo(confirmed.onHand()), confirmed.toString());
    assertEquals(0, new BigDecimal("17").compareTo(confirmed.available()), confirmed.toString());
    assertEquals(0, new BigDecimal("3").compareTo(confirmed.reserved()), confirmed.toString());
    List<Change<InventoryPosition>> atConfirm = new ArrayList<>();
    Cursor positionsConfirmed = drain(positions, positionsBefore, atConfirm);
    List<InventoryPosition> ourPositions =
        atConfirm.stream().map(Change::entity).filter(p -> p.sku().equals(sku)).toList();
    assertEquals(1, ourPositions.size(), "one warehouse, one position: " + atConfirm);
    assertEquals(0, new BigDecimal("17").compareTo(ourPositions.get(0).available()));
    assertEquals(
        sku + "@WH",
        atConfirm.stream()
            .filter(c -> c.entity().sku().equals(sku))
            .findFirst()
            .orElseThrow()
            .source()
            .id());

    String tracking = "TRACK-" + RUN;
    List<String> shipped = warehouse.shipSale(number, tracking);
    assertEquals(1, shipped.size());
    assertEquals(0, new BigDecimal("17").compareTo(warehouse.onHand(sku)), "on hand when shipped");
    InventoryPosition shippedStock = stock.read(List.of(sku + "@WH")).get(0).entity();
    assertEquals(0, new BigDecimal("17").compareTo(shippedStock.onHand()), shippedStock.toString());
    assertEquals(0, shippedStock.reserved().signum(), shippedStock.toString());
    List<Change<InventoryPosition>> atShipment = new ArrayList<>();
    Cursor positionsShipped = drain(positions, positionsConfirmed, atShipment);
    List<InventoryPosition> shippedPositions =
        atShipment.stream().map(Change::entity).filter(p -> p.sku().equals(sku)).toList();
    assertEquals(1, shippedPositions.size(), atShipment.toString());
    assertEquals(0, new BigDecimal("17").compareTo(shippedPositions.get(0).onHand()));
    List<Change<InventoryPosition>> quietStock = new ArrayList<>();
    drain(positions, positionsShipped, quietStock);
    assertTrue(
        quietStock.stream().noneMatch(c -> c.entity().sku().equals(sku)), quietStock.toString());
    assertEquals(
        List.of(), stock.read(List.of("NO-SUCH-" + RUN + "@WH", sku + "@NOWHERE", "no-at-sign")));
    List<String> posted = warehouse.postInvoices(number);
    assertEquals(1, posted.size());

    List<Change<Shipment>> shipmentChanges = new ArrayList<>();
    Cursor shipmentsAfter = drain(shipments, shipmentsBefore, shipmentChanges);
    List<Shipment> ours =
        shipmentChanges.stream()
            .map(Change::entity)
            .filter(s -> number.equals(s.orderNumber()))
            .toList();
    assertEquals(1, ours.size(), shipmentChanges.toString());
    Shipment s = ours.get(0);
    assertEquals(shipped.get(0), s.shipmentNumber());
    assertEquals(ShipmentStatus.SHIPPED, s.status());
    assertEquals(tracking, s.trackingNumber());
    assertEquals("WH", s.shipFrom());
    assertEquals(List.of(new ShipmentLine(null, sku, new BigDecimal("3"))), s.lines());
    assertNotNull(s.shippedAt());
    assertEquals("99 Office Park", s.shipTo().lines().get(0));

    List<Change<Invoice>> invoiceChanges = new ArrayList<>();
    Cursor invoicesAfter = drain(invoices, invoicesBefore, invoiceChanges);
    List<Invoice> ourInvoices =
        invoiceChanges.stream()
            .map(Change::entity)
            .filter(i -> number.equals(i.orderNumber()))
            .toList();
    assertEquals(1, ourInvoices.size(), invoiceChanges.toString());
    Invoice inv = ourInvoices.get(0);
    assertEquals(posted.get(0), inv.invoiceNumber());
    assertEquals(InvoiceStatus.OPEN, inv.status());
    assertEquals("USD", inv.currency());
    assertEquals(Money.of("37.50", "USD"), inv.totals().total());
    assertEquals(Money.of("37.50", "USD"), inv.totals().amountDue());
    String code =
        raw.model("party.party", "read", List.of(List.of(partyId), List.of("code")))
            .get(0)
            .path("code")
            .asText();
    assertEquals(code, inv.accountNumber());
    assertEquals(sku, inv.lines().get(0).sku());
    assertNotNull(inv.issuedOn());

    // Polled again (the overlap window re-reads them): nothing is delivered twice.
    List<Change<Shipment>> againShipments = new ArrayList<>();
    drain(shipments, shipmentsAfter, againShipments);
    assertTrue(
        againShipments.stream().noneMatch(c -> number.equals(c.entity().orderNumber())),
        againShipments.toString());
    List<Change<Invoice>> againInvoices = new ArrayList<>();
    drain(invoices, invoicesAfter, againInvoices);
    assertTrue(
        againInvoices.stream().noneMatch(c -> number.equals(c.entity().orderNumber())),
        againInvoices.toString());

    // The readers give the same records by id.
    List<RemoteRecord<Shipment>> read =
        tryton
            .<Shipment>reader(EntityType.SHIPMENT)
            .orElseThrow()
            .read(
                List.of(
                    shipmentChanges.stream()
                        .filter(c -> number.equals(c.entity().orderNumber()))
                        .findFirst()
                        .orElseThrow()
                        .source()
                        .id()));
    assertEquals(s, read.get(0).entity());
  }

  @Test
  void anOrderWithoutAccountNumberNeedsExactlyOnePartyWithItsEmail() {
    RecordWriter<Order> orders = tryton.<Order>writer(EntityType.ORDER).orElseThrow();
    String nobody = "nobody-" + RUN + "@example.com";
    WriteOutcome none =
        orders
            .upsert(
                List.of(WriteRequest.of("n", webOrder("WEB-" + RUN + "-2", nobody, "SKU-001", 1))))
            .get(0);
    assertEquals(WriteOutcome.Status.REJECTED, none.status());
    assertEquals("customerEmail", none.errors().get(0).path());
    assertFalse(none.toString().contains(nobody), "the e-mail is redacted: " + none);

    String shared = "shared-" + RUN + "@example.com";
    party("Twin A " + RUN, shared);
    party("Twin B " + RUN, shared);
    WriteOutcome twins =
        orders
            .upsert(
                List.of(WriteRequest.of("t", webOrder("WEB-" + RUN + "-3", shared, "SKU-001", 1))))
            .get(0);
    assertEquals(WriteOutcome.Status.REJECTED, twins.status());
    assertEquals("customerEmail", twins.errors().get(0).path());
    assertTrue(twins.message().contains("2 active Tryton parties"), twins.message());
    assertFalse(twins.toString().contains(shared), "the e-mail is redacted: " + twins);
    assertEquals(0, warehouse.salesWithReference("WEB-" + RUN + "-3"));
  }

  @Test
  void aCreditHoldIsARejectionAndTheSaleWaitsAsAQuotation() {
    String code =
        raw.model(
                "party.party",
                "read",
                List.of(List.of(server.id("customers", "credit_limited")), List.of("code")))
            .get(0)
            .path("code")
            .asText();
    String number = "WEB-" + RUN + "-4";
    Order big =
        Order.builder()
            .orderNumber(number)
            .status(OrderStatus.CAPTURED)
            .accountNumber(code)
            .currency("USD")
            .lines(List.of(OrderLine.of(1, "SKU-003", BigDecimal.ONE, Money.of("99.99", "USD"))))
            .build();
    WriteOutcome held =
        tryton
            .<Order>writer(EntityType.ORDER)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("h", big)))
            .get(0);
    assertEquals(WriteOutcome.Status.REJECTED, held.status(), held.toString());
    assertEquals("CREDIT_HOLD", held.errorCode());
    assertEquals("credit", held.errors().get(0).path());
    JsonNode sale =
        raw.model(
            "sale.sale",
            "search_read",
            Arrays.asList(
                List.of(List.of("reference", "=", number)), 0, null, null, List.of("state")));
    assertEquals("quotation", sale.get(0).path("state").asText());
  }
}
