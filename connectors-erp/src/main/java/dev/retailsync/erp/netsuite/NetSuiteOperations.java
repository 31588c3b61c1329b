package dev.retailsync.erp.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.ReturnLine;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.spi.SubmissionResult;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.idempotency.IdempotencyKeys;
import dev.retailsync.core.idempotency.IdempotentExecutor;
import dev.retailsync.erp.ErpErrorKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/** The domain operations: order submission, credit, availability, return authorization. */
final class NetSuiteOperations {
  private final NetSuiteConnector c;

  NetSuiteOperations(NetSuiteConnector connector) {
    this.c = connector;
  }

  // ---- order submission --------------------------------------------------------------------

  SubmissionResult submit(Order order, IdempotencyKey key) {
    ErrorContext ctx = ErrorContext.of(c.system(), "submit order");
    if (c.asyncOrders()) {
      return guarded(key, order, ctx, () -> submitAsync(order, key, ctx));
    }
    return guarded(key, order, ctx, () -> submitOnce(order, ctx));
  }

  /**
   * Submits through NetSuite's asynchronous request service: the upsert runs as a job carrying an
   * idempotency key derived from ours, so a repeat (after a lost answer) gets NetSuite's {@code
   * IDEMPOTENCY_ERROR} pointing at the first job, which is followed instead of running again.
   */
  private SubmissionResult submitAsync(Order order, IdempotencyKey key, ErrorContext ctx) {
    NetSuiteMapping<Order> m = c.mappingOf(EntityType.ORDER);
    String ext;
    ObjectNode body;
    try {
      ext = m.externalId(order, order.orderNumber());
      boolean exists;
      try {
        exists = !c.lookup(m, List.of(ext)).isEmpty();
      } catch (NetSuiteHttp.Failure f) {
        throw f.error().toException(ctx);
      }
      body = m.toNetSuite(order, java.util.Set.of(), exists);
    } catch (ValidationException e) {
      return SubmissionResult.rejected(e.errors());
    }
    String idempotency =
        (key == null
                ? java.util.UUID.randomUUID()
                : java.util.UUID.nameUUIDFromBytes(
                    ("netsuite-order:" + key.value())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .toString();
    HttpUrl.Builder url = c.http().record(m.recordType()).addPathSegment("eid:" + ext);
    if (body.has("item")) {
      url.addQueryParameter("replace", "item");
    }
    NetSuiteHttp.Answer accepted;
    try {
      accepted =
          c.http()
              .send(
                  NetSuiteHttp.request(url.build())
                      .header("Prefer", "respond-async")
                      .header("X-NetSuite-Idempotency-Key", idempotency)
                      .put(NetSuiteHttp.body(body))
                      .build(),
                  true);
    } catch (NetSuiteHttp.Failure f) {
      if (!f.error().retryable() && f.error().kind() == ErpErrorKind.VALIDATION) {
        return SubmissionResult.rejected(NetSuiteConnector.reasons(f.error()));
      }
      throw f.error().toException(ctx);
    }
    if (accepted.location() == null) {
      throw new RemoteSystemException(
          "NetSuite accepted the asynchronous order " + ext + " without a job Location",
          accepted.status(),
          null,
          null,
          ctx,
          true);
    }
    // NetSuite's documentation prints the job Location as a path; accept an absolute URL too.
    String location = accepted.location();
    String job = location.startsWith("/") ? location : HttpUrl.get(location).encodedPath();
    JsonNode status = awaitJob(job, ctx);
    if ("failed".equalsIgnoreCase(status.path("progress").asText())) {
      return SubmissionResult.rejected(jobErrors(job, ctx));
    }
    JsonNode rec = c.fetch(m.recordType(), "eid:" + ext);
    if (rec == null) {
      throw new RemoteSystemException(
          "NetSuite's job " + job + " succeeded but order " + ext + " cannot be read",
          200,
          null,
          null,
          ctx,
          true);
    }
    return SubmissionResult.accepted(
        ExternalId.of(c.system(), rec.path("id").asText()), Json.text(rec, "tranId"));
  }

  private JsonNode awaitJob(String jobPath, ErrorContext ctx) {
    java.time.Instant deadline = c.clock().instant().plus(c.asyncTimeout());
    while (true) {
      JsonNode job = get(jobPath, ctx);
      if (job.path("completed").asBoolean(false)) {
        return job;
      }
      if (!c.clock().instant().isBefore(deadline)) {
        throw new RemoteSystemException(
            "NetSuite's job "
                + jobPath
                + " did not complete within "
                + c.asyncTimeout()
                + "; submit again with the same idempotency key to follow it",
            202,
            null,
            null,
            ctx,
            true);
      }
      c.pause(c.asyncPollInterval());
    }
  }

  /** The errors of a failed job's task results, as reasons. */
  private List<FieldError> jobErrors(String jobPath, ErrorContext ctx) {
    List<FieldError> reasons = new ArrayList<>();
    for (JsonNode task : get(jobPath + "/task", ctx).path("items")) {
      String result = jobPath + "/task/" + task.path("id").asText() + "/result";
      for (NetSuiteErrors.Detail d : NetSuiteErrors.details(get(result, ctx).toString())) {
        reasons.add(
            FieldError.redacted(
                d.path() == null ? "(order)" : d.path(),
                (d.code() == null ? "" : d.code() + ": ") + d.detail()));
      }
    }
    if (reasons.isEmpty()) {
      reasons.add(FieldError.redacted("(order)", "NetSuite's job " + jobPath + " failed"));
    }
    return reasons;
  }

  private JsonNode get(String path, ErrorContext ctx) {
    HttpUrl url = c.http().rest(path.startsWith("/") ? path.substring(1) : path).build();
    try {
      return c.http().send(NetSuiteHttp.request(url).get().build(), true).json();
    } catch (NetSuiteHttp.Failure f) {
      throw f.error().toException(ctx);
    }
  }

  private SubmissionResult submitOnce(Order order, ErrorContext ctx) {
    NetSuiteMapping<Order> m = c.mappingOf(EntityType.ORDER);
    WriteOutcome o = c.upsert(m, List.of(WriteRequest.of(order.orderNumber(), order))).get(0);
    if (o.status() == WriteOutcome.Status.REJECTED) {
      List<FieldError> reasons =
          o.errors().isEmpty() ? List.of(FieldError.redacted("(order)", o.message())) : o.errors();
      return SubmissionResult.rejected(reasons);
    }
    if (o.status() == WriteOutcome.Status.RETRYABLE_FAILURE) {
      if ("429".equals(o.errorCode()) || o.message().startsWith("THROTTLED")) {
        throw new RateLimitException(o.message(), o.retryAfter(), ctx, true);
      }
      throw new RemoteSystemException(o.message(), 0, o.errorCode(), null, ctx, true);
    }
    String id = o.externalId().id();
    JsonNode rec = c.fetch(m.recordType(), id);
    String number = rec == null ? null : Json.text(rec, "tranId");
    return SubmissionResult.accepted(o.externalId(), number);
  }

  // ---- return authorization ----------------------------------------------------------------

  SubmissionResult authorize(ReturnRequest request, IdempotencyKey key) {
    ErrorContext ctx = ErrorContext.of(c.system(), "authorize return");
    return guarded(key, request, ctx, () -> authorizeOnce(request, ctx));
  }

  private SubmissionResult authorizeOnce(ReturnRequest request, ErrorContext ctx) {
    String subject = "NetSuite returnAuthorization";
    String rma;
    String order;
    try {
      rma = Json.externalId(subject, "rmaNumber", request.rmaNumber());
      if (request.orderNumber() == null) {
        throw ValidationException.of(
            subject, "orderNumber", null, "is required: NetSuite creates the RMA from the order");
      }
      order = Json.externalId(subject, "orderNumber", request.orderNumber());
    } catch (ValidationException e) {
      return SubmissionResult.rejected(e.errors());
    }
    // NetSuite does not deduplicate transforms: look for an RMA made by an earlier attempt first.
    JsonNode existing = c.fetch("returnAuthorization", "eid:" + rma);
    if (existing != null) {
      return SubmissionResult.accepted(
          ExternalId.of(c.system(), existing.path("id").asText()), Json.text(existing, "tranId"));
    }
    ObjectNode body = Json.object();
    body.put("externalId", rma);
    ArrayNode items = body.putObject("item").putArray("items");
    List<ReturnLine> lines = request.lines() == null ? List.of() : request.lines();
    for (int i = 0; i < lines.size(); i++) {
      ReturnLine l = lines.get(i);
      ObjectNode item = items.addObject();
      try {
        item.set(
            "item",
            Json.refByExternalId(Json.externalId(subject, "lines[" + i + "].sku", l.sku())));
      } catch (ValidationException e) {
        return SubmissionResult.rejected(e.errors());
      }
      item.put("quantity", l.quantity());
      if (l.orderLineNumber() != null) {
        item.put("orderLine", l.orderLineNumber());
      }
      if (l.reasonText() != null) {
        item.put("description", l.reasonText());
      }
    }
    HttpUrl url =
        c.http()
            .record("salesOrder")
            .addPathSegment("eid:" + order)
            .addPathSegment("!transform")
            .addPathSegment("returnAuthorization")
            .build();
    NetSuiteHttp.Answer a;
    try {
      a = c.http().send(NetSuiteHttp.request(url).post(NetSuiteHttp.body(body)).build(), false);
    } catch (NetSuiteHttp.Failure f) {
      if (!f.error().retryable()
          && (f.error().kind() == ErpErrorKind.VALIDATION
              || f.error().kind() == ErpErrorKind.NOT_FOUND)) {
        return SubmissionResult.rejected(NetSuiteConnector.reasons(f.error()));
      }
      throw f.error().toException(ctx);
    }
    String id = a.locationId();
    JsonNode rec = c.fetch("returnAuthorization", id != null ? id : "eid:" + rma);
    if (rec == null) {
      throw new RemoteSystemException(
          "NetSuite accepted the return authorization " + rma + " but it cannot be read back",
          204,
          null,
          null,
          ctx,
          true);
    }
    return SubmissionResult.accepted(
        ExternalId.of(c.system(), rec.path("id").asText()), Json.text(rec, "tranId"));
  }

  // ---- idempotency -------------------------------------------------------------------------

  private SubmissionResult guarded(
      IdempotencyKey key, Object payload, ErrorContext ctx, Supplier<SubmissionResult> once) {
    IdempotentExecutor executor = c.idempotency();
    if (executor == null || key == null) {
      return once.get();
    }
    IdempotentExecutor.Execution run =
        executor.execute(key, IdempotencyKeys.fingerprint(payload), ctx, () -> encode(once.get()));
    return decode(run.outcome(), ctx);
  }

  private static String encode(SubmissionResult r) {
    try {
      return Json.MAPPER.writeValueAsString(r);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SubmissionResult decode(String stored, ErrorContext ctx) {
    try {
      JsonNode n = Json.MAPPER.readTree(stored);
      if (n.path("accepted").asBoolean(false)) {
        JsonNode id = n.path("id");
        return SubmissionResult.accepted(
            ExternalId.of(id.path("system").asText(), id.path("id").asText()),
            n.path("number").isNull() ? null : n.path("number").asText(null));
      }
      List<FieldError> reasons = new ArrayList<>();
      for (JsonNode r : n.path("reasons")) {
        reasons.add(FieldError.redacted(r.path("path").asText(), r.path("message").asText()));
      }
      return SubmissionResult.rejected(reasons);
    } catch (IOException | RuntimeException e) {
      throw new RemoteSystemException(
          "the stored outcome of this submission cannot be read: " + e.getMessage(),
          0,
          null,
          null,
          ctx,
          false);
    }
  }

  // ---- credit and availability -------------------------------------------------------------

  Optional<CreditTerms> credit(String accountNumber) {
    String ext = Json.externalId("NetSuite customer", "accountNumber", accountNumber);
    JsonNode rec = c.fetch("customer", "eid:" + ext);
    if (rec == null) {
      return Optional.empty();
    }
    NetSuiteMapping<Account> m = c.mappingOf(EntityType.ACCOUNT);
    Account a = (m != null ? m : CustomerMapping.defaults()).fromNetSuite(rec);
    return Optional.ofNullable(a.credit());
  }

  List<InventoryPosition> availability(List<String> skus, String location) {
    List<InventoryPosition> out = new ArrayList<>();
    for (String sku : skus) {
      String ext = Json.externalId("NetSuite inventoryItem", "sku", sku);
      JsonNode rec = c.fetch("inventoryItem", "eid:" + ext);
      if (rec == null) {
        continue;
      }
      for (JsonNode l : Json.lines(rec, "locations")) {
        JsonNode loc = l.path("location");
        String locId = loc.isObject() ? loc.path("id").asText() : loc.asText();
        String locName = loc.path("refName").asText(null);
        if (location != null && !location.equals(locId) && !location.equals(locName)) {
          continue;
        }
        BigDecimal onHand = Json.decimal(l, "quantityOnHand");
        BigDecimal available = Json.decimal(l, "quantityAvailable");
        BigDecimal committed = Json.decimal(l, "quantityCommitted");
        out.add(
            new InventoryPosition(
                sku,
                locId,
                onHand == null ? BigDecimal.ZERO : onHand.max(BigDecimal.ZERO),
                committed == null ? null : committed.max(BigDecimal.ZERO),
                available,
                null,
                null,
                c.clock().instant(),
                java.util.Map.of()));
      }
    }
    return out;
  }
}
