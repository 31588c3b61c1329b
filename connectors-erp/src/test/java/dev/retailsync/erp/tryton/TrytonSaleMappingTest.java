package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderStatus;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrytonSaleMappingTest {
  private static List<String> list(String s) {
    return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
  }

  @ParameterizedTest(name = "{0}/{1} shipments [{2}] invoices [{3}] -> {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "draft|none|||CAPTURED",
        "quotation|none|||CAPTURED",
        "confirmed|none|||ACCEPTED",
        "processing|waiting|waiting|draft|ACCEPTED",
        "processing|waiting|assigned|draft|RESERVED",
        "processing|waiting|packed assigned|draft|RESERVED",
        "processing|waiting|done waiting|draft|PARTIALLY_SHIPPED",
        "processing|sent|done|draft|SHIPPED",
        "processing|sent|done|posted|INVOICED",
        "processing|sent|done|posted draft|SHIPPED",
        "processing|exception|cancelled||ACCEPTED",
        "done|sent|done|paid|INVOICED",
        "cancelled|none|||CANCELLED"
      })
  void statusMappingTable(
      String state, String shipmentState, String shipments, String invoices, OrderStatus expected) {
    assertEquals(
        expected,
        TrytonSaleMapping.status(
            state,
            shipmentState,
            list(shipments == null ? "" : shipments),
            list(invoices == null ? "" : invoices)));
  }

  @Test
  void theSaleReadFromTheNoteMapsToAnOrder() throws Exception {
    String json =
        "{\"sale_date\":{\"__class__\":\"date\",\"year\":2026,\"month\":11,\"day\":25},"
            + "\"invoice_state\":\"waiting\",\"number\":\"1\",\"state\":\"processing\","
            + "\"shipment_state\":\"waiting\",\"reference\":\"SHOP-1795627873\",\"id\":1,"
            + "\"total_amount\":{\"__class__\":\"Decimal\",\"decimal\":\"45.50\"},"
            + "\"untaxed_amount\":{\"__class__\":\"Decimal\",\"decimal\":\"45.50\"},"
            + "\"tax_amount\":{\"__class__\":\"Decimal\",\"decimal\":\"0\"},"
            + "\"party.\":{\"code\":\"5\",\"id\":5},\"currency.\":{\"code\":\"USD\",\"id\":1},"
            + "\"lines.\":[{\"type\":\"line\",\"product.\":{\"code\":\"SKU-001\",\"id\":1},"
            + "\"quantity\":2.0,\"unit_price\":{\"__class__\":\"Decimal\",\"decimal\":\"10.00\"},"
            + "\"amount\":{\"__class__\":\"Decimal\",\"decimal\":\"20.00\"},\"id\":1}],"
            + "\"shipments.\":[{\"state\":\"waiting\",\"id\":1}],"
            + "\"invoices.\":[{\"state\":\"draft\",\"id\":1}]}";
    Order o = TrytonSaleMapping.toOrder(new ObjectMapper().readTree(json));
    assertEquals("SHOP-1795627873", o.orderNumber());
    assertEquals("1", o.erpOrderNumber());
    assertEquals(OrderStatus.ACCEPTED, o.status());
    assertEquals("5", o.accountNumber());
    assertEquals(Money.of("45.50", "USD"), o.totals().grandTotal());
    assertEquals("SKU-001", o.lines().get(0).sku());
    assertEquals(Money.of("10.00", "USD"), o.lines().get(0).unitPrice());
  }
}
