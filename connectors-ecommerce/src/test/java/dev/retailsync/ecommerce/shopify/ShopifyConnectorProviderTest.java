package dev.retailsync.ecommerce.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.ecommerce.shopify.fake.FakeShopify;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class ShopifyConnectorProviderTest {
  private final TestClock clock = TestClock.at("2026-10-01T10:00:00Z");
  private final FakeShopify shop = new FakeShopify(clock);

  @Test
  void isFoundByServiceLoader() {
    assertTrue(
        ServiceLoader.load(ConnectorProvider.class).stream()
            .anyMatch(p -> p.get().id().equals("shopify")));
  }

  @Test
  void validationNamesEachBadSettingWithoutShowingSecrets() {
    List<FieldError> errors =
        new ShopifyConnectorProvider()
            .validate(
                ConnectorConfig.of(
                    Map.of(
                        "auth", "client_credentials",
                        "clientSecret", "very-secret",
                        "apiVersion", "2026-05",
                        "locations", "WH-1",
                        "orderFeedSince", "last tuesday")));
    List<String> paths = errors.stream().map(FieldError::path).toList();
    assertTrue(
        paths.containsAll(List.of("shop", "clientId", "apiVersion", "locations", "orderFeedSince")),
        paths.toString());
    assertFalse(errors.toString().contains("very-secret"));
  }

  @Test
  void createsAWorkingConnectorFromSettings() {
    shop.acceptToken("shpat_cfg");
    String warehouse = shop.addLocation("Warehouse");
    String item = shop.inventoryItemOf(shop.addProduct("Tee", "TEE-S").get(0));
    shop.setQuantity(item, warehouse, "available", 1);
    ShopifyConnector c =
        (ShopifyConnector)
            new ShopifyConnectorProvider()
                .create(
                    ConnectorContext.builder(SystemId.of("shopify-eu"))
                        .config(
                            ConnectorConfig.of(
                                Map.of(
                                    "baseUrl",
                                    FakeShopify.BASE_URL,
                                    "accessToken",
                                    "shpat_cfg",
                                    "locations",
                                    "WH-1=" + warehouse)))
                        .clock(clock)
                        .putService(OkHttpClient.class, shop.client())
                        .build());
    assertEquals(SystemId.of("shopify-eu"), c.system());
    assertEquals(
        Set.of(
            EntityType.PARTY,
            EntityType.INVENTORY_POSITION,
            EntityType.PRODUCT,
            EntityType.ORDER,
            EntityType.SHIPMENT),
        c.entityTypes());
    dev.retailsync.api.model.Product tee =
        c.reader(EntityType.PRODUCT)
            .orElseThrow()
            .read(List.of(shop.variantsOf("TEE-S").get(0)))
            .get(0)
            .entity();
    assertEquals("Tee - TEE-S", tee.name());
    assertEquals(dev.retailsync.api.model.ProductStatus.ACTIVE, tee.status());
    assertEquals("TEE-S", c.products().bySku(List.of("TEE-S")).get(0).entity().sku());
    WriteOutcome o =
        c.writer(EntityType.INVENTORY_POSITION)
            .orElseThrow()
            .upsert(
                List.of(
                    WriteRequest.of(
                        "k",
                        InventoryPosition.builder()
                            .sku("TEE-S")
                            .location("WH-1")
                            .available(BigDecimal.TEN)
                            .asOf(clock.instant())
                            .build())))
            .get(0);
    assertEquals(WriteOutcome.Status.UPDATED, o.status());
    assertEquals("shopify-eu", o.externalId().system().value());
    assertEquals(10, shop.quantity(item, warehouse, "available"));
    assertFalse(c.toString().contains("shpat_cfg"));
    assertTrue(c.operation(ShopifyBulkOperations.class).isPresent());
  }

  @Test
  void ordersOlderThanSixtyDaysWithoutReadAllOrdersAreAConfigurationError() {
    shop.acceptToken("shpat_t");
    ShopifyConnector c =
        ShopifyConnector.builder()
            .http(shop.client())
            .baseUrl(FakeShopify.BASE_URL)
            .tokens(ShopifyTokens.staticToken("shpat_t", clock))
            .clock(clock)
            .sleeper(clock.sleeper())
            .build();
    c.requireOrderHistorySince(clock.instant().minus(Duration.ofDays(30)));
    assertTrue(shop.requests().isEmpty(), "inside the window nothing needs checking");
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> c.requireOrderHistorySince(clock.instant().minus(Duration.ofDays(90))));
    assertTrue(e.getMessage().contains("read_all_orders"), e.getMessage());
    shop.accessScopes(Set.of("read_all_orders"));
    c.requireOrderHistorySince(clock.instant().minus(Duration.ofDays(90)));
  }

  @Test
  void expiringOfflineTokensRotateThroughTheHostsStore() {
    shop.expiringOffline("app", "app-secret", "shprt_1", Duration.ofMinutes(60));
    dev.retailsync.core.http.RefreshTokenStore store =
        dev.retailsync.core.http.RefreshTokenStore.inMemory("shprt_1");
    ShopifyConnector c =
        (ShopifyConnector)
            new ShopifyConnectorProvider()
                .create(
                    ConnectorContext.builder(SystemId.SHOPIFY)
                        .config(
                            ConnectorConfig.of(
                                Map.of(
                                    "baseUrl", FakeShopify.BASE_URL,
                                    "auth", "expiring_offline",
                                    "clientId", "app",
                                    "clientSecret", "app-secret")))
                        .clock(clock)
                        .putService(OkHttpClient.class, shop.client())
                        .putService(dev.retailsync.core.http.RefreshTokenStore.class, store)
                        .build());
    c.client().execute(GraphQlRequest.query("{ shop { id } }", Map.of()));
    clock.advance(Duration.ofMinutes(59));
    c.client().execute(GraphQlRequest.query("{ shop { id } }", Map.of()));
    assertEquals(2, shop.tokenRequests());
    assertEquals(shop.currentRefreshToken(), store.load());
    assertFalse(store.load().equals("shprt_1"));
  }

  @Test
  void clientCredentialsComeFromSettings() {
    shop.clientCredentials("app", "app-secret", Duration.ofHours(24));
    ShopifyConnector c =
        (ShopifyConnector)
            new ShopifyConnectorProvider()
                .create(
                    ConnectorContext.builder(SystemId.SHOPIFY)
                        .config(
                            ConnectorConfig.of(
                                Map.of(
                                    "baseUrl", FakeShopify.BASE_URL,
                                    "auth", "client_credentials",
                                    "clientId", "app",
                                    "clientSecret", "app-secret")))
                        .clock(clock)
                        .putService(OkHttpClient.class, shop.client())
                        .build());
    c.client().execute(GraphQlRequest.query("{ shop { id } }", Map.of()));
    assertEquals(1, shop.tokenRequests());
  }
}
