package dev.retailsync.erp.businesscentral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.businesscentral.fake.FakeBusinessCentral;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Updating the lines of an order Business Central already has, against the fake. */
class BusinessCentralOrderLinesTest {
  private final BcFixture bc = new BcFixture();
  private final RecordWriter<Order> writer = bc.connector().writer(EntityType.ORDER).orElseThrow();
  private String orderId;

  @BeforeEach
  void anOrderWithTwoLines() {
    bc.fake.addCustomer("10000", "Adatum Corporation");
    bc.fake.addItem("1996-S", "ATLANTA Whiteboard", new BigDecimal("12"), new BigDecimal("19.99"));
    bc.fake.addItem("1900-S", "PARIS Guest Chair", new BigDecimal("3"), new BigDecimal("192.8"));
    bc.fake.addItem("1920-S", "ANTWERP Table", new BigDecimal("5"), new BigDecimal("420.4"));
    WriteOutcome created =
        write(order(line(1, "1996-S", "2", "19.99"), line(2, "1900-S", "1", "192.8")));
    assertEquals(WriteOutcome.Status.CREATED, created.status(), created.toString());
    orderId = created.externalId().id();
    bc.fake.clearRequests();
  }

  private static OrderLine line(int n, String sku, String qty, String price) {
    return OrderLine.of(n, sku, new BigDecimal(qty), Money.of(price, "USD"));
  }

  private static Order order(OrderLine... lines) {
    return Order.builder()
        .orderNumber("SHOP-7")
        .status(OrderStatus.CAPTURED)
        .accountNumber("10000")
        .currency("USD")
        .orderedAt(Instant.parse("2026-08-19T09:30:00Z"))
        .lines(List.of(lines))
        .build();
  }

  private WriteOutcome write(Order order) {
    return writer.upsert(List.of(WriteRequest.of("o", order))).get(0);
  }

  private List<JsonNode> lines() {
    List<JsonNode> out = new ArrayList<>();
    bc.fake.record("salesOrders", orderId).path("salesOrderLines").forEach(out::add);
    return out;
  }

  private JsonNode lineOf(String sku) {
    return lines().stream()
        .filter(l -> l.path("lineObjectNumber").asText().equals(sku))
        .findFirst()
        .orElse(null);
  }

  private List<FakeBusinessCentral.Recorded> lineCalls() {
    return bc.fake.requests().stream()
        .filter(r -> r.inBatch() && r.path().contains("/salesOrderLines"))
        .toList();
  }

  @Test
  void linesAreAddedChangedWithTheirETagAndRemovedInOneAtomicBatch() {
    JsonNode whiteboard = lineOf("1996-S");
    JsonNode chair = lineOf("1900-S");

    WriteOutcome o = write(order(line(1, "1996-S", "3", "19.99"), line(2, "1920-S", "1", "420.4")));

    assertEquals(WriteOutcome.Status.UPDATED, o.status(), o.toString());
    assertEquals(2, lines().size());
    JsonNode changed = lineOf("1996-S");
    assertEquals(whiteboard.path("id").asText(), changed.path("id").asText(), "changed in place");
    assertEquals(0, new BigDecimal("3").compareTo(changed.path("quantity").decimalValue()));
    assertTrue(lineOf("1920-S") != null, "the new line was added");
    assertTrue(lineOf("1900-S") == null, "the line no longer wanted was removed");
    ObjectNode order = bc.fake.record("salesOrders", orderId);
    assertEquals(
        0,
        new BigDecimal("480.37").compareTo(order.path("totalAmountIncludingTax").decimalValue()));
    assertEquals(order.path("@odata.etag").asText(), o.version(), "the order's final ETag");

    List<FakeBusinessCentral.Recorded> calls = lineCalls();
    assertEquals(List.of("PATCH", "POST", "DELETE"), calls.stream().map(r -> r.method()).toList());
    assertEquals(whiteboard.path("@odata.etag").asText(), calls.get(0).header("If-Match"));
    assertEquals(chair.path("@odata.etag").asText(), calls.get(2).header("If-Match"));
    assertFalse(calls.get(1).body().contains("sequence"), "no sequence on an added line");
    assertTrue(calls.get(0).body().contains("\"quantity\":3"), calls.get(0).body());
    assertFalse(calls.get(0).body().contains("unitPrice"), "only what changed is sent");
    assertTrue(
        bc.fake.requests().stream()
            .anyMatch(r -> !r.inBatch() && "snapshot".equals(r.header("Isolation"))),
        "the order and its lines go in one all-or-nothing $batch");
  }

  @Test
  void theSameLinesAgainAreUnchangedAndCostNoWrite() {
    WriteOutcome o = write(order(line(1, "1996-S", "2", "19.99"), line(2, "1900-S", "1", "192.8")));

    assertEquals(WriteOutcome.Status.UNCHANGED, o.status(), o.toString());
    assertEquals(List.of(), lineCalls());
  }

  @Test
  void linesAreMatchedByItemAndOccurrenceNotByPosition() {
    write(
        order(
            line(1, "1996-S", "2", "19.99"),
            line(2, "1900-S", "1", "192.8"),
            line(3, "1996-S", "5", "19.99")));
    bc.fake.clearRequests();

    // The chair moves to the end and the second whiteboard line grows: one PATCH, nothing else.
    WriteOutcome o =
        write(
            order(
                line(1, "1996-S", "2", "19.99"),
                line(2, "1996-S", "6", "19.99"),
                line(3, "1900-S", "1", "192.8")));

    assertEquals(WriteOutcome.Status.UPDATED, o.status(), o.toString());
    List<FakeBusinessCentral.Recorded> calls = lineCalls();
    assertEquals(1, calls.size(), calls.toString());
    assertEquals("PATCH", calls.get(0).method());
    JsonNode third =
        lines().stream().filter(l -> l.path("sequence").asInt() == 30000).findFirst().orElseThrow();
    assertEquals(0, new BigDecimal("6").compareTo(third.path("quantity").decimalValue()));
  }

  /** A writer whose first line-changing $batch meets a line another user just changed. */
  private RecordWriter<Order> racingWriter(AtomicBoolean interfered) {
    OkHttpClient racing =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  okhttp3.Request r = chain.request();
                  if (r.url().encodedPath().endsWith("$batch")
                      && bodyOf(r).contains("salesOrderLines")
                      && r.header("Isolation") != null
                      && interfered.compareAndSet(false, true)) {
                    bc.fake.changeOrderLineRemotely(orderId, 10000, Map.of("description", "X"));
                  }
                  return chain.proceed(r);
                })
            .addInterceptor(bc.fake)
            .build();
    return bc.builder().http(racing).build().writer(EntityType.ORDER).orElseThrow();
  }

  @Test
  void aStaleLineETagIsAConflictNamingTheLineAndNothingIsApplied() {
    AtomicBoolean interfered = new AtomicBoolean();
    RecordWriter<Order> w = racingWriter(interfered);

    WriteOutcome o =
        w.upsert(List.of(WriteRequest.of("o", order(line(1, "1996-S", "4", "19.99"))))).get(0);

    assertTrue(interfered.get());
    assertEquals(WriteOutcome.Status.REJECTED, o.status(), o.toString());
    assertEquals("Request_EntityChanged", o.errorCode());
    assertEquals("lines[0]", o.errors().get(0).path(), o.toString());
    assertTrue(o.message().contains("1996-S"), o.message());
    ObjectNode order = bc.fake.record("salesOrders", orderId);
    assertEquals(order.path("@odata.etag").asText(), o.version(), "carries the current version");
    assertEquals(2, lines().size(), "the removal of the chair line was rolled back");
    assertEquals(
        0, new BigDecimal("2").compareTo(lineOf("1996-S").path("quantity").decimalValue()));
    assertEquals("X", lineOf("1996-S").path("description").asText(), "the other user's change");

    WriteOutcome retried =
        w.upsert(List.of(WriteRequest.of("o", order(line(1, "1996-S", "4", "19.99"))))).get(0);
    assertEquals(WriteOutcome.Status.UPDATED, retried.status(), "a retry reads the lines again");
    assertEquals(1, lines().size());
  }

  @Test
  void aHeaderChangeIsRolledBackWithItsLines() {
    AtomicBoolean interfered = new AtomicBoolean();
    RecordWriter<Order> w = racingWriter(interfered);
    Order wanted =
        order(line(1, "1996-S", "4", "19.99")).toBuilder()
            .shippingAddress(
                PostalAddress.builder()
                    .lines("9 Harbour Road")
                    .locality("Seattle")
                    .region("WA")
                    .postalCode("98101")
                    .country("US")
                    .build())
            .build();

    WriteOutcome o = w.upsert(List.of(WriteRequest.of("o", wanted))).get(0);

    assertTrue(interfered.get());
    assertEquals(WriteOutcome.Status.REJECTED, o.status(), o.toString());
    assertEquals("Request_EntityChanged", o.errorCode());
    ObjectNode order = bc.fake.record("salesOrders", orderId);
    assertEquals(2, lines().size());
    assertFalse(
        order.path("shipToAddressLine1").asText().equals("9 Harbour Road"),
        "the header change was not applied without its lines");
  }

  @Test
  void aReleasedOrderWhoseLinesWouldChangeIsRejectedNamingLinesWithoutAnyWrite() {
    bc.fake.releaseOrder(orderId);
    String before = bc.fake.record("salesOrders", orderId).path("@odata.etag").asText();

    WriteOutcome o = write(order(line(1, "1996-S", "9", "19.99")));

    assertEquals(WriteOutcome.Status.REJECTED, o.status(), o.toString());
    assertEquals("lines", o.errors().get(0).path());
    assertTrue(o.message().contains("Open"), o.message());
    assertEquals(before, bc.fake.record("salesOrders", orderId).path("@odata.etag").asText());
    assertTrue(
        bc.fake.requests().stream().allMatch(r -> r.method().equals("GET")),
        "nothing but reads: " + bc.fake.requests());
    assertEquals(
        WriteOutcome.Status.UNCHANGED,
        write(order(line(1, "1996-S", "2", "19.99"), line(2, "1900-S", "1", "192.8"))).status(),
        "a released order whose lines stay as they are is fine");
  }

  @Test
  void aShippedOrderCannotLoseOrShrinkItsLines() {
    bc.fake.shipOrder(orderId);

    WriteOutcome o = write(order(line(1, "1996-S", "1", "19.99")));

    assertEquals(WriteOutcome.Status.REJECTED, o.status(), o.toString());
    List<String> paths = o.errors().stream().map(e -> e.path()).toList();
    assertEquals(List.of("lines", "lines[0].quantity", "lines"), paths, o.errors().toString());
    assertEquals(2, lines().size());
  }

  @Test
  void aWriteOfOtherFieldsLeavesTheLinesAlone() {
    WriteOutcome o =
        writer
            .upsert(
                List.of(
                    WriteRequest.of(
                        "o",
                        order(line(1, "1920-S", "1", "420.4")),
                        null,
                        null,
                        Set.of(Order.Fields.ORDERED_AT),
                        null)))
            .get(0);

    assertTrue(o.isSuccess(), o.toString());
    assertEquals(List.of(), lineCalls());
    assertEquals(2, lines().size());
  }

  private static String bodyOf(okhttp3.Request r) throws java.io.IOException {
    if (r.body() == null) {
      return "";
    }
    Buffer b = new Buffer();
    r.body().writeTo(b);
    return b.readUtf8();
  }
}
