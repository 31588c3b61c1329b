package dev.retailsync.ecommerce.vendure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.idempotency.IdempotentExecutor;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refunds of an order's payment ({@code refundOrder}) from canonical {@link ReturnRequest}s: the
 * {@code RETURN_REQUEST} writer of {@link VendureConnector}.
 *
 * <p>A request refunds its {@code refundAmount} (required, in the order's currency, more than zero)
 * of the order named by {@code orderNumber} (the Vendure code). The amount goes to the first
 * settled payment whose remaining refundable amount (amount minus its settled and pending refunds)
 * covers it; when none does, to the payment with the most remaining, and Vendure's {@code
 * RefundAmountError} rejects it naming {@code refundAmount}. The input always carries {@code
 * shipping: 0} and {@code adjustment: 0} next to {@code amount}: without them Vendure 3.7 fails on
 * a NOT NULL constraint (reference note §9.3). The refund's reason is {@code rma:<rmaNumber>}; a
 * request whose RMA number already has a refund on the order is {@code UNCHANGED} and never
 * refunded twice, also after a lost answer; a request with an idempotency key runs at most once per
 * key. Record ids are {@code <order code>/refund/<refund id>}, versions the refund's state.
 * Thread-safe.
 */
final class VendureRefunds {
  static final String REFUND =
      "mutation Refund($input: RefundOrderInput!) { refundOrder(input: $input) { __typename"
          + " ... on Refund { id state total reason transactionId }"
          + " ... on RefundAmountError { maximumRefundable }"
          + " ... on RefundStateTransitionError { transitionError }"
          + " ... on ErrorResult { errorCode message } } }";

  private final VendureGraphQl client;
  private final SystemId system;
  private final VendureOrders orders;
  private final IdempotentExecutor idempotency;

  VendureRefunds(
      VendureGraphQl client,
      SystemId system,
      VendureOrders orders,
      IdempotentExecutor idempotency) {
    this.client = client;
    this.system = system;
    this.orders = orders;
    this.idempotency = idempotency;
  }

  static String reason(String rmaNumber) {
    return "rma:" + rmaNumber;
  }

  List<WriteOutcome> write(List<WriteRequest<ReturnRequest>> batch) {
    List<WriteOutcome> out = new ArrayList<>();
    for (WriteRequest<ReturnRequest> r : batch) {
      out.add(withIdempotency(r));
    }
    return out;
  }

  /** Writes one keyed request at most once per idempotency key; a repeat replays the outcome. */
  private WriteOutcome withIdempotency(WriteRequest<ReturnRequest> r) {
    return idempotency.writeOnce(r, system, ErrorContext.of(system, "refund"), () -> guarded(r));
  }

  private WriteOutcome guarded(WriteRequest<ReturnRequest> r) {
    try {
      return writeOne(r);
    } catch (MappingException e) {
      return WriteOutcome.rejected(r.key(), "MAPPING_FAILED", e.getMessage(), List.of());
    } catch (AuthenticationException e) {
      throw e;
    } catch (RemoteSystemException e) {
      String code = e.errorCode().orElse("REMOTE_ERROR");
      return e.isRetryable()
          ? WriteOutcome.retryable(r.key(), code, e.getMessage(), null)
          : WriteOutcome.rejected(r.key(), code, e.getMessage(), List.of());
    }
  }

  private static WriteOutcome reject(String key, String field, Object value, String message) {
    return WriteOutcome.rejected(
        key, "INVALID_INPUT", field + " " + message, List.of(FieldError.of(field, value, message)));
  }

  private WriteOutcome writeOne(WriteRequest<ReturnRequest> r) {
    ReturnRequest rr = r.entity();
    String key = r.key();
    if (rr.orderNumber() == null) {
      return reject(key, "orderNumber", null, "is required (the Vendure order code)");
    }
    Money amount = rr.refundAmount();
    if (amount == null || amount.isZero() || amount.isNegative()) {
      return reject(key, "refundAmount", amount, "is required and must be more than zero");
    }
    JsonNode order = orders.orderByCode(rr.orderNumber());
    if (order == null) {
      return WriteOutcome.rejected(
          key,
          "ENTITY_NOT_FOUND",
          "Vendure has no order with code " + rr.orderNumber(),
          List.of(FieldError.of("orderNumber", rr.orderNumber(), "no such Vendure order code")));
    }
    String code = order.path("code").asText();
    String currency = order.path("currencyCode").asText();
    if (!currency.equals(amount.currency())) {
      return reject(
          key,
          "refundAmount.currency",
          amount.currency(),
          "must be the order's currency " + currency);
    }
    String reason = reason(rr.rmaNumber());
    JsonNode bestPayment = null;
    long bestRemaining = -1;
    JsonNode covering = null;
    long minor;
    try {
      minor = toMinor(amount, orders.mapping());
    } catch (ArithmeticException e) {
      return reject(
          key, "refundAmount", amount, "has more decimals than Vendure's money precision");
    }
    for (JsonNode p : order.path("payments")) {
      long refunded = 0;
      for (JsonNode f : p.path("refunds")) {
        if (reason.equals(f.path("reason").asText())
            && !"Failed".equals(f.path("state").asText())) {
          return WriteOutcome.unchanged(
              key,
              ExternalId.of(system, code + "/refund/" + f.path("id").asText()),
              f.path("state").asText());
        }
        if (!"Failed".equals(f.path("state").asText())) {
          refunded += f.path("total").asLong();
        }
      }
      if (!"Settled".equals(p.path("state").asText())) {
        continue;
      }
      long remaining = p.path("amount").asLong() - refunded;
      if (covering == null && remaining >= minor) {
        covering = p;
      }
      if (remaining > bestRemaining) {
        bestRemaining = remaining;
        bestPayment = p;
      }
    }
    JsonNode payment = covering != null ? covering : bestPayment;
    if (payment == null) {
      return WriteOutcome.rejected(
          key,
          "NO_SETTLED_PAYMENT",
          "order " + code + " has no settled payment to refund",
          List.of(FieldError.of("orderNumber", code, "has no settled payment")));
    }
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("paymentId", payment.path("id").asText());
    input.put("amount", minor);
    input.put("shipping", 0);
    input.put("adjustment", 0);
    input.put("reason", reason);
    JsonNode res =
        client.execute("refundOrder", REFUND, Map.of("input", input)).path("refundOrder");
    VendureGraphQl.ErrorResult err = VendureGraphQl.errorResult(res);
    if (err != null || !"Refund".equals(res.path("__typename").asText())) {
      String errorCode = err == null ? "UNEXPECTED_RESULT" : err.errorCode();
      String msg = err == null ? "unexpected " + res.path("__typename").asText() : err.message();
      if (res.has("maximumRefundable")) {
        msg +=
            " (at most "
                + orders
                    .mapping()
                    .money(res.path("maximumRefundable"), currency, "maximumRefundable")
                    .amount()
                + " "
                + currency
                + " remains)";
      }
      if (res.hasNonNull("transitionError")) {
        msg += " (" + res.path("transitionError").asText() + ")";
      }
      String field =
          switch (errorCode) {
            case "REFUND_AMOUNT_ERROR", "NOTHING_TO_REFUND_ERROR", "QUANTITY_TOO_GREAT_ERROR" ->
                "refundAmount";
            default -> "orderNumber";
          };
      return WriteOutcome.rejected(
          key, errorCode, "Vendure: " + msg, List.of(FieldError.of(field, null, msg)));
    }
    ExternalId id = ExternalId.of(system, code + "/refund/" + res.path("id").asText());
    if ("Failed".equals(res.path("state").asText())) {
      return WriteOutcome.rejected(
          key,
          "REFUND_FAILED",
          "the payment provider refused refund " + res.path("id").asText() + " of order " + code,
          List.of(FieldError.of("refundAmount", null, "refused by the payment provider")));
    }
    return WriteOutcome.created(key, id, res.path("state").asText());
  }

  static long toMinor(Money amount, VendureOrderMapping mapping) {
    BigInteger minor = amount.amount().movePointRight(mapping.moneyPrecision()).toBigIntegerExact();
    return minor.longValueExact();
  }
}
