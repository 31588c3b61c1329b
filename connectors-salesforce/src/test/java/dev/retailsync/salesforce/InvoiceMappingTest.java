package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceStatus;
import dev.retailsync.api.model.InvoiceTotals;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** ERP invoices to the {@code Invoice__c} custom object and back, with per-record outcomes. */
class InvoiceMappingTest {
  private static final String[] INVOICE_FIELDS = {
    "Status__c",
    "Order_Number__c",
    "Account_Number__c",
    "Invoice_Date__c",
    "Due_Date__c",
    "Currency__c",
    "Subtotal__c",
    "Tax_Total__c",
    "Total__c",
    "Amount_Paid__c",
    "Amount_Due__c"
  };

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private final FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");

  private SalesforceConnector connector(InvoiceMapping mapping) {
    return SalesforceConnector.builder()
        .http(fake.client())
        .tokenProvider(
            OAuthTokenProvider.builder(
                    fake.client(),
                    HttpUrl.get(FakeSalesforce.TOKEN_URL),
                    OAuthGrant.clientCredentials("3MVG9", "s3cr3t", null))
                .clock(clock)
                .build())
        .instanceUrl(FakeSalesforce.INSTANCE_URL)
        .mapping(mapping)
        .clock(clock)
        .build();
  }

  private static Invoice invoice(String number, InvoiceStatus status, String due) {
    return Invoice.builder()
        .invoiceNumber(number)
        .orderNumber("SO-" + number)
        .accountNumber("C-1001")
        .issuedOn(LocalDate.of(2026, 11, 20))
        .dueOn(LocalDate.of(2026, 12, 20))
        .status(status)
        .currency("EUR")
        .totals(
            new InvoiceTotals(
                Money.of("100.00", "EUR"),
                Money.of("20.00", "EUR"),
                Money.of("120.00", "EUR"),
                Money.of(
                    new java.math.BigDecimal("120.00").subtract(new java.math.BigDecimal(due)),
                    "EUR"),
                Money.of(due, "EUR")))
        .build();
  }

  private ObjectNode stored(String number) {
    return fake.records("Invoice__c").stream()
        .filter(r -> r.path("Invoice_Number__c").asText().equals(number))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void invoicesAreUpsertedByNumberWithOneOutcomeEachAndReadBackAlike() {
    fake.createCustomObject("Invoice__c", "Invoice_Number__c", INVOICE_FIELDS);
    SalesforceConnector sf = connector(InvoiceMapping.ofDefaults());
    var writer = sf.writer(EntityType.INVOICE).orElseThrow();
    fake.lockRecord("INV-3", 1);

    List<WriteOutcome> first =
        writer.upsert(
            List.of(
                WriteRequest.of("k1", invoice("INV-1", InvoiceStatus.OPEN, "120.00")),
                WriteRequest.of("k2", invoice("INV-2", InvoiceStatus.OPEN, "120.00")),
                WriteRequest.of("k3", invoice("INV-3", InvoiceStatus.OPEN, "120.00"))));

    assertEquals(List.of("k1", "k2", "k3"), first.stream().map(WriteOutcome::key).toList());
    assertEquals(WriteOutcome.Status.CREATED, first.get(0).status());
    assertEquals(WriteOutcome.Status.CREATED, first.get(1).status());
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, first.get(2).status());
    assertEquals("UNABLE_TO_LOCK_ROW", first.get(2).errorCode());
    ObjectNode inv1 = stored("INV-1");
    assertEquals("INV-1", inv1.get("Name").asText());
    assertEquals("OPEN", inv1.get("Status__c").asText());
    assertEquals("SO-INV-1", inv1.get("Order_Number__c").asText());
    assertEquals("C-1001", inv1.get("Account_Number__c").asText());
    assertEquals("2026-11-20", inv1.get("Invoice_Date__c").asText());
    assertEquals("2026-12-20", inv1.get("Due_Date__c").asText());
    assertEquals("EUR", inv1.get("Currency__c").asText());
    assertEquals(
        0, new java.math.BigDecimal("120.00").compareTo(inv1.get("Amount_Due__c").decimalValue()));

    // Paid: only the status and the amounts move; the same record is updated, not duplicated.
    List<WriteOutcome> second =
        writer.upsert(
            List.of(
                new WriteRequest<>(
                    "k1",
                    invoice("INV-1", InvoiceStatus.PAID, "0.00"),
                    null,
                    null,
                    Set.of(Invoice.Fields.STATUS, Invoice.Fields.TOTALS),
                    null,
                    null),
                WriteRequest.of("k3", invoice("INV-3", InvoiceStatus.OPEN, "120.00"))));
    assertEquals(WriteOutcome.Status.UPDATED, second.get(0).status());
    assertEquals(first.get(0).externalId(), second.get(0).externalId());
    assertEquals(WriteOutcome.Status.CREATED, second.get(1).status());
    assertEquals(3, fake.records("Invoice__c").size());
    assertEquals("PAID", stored("INV-1").get("Status__c").asText());
    assertEquals(0, stored("INV-1").get("Amount_Due__c").decimalValue().signum());

    List<RemoteRecord<Invoice>> read =
        sf.reader(EntityType.INVOICE).orElseThrow().read(List.of(first.get(0).externalId().id()));
    assertEquals(invoice("INV-1", InvoiceStatus.PAID, "0.00"), read.get(0).entity());

    ChangePage<Invoice> page =
        sf.changeFeed(EntityType.INVOICE).orElseThrow().poll(Cursor.beginning(), 10);
    assertEquals(
        Set.of("INV-1", "INV-2", "INV-3"),
        Set.copyOf(page.changes().stream().map(c -> c.entity().invoiceNumber()).toList()));
    assertTrue(page.changes().get(0).changedFields().contains(Invoice.Fields.STATUS));
    long describes = fake.requests().stream().filter(r -> r.endsWith("/describe")).count();
    assertEquals(1, describes, "the object is described once per connector: " + fake.requests());
  }

  @Test
  void objectAndFieldNamesAreConfigurableAndUnmappedFieldsAreNotWritten() {
    fake.createCustomObject(
        "ERP_Invoice__c", "ERP_Invoice_Id__c", "Invoice_Status__c", "Balance__c", "Currency__c");
    InvoiceMapping mapping =
        InvoiceMapping.builder()
            .sobject("ERP_Invoice__c")
            .externalIdField("ERP_Invoice_Id__c")
            .field(Invoice.Fields.STATUS, "Invoice_Status__c")
            .field(Invoice.Fields.TOTALS_AMOUNT_DUE, "Balance__c")
            .field(Invoice.Fields.ORDER_NUMBER, null)
            .field(Invoice.Fields.ACCOUNT_NUMBER, null)
            .field(Invoice.Fields.ISSUED_ON, null)
            .field(Invoice.Fields.DUE_ON, null)
            .field(Invoice.Fields.TOTALS_SUBTOTAL, null)
            .field(Invoice.Fields.TOTALS_TAX_TOTAL, null)
            .field(Invoice.Fields.TOTALS_TOTAL, null)
            .field(Invoice.Fields.TOTALS_AMOUNT_PAID, null)
            .build();
    SalesforceConnector sf = connector(mapping);

    List<WriteOutcome> out =
        sf.writer(EntityType.INVOICE)
            .orElseThrow()
            .upsert(
                List.of(WriteRequest.of("k", invoice("INV-9", InvoiceStatus.OVERDUE, "45.50"))));

    assertEquals(WriteOutcome.Status.CREATED, out.get(0).status(), out.toString());
    ObjectNode r = fake.records("ERP_Invoice__c").get(0);
    assertEquals("INV-9", r.get("ERP_Invoice_Id__c").asText());
    assertEquals("OVERDUE", r.get("Invoice_Status__c").asText());
    assertEquals(
        0, new java.math.BigDecimal("45.50").compareTo(r.get("Balance__c").decimalValue()));
    assertFalse(r.has("Order_Number__c"));
    Invoice back =
        sf.reader(EntityType.INVOICE)
            .orElseThrow()
            .read(List.of(out.get(0).externalId().id()))
            .get(0)
            .entity();
    assertEquals(InvoiceStatus.OVERDUE, back.status());
    assertEquals(Money.of("45.50", "EUR"), back.totals().amountDue());
  }

  @Test
  void aMissingObjectOrFieldFailsTheCallNamingWhatToCreate() {
    SalesforceConnector sf = connector(InvoiceMapping.ofDefaults());
    var writer = sf.writer(EntityType.INVOICE).orElseThrow();
    List<WriteRequest<Invoice>> batch =
        List.of(WriteRequest.of("k", invoice("INV-1", InvoiceStatus.OPEN, "120.00")));

    ValidationException noObject =
        assertThrows(ValidationException.class, () -> writer.upsert(batch));
    assertEquals("Invoice__c", noObject.errors().get(0).path());

    // The admin creates the object but forgets two fields: both are named, nothing is written.
    fake.createCustomObject(
        "Invoice__c",
        "Invoice_Number__c",
        "Status__c",
        "Order_Number__c",
        "Account_Number__c",
        "Invoice_Date__c",
        "Due_Date__c",
        "Currency__c",
        "Subtotal__c",
        "Tax_Total__c",
        "Total__c");
    ValidationException missing =
        assertThrows(ValidationException.class, () -> writer.upsert(batch));
    assertEquals(
        List.of("Invoice__c.Amount_Paid__c", "Invoice__c.Amount_Due__c"),
        missing.errors().stream().map(e -> e.path()).toList());
    assertTrue(fake.records("Invoice__c").isEmpty());
  }

  @Test
  void theFakeAnswersAsSalesforceForUnknownObjectsAndFields() throws Exception {
    fake.createCustomObject("Invoice__c", "Invoice_Number__c", INVOICE_FIELDS);
    String token =
        OAuthTokenProvider.builder(
                fake.client(),
                HttpUrl.get(FakeSalesforce.TOKEN_URL),
                OAuthGrant.clientCredentials("3MVG9", "s3cr3t", null))
            .clock(clock)
            .build()
            .token()
            .accessToken();
    okhttp3.OkHttpClient http = fake.client();
    String api = FakeSalesforce.INSTANCE_URL + "/services/data/v66.0";
    java.util.function.Function<String, String> get =
        path -> {
          try (okhttp3.Response r =
              http.newCall(
                      new okhttp3.Request.Builder()
                          .url(api + path)
                          .header("Authorization", "Bearer " + token)
                          .build())
                  .execute()) {
            return r.code() + " " + r.body().string();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };

    String describe = get.apply("/sobjects/Invoice__c/describe");
    assertTrue(describe.startsWith("200 "), describe);
    assertTrue(
        describe.contains(
            "{\"name\":\"Invoice_Number__c\",\"custom\":true,\"type\":\"string\",\"externalId\":true"),
        describe);
    assertTrue(get.apply("/sobjects/Credit_Note__c/describe").startsWith("404 "));
    String unknownObject = get.apply("/query?q=SELECT+Id+FROM+Credit_Note__c");
    assertTrue(unknownObject.startsWith("400 ") && unknownObject.contains("INVALID_TYPE"));
    String unknownField = get.apply("/query?q=SELECT+Id,+Paid_On__c+FROM+Invoice__c");
    assertTrue(unknownField.startsWith("400 ") && unknownField.contains("INVALID_FIELD"));
    assertTrue(unknownField.contains("Paid_On__c"), unknownField);
  }

  @Test
  void badSettingsAreRefusedNamingTheArgument() {
    ValidationException notMappable =
        assertThrows(
            ValidationException.class,
            () -> InvoiceMapping.builder().field(Invoice.Fields.LINES, "Lines__c"));
    assertEquals("canonical", notMappable.errors().get(0).path());
    ValidationException twice =
        assertThrows(
            ValidationException.class,
            () ->
                InvoiceMapping.builder()
                    .field(Invoice.Fields.TOTALS_TOTAL, "Amount__c")
                    .field(Invoice.Fields.TOTALS_AMOUNT_DUE, "Amount__c")
                    .build());
    assertEquals("fields", twice.errors().get(0).path());
    assertThrows(
        ValidationException.class,
        () -> InvoiceMapping.builder().field(Invoice.Fields.STATUS, null).build());
    assertThrows(ValidationException.class, () -> InvoiceMapping.builder().sobject("Invoice c"));
  }

  @Test
  void aStatusSalesforceCannotMapIsRefusedNamingFieldAndValue() {
    ObjectNode r = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    r.put("Invoice_Number__c", "INV-1").put("Status__c", "Booked").put("Currency__c", "EUR");
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> InvoiceMapping.ofDefaults().fromSalesforce(r));
    assertEquals("Status__c", e.errors().get(0).path());
    assertTrue(e.getMessage().contains("Booked"), e.getMessage());
  }
}
