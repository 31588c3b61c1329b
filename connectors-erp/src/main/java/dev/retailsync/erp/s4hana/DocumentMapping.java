package dev.retailsync.erp.s4hana;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.InvoiceLine;
import dev.retailsync.api.model.InvoiceStatus;
import dev.retailsync.api.model.InvoiceTotals;
import dev.retailsync.api.model.Measure;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Product;
import dev.retailsync.api.model.ProductStatus;
import dev.retailsync.api.model.Shipment;
import dev.retailsync.api.model.ShipmentLine;
import dev.retailsync.api.model.ShipmentStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the S/4HANA documents the connector reads but never writes to the canonical model: outbound
 * deliveries ({@code A_OutbDeliveryHeader} + {@code to_DeliveryDocumentItem}) to {@link Shipment},
 * billing documents ({@code A_BillingDocument} + {@code to_Item}) to {@link Invoice} (credit memos
 * included, with negative amounts and the extension {@code sapDocumentKind} = {@code CREDIT_MEMO}),
 * and products ({@code A_Product} + {@code to_Description}) to {@link Product}.
 *
 * <p>Delivery status: {@code OverallGoodsMovementStatus} C → {@code SHIPPED}; else {@code
 * OverallPackingStatus} C → {@code PACKED}; else {@code OverallPickingStatus} C → {@code PICKED};
 * else {@code CREATED}. Billing status: {@code BillingDocumentIsCancelled} → {@code CANCELLED},
 * else {@code OPEN} (payment clearing lives in accounting, not in the billing document). Every
 * default SAP field can be renamed.
 *
 * <p>Immutable and thread-safe.
 */
public final class DocumentMapping {
  private static final Set<String> DEFAULT_CREDIT_MEMO_TYPES = Set.of("G2", "RE", "CBRE");

  private final Map<String, String> renamed;
  private final Set<String> creditMemoTypes;
  private final String descriptionLanguage;

  private DocumentMapping(
      Map<String, String> renamed, Set<String> creditMemoTypes, String descriptionLanguage) {
    this.renamed = Map.copyOf(renamed);
    this.creditMemoTypes = Set.copyOf(creditMemoTypes);
    this.descriptionLanguage = descriptionLanguage;
  }

  /**
   * Returns the default mapping: credit memo billing types {@code G2}, {@code RE}, {@code CBRE};
   * product names in language {@code EN}.
   *
   * @return the mapping
   */
  public static DocumentMapping defaults() {
    return new DocumentMapping(Map.of(), DEFAULT_CREDIT_MEMO_TYPES, "EN");
  }

  /**
   * Returns a copy that reads a default SAP field under another name.
   *
   * @param sapDefault such as {@code TotalNetAmount}
   * @param sapName the name to use
   * @return the copy
   */
  public DocumentMapping rename(String sapDefault, String sapName) {
    Map<String, String> m = new LinkedHashMap<>(renamed);
    m.put(
        CustomerMapping.fieldName("sapDefault", sapDefault),
        CustomerMapping.fieldName("sapName", sapName));
    return new DocumentMapping(m, creditMemoTypes, descriptionLanguage);
  }

  /**
   * Returns a copy that treats these billing document types as credit memos.
   *
   * @param types such as {@code G2}
   * @return the copy
   */
  public DocumentMapping creditMemoTypes(Set<String> types) {
    return new DocumentMapping(renamed, types, descriptionLanguage);
  }

  /**
   * Returns a copy that takes product names from descriptions in this language.
   *
   * @param language SAP language key, such as {@code DE}
   * @return the copy
   */
  public DocumentMapping descriptionLanguage(String language) {
    return new DocumentMapping(
        renamed, creditMemoTypes, CustomerMapping.code("language", language));
  }

  private String f(String sapDefault) {
    return renamed.getOrDefault(sapDefault, sapDefault);
  }

  Shipment toShipment(JsonNode d) {
    String number = required(d, "DeliveryDocument", "outbound delivery");
    List<ShipmentLine> lines = new ArrayList<>();
    String order = null;
    for (JsonNode item : ODataV2.results(d.path("to_DeliveryDocumentItem"))) {
      BigDecimal qty = ODataV2.decimal(item.get(f("ActualDeliveryQuantity")));
      String sku = ODataV2.text(item, f("Material"));
      if (sku == null) {
        continue;
      }
      if (order == null) {
        order = ODataV2.text(item, f("ReferenceSDDocument"));
      }
      String refItem = ODataV2.text(item, f("ReferenceSDDocumentItem"));
      Integer orderLine = null;
      if (refItem != null && refItem.matches("\\d+")) {
        int n = Integer.parseInt(refItem);
        orderLine = n >= 10 && n % 10 == 0 ? n / 10 : n > 0 ? n : null;
      }
      lines.add(new ShipmentLine(orderLine, sku, qty == null ? BigDecimal.ZERO : qty));
    }
    ShipmentStatus status =
        "C".equals(ODataV2.text(d, f("OverallGoodsMovementStatus")))
            ? ShipmentStatus.SHIPPED
            : "C".equals(ODataV2.text(d, f("OverallPackingStatus")))
                ? ShipmentStatus.PACKED
                : "C".equals(ODataV2.text(d, f("OverallPickingStatus")))
                    ? ShipmentStatus.PICKED
                    : ShipmentStatus.CREATED;
    Instant shipped =
        status == ShipmentStatus.SHIPPED
            ? ODataV2.instant(ODataV2.text(d, f("ActualGoodsMovementDate")))
            : null;
    return Shipment.builder()
        .shipmentNumber(number)
        .orderNumber(order)
        .shipFrom(ODataV2.text(d, f("ShippingPoint")))
        .lines(lines)
        .shippedAt(shipped)
        .status(status)
        .build();
  }

  Invoice toInvoice(JsonNode b) {
    String number = required(b, "BillingDocument", "billing document");
    String currency = required(b, f("TransactionCurrency"), "billing document " + number);
    String type = ODataV2.text(b, f("BillingDocumentType"));
    boolean credit = type != null && creditMemoTypes.contains(type);
    BigDecimal sign = credit ? BigDecimal.ONE.negate() : BigDecimal.ONE;
    List<InvoiceLine> lines = new ArrayList<>();
    String order = null;
    int n = 0;
    for (JsonNode item : ODataV2.results(b.path("to_Item"))) {
      BigDecimal qty = ODataV2.decimal(item.get(f("BillingQuantity")));
      BigDecimal net = ODataV2.decimal(item.get(f("NetAmount")));
      if (order == null) {
        order = ODataV2.text(item, f("SalesDocument"));
      }
      lines.add(
          new InvoiceLine(
              ++n,
              null,
              ODataV2.text(item, f("Material")),
              ODataV2.text(item, f("BillingDocumentItemText")),
              qty == null ? BigDecimal.ZERO : qty.abs(),
              null,
              List.of(),
              net == null ? null : Money.of(net.multiply(sign), currency)));
    }
    BigDecimal net = ODataV2.decimal(b.get(f("TotalNetAmount")));
    BigDecimal tax = ODataV2.decimal(b.get(f("TotalTaxAmount")));
    Money netMoney = net == null ? null : Money.of(net.multiply(sign), currency);
    Money taxMoney = tax == null ? null : Money.of(tax.multiply(sign), currency);
    Money total = netMoney != null && taxMoney != null ? netMoney.plus(taxMoney) : null;
    LocalDate issued = ODataV2.localDate(ODataV2.text(b, f("BillingDocumentDate")));
    Invoice.Builder ib =
        Invoice.builder()
            .invoiceNumber(number)
            .orderNumber(order)
            .accountNumber(ODataV2.text(b, f("SoldToParty")))
            .issuedOn(issued)
            .status(
                b.path(f("BillingDocumentIsCancelled")).asBoolean(false)
                    ? InvoiceStatus.CANCELLED
                    : InvoiceStatus.OPEN)
            .currency(currency)
            .lines(lines)
            .totals(new InvoiceTotals(netMoney, taxMoney, total, null, null));
    Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("sapDocumentKind", credit ? "CREDIT_MEMO" : "INVOICE");
    if (type != null) {
      ext.put("sapBillingDocumentType", type);
    }
    return ib.extensions(ext).build();
  }

  Product toProduct(JsonNode p) {
    String sku = required(p, "Product", "product");
    String name = null;
    for (JsonNode d : ODataV2.results(p.path("to_Description"))) {
      if (descriptionLanguage.equals(d.path("Language").asText())) {
        name = ODataV2.text(d, "ProductDescription");
      }
    }
    BigDecimal weight = ODataV2.decimal(p.get(f("GrossWeight")));
    String weightUnit = ODataV2.text(p, f("WeightUnit"));
    String gtin = ODataV2.text(p, f("ProductStandardID"));
    return Product.builder()
        .sku(sku)
        .gtin(gtin != null && gtin.matches("\\d{8}|\\d{12,14}") ? gtin : null)
        .name(name)
        .unitOfMeasure(ODataV2.text(p, f("BaseUnit")))
        .category(ODataV2.text(p, f("ProductGroup")))
        .weight(
            weight == null || weightUnit == null || weight.signum() == 0
                ? null
                : new Measure(weight, weightUnit))
        .status(
            p.path(f("IsMarkedForDeletion")).asBoolean(false)
                ? ProductStatus.DISCONTINUED
                : ProductStatus.ACTIVE)
        .build();
  }

  private static String required(JsonNode n, String field, String what) {
    String v = ODataV2.text(n, field);
    if (v == null) {
      throw ValidationException.of("S/4HANA " + what, field, null, "is empty");
    }
    return v;
  }

  static Instant midnight(LocalDate d) {
    return d == null ? null : d.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
