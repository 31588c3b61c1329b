package dev.retailsync.erp.file;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.OrderStatus;
import dev.retailsync.api.model.Shipment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How one entity type is laid out in files: the file-name prefix that marks its files in the inbox
 * and names its exports, and the column header of each canonical field (the header mapping). The
 * defaults follow the reference's canonical entities:
 *
 * <ul>
 *   <li>{@link #accounts()}: {@code customers*} files, columns {@code customer_no, name, type,
 *       status, payment_terms, currency, tax_id, price_group, credit_status, credit_limit,
 *       credit_balance, email, street, city, postal_code, country};
 *   <li>{@link #inventory()}: {@code inventory*} files, columns {@code sku, location, on_hand,
 *       reserved, available, safety_stock, unit, as_of};
 *   <li>{@link #orders()}: {@code orders*} files, one row per order line with the order's columns
 *       repeated: {@code order_no, channel, status, customer_no, email, ordered_at, currency,
 *       po_number, erp_order_no, ship_street, ship_city, ship_postal_code, ship_country,
 *       grand_total, line_no, sku, description, quantity, unit_price, line_total, line_status}; the
 *       status goes through a code table ({@link Builder#statusCode}).
 * </ul>
 *
 * <p>Rename a column with {@link Builder#column(String, String)} (canonical field, then the header
 * your ERP writes), carry a custom field with {@code column("extensions.<name>", header)} (read as
 * text into the entity's extensions, written from them), leave a field out with {@link
 * Builder#withoutColumn(String)}, and accept a column your ERP sends but nobody needs with {@link
 * Builder#ignoreColumn(String)}. An imported file with a column the layout does not know is refused
 * with the column named, never half-read.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param <T> the entity's Java type
 */
public final class FileLayout<T extends CanonicalEntity> {
  private final EntityType<T> type;
  private final String prefix;
  private final Map<String, String> headers;
  private final Set<String> ignored;
  private final Map<String, OrderStatus> statusCodes;

  private FileLayout(Builder<T> b) {
    this.type = b.type;
    this.prefix = b.prefix;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.ignored = Collections.unmodifiableSet(new LinkedHashSet<>(b.ignored));
    this.statusCodes = Collections.unmodifiableMap(new LinkedHashMap<>(b.statusCodes));
  }

  /**
   * Returns the default layout of customer files.
   *
   * @return the layout
   */
  public static FileLayout<Account> accounts() {
    return new Builder<>(EntityType.ACCOUNT, "customers").build();
  }

  /**
   * Returns the default layout of stock-level files.
   *
   * @return the layout
   */
  public static FileLayout<InventoryPosition> inventory() {
    return new Builder<>(EntityType.INVENTORY_POSITION, "inventory").build();
  }

  /**
   * Returns the default layout of sales-order files.
   *
   * @return the layout
   */
  public static FileLayout<Order> orders() {
    return new Builder<>(EntityType.ORDER, "orders").build();
  }

  /**
   * Returns the default layout of shipment files (the ERP's delivery notes, for shipment status and
   * tracking): {@code shipments*} files, one row per shipped line, columns {@code shipment_no,
   * order_no, status, carrier, service, tracking_no, tracking_url, ship_from, shipped_at,
   * delivered_at, order_line_no, sku, quantity}; the status is a canonical shipment status name.
   *
   * @return the layout
   */
  public static FileLayout<Shipment> shipments() {
    return new Builder<>(EntityType.SHIPMENT, "shipments").build();
  }

  /**
   * Returns a builder initialised with this layout.
   *
   * @return the builder
   */
  public Builder<T> toBuilder() {
    Builder<T> b = new Builder<>(type, prefix);
    b.headers.clear();
    b.headers.putAll(headers);
    b.ignored.addAll(ignored);
    b.statusCodes.clear();
    b.statusCodes.putAll(statusCodes);
    return b;
  }

  /**
   * Returns the entity type the layout's files hold.
   *
   * @return the type
   */
  public EntityType<T> entityType() {
    return type;
  }

  /**
   * Returns the file-name prefix of this entity's files.
   *
   * @return the prefix, such as {@code customers}
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Returns the column header of each canonical field, in column order.
   *
   * @return field to header
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Returns the headers an import accepts and ignores.
   *
   * @return the headers
   */
  public Set<String> ignoredColumns() {
    return ignored;
  }

  /**
   * Returns the order-status code table (codes upper-case); empty for other entities.
   *
   * @return code to status
   */
  public Map<String, OrderStatus> statusCodes() {
    return statusCodes;
  }

  @SuppressWarnings("unchecked")
  Codec<T> codec(Instant fileTime) {
    if (type == EntityType.ACCOUNT) {
      return (Codec<T>) new AccountCodec();
    }
    if (type == EntityType.INVENTORY_POSITION) {
      return (Codec<T>) new InventoryCodec(fileTime);
    }
    if (type == EntityType.SHIPMENT) {
      return (Codec<T>) new ShipmentCodec();
    }
    return (Codec<T>) new OrderCodec(statusCodes);
  }

  @Override
  public String toString() {
    return "FileLayout[" + type + ", prefix=" + prefix + ", columns=" + headers.values() + "]";
  }

  /**
   * Builds a {@link FileLayout}. Not thread-safe.
   *
   * @param <T> the entity's Java type
   */
  public static final class Builder<T extends CanonicalEntity> {
    private final EntityType<T> type;
    private String prefix;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Set<String> ignored = new LinkedHashSet<>();
    private final Map<String, OrderStatus> statusCodes = new LinkedHashMap<>();

    private Builder(EntityType<T> type, String prefix) {
      this.type = type;
      this.prefix = prefix;
      for (Codec.FieldDef f : codecFor(type).fields()) {
        headers.put(f.name(), f.defaultHeader());
      }
      if (type == EntityType.ORDER) {
        statusCodes.putAll(OrderCodec.defaultStatusCodes());
      }
    }

    /**
     * Sets the file-name prefix that marks this entity's files in the inbox and names its exports.
     *
     * @param prefix letters, digits, {@code -} and {@code _}
     * @return this builder
     */
    public Builder<T> prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /**
     * Sets the header of one canonical field's column.
     *
     * @param field the canonical field, such as {@code accountNumber} or {@code credit.limit}, or
     *     {@code extensions.<name>} for a custom field
     * @param header the header the ERP's files use
     * @return this builder
     */
    public Builder<T> column(String field, String header) {
      if (field != null && field.startsWith(Extensions.PREFIX)) {
        if (!field.substring(Extensions.PREFIX.length()).matches("[A-Za-z][A-Za-z0-9_]*")) {
          throw problem("column", field, "must be extensions.<name>, the name a Java identifier");
        }
        headers.put(field, header);
        return this;
      }
      if (!headers.containsKey(field)
          && codecFor(type).fields().stream().noneMatch(f -> f.name().equals(field))) {
        throw problem("column", field, "is not a field of " + type + "; known: " + knownFields());
      }
      headers.put(field, header);
      return this;
    }

    /**
     * Leaves a canonical field out of the files: not exported, not expected on import.
     *
     * @param field the canonical field
     * @return this builder
     */
    public Builder<T> withoutColumn(String field) {
      if (headers.remove(field) == null) {
        throw problem(
            "withoutColumn", field, "is not a column of this layout; columns: " + headers.keySet());
      }
      return this;
    }

    /**
     * Accepts a column on import and ignores its values.
     *
     * @param header the header as the ERP writes it
     * @return this builder
     */
    public Builder<T> ignoreColumn(String header) {
      ignored.add(header);
      return this;
    }

    /**
     * Maps an order-status code of the ERP's files to a canonical status, adding to or replacing an
     * entry of the default table (the canonical names plus {@code DRAFT, QUOTE, PENDING_APPROVAL,
     * ON_HOLD} → CAPTURED, {@code OPEN, CONFIRMED, RELEASED} → ACCEPTED, {@code
     * PARTIALLY_FULFILLED} → PARTIALLY_SHIPPED, {@code FULFILLED} → SHIPPED, {@code BILLED} →
     * INVOICED, {@code CANCELED} → CANCELLED). Codes are compared case-insensitively.
     *
     * @param code the ERP's code, such as {@code B}
     * @param status the canonical status
     * @return this builder
     */
    public Builder<T> statusCode(String code, OrderStatus status) {
      if (type != EntityType.ORDER) {
        throw problem("statusCode", code, "applies to order layouts only");
      }
      statusCodes.put(code.strip().toUpperCase(Locale.ROOT), status);
      return this;
    }

    /**
     * Builds the layout.
     *
     * @return the layout
     * @throws ConfigurationException naming the setting when the prefix is malformed, the key
     *     column was left out, or two fields share a header
     */
    public FileLayout<T> build() {
      if (prefix == null || !prefix.matches("[A-Za-z0-9_-]+")) {
        throw problem("prefix", prefix, "must be letters, digits, '-' or '_'");
      }
      Codec<T> codec = codecFor(type);
      if (!headers.containsKey(codec.keyField())) {
        throw problem(
            "withoutColumn",
            codec.keyField(),
            "is the key column of " + type + " and cannot be left out");
      }
      Map<String, String> seen = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : headers.entrySet()) {
        String header = e.getValue();
        if (header == null || header.isBlank() || header.equals("lines")) {
          throw problem("column", e.getKey(), "needs a non-blank header other than 'lines'");
        }
        String other = seen.put(header, e.getKey());
        if (other != null) {
          throw problem("column", header, "is the header of both " + other + " and " + e.getKey());
        }
      }
      return new FileLayout<>(this);
    }

    private List<String> knownFields() {
      List<String> names = new ArrayList<>();
      codecFor(type).fields().forEach(f -> names.add(f.name()));
      return names;
    }

    @SuppressWarnings("unchecked")
    private static <T extends CanonicalEntity> Codec<T> codecFor(EntityType<T> type) {
      if (type == EntityType.ACCOUNT) {
        return (Codec<T>) new AccountCodec();
      }
      if (type == EntityType.INVENTORY_POSITION) {
        return (Codec<T>) new InventoryCodec(null);
      }
      if (type == EntityType.SHIPMENT) {
        return (Codec<T>) new ShipmentCodec();
      }
      if (type == EntityType.ORDER) {
        return (Codec<T>) new OrderCodec(Map.of());
      }
      throw new ConfigurationException(
          "file layout",
          List.of(
              FieldError.of(
                  "entityType",
                  type,
                  "has no file mapping; files carry account, inventory-position, order and"
                      + " shipment")));
    }

    private static ConfigurationException problem(String setting, Object value, String message) {
      return new ConfigurationException(
          "file layout", List.of(FieldError.of(setting, value, "'" + value + "' " + message)));
    }
  }
}
