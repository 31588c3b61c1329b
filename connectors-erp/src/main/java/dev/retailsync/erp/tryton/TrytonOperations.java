package dev.retailsync.erp.tryton;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderLine;
import dev.retailsync.api.spi.AvailabilityLookup;
import dev.retailsync.api.spi.CreditLookup;
import dev.retailsync.api.spi.OrderSubmission;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.SubmissionResult;
import dev.retailsync.core.idempotency.IdempotencyKeys;
import dev.retailsync.core.idempotency.IdempotentExecutor;
import dev.retailsync.core.state.IdempotencyStore;
import dev.retailsync.erp.ErpError;
import dev.retailsync.erp.ErpErrorKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Tryton's domain operations: credit lookup, availability lookup and sale order submission. */
final class TrytonOperations implements CreditLookup, AvailabilityLookup, OrderSubmission {
  private static final Map<String, Object> ALL = Map.of("active_test", false);
  private static final Set<String> ACCEPTED = Set.of("confirmed", "processing", "done");

  private final SystemId system;
  private final TrytonRpc rpc;
  private final IdempotentExecutor idempotency;
  private final Clock clock;
  private final TrytonConnector.CreditWarningPolicy creditWarnings;

  TrytonOperations(
      SystemId system,
      TrytonRpc rpc,
      IdempotencyStore store,
      Clock clock,
      TrytonConnector.CreditWarningPolicy creditWarnings) {
    this.system = system;
    this.rpc = rpc;
    this.idempotency = new IdempotentExecutor(store, Duration.ofMinutes(5), Duration.ofDays(30));
    this.clock = clock;
    this.creditWarnings = creditWarnings;
  }

  // ---------------------------------------------------------------- sales read back

  /** Reads sales by id as orders, with the status their shipments and invoices give them. */
  RecordReader<Order> orderReader() {
    return RecordReader.of(
        100,
        ids -> {
          List<Long> numeric = new ArrayList<>();
          for (String id : ids) {
            Long n = TrytonParties.parseId(id);
            if (n != null) {
              numeric.add(n);
            }
          }
          if (numeric.isEmpty()) {
            return List.of();
          }
          ErrorContext ctx = ErrorContext.of(system, "read order");
          JsonNode rows =
              call(
                  ctx,
                  () ->
                      rpc.model(
                          "sale.sale",
                          "search_read",
                          Arrays.asList(
                              List.of(List.of("id", "in", numeric)),
                              0,
                              null,
                              null,
                              TrytonSaleMapping.FIELDS)));
          List<RemoteRecord<Order>> out = new ArrayList<>();
          for (JsonNode row : rows) {
            java.time.Instant w = TrytonCodec.datetime(row.path("write_date"));
            out.add(
                new RemoteRecord<>(
                    ExternalId.of(system, row.path("id").asText()),
                    TrytonSaleMapping.toOrder(row),
                    null,
                    w != null ? w : TrytonCodec.datetime(row.path("create_date"))));
          }
          return out;
        });
  }

  // ---------------------------------------------------------------- credit

  @Override
  public Optional<CreditTerms> credit(String accountNumber) {
    ErrorContext ctx = ErrorContext.of(system, "credit lookup");
    JsonNode rows =
        call(
            ctx,
            () ->
                rpc.model(
                    "party.party",
                    "search_read",
                    Arrays.asList(
                        List.of(List.of("code", "=", accountNumber)),
                        0,
                        2,
                        null,
                        List.of("credit_limit_amount", "credit_amount")),
                    ALL));
    if (rows.size() == 0) {
      return Optional.empty();
    }
    String currency = companyCurrency(ctx);
    BigDecimal limit = TrytonCodec.decimal(rows.get(0).path("credit_limit_amount"));
    BigDecimal balance = TrytonCodec.decimal(rows.get(0).path("credit_amount"));
    // Tryton has no credit-hold flag: a balance over the limit is what blocks its sales.
    CreditStatus status =
        limit == null
            ? null
            : balance != null && balance.compareTo(limit) > 0
                ? CreditStatus.ON_HOLD
                : CreditStatus.APPROVED;
    return Optional.of(
        new CreditTerms(
            status,
            limit == null ? null : Money.of(limit, currency),
            balance == null ? null : Money.of(balance, currency)));
  }

  private String companyCurrency(ErrorContext ctx) {
    return call(
        ctx,
        () ->
            rpc.model(
                    "company.company",
                    "read",
                    List.of(
                        List.of(rpc.context().path("company").asLong()), List.of("currency.code")))
                .path(0)
                .path("currency.")
                .path("code")
                .asText());
  }

  // ---------------------------------------------------------------- availability

  @Override
  public List<InventoryPosition> availability(List<String> skus, String location) {
    ErrorContext ctx = ErrorContext.of(system, "availability lookup");
    if (skus.isEmpty()) {
      return List.of();
    }
    List<Object> domain =
        location == null
            ? List.of(List.of("type", "=", "warehouse"))
            : List.of(List.of("code", "=", location));
    JsonNode locations =
        call(
            ctx,
            () ->
                rpc.model(
                    "stock.location",
                    "search_read",
                    Arrays.asList(
                        domain, 0, null, List.of(List.of("id", "ASC")), List.of("code"))));
    List<InventoryPosition> out = new ArrayList<>();
    java.time.Instant now = clock.instant();
    for (JsonNode loc : locations) {
      long id = loc.path("id").asLong();
      String code = TrytonCodec.text(loc.path("code"));
      JsonNode products =
          call(
              ctx,
              () ->
                  rpc.model(
                      "product.product",
                      "search_read",
                      Arrays.asList(
                          List.of(List.of("code", "in", skus)),
                          0,
                          null,
                          null,
                          List.of("code", "quantity", "forecast_quantity", "default_uom.symbol")),
                      Map.of("locations", List.of(id))));
      for (JsonNode p : products) {
        BigDecimal onHand = BigDecimal.valueOf(p.path("quantity").asDouble());
        BigDecimal forecast = BigDecimal.valueOf(p.path("forecast_quantity").asDouble());
        // Forecast = on hand minus what confirmed sales will take (plus what is coming in).
        BigDecimal reserved = onHand.subtract(forecast).max(BigDecimal.ZERO);
        out.add(
            InventoryPosition.builder()
                .sku(p.path("code").asText())
                .location(code == null ? Long.toString(id) : code)
                .onHand(onHand.max(BigDecimal.ZERO))
                .reserved(reserved)
                .available(forecast)
                .unitOfMeasure(TrytonCodec.text(p.path("default_uom.").path("symbol")))
                .asOf(now)
                .build());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- orders

  @Override
  public SubmissionResult submit(Order order, IdempotencyKey key) {
    ErrorContext ctx = ErrorContext.of(system, "submit order");
    IdempotentExecutor.Execution e =
        idempotency.execute(
            key, IdempotencyKeys.fingerprint(order), ctx, () -> encode(submitOnce(order, ctx)));
    return decode(e.outcome());
  }

  private SubmissionResult submitOnce(Order order, ErrorContext ctx) {
    try {
      JsonNode existing =
          rpc.model(
              "sale.sale",
              "search_read",
              Arrays.asList(
                  List.of(List.of("reference", "=", order.orderNumber())),
                  0,
                  null,
                  List.of(List.of("id", "ASC")),
                  List.of("number", "state")));
      long saleId;
      if (existing.size() > 0) {
        // Created by an earlier attempt whose answer was lost, or by someone else: continue it.
        saleId = existing.get(0).path("id").asLong();
        String state = existing.get(0).path("state").asText();
        if (ACCEPTED.contains(state)) {
          return accepted(saleId, existing.get(0));
        }
        if (state.equals("cancelled")) {
          return SubmissionResult.rejected(
              List.of(
                  FieldError.of(
                      "orderNumber",
                      order.orderNumber(),
                      "Tryton sale " + saleId + " with this reference is cancelled")));
        }
      } else {
        List<FieldError> problems = new ArrayList<>();
        Map<String, Object> sale = saleValues(order, problems);
        if (!problems.isEmpty()) {
          return SubmissionResult.rejected(problems);
        }
        saleId = rpc.model("sale.sale", "create", List.of(List.of(sale))).get(0).asLong();
      }
      if (!existing.isEmpty() && existing.get(0).path("state").asText().equals("quotation")) {
        confirm(saleId);
      } else {
        rpc.model("sale.sale", "quote", List.of(List.of(saleId)));
        confirm(saleId);
      }
      JsonNode read =
          rpc.model("sale.sale", "read", List.of(List.of(saleId), List.of("number", "state")))
              .get(0);
      return accepted(saleId, read);
    } catch (TrytonCallException e) {
      if (e.warningName() != null) {
        return SubmissionResult.rejected(
            List.of(
                FieldError.redacted(
                    "credit",
                    "credit hold: "
                        + e.error().message()
                        + "; the sale waits in Tryton as a quotation until the credit is"
                        + " released or the warning is acknowledged")));
      }
      ErpError err = e.uncertain() ? e.error().withRetryable(true) : e.error();
      if (err.retryable()
          || err.kind() == ErpErrorKind.AUTHENTICATION
          || err.kind() == ErpErrorKind.PERMISSION
          || err.kind() == ErpErrorKind.UNKNOWN) {
        throw err.toException(ctx);
      }
      return SubmissionResult.rejected(
          List.of(
              FieldError.redacted(
                  err.fieldPath() == null ? "order" : err.fieldPath(), err.message())));
    }
  }

  private void confirm(long saleId) {
    try {
      rpc.model("sale.sale", "confirm", List.of(List.of(saleId)));
    } catch (TrytonCallException e) {
      if (e.warningName() == null
          || creditWarnings != TrytonConnector.CreditWarningPolicy.ACKNOWLEDGE) {
        throw e;
      }
      // The Tryton client's "yes, go on": a one-time acknowledgement of this warning.
      rpc.model(
          "res.user.warning",
          "create",
          List.of(List.of(Map.of("user", rpc.userId(), "name", e.warningName(), "always", false))));
      rpc.model("sale.sale", "confirm", List.of(List.of(saleId)));
    }
  }

  private SubmissionResult accepted(long saleId, JsonNode sale) {
    return SubmissionResult.accepted(
        ExternalId.of(system, Long.toString(saleId)), TrytonCodec.text(sale.path("number")));
  }

  /** The sale to create, with what the Tryton client's on_change would fill in. */
  private Map<String, Object> saleValues(Order order, List<FieldError> problems) {
    if (order.accountNumber() == null) {
      problems.add(
          FieldError.redacted(
              "accountNumber", "is required: the Tryton customer is found by its party code"));
      return Map.of();
    }
    JsonNode parties =
        rpc.model(
            "party.party",
            "search_read",
            Arrays.asList(
                List.of(List.of("code", "=", order.accountNumber())),
                0,
                2,
                null,
                List.of(
                    "customer_payment_term",
                    "addresses.invoice",
                    "addresses.delivery",
                    "addresses.active")));
    if (parties.size() == 0) {
      problems.add(
          FieldError.of(
              "accountNumber", order.accountNumber(), "is not the code of an active Tryton party"));
      return Map.of();
    }
    JsonNode party = parties.get(0);
    JsonNode invoice = TrytonAccountMapping.billingAddress(party);
    JsonNode delivery = TrytonAccountMapping.flagged(party, "delivery");
    if (invoice == null) {
      problems.add(
          FieldError.of(
              "accountNumber",
              order.accountNumber(),
              "the Tryton party has no address; Tryton needs one to quote the sale"));
      return Map.of();
    }
    JsonNode currencies =
        rpc.model(
            "currency.currency",
            "search_read",
            Arrays.asList(
                List.of(List.of("code", "=", order.currency())), 0, 1, null, List.of("code")));
    if (currencies.size() == 0) {
      problems.add(FieldError.of("currency", order.currency(), "is not a currency in Tryton"));
    }
    List<String> skus = order.lines().stream().map(OrderLine::sku).distinct().toList();
    Map<String, JsonNode> products = new LinkedHashMap<>();
    if (!skus.isEmpty()) {
      for (JsonNode p :
          rpc.model(
              "product.product",
              "search_read",
              Arrays.asList(
                  List.of(List.of("code", "in", skus), List.of("salable", "=", true)),
                  0,
                  null,
                  null,
                  List.of("code", "default_uom", "list_price")))) {
        products.put(p.path("code").asText(), p);
      }
    }
    if (order.lines().isEmpty()) {
      problems.add(FieldError.redacted("lines", "an order needs at least one line"));
    }
    List<Object> lines = new ArrayList<>();
    for (int i = 0; i < order.lines().size(); i++) {
      OrderLine l = order.lines().get(i);
      JsonNode p = products.get(l.sku());
      if (p == null) {
        problems.add(
            FieldError.of("lines[" + i + "].sku", l.sku(), "is not a salable Tryton product code"));
        continue;
      }
      if (l.unitPrice() != null && !l.unitPrice().currency().equals(order.currency())) {
        problems.add(
            FieldError.of(
                "lines[" + i + "].unitPrice.currency",
                l.unitPrice().currency(),
                "must be the order's currency " + order.currency()));
        continue;
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("type", "line");
      line.put("product", p.path("id").asLong());
      line.put("quantity", l.quantity().doubleValue());
      line.put("unit", p.path("default_uom").asLong());
      line.put(
          "unit_price",
          l.unitPrice() != null
              ? l.unitPrice().amount()
              : TrytonCodec.decimal(p.path("list_price")));
      if (l.description() != null) {
        line.put("description", l.description());
      }
      lines.add(line);
    }
    Map<String, Object> sale = new LinkedHashMap<>();
    sale.put("party", party.path("id").asLong());
    sale.put("invoice_address", invoice.path("id").asLong());
    sale.put("shipment_address", (delivery != null ? delivery : invoice).path("id").asLong());
    if (!party.path("customer_payment_term").isNull()) {
      sale.put("payment_term", party.path("customer_payment_term").asLong());
    }
    if (currencies.size() > 0) {
      sale.put("currency", currencies.get(0).path("id").asLong());
    }
    sale.put("reference", order.orderNumber());
    sale.put(
        "sale_date",
        order.orderedAt() == null
            ? LocalDate.now(clock)
            : LocalDate.ofInstant(order.orderedAt(), ZoneOffset.UTC));
    if (order.purchaseOrderNumber() != null) {
      sale.put("description", "PO " + order.purchaseOrderNumber());
    }
    sale.put("lines", List.of(List.of("create", lines)));
    return sale;
  }

  private static String encode(SubmissionResult r) {
    StringBuilder s = new StringBuilder(r.accepted() ? "A" : "R");
    if (r.accepted()) {
      s.append('|').append(b64(r.id().system().value())).append('|').append(b64(r.id().id()));
      s.append('|').append(r.number() == null ? "-" : b64(r.number()));
    } else {
      for (FieldError f : r.reasons()) {
        s.append('|').append(b64(f.path())).append(':').append(b64(f.message()));
      }
    }
    return s.toString();
  }

  private static SubmissionResult decode(String text) {
    String[] p = text.split("\\|");
    if (p[0].equals("A")) {
      return SubmissionResult.accepted(
          ExternalId.of(unb64(p[1]), unb64(p[2])), p[3].equals("-") ? null : unb64(p[3]));
    }
    List<FieldError> reasons = new ArrayList<>();
    for (int i = 1; i < p.length; i++) {
      String[] pm = p[i].split(":");
      reasons.add(FieldError.redacted(unb64(pm[0]), unb64(pm[1])));
    }
    return SubmissionResult.rejected(reasons);
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String unb64(String s) {
    return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
  }

  private static <R> R call(ErrorContext ctx, java.util.function.Supplier<R> call) {
    try {
      return call.get();
    } catch (TrytonCallException e) {
      ErpError error = e.uncertain() ? e.error().withRetryable(true) : e.error();
      throw error.toException(ctx);
    }
  }
}
