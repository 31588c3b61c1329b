package dev.retailsync.ecommerce.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.Change;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.AddressUse;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.MarketingConsent;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.FeedRejection;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.ecommerce.shopify.fake.FakeShopify;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopifyCustomersTest {
  private final TestClock clock = TestClock.at("2026-10-01T10:00:00Z");
  private final FakeShopify shop = new FakeShopify(clock);

  private ShopifyCustomers customers() {
    shop.acceptToken("shpat_test");
    ShopifyGraphQlClient client =
        ShopifyGraphQlClient.builder()
            .http(shop.client())
            .baseUrl(FakeShopify.BASE_URL)
            .tokens(ShopifyTokens.staticToken("shpat_test", clock))
            .clock(clock)
            .sleeper(clock.sleeper())
            .random(new Random(3))
            .build();
    return ShopifyCustomers.builder(client).overlap(Duration.ofSeconds(30)).build();
  }

  private ObjectNode customer(String first, String email) {
    ObjectNode c = ShopifyGraphQlClient.JSON.createObjectNode();
    c.put("firstName", first).put("lastName", "Lovelace").put("locale", "en");
    c.putObject("defaultEmailAddress")
        .put("emailAddress", email)
        .put("marketingState", "SUBSCRIBED")
        .put("marketingOptInLevel", "SINGLE_OPT_IN")
        .put("marketingUpdatedAt", "2026-09-01T00:00:00Z");
    return c;
  }

  private static Party party(String given, String email, PartyAddress... addresses) {
    return Party.builder()
        .kind(PartyKind.PERSON)
        .name(new PersonName(null, given, null, "Lovelace", null))
        .contactPoints(
            new ContactPoint(ContactPointType.EMAIL, email, null, true, null, null, null))
        .addresses(addresses)
        .build();
  }

  private static PartyAddress address(String line, String zip) {
    return new PartyAddress(
        AddressUse.SHIPPING, new PostalAddress(List.of(line), "London", null, zip, "GB"), true);
  }

  @Test
  void readsACustomerWithAddressesConsentAndMetafields() {
    ObjectNode c = customer("Ada", "ada@example.com");
    c.putObject("defaultPhoneNumber")
        .put("phoneNumber", "+447700900123")
        .put("marketingState", "UNSUBSCRIBED");
    JsonNode a =
        ShopifyGraphQlClient.JSON
            .createObjectNode()
            .put("id", "gid://shopify/MailingAddress/1")
            .put("address1", "12 St James's Square")
            .put("city", "London")
            .put("zip", "SW1Y 4JH")
            .put("countryCodeV2", "GB");
    c.putObject("addressesV2").putArray("nodes").add(a);
    c.set("defaultAddress", a);
    c.putObject("metafields")
        .putArray("nodes")
        .addObject()
        .put("namespace", "custom")
        .put("key", "erp_id")
        .put("type", "single_line_text_field")
        .put("value", "C-1001");
    c.putArray("tags").add("vip");
    String id = shop.putCustomer(c).get("id").asText();

    Party p = customers().reader().read(List.of(id)).get(0).entity();
    assertEquals("Ada", p.name().given());
    assertEquals(ConsentState.GRANTED, p.marketingConsent().email());
    assertEquals(ConsentState.DENIED, p.marketingConsent().sms());
    assertEquals("SW1Y 4JH", p.addresses().get(0).address().postalCode());
    assertEquals(Boolean.TRUE, p.addresses().get(0).primary());
    assertEquals("C-1001", p.extensions().get("metafield.custom.erp_id"));
    assertEquals(List.of("vip"), p.extensions().get("shopify.tags"));
    assertEquals("en", p.preferredLanguage());
  }

  @Test
  void feedPagesByUpdatedAtWithOverlapAndDeliversEachChangeOnce() {
    for (int i = 0; i < 5; i++) {
      shop.putCustomer(customer("C" + i, "c" + i + "@example.com"));
      clock.advance(Duration.ofSeconds(10));
    }
    ShopifyCustomers feed = customers();
    List<String> seen = new ArrayList<>();
    Cursor cursor = Cursor.beginning();
    ChangePage<Party> page;
    do {
      page = feed.changeFeed().poll(cursor, 2);
      page.changes().forEach(ch -> seen.add(ch.entity().name().given()));
      cursor = page.next();
    } while (page.hasMore());
    assertEquals(List.of("C0", "C1", "C2", "C3", "C4"), seen);
    assertTrue(
        feed.changeFeed().poll(cursor, 10).changes().isEmpty(), "nothing new, nothing twice");

    // A write that commits late, stamped 5 s before the newest change seen, is still delivered.
    ObjectNode late = customer("Late", "late@example.com");
    late.put("updatedAt", clock.instant().minusSeconds(15).toString());
    shop.putCustomer(late);
    clock.advance(Duration.ofSeconds(5));
    ObjectNode c2 = shop.customers().get(2);
    c2.put("firstName", "C2b").put("updatedAt", clock.instant().toString());
    shop.putCustomer(c2);
    List<Change<Party>> next = feed.changeFeed().poll(cursor, 10).changes();
    assertEquals(
        List.of("Late", "C2b"), next.stream().map(ch -> ch.entity().name().given()).toList());
    assertEquals(
        "gid://shopify/Customer/" + ShopifyIds.numericId(c2.get("id").asText()),
        next.get(1).source().id());
    assertTrue(
        shop.requests().stream()
            .anyMatch(
                r -> r.variables().path("query").asText().startsWith("updated_at:>='2026-10-01")));
  }

  @Test
  void aCustomerWithoutANameIsARejectionOfThePageNotALogLine() {
    shop.putCustomer(customer("Ada", "ada@example.com"));
    clock.advance(Duration.ofSeconds(10));
    ObjectNode nameless = customer(null, "grace@example.com");
    nameless.putNull("firstName").putNull("lastName");
    String gid = shop.putCustomer(nameless).get("id").asText();
    clock.advance(Duration.ofSeconds(10));
    shop.putCustomer(customer("Charles", "charles@example.com"));

    ChangePage<Party> page = customers().changeFeed().poll(Cursor.beginning(), 10);

    assertEquals(
        List.of("Ada", "Charles"),
        page.changes().stream().map(ch -> ch.entity().name().given()).toList());
    assertEquals(1, page.rejected().size());
    FeedRejection r = page.rejected().get(0);
    assertEquals(ExternalId.of(SystemId.SHOPIFY, gid), r.source());
    assertEquals(List.of("firstName"), r.paths());
    assertEquals(shop.customers().get(1).get("updatedAt").asText(), r.sourceVersion());
    assertEquals(Instant.parse(r.sourceVersion()), r.sourceTimestamp());
    assertFalse(r.toString().contains("grace"), r.toString());
    assertFalse(r.message().contains("grace"), r.message());
    assertTrue(r.errors().stream().allMatch(e -> e.rejectedValue() == null), r.errors().toString());
  }

  @Test
  void upsertByEmailCreatesThenUpdatesAndKeepsAddressesAddedInShopify() {
    ShopifyCustomers c = customers();
    WriteOutcome created =
        c.writer()
            .upsert(
                List.of(
                    WriteRequest.of(
                        "k1", party("Ada", "ada@example.com", address("1 A St", "E1")))))
            .get(0);
    assertEquals(WriteOutcome.Status.CREATED, created.status());
    String id = created.externalId().id();
    // Someone adds a second address in the Shopify admin.
    ObjectNode stored = shop.customer(id);
    ((com.fasterxml.jackson.databind.node.ArrayNode) stored.path("addressesV2").path("nodes"))
        .addObject()
        .put("address1", "9 Shop Rd")
        .put("zip", "N1")
        .put("countryCodeV2", "GB");
    shop.putCustomer(stored);

    Party changed =
        party("Augusta", "ada@example.com", address("1 A St", "E1")).toBuilder()
            .marketingConsent(
                new MarketingConsent(
                    ConsentState.GRANTED,
                    null,
                    null,
                    null,
                    Instant.parse("2026-09-30T00:00:00Z"),
                    "crm"))
            .putExtension("metafield.custom.erp_id", "C-77")
            .build();
    WriteOutcome updated = c.writer().upsert(List.of(WriteRequest.of("k1", changed))).get(0);
    assertEquals(WriteOutcome.Status.UPDATED, updated.status());
    assertEquals(id, updated.externalId().id());
    ObjectNode after = shop.customer(id);
    assertEquals("Augusta", after.path("firstName").asText());
    List<String> lines = new ArrayList<>();
    after.path("addressesV2").path("nodes").forEach(n -> lines.add(n.path("address1").asText()));
    assertEquals(List.of("1 A St", "9 Shop Rd"), lines);
    assertEquals("SUBSCRIBED", after.path("defaultEmailAddress").path("marketingState").asText());
    assertEquals("C-77", after.path("metafields").path("nodes").get(0).path("value").asText());
    assertEquals(1, shop.customers().size());
  }

  @Test
  void userErrorsBecomeRejectionsNamingTheCanonicalFieldWhileOthersSucceed() {
    String taken = shop.putCustomer(customer("Bob", "bob@example.com")).get("id").asText();
    String other = shop.putCustomer(customer("Eve", "eve@example.com")).get("id").asText();
    List<WriteOutcome> out =
        customers()
            .writer()
            .upsert(
                List.of(
                    WriteRequest.of(
                        "clash",
                        party("Eve", "bob@example.com"),
                        ExternalId.of(SystemId.SHOPIFY, other),
                        null,
                        Set.of(),
                        null),
                    WriteRequest.of("fine", party("Ann", "ann@example.com")),
                    WriteRequest.of(
                        "org",
                        Party.builder()
                            .kind(PartyKind.ORGANIZATION)
                            .organisationName("Acme")
                            .build())));
    assertEquals(WriteOutcome.Status.REJECTED, out.get(0).status());
    assertEquals("TAKEN", out.get(0).errorCode());
    assertEquals("contactPoints", out.get(0).errors().get(0).path());
    assertFalse(out.get(0).toString().contains("bob@example.com"));
    assertEquals(WriteOutcome.Status.CREATED, out.get(1).status());
    assertEquals(WriteOutcome.Status.REJECTED, out.get(2).status());
    assertEquals("kind", out.get(2).errors().get(0).path());
    assertEquals(
        "bob@example.com",
        shop.customer(taken).path("defaultEmailAddress").path("emailAddress").asText());
  }

  @Test
  void anUpsertByEmailIsRetriedAfterATimeoutAndAppliedOnce() {
    shop.timeoutAfterApplyingNextMutation();
    WriteOutcome o =
        customers()
            .writer()
            .upsert(List.of(WriteRequest.of("k", party("Ada", "ada@example.com"))))
            .get(0);
    assertTrue(o.isSuccess(), o.toString());
    assertEquals(1, shop.customers().size());
  }

  @Test
  void aCreateWithoutAnyIdentifierIsNotRepeatedAfterATimeout() {
    Party nameOnly =
        Party.builder()
            .kind(PartyKind.PERSON)
            .name(new PersonName(null, "Nameless", null, "Walk-in", null))
            .build();
    shop.timeoutAfterApplyingNextMutation();
    WriteOutcome o = customers().writer().upsert(List.of(WriteRequest.of("k", nameOnly))).get(0);
    assertEquals(WriteOutcome.Status.RETRYABLE_FAILURE, o.status());
    assertEquals(ShopifyGraphQlException.OUTCOME_UNKNOWN, o.errorCode());
    assertEquals(1, shop.customers().size(), "created once, never twice");
  }

  @Test
  void pagesShrinkToTheShopsBucket() {
    shop.costBucket(100, 10);
    for (int i = 0; i < 12; i++) {
      shop.putCustomer(customer("C" + i, "c" + i + "@example.com"));
    }
    ShopifyCustomers c = customers();
    assertEquals(5, c.pageSize());
    ChangePage<Party> page = c.changeFeed().poll(Cursor.beginning(), 100);
    assertEquals(12, page.changes().size());
    assertEquals(0, shop.throttledCount());
  }
}
