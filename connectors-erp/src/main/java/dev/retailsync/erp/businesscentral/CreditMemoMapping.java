package dev.retailsync.erp.businesscentral;

import static dev.retailsync.erp.businesscentral.FieldRules.decimal;
import static dev.retailsync.erp.businesscentral.FieldRules.limited;
import static dev.retailsync.erp.businesscentral.FieldRules.text;
import static dev.retailsync.erp.businesscentral.SalesOrderMapping.money;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.RefundStatus;
import dev.retailsync.api.model.ReturnLine;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.ReturnStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the canonical {@link ReturnRequest} to a Business Central sales credit memo ({@code
 * salesCreditMemos} with {@code salesCreditMemoLines}): the standard API v2.0 has no return orders,
 * so a return is authorised by creating a draft credit memo whose {@code externalDocumentNumber}
 * (Text[35], the key) is the RMA number, for {@code customerNumber}, dated {@code requestedAt},
 * with one item line per returned SKU and quantity.
 *
 * <table>
 *   <caption>Return status from the credit memo status</caption>
 *   <tr><th>Business Central</th><th>Canonical return</th><th>Refund</th></tr>
 *   <tr><td>Draft</td><td>AUTHORIZED</td><td>NONE</td></tr>
 *   <tr><td>In Review</td><td>REQUESTED</td><td>NONE</td></tr>
 *   <tr><td>Open (posted)</td><td>RECEIVED</td><td>PENDING</td></tr>
 *   <tr><td>Paid</td><td>REFUNDED</td><td>REFUNDED</td></tr>
 *   <tr><td>Canceled, Corrective</td><td>CLOSED</td><td>DENIED</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class CreditMemoMapping implements BcMapping<ReturnRequest> {
  private static final Map<String, ReturnStatus> STATUS =
      Map.of(
          "Draft", ReturnStatus.AUTHORIZED,
          "In Review", ReturnStatus.REQUESTED,
          "Open", ReturnStatus.RECEIVED,
          "Paid", ReturnStatus.REFUNDED,
          "Canceled", ReturnStatus.CLOSED,
          "Corrective", ReturnStatus.CLOSED);
  private static final Map<String, RefundStatus> REFUND =
      Map.of(
          "Open", RefundStatus.PENDING,
          "Paid", RefundStatus.REFUNDED,
          "Canceled", RefundStatus.DENIED,
          "Corrective", RefundStatus.DENIED);

  private final Map<String, ReturnStatus> status;

  private CreditMemoMapping(Map<String, ReturnStatus> status) {
    this.status = Map.copyOf(status);
  }

  /**
   * Returns the default mapping.
   *
   * @return the mapping
   */
  public static CreditMemoMapping defaults() {
    return new CreditMemoMapping(STATUS);
  }

  /**
   * Returns a copy that maps one more credit memo status (or maps one differently).
   *
   * @param bcStatus the status as Business Central sends it
   * @param canonical the canonical return status
   * @return the copy
   */
  public CreditMemoMapping withStatus(String bcStatus, ReturnStatus canonical) {
    Map<String, ReturnStatus> m = new LinkedHashMap<>(status);
    m.put(java.util.Objects.requireNonNull(bcStatus, "bcStatus"), canonical);
    return new CreditMemoMapping(m);
  }

  @Override
  public EntityType<ReturnRequest> entityType() {
    return EntityType.RETURN_REQUEST;
  }

  @Override
  public String entitySet() {
    return "salesCreditMemos";
  }

  @Override
  public String keyField() {
    return "externalDocumentNumber";
  }

  @Override
  public String expand() {
    return "salesCreditMemoLines";
  }

  @Override
  public boolean writable() {
    return false;
  }

  @Override
  public List<String> createOnlyFields() {
    return List.of("salesCreditMemoLines");
  }

  @Override
  public String key(ReturnRequest request) {
    return limited("rmaNumber", "externalDocumentNumber", request.rmaNumber(), 35);
  }

  @Override
  public ObjectNode toBc(ReturnRequest request, Set<FieldPath> fields, BcMappingContext context) {
    List<FieldError> errors = new ArrayList<>();
    ObjectNode body = FieldRules.JSON.createObjectNode();
    try {
      body.put("externalDocumentNumber", key(request));
    } catch (ValidationException e) {
      errors.addAll(e.errors());
    }
    if (request.accountNumber() == null) {
      errors.add(
          FieldError.redacted(
              "accountNumber", "is required: a credit memo needs the customer's number"));
    } else {
      body.put("customerNumber", request.accountNumber());
    }
    if (request.requestedAt() != null) {
      body.put(
          "creditMemoDate", LocalDate.ofInstant(request.requestedAt(), ZoneOffset.UTC).toString());
    }
    if (request.lines().isEmpty()) {
      errors.add(FieldError.redacted("lines", "must name at least one returned item"));
    }
    ArrayNode lines = body.putArray("salesCreditMemoLines");
    for (int i = 0; i < request.lines().size(); i++) {
      ReturnLine l = request.lines().get(i);
      ObjectNode line = lines.addObject();
      line.put("lineType", "Item");
      try {
        line.put(
            "lineObjectNumber", limited("lines[" + i + "].sku", "lineObjectNumber", l.sku(), 20));
      } catch (ValidationException e) {
        errors.addAll(e.errors());
      }
      line.put("quantity", l.quantity());
    }
    if (!errors.isEmpty()) {
      throw new ValidationException("Business Central credit memo", errors);
    }
    return body;
  }

  @Override
  public ReturnRequest fromBc(JsonNode r, BcMappingContext context) {
    String bcStatus = r.path("status").asText("");
    ReturnStatus mapped = status.get(bcStatus);
    if (mapped == null) {
      throw ValidationException.of(
          "Business Central credit memo",
          "status",
          bcStatus,
          "has no canonical return status; map it with CreditMemoMapping.withStatus");
    }
    String ext = text(r, "externalDocumentNumber");
    String currency = context.currencyOf(text(r, "currencyCode"));
    ReturnRequest.Builder b =
        ReturnRequest.builder()
            .rmaNumber(ext != null ? ext : text(r, "number"))
            .accountNumber(text(r, "customerNumber"))
            .status(mapped)
            .refundStatus(REFUND.getOrDefault(bcStatus, RefundStatus.NONE))
            .refundAmount(money(decimal(r, "totalAmountIncludingTax"), currency));
    if (text(r, "creditMemoDate") != null) {
      b.requestedAt(
          LocalDate.parse(text(r, "creditMemoDate")).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    if (text(r, "number") != null) {
      b.putExtension("creditMemoNumber", text(r, "number"));
    }
    for (JsonNode l : r.path("salesCreditMemoLines")) {
      String sku = text(l, "lineObjectNumber");
      if (sku == null || !"Item".equals(l.path("lineType").asText("Item"))) {
        continue;
      }
      BigDecimal q = decimal(l, "quantity");
      b.addLine(new ReturnLine(null, sku, q == null ? BigDecimal.ZERO : q, null, null, null));
    }
    return b.build();
  }
}
