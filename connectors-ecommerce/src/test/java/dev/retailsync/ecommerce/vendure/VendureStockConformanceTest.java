package dev.retailsync.ecommerce.vendure;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.testkit.ConnectorConformanceKit;
import dev.retailsync.testkit.Fault;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The conformance kit for variant stock ({@code INVENTORY_POSITION}) against the real Vendure
 * server. Vendure has a fixed set of variants, and a position is "created" when a variant first
 * gets stock at a location: so each sample gets a stock location of its own (created through the
 * Admin API, named after the sample's key), and the writer finds it by that name. Faults (HTTP 429
 * and 503) come from an interceptor in front of the server.
 */
@RealVendure
class VendureStockConformanceTest extends ConnectorConformanceKit<InventoryPosition> {
  private static final String SKU = "TSHIRT-L-BLK";
  private final VendureTestServer server;
  private final VendureTestShop admin;
  private final AtomicReference<Fault> fault = new AtomicReference<>();

  VendureStockConformanceTest(VendureTestServer server) {
    this.server = server;
    this.admin = VendureTestShop.of(server);
  }

  @Override
  protected Connector connector() {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  Fault f = fault.getAndSet(null);
                  if (f == null) {
                    return chain.proceed(chain.request());
                  }
                  return new Response.Builder()
                      .request(chain.request())
                      .protocol(Protocol.HTTP_1_1)
                      .code(f == Fault.THROTTLED ? 429 : 503)
                      .message("injected")
                      .body(ResponseBody.create("", MediaType.get("text/plain")))
                      .build();
                })
            .build();
    return VendureConnector.builder()
        .adminApiUrl(server.adminApiUrl())
        .apiKey(server.apiKey())
        .http(http)
        .build();
  }

  @Override
  protected EntityType<InventoryPosition> entityType() {
    return EntityType.INVENTORY_POSITION;
  }

  @Override
  protected InventoryPosition sample(String key) {
    admin.admin(
        "mutation L($i: CreateStockLocationInput!) { createStockLocation(input: $i) { id } }",
        Map.of("i", Map.of("name", key, "description", "conformance kit")));
    return InventoryPosition.builder()
        .sku(SKU)
        .location(key)
        .onHand(BigDecimal.valueOf(5))
        .asOf(Instant.parse("2026-11-25T12:00:00Z"))
        .build();
  }

  @Override
  protected InventoryPosition changed(InventoryPosition p) {
    return p.toBuilder().onHand(p.onHand().add(BigDecimal.ONE)).build();
  }

  @Override
  protected Object roundTrip(InventoryPosition p) {
    return List.of(p.sku(), p.onHand().stripTrailingZeros().toPlainString());
  }

  @Override
  protected String unknownId() {
    return "NO-SUCH-SKU@1";
  }

  @Override
  protected Optional<InventoryPosition> invalid(String key) {
    return Optional.of(
        InventoryPosition.builder()
            .sku(SKU)
            .location("1")
            .onHand(new BigDecimal("1.5"))
            .asOf(Instant.parse("2026-11-25T12:00:00Z"))
            .build());
  }

  @Override
  protected boolean changeRemotely(ExternalId id) {
    String[] skuAtLocation = id.id().split("@", 2);
    String variant =
        admin
            .admin(
                "query V($o: ProductVariantListOptions) { productVariants(options: $o) { items {"
                    + " id } } }",
                Map.of("o", Map.of("filter", Map.of("sku", Map.of("eq", skuAtLocation[0])))))
            .path("productVariants")
            .path("items")
            .path(0)
            .path("id")
            .asText();
    admin.admin(
        "mutation S($i: [UpdateProductVariantInput!]!) { updateProductVariants(input: $i) { id } }",
        Map.of(
            "i",
            List.of(
                Map.of(
                    "id",
                    variant,
                    "stockLevels",
                    List.of(Map.of("stockLocationId", skuAtLocation[1], "stockOnHand", 42))))));
    return true;
  }

  @Override
  protected boolean injectFault(Fault f) {
    fault.set(f);
    return true;
  }
}
