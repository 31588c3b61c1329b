package dev.retailsync.ecommerce.vendure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.ConnectorConfig;
import dev.retailsync.api.spi.ConnectorContext;
import dev.retailsync.api.spi.ConnectorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/** {@link VendureConnectorProvider}: found by ServiceLoader, settings checked, host client used. */
class VendureConnectorProviderTest {
  @Test
  void isFoundByServiceLoader() {
    assertTrue(
        ServiceLoader.load(ConnectorProvider.class).stream()
            .anyMatch(p -> p.type() == VendureConnectorProvider.class));
  }

  @Test
  void missingSettingsAreNamedAndTheSecretIsNotEchoed() {
    var p = new VendureConnectorProvider();
    var errors = p.validate(ConnectorConfig.of(Map.of("pageSize", "5000")));
    String text = errors.toString();
    assertTrue(text.contains("adminApiUrl"), text);
    assertTrue(text.contains("apiKey"), text);
    assertTrue(text.contains("pageSize"), text);
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () ->
                p.create(
                    ConnectorContext.builder(SystemId.of("vendure"))
                        .config(
                            ConnectorConfig.of(
                                Map.of(
                                    "adminApiUrl",
                                    "http://127.0.0.1:1/admin-api",
                                    "apiKey",
                                    "abc:s3cr3t-value",
                                    "bearerToken",
                                    "t0k3n-value")))
                        .build()));
    assertFalse(e.getMessage().contains("s3cr3t-value"), e.getMessage());
    assertFalse(e.getMessage().contains("t0k3n-value"), e.getMessage());
  }

  @Test
  void theConnectorUsesTheHostsClientUrlAndApiKey() {
    List<Request> seen = new ArrayList<>();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  seen.add(chain.request());
                  return new Response.Builder()
                      .request(chain.request())
                      .protocol(Protocol.HTTP_1_1)
                      .code(200)
                      .message("OK")
                      .body(
                          ResponseBody.create(
                              "{\"data\":{\"customers\":{\"totalItems\":0,\"items\":[]}}}",
                              MediaType.get("application/json")))
                      .build();
                })
            .build();
    VendureConnector c =
        (VendureConnector)
            new VendureConnectorProvider()
                .create(
                    ConnectorContext.builder(SystemId.of("vendure-eu"))
                        .config(
                            ConnectorConfig.of(
                                Map.of(
                                    "adminApiUrl",
                                    "http://shop.test/admin-api",
                                    "apiKey",
                                    "abc:secret")))
                        .putService(OkHttpClient.class, http)
                        .build());
    assertEquals(SystemId.of("vendure-eu"), c.system());
    assertTrue(c.findCustomerByExternalId("SF-1").isEmpty());
    assertEquals("http://shop.test/admin-api", seen.get(0).url().toString());
    assertEquals("POST", seen.get(0).method());
    assertEquals("abc:secret", seen.get(0).header("vendure-api-key"));
    assertFalse(c.toString().contains("secret"));
  }

  @Test
  void orderAndStockSettingsAreCheckedByName() {
    List<String> paths =
        new VendureConnectorProvider()
                .validate(
                    ConnectorConfig.of(
                        Map.of(
                            "adminApiUrl", "http://shop.test/admin-api",
                            "apiKey", "abc:secret",
                            "orderFeedLookback", "PT0S",
                            "stockLocationCodes", "WH-EAST")))
                .stream()
                .map(e -> e.path())
                .toList();
    assertEquals(List.of("orderFeedLookback", "stockLocationCodes"), paths);
    Connector c =
        new VendureConnectorProvider()
            .create(
                ConnectorContext.builder(SystemId.of("vendure"))
                    .config(
                        ConnectorConfig.of(
                            Map.of(
                                "adminApiUrl", "http://shop.test/admin-api",
                                "apiKey", "abc:secret",
                                "orderChannel", "web-eu",
                                "orderFeedStates", "PaymentSettled, Shipped",
                                "orderFeedLookback", "P7D",
                                "stockLocationCodes", "WH-EAST=2, MAIN=1")))
                    .build());
    assertTrue(c.entityTypes().containsAll(List.of(EntityType.ORDER, EntityType.SHIPMENT)));
    assertTrue(c.changeFeed(EntityType.ORDER).isPresent());
    assertTrue(c.writer(EntityType.RETURN_REQUEST).isPresent());
  }
}
