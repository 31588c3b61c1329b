package dev.retailsync.erp.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.spi.AvailabilityLookup;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import dev.retailsync.api.spi.CreditLookup;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.file.fake.FakeFileErp;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flat-file connector against real temporary directories: RFC 4180 and JSON Lines payloads
 * typed after the layouts (under {@code src/test/resources/wire/file}), rejected rows, restarts in
 * the middle of a file, the ledger, atomic exports the ERP reads back, orders with lines and the
 * provider's settings.
 */
class FileConnectorTest {
  @TempDir Path dir;
  final TestClock clock = new TestClock(Instant.parse("2026-03-02T08:00:00Z"));
  final List<RowError> rejected = new CopyOnWriteArrayList<>();

  FileConnector connector() {
    return FileConnector.builder()
        .directory(dir)
        .clock(clock)
        .rejectedRows((type, errors) -> rejected.addAll(errors))
        .layout(
            FileLayout.orders().toBuilder()
                .statusCode("B", OrderStatus.ACCEPTED)
                .statusCode("F", OrderStatus.SHIPPED)
                .statusCode("C", OrderStatus.CANCELLED)
                .build())
        .build();
  }

  void dropWire(String resource, String as) throws IOException {
    Files.createDirectories(dir.resolve("inbox"));
    try (InputStream in = getClass().getResourceAsStream("/wire/file/" + resource)) {
      assertNotNull(in, resource);
      Files.write(dir.resolve("inbox").resolve(as), in.readAllBytes());
    }
  }

  static <T extends dev.retailsync.api.CanonicalEntity> List<Change<T>> drain(
      ChangeFeed<T> feed, Cursor[] cursor, int pageSize) {
    List<Change<T>> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ChangePage<T> page = feed.poll(cursor[0], pageSize);
      all.addAll(page.changes());
      cursor[0] = page.next();
      if (!page.hasMore()) {
        return all;
      }
    }
    throw new AssertionError("the feed did not end");
  }

  @Test
  void importsQuotedCsvAndRejectsTheBadRowAloneNamingRowAndColumn() throws IOException {
    dropWire("customers-rfc4180.csv", "customers-20260115.csv");
    FileConnector files = connector();
    Cursor[] cursor = {Cursor.beginning()};
    List<Change<Account>> changes =
        drain(files.changeFeed(EntityType.ACCOUNT).orElseThrow(), cursor, 50);

    assertEquals(
        List.of("C-1001", "C-1002", "C-1004"), changes.stream().map(c -> c.source().id()).toList());
    Account mueller = changes.get(0).entity();
    assertEquals("Müller, Schmidt & Co. KG", mueller.name());
    assertEquals(List.of("Hauptstraße 1", "Hinterhaus"), mueller.billing().address().lines());
    assertEquals(Money.of("25000.00", "EUR"), mueller.credit().limit());
    assertEquals(CreditStatus.APPROVED, mueller.credit().status());
    assertEquals("The \"Corner\" Shop", changes.get(1).entity().name());
    assertEquals(CustomerType.CONSUMER, changes.get(1).entity().customerType());
    assertEquals(AccountStatus.ON_HOLD, changes.get(2).entity().status());
    assertEquals(ChangeType.UPSERTED, changes.get(0).type());
    assertNotNull(changes.get(0).idempotencyKey());

    assertEquals(1, rejected.size(), rejected.toString());
    RowError bad = rejected.get(0);
    assertEquals("customers-20260115.csv", bad.file());
    assertEquals(
        4,
        bad.row(),
        "rows are CSV records: the header is 1, a quoted line break stays in its row");
    assertEquals("credit_limit", bad.column());
    assertTrue(bad.message().contains("'12,5' is not a decimal number"), bad.message());

    // The next poll, with the cursor past the file, archives it with its rejection report.
    ChangePage<Account> after =
        files.changeFeed(EntityType.ACCOUNT).orElseThrow().poll(cursor[0], 50);
    assertTrue(after.changes().isEmpty());
    assertFalse(Files.exists(dir.resolve("inbox/customers-20260115.csv")));
    assertTrue(Files.exists(dir.resolve("archive/customers-20260115.csv")));
    String report = Files.readString(dir.resolve("archive/customers-20260115.csv.rejected.csv"));
    assertTrue(
        report.startsWith("row,column,message\r\n4,credit_limit,\"'12,5' is not a decimal"),
        report);
  }

  @Test
  void aRejectedRowIsARejectionOfThePageThatTheReaderCannotReadAgain() throws IOException {
    dropWire("customers-rfc4180.csv", "customers-20260115.csv");
    FileConnector files = connector();
    ChangeFeed<Account> feed = files.changeFeed(EntityType.ACCOUNT).orElseThrow();

    ChangePage<Account> page = feed.poll(Cursor.beginning(), 50);

    assertEquals(3, page.changes().size());
    assertEquals(1, page.rejected().size());
    FeedRejection r = page.rejected().get(0);
    assertEquals(ExternalId.of(files.system(), "customers-20260115.csv#4"), r.source());
    assertEquals(List.of("credit_limit"), r.paths());
    assertTrue(r.message().contains("cannot read an archived row again"), r.message());
    assertNotNull(r.sourceTimestamp());
    assertEquals(1, rejected.size(), "the listener still hears of it");

    MappingException e =
        assertThrows(
            MappingException.class,
            () ->
                files
                    .reader(EntityType.ACCOUNT)
                    .orElseThrow()
                    .read(List.of("customers-20260115.csv#4")));
    assertTrue(e.getMessage().contains("cannot read an archived row again"), e.getMessage());
    assertEquals(
        List.of("C-1001"),
        files.reader(EntityType.ACCOUNT).orElseThrow().read(List.of("C-1001")).stream()
            .map(x -> x.id().id())
            .toList(),
        "keys are still read");

    ChangePage<Account> after = feed.poll(page.next(), 50);
    assertEquals(List.of(), after.rejected(), "rejected once");
    assertTrue(Files.exists(dir.resolve("archive/customers-20260115.csv.rejected.csv")));
  }

  @Test
  void aRestartResumesAtTheRowAndNeverImportsAFileTwice() throws IOException {
    dropWire("customers-rfc4180.csv", "customers-20260115.csv");
    Cursor stored;
    try (FileConnector first = connector()) {
      ChangePage<Account> page =
          first.changeFeed(EntityType.ACCOUNT).orElseThrow().poll(Cursor.beginning(), 2);
      assertEquals(
          List.of("C-1001", "C-1002"), page.changes().stream().map(c -> c.source().id()).toList());
      assertTrue(page.hasMore());
      stored = page.next();
      // The host stores this cursor, the process dies before the next poll.
    }
    FileConnector second = connector();
    ChangeFeed<Account> feed = second.changeFeed(EntityType.ACCOUNT).orElseThrow();
    Cursor[] cursor = {stored};
    List<Change<Account>> rest = drain(feed, cursor, 2);
    assertEquals(List.of("C-1004"), rest.stream().map(c -> c.source().id()).toList());

    // A poll repeated from the stored cursor (the host crashed before saving the next one)
    // replays the same rows, never earlier ones.
    List<Change<Account>> replay = drain(feed, new Cursor[] {stored}, 2);
    assertEquals(List.of("C-1004"), replay.stream().map(c -> c.source().id()).toList());

    assertTrue(feed.poll(cursor[0], 2).changes().isEmpty());
    assertTrue(Files.exists(dir.resolve("archive/customers-20260115.csv")));

    // The ERP drops the very same file again, and the host even lost its cursor: the ledger
    // recognises it by name, size and hash; nothing is imported twice.
    dropWire("customers-rfc4180.csv", "customers-20260115.csv");
    List<Change<Account>> again = drain(feed, new Cursor[] {Cursor.beginning()}, 50);
    assertEquals(List.of(), again);
    assertFalse(Files.exists(dir.resolve("inbox/customers-20260115.csv")));

    // The same name with new content is a new file.
    Files.writeString(
        dir.resolve("inbox/customers-20260115.csv"),
        "customer_no,name\r\nC-2001,Late Customer\r\n");
    List<Change<Account>> late = drain(feed, new Cursor[] {cursor[0]}, 50);
    assertEquals(List.of("C-2001"), late.stream().map(c -> c.source().id()).toList());
  }

  @Test
  void aFileDroppedLateWithAnEarlierNameIsStillImported() throws IOException {
    Files.createDirectories(dir.resolve("inbox"));
    Files.writeString(dir.resolve("inbox/customers-0002.csv"), "customer_no,name\r\nC-2,Two\r\n");
    FileConnector files = connector();
    ChangeFeed<Account> feed = files.changeFeed(EntityType.ACCOUNT).orElseThrow();
    Cursor[] cursor = {Cursor.beginning()};
    assertEquals(
        List.of("C-2"), drain(feed, cursor, 10).stream().map(c -> c.source().id()).toList());
    Files.writeString(dir.resolve("inbox/customers-0001.csv"), "customer_no,name\r\nC-1,One\r\n");
    assertEquals(
        List.of("C-1"), drain(feed, cursor, 10).stream().map(c -> c.source().id()).toList());
    assertTrue(drain(feed, cursor, 10).isEmpty());
  }

  @Test
  void aSettleWindowWaitsForAFileTheErpWritesInPlace() {
    FileConnector files =
        FileConnector.builder()
            .directory(dir)
            .clock(clock)
            .settle(java.time.Duration.ofMinutes(1))
            .build();
    FakeFileErp erp = new FakeFileErp(dir, clock);
    erp.drop("customers-erp-1.csv", "customer_no,name\r\nC-5,Five\r\n");
    ChangeFeed<Account> feed = files.changeFeed(EntityType.ACCOUNT).orElseThrow();
    ChangePage<Account> early = feed.poll(Cursor.beginning(), 10);
    assertTrue(early.changes().isEmpty(), "a file younger than the settle window waits");
    clock.advance(java.time.Duration.ofSeconds(61));
    ChangePage<Account> later = feed.poll(early.next(), 10);
    assertEquals(List.of("C-5"), later.changes().stream().map(c -> c.source().id()).toList());
  }

  @Test
  void aForeignCursorIsRefusedWithAClearMessage() {
    ChangeFeed<Account> feed = connector().changeFeed(EntityType.ACCOUNT).orElseThrow();
    ValidationException e =
        assertThrows(ValidationException.class, () -> feed.poll(Cursor.of("acme-seq:12"), 10));
    assertTrue(e.getMessage().contains("not a cursor of the flat-file connector"), e.getMessage());
  }

  @Test
  void exportsAtomicallyAndTheErpReadsTheFileBack() throws IOException {
    FileConnector files = connector();
    FakeFileErp erp = new FakeFileErp(dir, clock);
    RecordWriter<Account> writer = files.writer(EntityType.ACCOUNT).orElseThrow();
    Account quoted =
        Account.builder()
            .accountNumber("C-1")
            .name("Smith, \"Jones\" & Partners")
            .customerType(CustomerType.BUSINESS)
            .status(AccountStatus.ACTIVE)
            .currency("EUR")
            .build();
    List<WriteOutcome> outcomes =
        writer.upsert(
            List.of(
                WriteRequest.of("k1", quoted),
                WriteRequest.of("k2", quoted.toBuilder().accountNumber("C-2").build())));
    assertEquals(
        List.of(WriteOutcome.Status.CREATED, WriteOutcome.Status.CREATED),
        outcomes.stream().map(WriteOutcome::status).toList());

    List<String> outbox;
    try (Stream<Path> list = Files.list(dir.resolve("outbox"))) {
      outbox = list.map(p -> p.getFileName().toString()).toList();
    }
    assertEquals(List.of("customers-20260302T080000000Z-0001.csv"), outbox, "no temporary left");
    String csv = Files.readString(dir.resolve("outbox").resolve(outbox.get(0)));
    assertTrue(csv.startsWith("customer_no,name,type,status,"), csv);
    assertTrue(csv.contains("C-1,\"Smith, \"\"Jones\"\" & Partners\",BUSINESS,ACTIVE"), csv);
    assertTrue(csv.endsWith("\r\n"));

    assertEquals(List.of(outbox.get(0)), erp.consumeOutbox());
    assertEquals(
        "Smith, \"Jones\" & Partners", erp.records("customers").get("C-1").get(0).get("name"));

    // One key twice in a batch: the second write updates what the first created, in one file.
    List<WriteOutcome> twice =
        writer.upsert(
            List.of(
                WriteRequest.of("k3", quoted.toBuilder().accountNumber("C-3").build()),
                WriteRequest.of(
                    "k4", quoted.toBuilder().accountNumber("C-3").paymentTerms("NET10").build())));
    assertEquals(
        List.of(WriteOutcome.Status.CREATED, WriteOutcome.Status.UPDATED),
        twice.stream().map(WriteOutcome::status).toList());
    erp.consumeOutbox();
    assertEquals("NET10", erp.records("customers").get("C-3").get(0).get("payment_terms"));

    // The same records again: nothing to export.
    List<WriteOutcome> again = writer.upsert(List.of(WriteRequest.of("k1", quoted)));
    assertEquals(WriteOutcome.Status.UNCHANGED, again.get(0).status());
    assertTrue(erp.consumeOutbox().isEmpty(), "an unchanged record writes no file");
  }

  @Test
  void jsonLinesExportsNumbersAndImportsWithRowErrors() throws IOException {
    FileConnector files =
        FileConnector.builder()
            .directory(dir)
            .clock(clock)
            .format(FileFormat.JSON_LINES)
            .rejectedRows((type, errors) -> rejected.addAll(errors))
            .build();
    RecordWriter<InventoryPosition> writer =
        files.writer(EntityType.INVENTORY_POSITION).orElseThrow();
    InventoryPosition p =
        InventoryPosition.builder()
            .sku("SKU-1")
            .location("BER-1")
            .onHand(new BigDecimal("12.50"))
            .available(new BigDecimal("10"))
            .asOf(clock.instant())
            .build();
    WriteOutcome o = writer.upsert(List.of(WriteRequest.of("s1", p))).get(0);
    assertEquals("SKU-1@BER-1", o.externalId().id());
    String line = Files.readString(dir.resolve("outbox/inventory-20260302T080000000Z-0001.jsonl"));
    assertTrue(line.contains("\"on_hand\":12.5,"), line);

    dropWire("inventory.jsonl", "inventory-20260115.jsonl");
    List<Change<InventoryPosition>> changes =
        drain(
            files.changeFeed(EntityType.INVENTORY_POSITION).orElseThrow(),
            new Cursor[] {Cursor.beginning()},
            50);
    assertEquals(
        List.of("SKU-98@BER-1", "SKU-98@HAM-2"),
        changes.stream().map(c -> c.source().id()).toList());
    assertEquals(new BigDecimal("7.5"), changes.get(1).entity().onHand());
    assertEquals(
        List.of("3:on_hand", "4:(row)", "5:colour"),
        rejected.stream().map(e -> e.row() + ":" + e.column()).toList());

    AvailabilityLookup stock = files.operation(AvailabilityLookup.class).orElseThrow();
    assertEquals(
        List.of("BER-1", "HAM-2"),
        stock.availability(List.of("SKU-98"), null).stream()
            .map(InventoryPosition::location)
            .sorted()
            .toList());
  }

  @Test
  void ordersSpanOneRowPerLineAndABadLineRejectsItsOrderOnly() throws IOException {
    dropWire("orders-lines.csv", "orders-20260117.csv");
    FileConnector files = connector();
    List<Change<Order>> changes =
        drain(
            files.changeFeed(EntityType.ORDER).orElseThrow(),
            new Cursor[] {Cursor.beginning()},
            50);
    assertEquals(
        List.of("SHOP-100045", "SHOP-100047"), changes.stream().map(c -> c.source().id()).toList());
    Order first = changes.get(0).entity();
    assertEquals(OrderStatus.ACCEPTED, first.status());
    assertEquals("PO-7781", first.purchaseOrderNumber());
    assertEquals(List.of("SKU-98", "SKU-99"), first.lines().stream().map(OrderLine::sku).toList());
    assertEquals(Money.of("19.99", "EUR"), first.lines().get(0).unitPrice());
    assertEquals(OrderStatus.CANCELLED, changes.get(1).entity().status());
    assertEquals(1, rejected.size(), rejected.toString());
    assertEquals(4, rejected.get(0).row());
    assertEquals("quantity", rejected.get(0).column());

    // An order written goes out as one row per line, read back the same way.
    WriteOutcome o =
        files
            .writer(EntityType.ORDER)
            .orElseThrow()
            .upsert(List.of(WriteRequest.of("o1", first.toBuilder().orderNumber("WEB-1").build())))
            .get(0);
    assertEquals(WriteOutcome.Status.CREATED, o.status());
    FakeFileErp erp = new FakeFileErp(dir, clock);
    erp.consumeOutbox();
    assertEquals(2, erp.records("orders").get("WEB-1").size());
  }

  @Test
  void shipmentFilesGiveStatusAndTrackingPerShipment() {
    FileConnector files = connector();
    FakeFileErp erp = new FakeFileErp(dir, clock);
    erp.drop(
        "shipments-erp-20260303.csv",
        "shipment_no,order_no,status,carrier,tracking_no,shipped_at,order_line_no,sku,quantity\r\n"
            + "SH-1,SHOP-100045,SHIPPED,DHL,00340434161094042557,2026-03-03T09:00:00Z,1,SKU-98,2\r\n"
            + "SH-1,SHOP-100045,SHIPPED,DHL,00340434161094042557,2026-03-03T09:00:00Z,2,SKU-99,1\r\n"
            + "SH-2,SHOP-100046,LOST,DHL,,,1,SKU-98,1\r\n");
    List<Change<dev.retailsync.api.model.Shipment>> changes =
        drain(
            files.changeFeed(EntityType.SHIPMENT).orElseThrow(),
            new Cursor[] {Cursor.beginning()},
            10);
    assertEquals(1, changes.size());
    dev.retailsync.api.model.Shipment sh = changes.get(0).entity();
    assertEquals(dev.retailsync.api.model.ShipmentStatus.SHIPPED, sh.status());
    assertEquals("00340434161094042557", sh.trackingNumber());
    assertEquals(2, sh.lines().size());
    assertEquals("status", rejected.get(0).column());
    assertTrue(
        rejected.get(0).message().contains("'LOST' is not a known code"), rejected.toString());
    assertEquals(
        dev.retailsync.api.model.ShipmentStatus.SHIPPED,
        files
            .reader(EntityType.SHIPMENT)
            .orElseThrow()
            .read(List.of("SH-1"))
            .get(0)
            .entity()
            .status());
  }

  @Test
  void staleVersionIsAConflictCarryingTheErpsVersion() {
    FileConnector files = connector();
    FakeFileErp erp = new FakeFileErp(dir, clock);
    RecordWriter<Account> writer = files.writer(EntityType.ACCOUNT).orElseThrow();
    Account a =
        Account.builder()
            .accountNumber("C-7")
            .name("Seven")
            .customerType(CustomerType.BUSINESS)
            .status(AccountStatus.ACTIVE)
            .paymentTerms("NET30")
            .build();
    WriteOutcome created = writer.upsert(List.of(WriteRequest.of("k", a))).get(0);
    erp.consumeOutbox();
    erp.change("customers", "C-7", "payment_terms", "NET90");
    erp.exportChanges();

    WriteOutcome stale =
        writer
            .upsert(
                List.of(
                    WriteRequest.of(
                        "k",
                        a.toBuilder().name("Seven Inc").build(),
                        created.externalId(),
                        created.version(),
                        java.util.Set.of(),
                        null)))
            .get(0);
    assertEquals(WriteOutcome.Status.REJECTED, stale.status(), stale.toString());
    assertEquals("FILE_VERSION_CHANGED", stale.errorCode());
    String current =
        files.reader(EntityType.ACCOUNT).orElseThrow().read(List.of("C-7")).get(0).version();
    assertEquals(current, stale.version());
    assertEquals(
        "NET90",
        files
            .reader(EntityType.ACCOUNT)
            .orElseThrow()
            .read(List.of("C-7"))
            .get(0)
            .entity()
            .paymentTerms());
  }

  @Test
  void anOfflineShareIsRetryableAndUnwritableCharactersAreRejectedNamingTheField() {
    FileConnector latin1 =
        FileConnector.builder()
            .directory(dir)
            .clock(clock)
            .charset(StandardCharsets.ISO_8859_1)
            .build();
    RecordWriter<Account> writer = latin1.writer(EntityType.ACCOUNT).orElseThrow();
    Account lodz =
        Account.builder()
            .accountNumber("C-8")
            .name("Łódź Trading")
            .customerType(CustomerType.BUSINESS)
            .status(AccountStatus.ACTIVE)
            .build();
    WriteOutcome o = writer.upsert(List.of(WriteRequest.of("k", lodz))).get(0);
    assertEquals(WriteOutcome.Status.REJECTED, o.status());
    assertEquals("name", o.errors().get(0).path());

    FakeFileErp erp = new FakeFileErp(dir, clock);
    erp.takeShareOffline();
    WriteOutcome offline =
        writer
            .upsert(List.of(WriteRequest.of("k", lodz.toBuilder().name("Lodz Trading").build())))
            .get(0);
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, offline.status(), offline.toString());
    RemoteSystemException polled =
        assertThrows(
            RemoteSystemException.class,
            () -> latin1.changeFeed(EntityType.ACCOUNT).orElseThrow().poll(Cursor.beginning(), 5));
    assertTrue(polled.isRetryable());

    erp.bringShareOnline();
    WriteOutcome back =
        writer
            .upsert(List.of(WriteRequest.of("k", lodz.toBuilder().name("Lodz Trading").build())))
            .get(0);
    assertEquals(WriteOutcome.Status.CREATED, back.status());
  }

  @Test
  void anUnknownColumnRefusesTheFileNamingItAndRenamedColumnsImport() throws IOException {
    Files.createDirectories(dir.resolve("inbox"));
    Files.writeString(
        dir.resolve("inbox/customers-1.csv"), "customer_no,name,fax\r\nC-1,One,030-1\r\n");
    Files.writeString(
        dir.resolve("inbox/kunden-1.csv"),
        "Kundennummer;Name1;Zahlungsbedingung\r\nK-1;Eins;NET10\r\n");
    FileConnector files = connector();
    List<Change<Account>> none =
        drain(
            files.changeFeed(EntityType.ACCOUNT).orElseThrow(),
            new Cursor[] {Cursor.beginning()},
            50);
    assertEquals(List.of(), none);
    assertEquals("fax", rejected.get(0).column());
    assertTrue(rejected.get(0).message().contains("ignoreColumn(\"fax\")"), rejected.toString());

    ConnectorProvider provider =
        ServiceLoader.load(ConnectorProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.id().equals("erp-files"))
            .findFirst()
            .orElseThrow();
    ConnectorConfig config =
        ConnectorConfig.of(
            Map.of(
                "directory", dir.toString(),
                "delimiter", ";",
                "customersPrefix", "kunden",
                "customerColumns",
                    "accountNumber=Kundennummer,name=Name1,paymentTerms=Zahlungsbedingung"));
    assertEquals(List.of(), provider.validate(config));
    try (var connector =
        provider.create(
            ConnectorContext.builder(SystemId.of("erp-files")).config(config).build())) {
      List<Change<Account>> changes =
          drain(
              connector.changeFeed(EntityType.ACCOUNT).orElseThrow(),
              new Cursor[] {Cursor.beginning()},
              50);
      assertEquals(1, changes.size());
      assertEquals("NET10", changes.get(0).entity().paymentTerms());
      assertEquals("Eins", changes.get(0).entity().name());
      CreditLookup credit = connector.operation(CreditLookup.class).orElseThrow();
      assertTrue(credit.credit("K-1").isEmpty());
    }
  }

  @Test
  void customFieldsTravelInTheirOwnColumns() throws IOException {
    FileConnector files =
        FileConnector.builder()
            .directory(dir)
            .clock(clock)
            .layout(
                FileLayout.accounts().toBuilder()
                    .column("extensions.loyaltyTier", "loyalty_tier")
                    .build())
            .build();
    files
        .writer(EntityType.ACCOUNT)
        .orElseThrow()
        .upsert(
            List.of(
                WriteRequest.of(
                    "k",
                    Account.builder()
                        .accountNumber("C-11")
                        .name("Eleven")
                        .customerType(CustomerType.CONSUMER)
                        .status(AccountStatus.ACTIVE)
                        .putExtension("loyaltyTier", "GOLD")
                        .build())));
    FakeFileErp erp = new FakeFileErp(dir, clock);
    erp.consumeOutbox();
    assertEquals("GOLD", erp.records("customers").get("C-11").get(0).get("loyalty_tier"));

    erp.change("customers", "C-11", "loyalty_tier", "PLATINUM");
    erp.exportChanges();
    List<Change<Account>> changes =
        drain(
            files.changeFeed(EntityType.ACCOUNT).orElseThrow(),
            new Cursor[] {Cursor.beginning()},
            10);
    assertEquals("PLATINUM", changes.get(0).entity().extensions().get("loyaltyTier"));
    assertThrows(
        ConfigurationException.class,
        () -> FileLayout.accounts().toBuilder().column("extensions.", "x"));
  }

  @Test
  void providerNamesEachBadSetting() {
    ConnectorProvider provider = new FileConnectorProvider();
    List<String> errors =
        provider
            .validate(
                ConnectorConfig.of(
                    Map.of(
                        "directory", dir.toString(),
                        "format", "xml",
                        "delimiter", ";;",
                        "customerColumns", "creditLimit=limit",
                        "orderStatusCodes", "B=SHIPPING")))
            .stream()
            .map(e -> e.path() + ": " + e.message())
            .toList();
    assertEquals(4, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("format: must be csv or jsonl"), errors.toString());
    assertTrue(errors.toString().contains("delimiter: must be exactly one character"));
    assertTrue(
        errors
            .toString()
            .contains(
                "customerColumns: column 'creditLimit' is not a field of account; known: [accountNumber"));
    assertTrue(errors.toString().contains("orderStatusCodes: is not an order status"));
    assertInstanceOf(
        ConfigurationException.class,
        assertThrows(ConfigurationException.class, () -> FileConnector.builder().build()));
  }

  @Test
  void toStringShowsTheDirectoryNotRecords() {
    FileConnector files = connector();
    files
        .writer(EntityType.ACCOUNT)
        .orElseThrow()
        .upsert(
            List.of(
                WriteRequest.of(
                    "k",
                    Account.builder()
                        .accountNumber("C-9")
                        .name("Jane Private")
                        .customerType(CustomerType.CONSUMER)
                        .status(AccountStatus.ACTIVE)
                        .build())));
    assertFalse(files.toString().contains("Jane"), files.toString());
    assertTrue(files.toString().contains(dir.toAbsolutePath().toString()), files.toString());
  }
}
