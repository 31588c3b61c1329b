package dev.retailsync.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.internal.Checks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A return request (RMA): which items of which order come back, why, what happens to them, and
 * where the refund stands. A channel or the service desk requests it; the ERP or warehouse
 * authorises, receives and inspects.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}. {@code
 * toString()} shows the numbers and statuses only: the customer's reason texts may hold personal
 * data.
 *
 * @param rmaNumber the return merchandise authorisation number, never blank
 * @param orderNumber the order the items come from, or {@code null}
 * @param accountNumber the customer's account number, or {@code null}
 * @param status the return's status, never {@code null}
 * @param requestedAt when the return was requested, or {@code null}
 * @param lines the items coming back; never {@code null}
 * @param refundStatus where the refund stands, or {@code null} when unknown
 * @param refundAmount the amount refunded or to be refunded, zero or more, or {@code null}
 * @param extensions a company's custom fields; never {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion"})
public record ReturnRequest(
    @NotBlank @Size(max = 64) String rmaNumber,
    @Size(max = 64) String orderNumber,
    @Size(max = 64) String accountNumber,
    @NotNull ReturnStatus status,
    Instant requestedAt,
    List<@Valid ReturnLine> lines,
    RefundStatus refundStatus,
    @Valid Money refundAmount,
    @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions)
    implements CanonicalEntity {

  private static final Set<String> PROPERTIES =
      Set.of(
          "schemaVersion",
          "rmaNumber",
          "orderNumber",
          "accountNumber",
          "status",
          "requestedAt",
          "lines",
          "refundStatus",
          "refundAmount");

  // Checks the components; see the class documentation for the rules.
  public ReturnRequest {
    Checks.requiredText("ReturnRequest", "rmaNumber", rmaNumber);
    Checks.optionalText("ReturnRequest", "orderNumber", orderNumber);
    Checks.optionalText("ReturnRequest", "accountNumber", accountNumber);
    Checks.required("ReturnRequest", "status", status);
    lines = Checks.list("ReturnRequest", "lines", lines);
    Quantities.nonNegative("ReturnRequest", "refundAmount", refundAmount);
    extensions = Checks.extensions("ReturnRequest", extensions, PROPERTIES);
  }

  @Override
  public EntityType<ReturnRequest> entityType() {
    return EntityType.RETURN_REQUEST;
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with every component unset, empty lists and no extensions
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with this return request's components.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.rmaNumber = rmaNumber;
    b.orderNumber = orderNumber;
    b.accountNumber = accountNumber;
    b.status = status;
    b.requestedAt = requestedAt;
    b.lines.addAll(lines);
    b.refundStatus = refundStatus;
    b.refundAmount = refundAmount;
    b.extensions.putAll(extensions);
    return b;
  }

  /**
   * Shows the numbers and statuses; the reason texts may be personal data.
   *
   * @return a redacted rendering
   */
  @Override
  public String toString() {
    return "ReturnRequest[rmaNumber="
        + rmaNumber
        + ", orderNumber="
        + orderNumber
        + ", accountNumber="
        + accountNumber
        + ", status="
        + status
        + ", refundStatus="
        + refundStatus
        + ", lines="
        + lines.size()
        + ", <other fields redacted>]";
  }

  /**
   * The field catalogue of a return request: the paths ownership rules, diffs and mappings name.
   */
  public static final class Fields {
    private Fields() {}

    /** The RMA number. */
    public static final FieldPath RMA_NUMBER = FieldPath.of("rmaNumber");

    /** The order number. */
    public static final FieldPath ORDER_NUMBER = FieldPath.of("orderNumber");

    /** The account number. */
    public static final FieldPath ACCOUNT_NUMBER = FieldPath.of("accountNumber");

    /** The return status. */
    public static final FieldPath STATUS = FieldPath.of("status");

    /** When the return was requested. */
    public static final FieldPath REQUESTED_AT = FieldPath.of("requestedAt");

    /** The return lines. */
    public static final FieldPath LINES = FieldPath.of("lines");

    /** The refund status. */
    public static final FieldPath REFUND_STATUS = FieldPath.of("refundStatus");

    /** The refund amount. */
    public static final FieldPath REFUND_AMOUNT = FieldPath.of("refundAmount");
  }

  /** Builds a {@link ReturnRequest}. Not thread-safe. */
  public static final class Builder {
    private String rmaNumber;
    private String orderNumber;
    private String accountNumber;
    private ReturnStatus status;
    private Instant requestedAt;
    private final List<ReturnLine> lines = new ArrayList<>();
    private RefundStatus refundStatus;
    private Money refundAmount;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the RMA number; required.
     *
     * @param rmaNumber the rma number
     * @return this builder
     */
    public Builder rmaNumber(String rmaNumber) {
      this.rmaNumber = rmaNumber;
      return this;
    }

    /**
     * Sets the order number.
     *
     * @param orderNumber the order number
     * @return this builder
     */
    public Builder orderNumber(String orderNumber) {
      this.orderNumber = orderNumber;
      return this;
    }

    /**
     * Sets the customer's account number.
     *
     * @param accountNumber the account number
     * @return this builder
     */
    public Builder accountNumber(String accountNumber) {
      this.accountNumber = accountNumber;
      return this;
    }

    /**
     * Sets the status; required.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(ReturnStatus status) {
      this.status = status;
      return this;
    }

    /**
     * Sets when the return was requested.
     *
     * @param requestedAt the requested at
     * @return this builder
     */
    public Builder requestedAt(Instant requestedAt) {
      this.requestedAt = requestedAt;
      return this;
    }

    /**
     * Sets the return lines, replacing any set before.
     *
     * @param lines the return lines; {@code null} clears them
     * @return this builder
     */
    public Builder lines(List<ReturnLine> lines) {
      this.lines.clear();
      if (lines != null) {
        this.lines.addAll(lines);
      }
      return this;
    }

    /**
     * Adds an item to the return lines.
     *
     * @param item the item to add
     * @return this builder
     */
    public Builder addLine(ReturnLine item) {
      this.lines.add(item);
      return this;
    }

    /**
     * Sets the refund status.
     *
     * @param refundStatus the refund status
     * @return this builder
     */
    public Builder refundStatus(RefundStatus refundStatus) {
      this.refundStatus = refundStatus;
      return this;
    }

    /**
     * Sets the refund amount.
     *
     * @param refundAmount the refund amount
     * @return this builder
     */
    public Builder refundAmount(Money refundAmount) {
      this.refundAmount = refundAmount;
      return this;
    }

    /**
     * Replaces all custom fields.
     *
     * @param extensions the custom fields
     * @return this builder
     */
    public Builder extensions(Map<String, ?> extensions) {
      this.extensions.clear();
      this.extensions.putAll(extensions);
      return this;
    }

    /**
     * Adds or replaces one custom field.
     *
     * @param name the field's name
     * @param value its value: text, a number, a boolean, {@code null}, or a list or map of those
     * @return this builder
     */
    public Builder putExtension(String name, Object value) {
      this.extensions.put(name, value);
      return this;
    }

    /**
     * Builds the return request.
     *
     * @return the return request
     * @throws ValidationException naming the component if a required one is missing or malformed,
     *     or the refund amount is negative
     */
    public ReturnRequest build() {
      return new ReturnRequest(
          rmaNumber,
          orderNumber,
          accountNumber,
          status,
          requestedAt,
          lines,
          refundStatus,
          refundAmount,
          extensions);
    }
  }
}
