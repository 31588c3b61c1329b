package dev.retailsync.ecommerce.vendure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Places real orders on the test Vendure server, as a shop customer would end up with them: paid
 * ({@code PaymentSettled}) through the seeded {@code standard-payment} method, with the standard
 * shipping method and the customer's address. For tests only; it talks to the Admin API as
 * superadmin (draft orders), never through the connector under test.
 *
 * <pre>{@code
 * @RealVendure
 * class OrderToCashIT {
 *   @Test
 *   void anOrderReachesTheErp(VendureTestServer server) {
 *     VendureTestShop shop = VendureTestShop.of(server);
 *     String code = shop.placeOrder("ada@example.com", Map.of(shop.skus().get(0), 2));
 *     // read it with VendureConnector (readOrders(List.of(code)) or the ORDER change feed) ...
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safe; cheap to create.
 */
public final class VendureTestShop {
  /** The seeded payment method's code (always settles; refunds settle too). */
  public static final String PAYMENT_METHOD = "standard-payment";

  /** The seeded shipping method's code (500 minor units, no tax). */
  public static final String SHIPPING_METHOD = "standard-shipping";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final String ERR = " ... on ErrorResult { __typename errorCode message }";

  private final String adminApiUrl;
  private final String bearerToken;
  private final OkHttpClient http =
      new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();

  private VendureTestShop(String adminApiUrl, String bearerToken) {
    this.adminApiUrl = Objects.requireNonNull(adminApiUrl, "adminApiUrl");
    this.bearerToken = Objects.requireNonNull(bearerToken, "bearerToken");
  }

  /**
   * Returns a shop on the server a {@link RealVendure} test received.
   *
   * @param server the running server
   * @return the shop
   */
  public static VendureTestShop of(VendureTestServer server) {
    return new VendureTestShop(server.adminApiUrl(), server.bearerToken());
  }

  /**
   * Returns a shop on any Vendure Admin API, with a superadmin login token.
   *
   * @param adminApiUrl the Admin API URL
   * @param bearerToken a login session token (never log that session out)
   * @return the shop
   */
  public static VendureTestShop of(String adminApiUrl, String bearerToken) {
    return new VendureTestShop(adminApiUrl, bearerToken);
  }

  /**
   * Lists the SKUs of variants that track inventory and can be sold now (on hand minus allocated
   * above zero, summed over the stock locations), sorted. On the pristine seed: {@code COFFEE-1KG},
   * {@code SHOE-42}, {@code SHOE-43}, {@code TSHIRT-L-BLK}, {@code TSHIRT-M-BLK}, {@code
   * TSHIRT-M-WHT}, {@code TSHIRT-S-BLK}.
   *
   * @return the SKUs
   */
  public List<String> skus() {
    JsonNode items =
        admin(
                "query V { productVariants(options: {take: 1000, sort: {sku: ASC}}) { items { sku"
                    + " trackInventory stockLevels { stockOnHand stockAllocated } } } }",
                Map.of())
            .path("productVariants")
            .path("items");
    List<String> out = new ArrayList<>();
    for (JsonNode v : items) {
      long free = 0;
      for (JsonNode l : v.path("stockLevels")) {
        free += l.path("stockOnHand").asLong() - l.path("stockAllocated").asLong();
      }
      if (!"FALSE".equals(v.path("trackInventory").asText()) && free > 0) {
        out.add(v.path("sku").asText());
      }
    }
    return out;
  }

  /**
   * Places a paid order: finds the customer by e-mail (or creates one, with a London address),
   * builds a draft order with the quantities, sets the customer, the customer's first address (as
   * shipping and billing address) and the standard shipping method, moves it to {@code
   * ArrangingPayment} and adds a manual payment of the {@code standard-payment} method, which
   * settles: the order ends in {@code PaymentSettled}, with its stock allocated.
   *
   * @param customerEmail the customer's e-mail
   * @param quantitiesBySku what to order, at least one SKU, quantities 1 or more; lines are added
   *     in the map's iteration order (pass a {@code LinkedHashMap} for fixed line numbers)
   * @return the order's code (the canonical order number)
   * @throws IllegalStateException naming the step when Vendure refuses one (unknown SKU, not enough
   *     stock, ...)
   */
  public String placeOrder(String customerEmail, Map<String, Integer> quantitiesBySku) {
    if (quantitiesBySku.isEmpty()) {
      throw new IllegalArgumentException("quantitiesBySku is empty");
    }
    JsonNode customer = customer(customerEmail);
    String orderId =
        ok(
                "createDraftOrder",
                admin("mutation { createDraftOrder { id code state } }", Map.of())
                    .path("createDraftOrder"))
            .path("id")
            .asText();
    Map<String, String> variantIds = variantIds(List.copyOf(quantitiesBySku.keySet()));
    for (Map.Entry<String, Integer> e : quantitiesBySku.entrySet()) {
      String variant = variantIds.get(e.getKey());
      if (variant == null) {
        throw new IllegalStateException("placeOrder: no variant has SKU " + e.getKey());
      }
      ok(
          "addItemToDraftOrder " + e.getKey(),
          admin(
                  "mutation A($o: ID!, $i: AddItemToDraftOrderInput!) {"
                      + " addItemToDraftOrder(orderId: $o, input: $i) { __typename ... on Order {"
                      + " id } ... on InsufficientStockError { quantityAvailable }"
                      + ERR
                      + " } }",
                  Map.of(
                      "o",
                      orderId,
                      "i",
                      Map.of("productVariantId", variant, "quantity", e.getValue())))
              .path("addItemToDraftOrder"));
    }
    ok(
        "setCustomerForDraftOrder",
        admin(
                "mutation C($o: ID!, $c: ID!) { setCustomerForDraftOrder(orderId: $o, customerId:"
                    + " $c) { __typename ... on Order { id }"
                    + ERR
                    + " } }",
                Map.of("o", orderId, "c", customer.path("id").asText()))
            .path("setCustomerForDraftOrder"));
    Map<String, Object> address = addressInput(customer);
    admin(
        "mutation S($o: ID!, $a: CreateAddressInput!) { setDraftOrderShippingAddress(orderId: $o,"
            + " input: $a) { id } setDraftOrderBillingAddress(orderId: $o, input: $a) { id } }",
        Map.of("o", orderId, "a", address));
    String shippingMethod =
        admin(
                "query { shippingMethods(options: {filter: {code: {eq: \""
                    + SHIPPING_METHOD
                    + "\"}}}) { items { id } } }",
                Map.of())
            .path("shippingMethods")
            .path("items")
            .path(0)
            .path("id")
            .asText("1");
    ok(
        "setDraftOrderShippingMethod",
        admin(
                "mutation M($o: ID!, $m: ID!) { setDraftOrderShippingMethod(orderId: $o,"
                    + " shippingMethodId: $m) { __typename ... on Order { id }"
                    + ERR
                    + " } }",
                Map.of("o", orderId, "m", shippingMethod))
            .path("setDraftOrderShippingMethod"));
    ok(
        "transitionOrderToState ArrangingPayment",
        admin(
                "mutation T($o: ID!) { transitionOrderToState(id: $o, state: \"ArrangingPayment\")"
                    + " { __typename ... on Order { id state } ... on OrderStateTransitionError {"
                    + " transitionError }"
                    + ERR
                    + " } }",
                Map.of("o", orderId))
            .path("transitionOrderToState"));
    JsonNode paid =
        ok(
            "addManualPaymentToOrder",
            admin(
                    "mutation P($i: ManualPaymentInput!) { addManualPaymentToOrder(input: $i) {"
                        + " __typename ... on Order { id code state }"
                        + ERR
                        + " } }",
                    Map.of(
                        "i",
                        Map.of(
                            "orderId",
                            orderId,
                            "method",
                            PAYMENT_METHOD,
                            "transactionId",
                            "TEST-" + UUID.randomUUID(),
                            "metadata",
                            Map.of())))
                .path("addManualPaymentToOrder"));
    if (!"PaymentSettled".equals(paid.path("state").asText())) {
      throw new IllegalStateException("placeOrder: the order ended in " + paid.path("state"));
    }
    return paid.path("code").asText();
  }

  private JsonNode customer(String email) {
    JsonNode found =
        admin(
                "query C($o: CustomerListOptions) { customers(options: $o) { items { id firstName"
                    + " lastName addresses { fullName streetLine1 streetLine2 city province"
                    + " postalCode country { code } } } } }",
                Map.of("o", Map.of("filter", Map.of("emailAddress", Map.of("eq", email)))))
            .path("customers")
            .path("items");
    if (!found.isEmpty()) {
      return found.get(0);
    }
    String last = email.substring(0, Math.max(1, email.indexOf('@'))).replace('.', ' ');
    JsonNode created =
        ok(
            "createCustomer",
            admin(
                    "mutation N($i: CreateCustomerInput!) { createCustomer(input: $i) { __typename"
                        + " ... on Customer { id firstName lastName }"
                        + ERR
                        + " } }",
                    Map.of(
                        "i",
                        Map.of(
                            "firstName",
                            "Test",
                            "lastName",
                            last.toUpperCase(Locale.ROOT).charAt(0) + last.substring(1),
                            "emailAddress",
                            email)))
                .path("createCustomer"));
    return created;
  }

  private static Map<String, Object> addressInput(JsonNode customer) {
    JsonNode a = customer.path("addresses").path(0);
    Map<String, Object> in = new LinkedHashMap<>();
    if (a.isMissingNode()) {
      in.put(
          "fullName",
          customer.path("firstName").asText() + " " + customer.path("lastName").asText());
      in.put("streetLine1", "12 St James Square");
      in.put("city", "London");
      in.put("postalCode", "SW1Y 4JH");
      in.put("countryCode", "GB");
      return in;
    }
    for (String f :
        List.of("fullName", "streetLine1", "streetLine2", "city", "province", "postalCode")) {
      if (a.hasNonNull(f) && !a.path(f).asText().isEmpty()) {
        in.put(f, a.path(f).asText());
      }
    }
    in.put("countryCode", a.path("country").path("code").asText());
    return in;
  }

  private Map<String, String> variantIds(List<String> skus) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode v :
        admin(
                "query V($o: ProductVariantListOptions) { productVariants(options: $o) { items { id"
                    + " sku } } }",
                Map.of("o", Map.of("filter", Map.of("sku", Map.of("in", skus)))))
            .path("productVariants")
            .path("items")) {
      out.put(v.path("sku").asText(), v.path("id").asText());
    }
    return out;
  }

  private static JsonNode ok(String step, JsonNode result) {
    if (result.hasNonNull("errorCode") || result.isMissingNode() || result.isEmpty()) {
      throw new IllegalStateException("placeOrder: " + step + " failed: " + result);
    }
    return result;
  }

  /** Runs an Admin API document as superadmin and returns its data; errors[] throws. */
  JsonNode admin(String query, Map<String, ?> variables) {
    try {
      Request req =
          new Request.Builder()
              .url(adminApiUrl)
              .header("Authorization", "Bearer " + bearerToken)
              .post(
                  RequestBody.create(
                      JSON.writeValueAsString(Map.of("query", query, "variables", variables)),
                      JSON_TYPE))
              .build();
      try (Response r = http.newCall(req).execute()) {
        JsonNode n = JSON.readTree(r.body().string());
        if (n.path("errors").size() > 0 || r.code() != 200) {
          throw new IllegalStateException("Vendure answered HTTP " + r.code() + ": " + n);
        }
        return n.path("data");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Shows the URL only.
   *
   * @return the rendering
   */
  @Override
  public String toString() {
    return "VendureTestShop[" + adminApiUrl + "]";
  }
}
