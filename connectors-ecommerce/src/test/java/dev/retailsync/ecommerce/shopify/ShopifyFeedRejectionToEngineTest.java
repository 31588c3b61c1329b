package dev.retailsync.ecommerce.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.policy.OwnershipPolicy;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.core.deadletter.DeadLetter;
import dev.retailsync.core.deadletter.DeadLetterFilter;
import dev.retailsync.core.deadletter.FailureReason;
import dev.retailsync.core.engine.Flow;
import dev.retailsync.core.engine.ReplayResult;
import dev.retailsync.core.engine.SyncEngine;
import dev.retailsync.core.golden.Merger;
import dev.retailsync.core.observability.RunReport;
import dev.retailsync.ecommerce.shopify.fake.FakeShopify;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A Shopify customer the feed cannot map reaches the engine as a dead letter, not a log line. */
class ShopifyFeedRejectionToEngineTest {
  private static final SystemId CRM = SystemId.of("crm");

  private final TestClock clock = TestClock.at("2026-10-01T10:00:00Z");
  private final FakeShopify shop = new FakeShopify(clock);

  /** A CRM that records the parties written to it. */
  private static final class RecordingCrm implements Connector {
    final List<Party> written = new CopyOnWriteArrayList<>();

    @Override
    public SystemId system() {
      return CRM;
    }

    @Override
    public Set<EntityType<?>> entityTypes() {
      return Set.of(EntityType.PARTY);
    }

    @Override
    public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
      return Optional.of(
          RecordWriter.of(
              50,
              batch -> {
                List<WriteOutcome> out = new ArrayList<>();
                batch.forEach(
                    r -> {
                      written.add((Party) r.entity());
                      out.add(
                          WriteOutcome.created(
                              r.key(), ExternalId.of(CRM, "P-" + written.size()), "1"));
                    });
                return out;
              }));
    }

    long named(String given) {
      return written.stream().filter(p -> given.equals(p.name().given())).count();
    }
  }

  private ObjectNode customer(String first, String last, String email) {
    ObjectNode c = ShopifyGraphQlClient.JSON.createObjectNode();
    c.put("firstName", first).put("lastName", last).put("locale", "en");
    c.putObject("defaultEmailAddress")
        .put("emailAddress", email)
        .put("marketingState", "SUBSCRIBED")
        .put("marketingOptInLevel", "SINGLE_OPT_IN")
        .put("marketingUpdatedAt", "2026-09-01T00:00:00Z");
    return c;
  }

  @Test
  void aCustomerWithNoNameBecomesADeadLetterAndReplayAfterTheFixAppliesIt() {
    shop.acceptToken("shpat_test");
    ShopifyConnector shopify =
        ShopifyConnector.builder()
            .http(shop.client())
            .baseUrl(FakeShopify.BASE_URL)
            .tokens(ShopifyTokens.staticToken("shpat_test", clock))
            .clock(clock)
            .sleeper(clock.sleeper())
            .random(new Random(5))
            .build();
    shop.putCustomer(customer("Ada", "Lovelace", "ada@example.com"));
    clock.advance(Duration.ofSeconds(5));
    ObjectNode nameless = customer(null, null, "grace@example.com");
    String gid = shop.putCustomer(nameless).get("id").asText();
    clock.advance(Duration.ofSeconds(5));
    shop.putCustomer(customer("Charles", "Babbage", "charles@example.com"));
    RecordingCrm crm = new RecordingCrm();

    try (SyncEngine engine =
        SyncEngine.builder()
            .merger(
                Merger.builder()
                    .clock(clock)
                    .policy(OwnershipPolicy.builder(EntityType.PARTY).build())
                    .build())
            .clock(clock)
            .deliveryExecutor(Runnable::run)
            .addFlow(
                Flow.builder("shopify-customers", EntityType.PARTY)
                    .source(shopify)
                    .addTarget(crm)
                    .build())
            .build()) {
      engine.runOnce();

      assertEquals(1, crm.named("Ada"));
      assertEquals(1, crm.named("Charles"));
      assertEquals(2, crm.written.size());
      List<DeadLetter> letters =
          engine
              .deadLetters()
              .list(
                  DeadLetterFilter.builder()
                      .system(SystemId.SHOPIFY)
                      .entityType(EntityType.PARTY)
                      .reason(FailureReason.MAPPING)
                      .build());
      assertEquals(1, letters.size());
      DeadLetter letter = letters.get(0);
      assertNull(letter.change());
      assertEquals(ExternalId.of(SystemId.SHOPIFY, gid), letter.sourceRecord().id());
      assertEquals(List.of("firstName"), letter.errors().stream().map(FieldError::path).toList());
      assertTrue(!letter.toString().contains("grace"), letter.toString());
      RunReport.Counts counts =
          engine.report().counts().stream()
              .filter(c -> c.system().equals(SystemId.SHOPIFY))
              .findFirst()
              .orElseThrow();
      assertEquals(1, counts.deadLettered());
      assertEquals(1, counts.rejected());

      // Still nameless: replay reads it again, fails again, and the letter stays open.
      assertEquals(ReplayResult.Outcome.FAILED_AGAIN, engine.replay(letter.id()).outcome());
      assertEquals(2, engine.deadLetters().find(letter.id()).orElseThrow().failures());

      // Someone gives the customer a name in Shopify; the replay reads it by id and applies it.
      clock.advance(Duration.ofSeconds(5));
      ObjectNode fixed = shop.customers().get(1);
      fixed
          .put("firstName", "Grace")
          .put("lastName", "Hopper")
          .put("updatedAt", clock.instant().toString());
      shop.putCustomer(fixed);
      ReplayResult replayed = engine.replay(letter.id());

      assertEquals(ReplayResult.Outcome.RESOLVED, replayed.outcome());
      assertEquals(1, crm.named("Grace"));
      assertEquals(
          DeadLetter.Status.RESOLVED,
          engine.deadLetters().find(letter.id()).orElseThrow().status());
    }
  }
}
