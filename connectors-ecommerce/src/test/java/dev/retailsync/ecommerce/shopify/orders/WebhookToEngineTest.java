package dev.retailsync.ecommerce.shopify.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Order;
import dev.retailsync.api.policy.OwnershipPolicy;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.core.engine.Flow;
import dev.retailsync.core.engine.SyncEngine;
import dev.retailsync.core.golden.Merger;
import dev.retailsync.ecommerce.shopify.fake.FakeShopifyWebhooks;
import dev.retailsync.ecommerce.shopify.webhook.WebhookIntake;
import dev.retailsync.ecommerce.shopify.webhook.WebhookSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Signed, duplicated and reordered order webhooks through the intake into the sync engine. */
class WebhookToEngineTest {
  private static final SystemId ERP = SystemId.of("erp");

  /** An ERP that records the orders written to it. */
  private static final class RecordingErp implements Connector {
    final List<Order> written = new CopyOnWriteArrayList<>();

    @Override
    public SystemId system() {
      return ERP;
    }

    @Override
    public Set<EntityType<?>> entityTypes() {
      return Set.of(EntityType.ORDER);
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
                      written.add((Order) r.entity());
                      out.add(
                          WriteOutcome.created(
                              r.key(), ExternalId.of(ERP, "SO-" + written.size()), "1"));
                    });
                return out;
              }));
    }
  }

  @Test
  void duplicatedAndReorderedWebhooksReachTheErpAsTheNewestState() {
    for (long seed = 1; seed <= 3; seed++) {
      RecordingErp erp = new RecordingErp();
      FakeShopifyWebhooks shopify =
          FakeShopifyWebhooks.builder()
              .secret(Wire.SECRET)
              .seed(seed)
              .maxDelay(Duration.ofMinutes(20))
              .duplicateRate(0.5)
              .build();
      try (SyncEngine engine =
          SyncEngine.builder()
              .merger(
                  Merger.builder()
                      .clock(shopify.clock())
                      .policy(OwnershipPolicy.builder(EntityType.ORDER).build())
                      .build())
              .clock(shopify.clock())
              .deliveryExecutor(Runnable::run)
              .addFlow(
                  Flow.builder("shopify-orders", EntityType.ORDER)
                      .sourceSystem(SystemId.SHOPIFY)
                      .addTarget(erp)
                      .build())
              .build()) {
        WebhookIntake intake =
            WebhookIntake.builder()
                .signature(WebhookSignature.of(Wire.SECRET))
                .clock(shopify.clock())
                .sink(ShopifyWebhookChanges.of(engine::accept))
                .build();
        shopify.receiver(FakeShopifyWebhooks.to(intake));
        Instant t0 = shopify.clock().instant();
        for (int v = 1; v <= 12; v++) {
          ObjectNode body = (ObjectNode) Wire.json("webhook/orders-create.body.json");
          body.put("updated_at", t0.plusSeconds(60L * v).toString());
          body.put("po_number", "PO-v" + v);
          shopify.emit(v == 1 ? "orders/create" : "orders/updated", body);
          shopify.advance(Duration.ofMinutes(1));
        }
        shopify.deliverAll();
        engine.drain();
        assertTrue(!erp.written.isEmpty(), "seed " + seed);
        assertEquals(
            "PO-v12",
            erp.written.get(erp.written.size() - 1).purchaseOrderNumber(),
            "seed " + seed);
        assertTrue(
            shopify.attempts().stream().anyMatch(FakeShopifyWebhooks.Attempt::duplicate),
            "the run duplicated deliveries");
      }
    }
  }
}
