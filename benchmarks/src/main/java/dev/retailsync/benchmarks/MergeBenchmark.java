package dev.retailsync.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.ChangeType;
import dev.retailsync.api.CorrelationId;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.ShippingProfile;
import dev.retailsync.api.policy.ConflictRule;
import dev.retailsync.api.policy.OwnershipPolicy;
import dev.retailsync.core.golden.GoldenRecord;
import dev.retailsync.core.golden.MergeResult;
import dev.retailsync.core.golden.Merger;
import dev.retailsync.core.golden.PlannedWrite;
import dev.retailsync.core.golden.WritePlanner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code benchmarks/run merge}: merge one change into a golden account of about 40 fields under a
 * three-system ownership policy, then plan the writes, beside the usual hand-written alternative
 * (diff and patch of Jackson trees, with no ownership, lineage or planning) on the same records.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MergeBenchmark {
  static final SystemId ERP = SystemId.of("erp");
  static final SystemId SF = SystemId.SALESFORCE;
  static final SystemId SHOP = SystemId.SHOPIFY;
  static final CanonicalId ID = CanonicalId.of("acc-1");

  private Merger merger;
  private WritePlanner planner;
  private GoldenRecord<Account> golden;
  private List<Change<Account>> changes;
  private Iterator<Change<Account>> next;
  private ObjectMapper mapper;
  private JsonNode goldenTree;
  private List<Account> incoming;
  private Iterator<Account> nextIncoming;

  /** Builds the policy, a golden record and a rotation of changes from three systems. */
  @Setup
  public void setUp() {
    Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
    merger =
        Merger.builder()
            .policy(
                OwnershipPolicy.builder(EntityType.ACCOUNT)
                    .owner(Account.Fields.CREDIT, ERP)
                    .owner(Account.Fields.PAYMENT_TERMS, ERP)
                    .owner(Account.Fields.TAX_CLASS, ERP)
                    .owner(Account.Fields.STATUS, ERP, OwnershipPolicy.Initial.ANY_SYSTEM)
                    .owner(Account.Fields.MARKETING_CONSENT, SF)
                    .shared(Account.Fields.SHIPPING_ADDRESS, ConflictRule.newestWins())
                    .defaultRule(ConflictRule.precedence(ERP, SF, SHOP))
                    .build())
            .clock(Clock.fixed(t0.plusSeconds(86_400), ZoneOffset.UTC))
            .build();
    planner =
        WritePlanner.builder(merger)
            .subscribeAll(EntityType.ACCOUNT, ERP)
            .subscribeAll(EntityType.ACCOUNT, SF)
            .subscribe(
                EntityType.ACCOUNT,
                SHOP,
                Account.Fields.NAME,
                Account.Fields.SHIPPING_ADDRESS,
                Account.Fields.MARKETING_CONSENT)
            .build();
    List<Account> base = JsonBenchmark.accounts(1, new Random(7));
    Account seed = base.get(0);
    golden = merger.merge(null, ID, change(ERP, seed, t0), Map.of()).record();
    changes = new ArrayList<>();
    incoming = new ArrayList<>();
    Random r = new Random(11);
    SystemId[] systems = {ERP, SF, SHOP};
    for (int i = 0; i < 64; i++) {
      Account.Builder b = seed.toBuilder();
      switch (i % 4) {
        case 0 -> b.name("Renamed " + r.nextInt(1000));
        case 1 ->
            b.shipping(
                ShippingProfile.of(
                    PostalAddress.builder()
                        .lines(r.nextInt(300) + " Market Street")
                        .locality("Springfield")
                        .postalCode(String.format("%05d", r.nextInt(99999)))
                        .country("US")
                        .build()));
        case 2 ->
            b.credit(
                CreditTerms.of(CreditStatus.values()[r.nextInt(4)], Money.of("2500.00", "EUR")));
        default -> b.priceGroup("PG" + r.nextInt(5));
      }
      Account a = b.build();
      incoming.add(a);
      changes.add(change(systems[i % 3], a, t0.plusSeconds(60 + i)));
    }
    next = changes.iterator();
    nextIncoming = incoming.iterator();
    mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    goldenTree = mapper.valueToTree(seed);
  }

  private static Change<Account> change(SystemId system, Account a, Instant at) {
    return Change.builder(EntityType.ACCOUNT)
        .type(ChangeType.UPSERTED)
        .source(ExternalId.of(system, "x"))
        .entity(a)
        .sourceTimestamp(at)
        .correlationId(CorrelationId.of("c"))
        .build();
  }

  /**
   * Ours: merge under the policy (ownership, conflict rules, lineage, validation) and plan writes.
   *
   * @return the plan, kept alive
   */
  @Benchmark
  public List<PlannedWrite<Account>> mergeAndPlan() {
    if (!next.hasNext()) {
      next = changes.iterator();
    }
    MergeResult<Account> result = merger.merge(golden, ID, next.next(), Map.of());
    return planner.plan(result);
  }

  /**
   * The anchor: convert to a Jackson tree, diff against the held tree field by field, patch.
   *
   * @return the patched tree, kept alive
   */
  @Benchmark
  public JsonNode jacksonTreeDiffAndPatch() {
    if (!nextIncoming.hasNext()) {
      nextIncoming = incoming.iterator();
    }
    JsonNode in = mapper.valueToTree(nextIncoming.next());
    ObjectNode out = goldenTree.deepCopy();
    in.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().equals(goldenTree.get(e.getKey()))) {
                out.set(e.getKey(), e.getValue());
              }
            });
    return out;
  }
}
