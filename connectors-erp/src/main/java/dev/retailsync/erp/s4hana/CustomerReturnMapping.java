package dev.retailsync.erp.s4hana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.ReturnLine;
import dev.retailsync.api.model.ReturnReason;
import dev.retailsync.api.model.ReturnRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps a canonical {@link ReturnRequest} to an S/4HANA customer return ({@code
 * API_CUSTOMER_RETURN_SRV} {@code A_CustomerReturn} with its items {@code to_Item}, one deep
 * insert) that references the sales order the goods come from and its items.
 *
 * <p>The field names below come from the reference note {@code erp.md} where it names them ({@code
 * API_CUSTOMER_RETURN_SRV}, {@code A_CustomerReturn}, {@code A_CustomerReturnItem}, the sales area,
 * {@code SoldToParty}, {@code PurchaseOrderByCustomer}, {@code to_Item}, {@code Material}, {@code
 * RequestedQuantity}, {@code RequestedQuantityUnit} as on sales orders); the rest are per SAP API
 * hub, verify: {@code CustomerReturnType}, {@code CustomerReturnDate}, {@code SDDocumentReason}
 * (order reason), {@code CustomerReturnItem}, {@code CustomerReturnItemText}, {@code ReturnReason}
 * (item return reason), {@code ReferenceSDDocument} and {@code ReferenceSDDocumentItem} (the sales
 * order and its item), and the key {@code CustomerReturn}.
 *
 * <p>Header: {@code CustomerReturnType} from the mapping ({@code CBAR}, the advanced returns type
 * of S/4HANA Cloud, by default; per SAP API hub, verify for the tenant), the sales area ({@code
 * SalesOrganization}, {@code DistributionChannel}, {@code OrganizationDivision}), {@code
 * SoldToParty} and {@code TransactionCurrency} copied from the sales order, the RMA number in
 * {@code PurchaseOrderByCustomer} (35 characters; the key a retry looks the return up by), {@code
 * CustomerReturnDate} from {@code requestedAt}, and {@code SDDocumentReason} from the first line
 * that gives a reason, through {@link #orderReason}. Items: {@code CustomerReturnItem} 10, 20, …,
 * {@code Material} = SKU, {@code RequestedQuantity} (exact decimal string) in the sales order
 * item's unit, {@code ReferenceSDDocument}/{@code ReferenceSDDocumentItem} = the sales order item
 * returned, {@code ReturnReason} through {@link #itemReturnReason}, the reason text as {@code
 * CustomerReturnItemText} (40 characters, cut).
 *
 * <p>A line names its order item by {@code orderLineNumber} (sales order item = line number × 10,
 * as {@link SalesOrderMapping} numbers them; an item number that is not a multiple of ten is taken
 * as is) or, without one, by the first item of the order with the same material. Reason codes are a
 * tenant's customising: none is sent until codes are configured; once some are, a line whose reason
 * has no code is refused naming {@code lines[i].reason} rather than sent without it.
 *
 * <p>Not sent: a line's {@code disposition} (in SAP the follow-up activity is decided at the
 * returns inspection, with the tenant's own codes) and the request's refund status and amount (SAP
 * prices the return from the referenced order items); the header status is SAP's.
 *
 * <p>Immutable and thread-safe.
 */
public final class CustomerReturnMapping {
  private final String returnType;
  private final String quantityUnit;
  private final Map<ReturnReason, String> orderReasons;
  private final Map<ReturnReason, String> itemReasons;

  private CustomerReturnMapping(
      String returnType,
      String quantityUnit,
      Map<ReturnReason, String> orderReasons,
      Map<ReturnReason, String> itemReasons) {
    this.returnType = returnType;
    this.quantityUnit = quantityUnit;
    this.orderReasons = Map.copyOf(orderReasons);
    this.itemReasons = Map.copyOf(itemReasons);
  }

  /**
   * Returns the default mapping: return type {@code CBAR}, unit {@code PC} when the sales order
   * item has none, no reason codes.
   *
   * @return the mapping
   */
  public static CustomerReturnMapping defaults() {
    return new CustomerReturnMapping("CBAR", "PC", Map.of(), Map.of());
  }

  /**
   * Returns a copy that creates customer returns of this sales document type.
   *
   * @param type {@code CustomerReturnType}, such as {@code CBAR} or {@code RE}
   * @return the copy
   * @throws ValidationException when it is not an SAP code
   */
  public CustomerReturnMapping returnType(String type) {
    return new CustomerReturnMapping(
        CustomerMapping.code("returnType", type), quantityUnit, orderReasons, itemReasons);
  }

  /**
   * Returns a copy that writes quantities in this unit when the referenced sales order item names
   * none.
   *
   * @param unit {@code RequestedQuantityUnit}, such as {@code EA}
   * @return the copy
   * @throws ValidationException when it is not an SAP code
   */
  public CustomerReturnMapping quantityUnit(String unit) {
    return new CustomerReturnMapping(
        returnType, CustomerMapping.code("unit", unit), orderReasons, itemReasons);
  }

  /**
   * Returns a copy that sends this order reason ({@code SDDocumentReason}, the header's "reason for
   * the business transaction") for returns whose first reason given is {@code reason}.
   *
   * @param reason the canonical reason
   * @param code the tenant's order reason code, such as {@code 101}
   * @return the copy
   * @throws ValidationException when the code is not an SAP code
   */
  public CustomerReturnMapping orderReason(ReturnReason reason, String code) {
    Map<ReturnReason, String> m = new EnumMap<>(ReturnReason.class);
    m.putAll(orderReasons);
    m.put(Objects.requireNonNull(reason, "reason"), CustomerMapping.code("orderReason", code));
    return new CustomerReturnMapping(returnType, quantityUnit, m, itemReasons);
  }

  /**
   * Returns a copy that sends this item return reason ({@code ReturnReason} of the item) for lines
   * with {@code reason}.
   *
   * @param reason the canonical reason
   * @param code the tenant's return reason code
   * @return the copy
   * @throws ValidationException when the code is not an SAP code
   */
  public CustomerReturnMapping itemReturnReason(ReturnReason reason, String code) {
    Map<ReturnReason, String> m = new EnumMap<>(ReturnReason.class);
    m.putAll(itemReasons);
    m.put(Objects.requireNonNull(reason, "reason"), CustomerMapping.code("itemReturnReason", code));
    return new CustomerReturnMapping(returnType, quantityUnit, orderReasons, m);
  }

  /** The header field holding the RMA number, which a retry looks the return up by. */
  static String keyField() {
    return "PurchaseOrderByCustomer";
  }

  /**
   * Returns the deep-insert body of the customer return for {@code request}, against the sales
   * order it references (read with {@code $expand=to_Item}).
   *
   * @throws ValidationException naming every field of the request that cannot be written
   */
  ObjectNode create(ReturnRequest request, JsonNode salesOrder, boolean plainArrays) {
    List<FieldError> errors = new ArrayList<>();
    String orderNo = ODataV2.text(salesOrder, "SalesOrder");
    String soldTo = ODataV2.text(salesOrder, "SoldToParty");
    if (request.rmaNumber().length() > 35) {
      errors.add(
          FieldError.of(
              "rmaNumber",
              request.rmaNumber(),
              "is longer than the 35 characters of " + keyField()));
    }
    if (request.accountNumber() != null && !request.accountNumber().equals(soldTo)) {
      errors.add(
          FieldError.of(
              "accountNumber",
              request.accountNumber(),
              "is not the sold-to party " + soldTo + " of sales order " + orderNo));
    }
    if (request.lines().isEmpty()) {
      errors.add(FieldError.redacted("lines", "SAP needs at least one item on a customer return"));
    }
    List<JsonNode> orderItems = ODataV2.results(salesOrder.path("to_Item"));
    ArrayNode items = ODataV2.JSON.createArrayNode();
    String headerReason = null;
    boolean headerReasonSet = false;
    for (int i = 0; i < request.lines().size(); i++) {
      ReturnLine l = request.lines().get(i);
      String at = "lines[" + i + "]";
      JsonNode ref = orderItem(orderItems, l);
      if (ref == null) {
        errors.add(
            l.orderLineNumber() != null
                ? FieldError.of(
                    at + ".orderLineNumber",
                    l.orderLineNumber(),
                    "is not an item of sales order " + orderNo)
                : FieldError.of(at + ".sku", l.sku(), "is not on sales order " + orderNo));
        continue;
      }
      String material = ODataV2.text(ref, "Material");
      if (!l.sku().equals(material)) {
        errors.add(
            FieldError.of(
                at + ".sku",
                l.sku(),
                "differs from material " + material + " of the sales order item"));
      }
      BigDecimal ordered = ODataV2.decimal(ref.get("RequestedQuantity"));
      if (l.quantity().signum() <= 0) {
        errors.add(FieldError.of(at + ".quantity", l.quantity(), "must be more than zero"));
      } else if (ordered != null && l.quantity().compareTo(ordered) > 0) {
        errors.add(
            FieldError.of(
                at + ".quantity",
                l.quantity(),
                "is more than the " + ordered.toPlainString() + " ordered"));
      }
      ObjectNode item = items.addObject();
      item.put("CustomerReturnItem", String.valueOf((i + 1) * 10));
      item.put("Material", l.sku());
      item.put("RequestedQuantity", ODataV2.decimal(l.quantity()));
      String unit = ODataV2.text(ref, "RequestedQuantityUnit");
      item.put("RequestedQuantityUnit", unit != null ? unit : quantityUnit);
      item.put("ReferenceSDDocument", orderNo);
      item.put("ReferenceSDDocumentItem", ODataV2.text(ref, "SalesOrderItem"));
      if (l.reasonText() != null) {
        String text = l.reasonText().strip();
        item.put("CustomerReturnItemText", text.length() > 40 ? text.substring(0, 40) : text);
      }
      if (l.reason() != null) {
        String itemCode = code(itemReasons, l.reason(), at, "itemReturnReason", errors);
        if (itemCode != null) {
          item.put("ReturnReason", itemCode);
        }
        if (!headerReasonSet) {
          headerReasonSet = true;
          headerReason = code(orderReasons, l.reason(), at, "orderReason", errors);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException("S/4HANA customer return " + request.rmaNumber(), errors);
    }
    ObjectNode r = ODataV2.JSON.createObjectNode();
    r.put("CustomerReturnType", returnType);
    for (String f : List.of("SalesOrganization", "DistributionChannel", "OrganizationDivision")) {
      String v = ODataV2.text(salesOrder, f);
      if (v != null) {
        r.put(f, v);
      }
    }
    r.put("SoldToParty", soldTo);
    r.put(keyField(), request.rmaNumber());
    String currency = ODataV2.text(salesOrder, "TransactionCurrency");
    if (currency != null) {
      r.put("TransactionCurrency", currency);
    }
    if (request.requestedAt() != null) {
      r.put(
          "CustomerReturnDate",
          ODataV2.date(LocalDate.ofInstant(request.requestedAt(), ZoneOffset.UTC)));
    }
    if (headerReason != null) {
      r.put("SDDocumentReason", headerReason);
    }
    r.set("to_Item", plainArrays ? items : ODataV2.JSON.createObjectNode().set("results", items));
    return r;
  }

  /** The code of a reason, null when no codes are configured; an error when one is missing. */
  private static String code(
      Map<ReturnReason, String> codes,
      ReturnReason reason,
      String at,
      String setting,
      List<FieldError> errors) {
    if (codes.isEmpty()) {
      return null;
    }
    String c = codes.get(reason);
    if (c == null) {
      errors.add(
          FieldError.of(
              at + ".reason",
              reason,
              "has no SAP code: configure CustomerReturnMapping."
                  + setting
                  + "("
                  + reason
                  + ", …)"));
    }
    return c;
  }

  private static JsonNode orderItem(List<JsonNode> items, ReturnLine l) {
    for (JsonNode item : items) {
      if (l.orderLineNumber() != null) {
        if (lineNumber(ODataV2.text(item, "SalesOrderItem")) == l.orderLineNumber()) {
          return item;
        }
      } else if (l.sku().equals(ODataV2.text(item, "Material"))) {
        return item;
      }
    }
    return null;
  }

  /** The canonical line number of a sales order item number, as SalesOrderMapping reads it. */
  private static int lineNumber(String itemNo) {
    try {
      int n = Integer.parseInt(itemNo == null ? "" : itemNo.trim());
      return n % 10 == 0 && n >= 10 ? n / 10 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public String toString() {
    return "CustomerReturnMapping[type="
        + returnType
        + ", orderReasons="
        + orderReasons
        + ", itemReturnReasons="
        + itemReasons
        + "]";
  }
}
