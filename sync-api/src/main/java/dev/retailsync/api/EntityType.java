package dev.retailsync.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.Contact;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.model.Invoice;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.Price;
import dev.retailsync.api.model.Product;
import dev.retailsync.api.model.ReturnRequest;
import dev.retailsync.api.model.ServiceCase;
import dev.retailsync.api.model.Shipment;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A kind of canonical entity: its name on the wire (such as {@code "account"}), its Java type, and
 * its field catalogue. The canonical types are constants of this class; {@link #values()} lists
 * them and {@link #of(String)} looks one up by name.
 *
 * <p>Instances are immutable and thread-safe; serialised as the name in JSON.
 *
 * @param <T> the entity's Java type
 */
public final class EntityType<T extends CanonicalEntity> {

  /** Customer accounts, B2C and B2B. */
  public static final EntityType<Account> ACCOUNT = new EntityType<>("account", Account.class);

  /** People and organisations, independent of any commercial relationship. */
  public static final EntityType<Party> PARTY = new EntityType<>("party", Party.class);

  /** People acting for business accounts. */
  public static final EntityType<Contact> CONTACT = new EntityType<>("contact", Contact.class);

  /** Customer-service cases. */
  public static final EntityType<ServiceCase> SERVICE_CASE =
      new EntityType<>("service-case", ServiceCase.class);

  /** Products and their variants. */
  public static final EntityType<Product> PRODUCT = new EntityType<>("product", Product.class);

  /** Prices of a product in a price list. */
  public static final EntityType<Price> PRICE = new EntityType<>("price", Price.class);

  /** Stock levels of a product at a location. */
  public static final EntityType<InventoryPosition> INVENTORY_POSITION =
      new EntityType<>("inventory-position", InventoryPosition.class);

  /** Sales orders, from any channel. */
  public static final EntityType<Order> ORDER = new EntityType<>("order", Order.class);

  /** Shipments of an order's goods. */
  public static final EntityType<Shipment> SHIPMENT = new EntityType<>("shipment", Shipment.class);

  /** Invoices and their payments. */
  public static final EntityType<Invoice> INVOICE = new EntityType<>("invoice", Invoice.class);

  /** Return requests (RMAs). */
  public static final EntityType<ReturnRequest> RETURN_REQUEST =
      new EntityType<>("return-request", ReturnRequest.class);

  private static final Map<String, EntityType<?>> BY_NAME =
      index(
          ACCOUNT,
          PARTY,
          CONTACT,
          SERVICE_CASE,
          PRODUCT,
          PRICE,
          INVENTORY_POSITION,
          ORDER,
          SHIPMENT,
          INVOICE,
          RETURN_REQUEST);

  private final String name;
  private final Class<T> javaType;
  private volatile Set<FieldPath> fields;

  private EntityType(String name, Class<T> javaType) {
    this.name = name;
    this.javaType = javaType;
  }

  /**
   * Returns every canonical entity type, in a stable order.
   *
   * @return the types
   */
  public static List<EntityType<?>> values() {
    return List.copyOf(BY_NAME.values());
  }

  /**
   * Returns the entity type with a name.
   *
   * @param name the name, such as {@code "account"}
   * @return the type
   * @throws ValidationException if no canonical type has that name; the message lists the names
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static EntityType<?> of(String name) {
    EntityType<?> type = BY_NAME.get(name);
    if (type == null) {
      throw ValidationException.of(
          "EntityType", "name", name, "is not a canonical entity type; known: " + BY_NAME.keySet());
    }
    return type;
  }

  /**
   * Returns the entity type of a Java class.
   *
   * @param javaType the class, such as {@code Account.class}
   * @param <T> the entity type
   * @return the type, or empty when the class is not a canonical entity
   */
  @SuppressWarnings("unchecked")
  public static <T extends CanonicalEntity> Optional<EntityType<T>> of(Class<T> javaType) {
    for (EntityType<?> t : BY_NAME.values()) {
      if (t.javaType == javaType) {
        return Optional.of((EntityType<T>) t);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the name used on the wire and in configuration.
   *
   * @return the name, such as {@code "account"}
   */
  @JsonValue
  public String name() {
    return name;
  }

  /**
   * Returns the Java type of the entity.
   *
   * @return the record class
   */
  public Class<T> javaType() {
    return javaType;
  }

  /**
   * Returns every field path of this entity's catalogue: each component, and each component of a
   * nested value (such as {@code credit.status} or {@code billing.address.postalCode}). Lists, maps
   * and {@link dev.retailsync.api.model.Money} are single fields. Custom fields, addressed as
   * {@code extensions.<name>}, are not listed; {@link #hasField(FieldPath)} accepts them.
   *
   * @return the paths, sorted
   */
  public Set<FieldPath> fields() {
    Set<FieldPath> f = fields;
    if (f == null) {
      Set<FieldPath> collected = new TreeSet<>();
      collect(javaType, "", collected);
      f = Collections.unmodifiableSet(collected);
      fields = f;
    }
    return f;
  }

  /**
   * Tells whether a path names a field or group of this entity, or one of its custom fields.
   *
   * @param path the path
   * @return {@code true} if the catalogue has the path or it is under {@code extensions}
   */
  public boolean hasField(FieldPath path) {
    return path.isExtension() || fields().contains(path);
  }

  @Override
  public String toString() {
    return name;
  }

  private static Map<String, EntityType<?>> index(EntityType<?>... types) {
    Map<String, EntityType<?>> map = new LinkedHashMap<>();
    for (EntityType<?> t : types) {
      map.put(t.name, t);
    }
    return Collections.unmodifiableMap(map);
  }

  private static void collect(Class<?> type, String prefix, Set<FieldPath> out) {
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getName().equals(FieldPath.EXTENSIONS)) {
        continue;
      }
      String path = prefix + c.getName();
      out.add(FieldPath.of(path));
      Class<?> t = c.getType();
      if (expands(t, c.getGenericType())) {
        collect(t, path + ".", out);
      }
    }
  }

  private static boolean expands(Class<?> t, Type generic) {
    return t.isRecord()
        && t != Money.class
        && !(generic instanceof ParameterizedType)
        && t.getPackageName().startsWith("dev.retailsync.api");
  }
}
