package dev.retailsync.ecommerce.shopify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.RefreshTokenStore;
import dev.retailsync.ecommerce.shopify.fake.FakeShopify;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The test binding logs at debug level to stderr; nothing secret or personal may reach it. */
class ShopifyLogRedactionTest {
  private final TestClock clock = TestClock.at("2026-10-01T10:00:00Z");
  private final FakeShopify shop = new FakeShopify(clock);

  @Test
  void logsCarryNoTokenSecretOrCustomerData() {
    shop.expiringOffline("app", "client-secret-xyz", "shprt_first", Duration.ofMinutes(60));
    RefreshTokenStore store = RefreshTokenStore.inMemory("shprt_first");
    ShopifyConnector c =
        ShopifyConnector.builder()
            .http(shop.client())
            .baseUrl(FakeShopify.BASE_URL)
            .tokens(
                ShopifyTokens.expiringOffline(
                    shop.client(),
                    ShopifyTokens.tokenEndpoint(HttpUrl.get(FakeShopify.BASE_URL)),
                    "app",
                    "client-secret-xyz",
                    store,
                    clock,
                    SystemId.SHOPIFY))
            .clock(clock)
            .sleeper(clock.sleeper())
            .build();
    shop.serveVersion("2026-07");
    shop.failNext(503, "1");
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    String accessToken;
    try {
      c.client().execute(GraphQlRequest.query("{ shop { id } }", Map.of()));
      c.customers()
          .writer()
          .upsert(
              List.of(
                  WriteRequest.of(
                      "k",
                      Party.builder()
                          .kind(PartyKind.PERSON)
                          .name(new PersonName(null, "Ada", null, "Lovelace", null))
                          .contactPoints(
                              new ContactPoint(
                                  ContactPointType.EMAIL,
                                  "ada.private@example.com",
                                  null,
                                  true,
                                  null,
                                  null,
                                  null))
                          .build())));
      accessToken = shop.requests().get(0).headers().get("X-Shopify-Access-Token");
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("2026-07"), "the fall-forward is logged: " + log);
    assertFalse(log.contains(accessToken), log);
    assertFalse(log.contains("shprt_"), log);
    assertFalse(log.contains("client-secret-xyz"), log);
    assertFalse(log.contains("ada.private"), log);
    assertFalse(log.contains("Lovelace"), log);
  }
}
