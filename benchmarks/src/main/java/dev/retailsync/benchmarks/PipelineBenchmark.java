package dev.retailsync.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.policy.ConflictRule;
import dev.retailsync.api.policy.OwnershipPolicy;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.engine.Flow;
import dev.retailsync.core.engine.SyncEngine;
import dev.retailsync.core.golden.Merger;
import dev.retailsync.core.observability.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jackson.JacksonDataFormat;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.ExpressionAdapter;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * {@code benchmarks/run pipeline [RECORDS]}: the engine's full path per change (read the JSON,
 * validate, dedupe by idempotency key, resolve identity by the deterministic cross-reference, merge
 * under an ownership policy, plan, deliver to a no-op connector and record the outcome; in memory
 * stores, one thread) on a seeded feed of customer records as JSON (about 25 fields; 60 % new, 20 %
 * exact repeats, 20 % updates of one or two fields), beside, on the same records in the same run:
 * plain Jackson (read into the model, write back out) and an idiomatic Apache Camel 4 route doing
 * less work (Jackson unmarshal, idempotent consumer on id and version with a {@code
 * MemoryIdempotentRepository}, a field-diff processor, marshal). The contenders take their measured
 * rounds in turn, and each row gives its CPU per change as a multiple of plain Jackson's.
 */
final class PipelineBenchmark {
  private static final SystemId SHOP = SystemId.SHOPIFY;
  private static final SystemId ERP = SystemId.NETSUITE;
  private static final Instant END = Instant.parse("2026-11-25T00:00:00Z");

  private PipelineBenchmark() {}

  /** One record of the feed, as the source sends it. */
  public record FeedRecord(String id, long version, Instant updatedAt, Account account) {}

  static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    // For profiling one contender alone: jackson, camel or ours; all three by default.
    String only = args.length > 2 ? args[2] : "all";
    ObjectMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    List<byte[]> feed = feed(n, new Random(42), mapper);
    long bytes = feed.stream().mapToLong(b -> b.length).sum();
    String caseName =
        n + " customer changes as JSON (" + bytes / n + " B, 60% new/20% repeat/20% update)";

    // The contenders take their rounds in turn (see Measure.interleaved): on a shared machine a
    // slow spell then falls on all three, and the ratios to plain Jackson stay meaningful.
    List<String> engines = new ArrayList<>();
    List<Supplier<Measure.Prepared>> setups = new ArrayList<>();
    if (only.equals("all") || only.equals("jackson")) {
      engines.add("jackson-databind read+write (plain)");
      setups.add(() -> () -> jackson(feed, mapper));
    }
    if (only.equals("all") || only.equals("camel")) {
      // The context is built and started outside the measured time, like our engine below: both
      // are measured per change, not per start-up.
      engines.add("camel 4 route (unmarshal, idempotentConsumer, diff, marshal)");
      setups.add(() -> camel(feed, mapper, n));
    }
    if (only.equals("all") || only.equals("ours")) {
      engines.add("retail-sync full path (read, validate, dedupe, resolve, merge, plan, deliver)");
      setups.add(() -> oursPrepared(feed, mapper, true, b -> b));
    }
    List<Map<String, Object>> figures = Measure.interleaved(1, rounds, n, setups);
    Results results = new Results("pipeline");
    Map<String, Object> jackson = engines.get(0).startsWith("jackson") ? figures.get(0) : null;
    for (int i = 0; i < engines.size(); i++) {
      Map<String, Object> f = new LinkedHashMap<>(figures.get(i));
      if (jackson != null) {
        // CPU per change as a multiple of plain Jackson's, measured in the same run.
        f.put("cpu_x_jackson", ratio(f, jackson, "cpu_us_per_op"));
        f.put("process_cpu_x_jackson", ratio(f, jackson, "process_cpu_us_per_op"));
      }
      results.add(row(caseName, engines.get(i), f));
    }
    results.publish();
  }

  private static double ratio(Map<String, Object> row, Map<String, Object> base, String key) {
    return ((Number) row.get(key)).doubleValue() / ((Number) base.get(key)).doubleValue();
  }

  private static Map<String, Object> row(String c, String engine, Map<String, Object> figures) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("case", c);
    row.put("engine", engine);
    row.putAll(figures);
    return row;
  }

  // ---------------------------------------------------------------- the three contenders

  static long jackson(List<byte[]> feed, ObjectMapper mapper) {
    long s = 0;
    try {
      for (byte[] b : feed) {
        s += mapper.writeValueAsBytes(mapper.readValue(b, FeedRecord.class)).length;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s;
  }

  /** The Camel route, built and started; its {@code run} sends the feed through it. */
  static Measure.Prepared camel(List<byte[]> feed, ObjectMapper mapper, int n) {
    long[] sink = {0};
    CamelContext ctx = new DefaultCamelContext();
    try {
      Map<String, Map<String, Object>> previous = new HashMap<>();
      ctx.addRoutes(
          new RouteBuilder() {
            @Override
            public void configure() {
              JacksonDataFormat in = new JacksonDataFormat(mapper, FeedRecord.class);
              JacksonDataFormat out = new JacksonDataFormat(mapper, FeedRecord.class);
              from("direct:in")
                  .unmarshal(in)
                  .idempotentConsumer(
                      new ExpressionAdapter() {
                        @Override
                        public Object evaluate(Exchange e) {
                          FeedRecord r = e.getIn().getBody(FeedRecord.class);
                          return r.id() + ":" + r.version();
                        }
                      },
                      MemoryIdempotentRepository.memoryIdempotentRepository(n))
                  .process(
                      e -> {
                        // The field diff a Camel user writes by hand: against the last version.
                        FeedRecord r = e.getIn().getBody(FeedRecord.class);
                        @SuppressWarnings("unchecked")
                        Map<String, Object> now = mapper.convertValue(r.account(), Map.class);
                        Map<String, Object> before = previous.put(r.id(), now);
                        List<String> changed = new ArrayList<>();
                        for (Map.Entry<String, Object> f : now.entrySet()) {
                          if (before == null
                              || !Objects.equals(before.get(f.getKey()), f.getValue())) {
                            changed.add(f.getKey());
                          }
                        }
                        e.getIn().setHeader("changedFields", changed);
                      })
                  .marshal(out)
                  .process(e -> sink[0] += e.getIn().getBody(byte[].class).length);
            }
          });
      ctx.start();
    } catch (Exception e) {
      closeQuietly(ctx, e);
      throw new IllegalStateException(e);
    }
    ProducerTemplate template = ctx.createProducerTemplate();
    return new Measure.Prepared() {
      @Override
      public long run() {
        for (byte[] b : feed) {
          template.sendBody("direct:in", b);
        }
        return sink[0];
      }

      @Override
      public void close() {
        try {
          ctx.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  private static void closeQuietly(CamelContext ctx, Exception failure) {
    try {
      ctx.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }

  static long ours(List<byte[]> feed, ObjectMapper mapper, boolean quiet) {
    return ours(feed, mapper, quiet, b -> b);
  }

  /** The full path with the engine's stores chosen by {@code stores} (in memory when identity). */
  static long ours(
      List<byte[]> feed,
      ObjectMapper mapper,
      boolean quiet,
      java.util.function.UnaryOperator<SyncEngine.Builder> stores) {
    try (Measure.Prepared p = oursPrepared(feed, mapper, quiet, stores)) {
      return p.run();
    }
  }

  /** Our engine, built with its flow; its {@code run} feeds the changes through the full path. */
  static Measure.Prepared oursPrepared(
      List<byte[]> feed,
      ObjectMapper mapper,
      boolean quiet,
      java.util.function.UnaryOperator<SyncEngine.Builder> stores) {
    NoopTarget erp = new NoopTarget();
    Merger merger =
        Merger.builder()
            .policy(
                OwnershipPolicy.builder(EntityType.ACCOUNT)
                    .owner(Account.Fields.PAYMENT_TERMS, ERP, OwnershipPolicy.Initial.ANY_SYSTEM)
                    .owner(Account.Fields.CREDIT, ERP, OwnershipPolicy.Initial.ANY_SYSTEM)
                    .defaultRule(ConflictRule.newestWins())
                    .build())
            .clock(Clock.fixed(END, ZoneOffset.UTC))
            .build();
    Flow<Account> flow =
        Flow.builder("customers", EntityType.ACCOUNT)
            .sourceSystem(SHOP)
            .addTarget(erp)
            .pageSize(256)
            .build();
    long[] seq = {0};
    SyncEngine engine =
        stores
            .apply(SyncEngine.builder())
            .merger(merger)
            .clock(Clock.fixed(END, ZoneOffset.UTC))
            .deliveryExecutor(Runnable::run)
            .deliveryParallelism(1)
            .queueCapacity(256)
            .canonicalIds(() -> dev.retailsync.api.CanonicalId.of("g" + seq[0]++))
            .addFlow(flow)
            .build();
    return new Measure.Prepared() {
      @Override
      public long run() {
        try {
          for (byte[] b : feed) {
            FeedRecord r = mapper.readValue(b, FeedRecord.class);
            if (engine.queued() == 256) {
              engine.drain();
            }
            engine.accept(
                Change.builder(EntityType.ACCOUNT)
                    .type(ChangeType.UPSERTED)
                    .source(ExternalId.of(SHOP, r.id()))
                    .entity(r.account())
                    .sourceTimestamp(r.updatedAt())
                    .sourceVersion(Long.toString(r.version()))
                    .correlationId(CorrelationId.of(r.id() + "/" + r.version()))
                    .build());
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        engine.drain();
        RunReport report = engine.report();
        if (!quiet) {
          System.out.print(report.render());
        }
        return report.counts(ERP, "account").created() + erp.calls;
      }

      @Override
      public void close() {
        engine.close();
      }
    };
  }

  /**
   * A target that accepts every record and keeps nothing (a counter issues its ids: what it created
   * is not held, so the benchmark measures the engine's state, not the target's).
   */
  static final class NoopTarget implements Connector {
    long calls;
    private long created;

    @Override
    public SystemId system() {
      return ERP;
    }

    @Override
    public Set<EntityType<?>> entityTypes() {
      return Set.of(EntityType.ACCOUNT);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
      RecordWriter<Account> w =
          new RecordWriter<>() {
            @Override
            public int maxBatchSize() {
              return 200;
            }

            @Override
            public List<WriteOutcome> upsert(List<WriteRequest<Account>> batch) {
              calls++;
              List<WriteOutcome> out = new ArrayList<>(batch.size());
              for (WriteRequest<Account> r : batch) {
                if (r.target() != null) {
                  out.add(WriteOutcome.updated(r.key(), r.target(), null));
                } else {
                  ExternalId id = ExternalId.of(ERP, "E" + created++);
                  out.add(WriteOutcome.created(r.key(), id, null));
                }
              }
              return out;
            }
          };
      return Optional.of((RecordWriter<T>) w);
    }
  }

  // ---------------------------------------------------------------- the feed

  /** Seeded customer records: 60 % new, 20 % exact repeats, 20 % updates of one or two fields. */
  static List<byte[]> feed(int n, Random r, ObjectMapper mapper) {
    List<Account> base = JsonBenchmark.accounts(n, r);
    List<byte[]> out = new ArrayList<>(n);
    List<FeedRecord> latest = new ArrayList<>();
    List<byte[]> emitted = new ArrayList<>();
    int next = 0;
    Instant t = END.minusSeconds(n + 3600L);
    try {
      for (int i = 0; i < n; i++) {
        t = t.plusSeconds(1);
        int dice = r.nextInt(10);
        byte[] json;
        if (dice < 6 || latest.isEmpty()) {
          // Roughly 25 fields: drop loyalty and consent from the 40-field generator.
          Account a = base.get(next++).toBuilder().loyalty(null).marketingConsent(null).build();
          FeedRecord rec = new FeedRecord(a.accountNumber(), 1, t, a);
          latest.add(rec);
          json = mapper.writeValueAsBytes(rec);
        } else if (dice < 8) {
          json = emitted.get(r.nextInt(emitted.size()));
        } else {
          int k = r.nextInt(latest.size());
          FeedRecord old = latest.get(k);
          Account.Builder b = old.account().toBuilder();
          b.name(old.account().name() + " *");
          if (r.nextBoolean()) {
            BillingProfile bp = old.account().billing();
            b.billing(
                new BillingProfile(
                    bp.address(),
                    "new" + i + "@example.com",
                    bp.invoiceDelivery(),
                    bp.purchaseOrderRequired()));
          }
          FeedRecord rec = new FeedRecord(old.id(), old.version() + 1, t, b.build());
          latest.set(k, rec);
          json = mapper.writeValueAsBytes(rec);
        }
        out.add(json);
        emitted.add(json);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** For a quick look at the report: {@code java ... PipelineBenchmark$Report}. */
  static String sample(ObjectMapper mapper) {
    return new String(feed(1, new Random(1), mapper).get(0), StandardCharsets.UTF_8);
  }
}
