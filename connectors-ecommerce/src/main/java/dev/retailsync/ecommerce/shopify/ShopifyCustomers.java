package dev.retailsync.ecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.RateLimitException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SyncException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.MarketingConsent;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.ChangePage;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shopify customers as canonical {@link Party}s: a reader by GID, an {@code updated_at} change feed
 * and a writer by {@code customerSet}.
 *
 * <ul>
 *   <li>Pages are as large as the cost limit allows, up to 250 customers.
 *   <li>The feed searches {@code updated_at:>='<mark - overlap>'} sorted by {@code UPDATED_AT}: the
 *       overlap window catches writes that commit late with an older timestamp (timestamps have
 *       second precision), and the customers already delivered inside the window are remembered in
 *       the opaque cursor and skipped.
 *   <li>The writer upserts by identifier: the target GID, else the e-mail address, else the phone
 *       number, else a configured custom-id metafield. Those writes are repeatable and retried
 *       after timeouts; a customer with none of them is created without identifier, which is not
 *       repeatable, so a timeout leaves it "outcome unknown". {@code customerSet} replaces list
 *       fields, so the existing addresses are read first and merged (see {@link
 *       ShopifyCustomerMapping#toInput}). Marketing consent goes through the consent mutations,
 *       metafields through {@code metafieldsSet}, both only when they differ from Shopify.
 *   <li>Every record gets its outcome; user errors become rejections naming the canonical field.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class ShopifyCustomers {
  private static final Logger LOG = LoggerFactory.getLogger(ShopifyCustomers.class);
  private static final int MAX_PAGE = 250;
  private static final int WRITE_BATCH = 50;
  private static final String SEARCH =
      "query Customers($first: Int!, $after: String, $query: String) {\n"
          + "  customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {\n"
          + "    pageInfo { hasNextPage endCursor }\n"
          + "    nodes { "
          + ShopifyCustomerMapping.FIELDS
          + " }\n"
          + "  }\n"
          + "}";
  private static final String BY_ID =
      "query CustomersById($ids: [ID!]!) {\n  nodes(ids: $ids) { ... on Customer { "
          + ShopifyCustomerMapping.FIELDS
          + " } }\n}";
  private static final String PAYLOAD =
      "{ customer { id updatedAt } userErrors { code field message } }";

  private final ShopifyGraphQlClient client;
  private final SystemId system;
  private final Duration overlap;
  private final String customIdNamespace;
  private final String customIdKey;
  private final ShopifyListener listener;

  private ShopifyCustomers(Builder b) {
    this.client = b.client;
    this.system = b.system;
    this.overlap = b.overlap;
    this.customIdNamespace = b.customIdNamespace;
    this.customIdKey = b.customIdKey;
    this.listener = b.listener;
  }

  /**
   * Returns a builder.
   *
   * @param client the shop's client
   * @return the builder
   */
  public static Builder builder(ShopifyGraphQlClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Returns the reader by customer GID (numeric ids are accepted too).
   *
   * @return the reader
   */
  public RecordReader<Party> reader() {
    return RecordReader.of(50, this::read);
  }

  /**
   * Returns the writer.
   *
   * @return the writer; batches up to 50 customers
   */
  public RecordWriter<Party> writer() {
    return RecordWriter.of(WRITE_BATCH, this::upsert);
  }

  /**
   * Returns the {@code updated_at} change feed.
   *
   * @return the feed
   */
  public ChangeFeed<Party> changeFeed() {
    return this::poll;
  }

  /**
   * Returns how many customers one page holds: 250, or fewer when the cost limit is lower.
   *
   * @return the page size
   */
  public int pageSize() {
    client.ensureBudgetKnown();
    return Math.max(
        1, Math.min(MAX_PAGE, (client.maxQueryCost() - 2) / ShopifyCustomerMapping.NODE_COST));
  }

  // ------------------------------------------------------------------ reads

  private List<RemoteRecord<Party>> read(List<String> ids) {
    List<String> gids = ids.stream().map(i -> ShopifyIds.toGid("Customer", i)).toList();
    List<RemoteRecord<Party>> out = new ArrayList<>();
    int per = Math.max(1, client.maxQueryCost() / (ShopifyCustomerMapping.NODE_COST - 1));
    for (int i = 0; i < gids.size(); i += per) {
      GraphQlResponse r =
          client.execute(
              GraphQlRequest.query(
                  BY_ID, Map.of("ids", gids.subList(i, Math.min(gids.size(), i + per)))));
      for (JsonNode c : r.field("nodes")) {
        if (c.isObject() && c.has("id")) {
          out.add(record(c));
        }
      }
    }
    return out;
  }

  private RemoteRecord<Party> record(JsonNode c) {
    return new RemoteRecord<>(
        ExternalId.of(system, c.path("id").asText()),
        ShopifyCustomerMapping.toParty(c),
        c.path("updatedAt").asText(null),
        instant(c.path("updatedAt").asText(null)));
  }

  // ------------------------------------------------------------------ change feed

  private ChangePage<Party> poll(Cursor cursor, int maxChanges) {
    if (maxChanges < 1) {
      throw ValidationException.of(
          "ShopifyCustomers.poll", "maxChanges", maxChanges, "must be 1 or more");
    }
    UpdatedAtCursor from = UpdatedAtCursor.decode(null, "ShopifyCustomers.poll", cursor);
    String query =
        from.mark == null ? null : "updated_at:>='" + from.mark.minus(overlap).toString() + "'";
    int first = Math.min(pageSize(), maxChanges + from.seen.size());
    return from.poll(
        maxChanges,
        overlap,
        system,
        EntityType.PARTY,
        "customer",
        after -> {
          Map<String, Object> vars = new HashMap<>();
          vars.put("first", first);
          vars.put("after", after);
          vars.put("query", query);
          return client.execute(GraphQlRequest.query(SEARCH, vars)).field("customers");
        },
        ShopifyCustomerMapping::toParty,
        listener,
        LOG);
  }

  // ------------------------------------------------------------------ writes

  /** One customer to write and what is known about it. */
  private static final class Plan {
    final WriteRequest<Party> request;
    final Map<String, Object> identifier;
    JsonNode existing;
    Map<String, Object> input;
    String customerId;
    boolean created;
    String version;

    Plan(WriteRequest<Party> request, Map<String, Object> identifier) {
      this.request = request;
      this.identifier = identifier;
    }
  }

  private List<WriteOutcome> upsert(List<WriteRequest<Party>> batch) {
    Map<String, WriteOutcome> outcomes = new LinkedHashMap<>();
    batch.forEach(r -> outcomes.put(r.key(), null));
    List<Plan> plans = new ArrayList<>();
    for (WriteRequest<Party> r : batch) {
      try {
        plans.add(new Plan(r, identifier(r)));
      } catch (ValidationException e) {
        outcomes.put(r.key(), rejected(r.key(), "INVALID", e));
      }
    }
    try {
      findExisting(plans);
    } catch (SyncException e) {
      if (!e.isRetryable()) {
        throw e;
      }
      plans.forEach(p -> outcomes.put(p.request.key(), retryable(p.request.key(), e)));
      return ordered(batch, outcomes);
    }
    List<Plan> toSet = new ArrayList<>();
    for (Plan p : plans) {
      try {
        p.input = ShopifyCustomerMapping.toInput(p.request.entity(), p.existing);
        toSet.add(p);
      } catch (ValidationException e) {
        outcomes.put(p.request.key(), rejected(p.request.key(), "INVALID", e));
      }
    }
    // Each customerSet costs 10 points: a document holds what one request may cost.
    int per = Math.max(1, client.maxQueryCost() / GraphQlDocument.MUTATION_COST);
    for (int i = 0; i < toSet.size(); i += per) {
      setCustomers(toSet.subList(i, Math.min(toSet.size(), i + per)), outcomes);
    }
    List<Plan> done = toSet.stream().filter(p -> outcomes.get(p.request.key()) == null).toList();
    for (int i = 0; i < done.size(); i += Math.max(1, per / 3)) {
      setConsentAndMetafields(
          done.subList(i, Math.min(done.size(), i + Math.max(1, per / 3))), outcomes);
    }
    for (Plan p : done) {
      outcomes.putIfAbsent(p.request.key(), null);
      if (outcomes.get(p.request.key()) == null) {
        ExternalId id = ExternalId.of(system, p.customerId);
        outcomes.put(
            p.request.key(),
            p.created
                ? WriteOutcome.created(p.request.key(), id, p.version)
                : WriteOutcome.updated(p.request.key(), id, p.version));
      }
    }
    return ordered(batch, outcomes);
  }

  private Map<String, Object> identifier(WriteRequest<Party> r) {
    Map<String, Object> id = new LinkedHashMap<>();
    if (r.target() != null) {
      id.put("id", ShopifyIds.toGid("Customer", r.target().id()));
      return id;
    }
    Party p = r.entity();
    String email = ShopifyCustomerMapping.email(p);
    if (email != null) {
      id.put("email", email);
      return id;
    }
    String phone = ShopifyCustomerMapping.phone(p);
    if (phone != null) {
      id.put("phone", phone);
      return id;
    }
    if (customIdKey != null) {
      Object v =
          p.extensions()
              .get(ShopifyCustomerMapping.METAFIELD_PREFIX + customIdNamespace + "." + customIdKey);
      if (v != null) {
        id.put(
            "customId",
            Map.of("namespace", customIdNamespace, "key", customIdKey, "value", v.toString()));
        return id;
      }
    }
    return id;
  }

  private void findExisting(List<Plan> plans) {
    List<String> terms = new ArrayList<>();
    for (Plan p : plans) {
      Map<String, Object> id = p.identifier;
      if (id.get("id") != null) {
        terms.add("id:" + ShopifyIds.numericId(id.get("id").toString()));
      } else if (id.get("email") != null) {
        terms.add("email:'" + quote(id.get("email").toString()) + "'");
      } else if (id.get("phone") != null) {
        terms.add("phone:'" + quote(id.get("phone").toString()) + "'");
      }
    }
    if (terms.isEmpty()) {
      return;
    }
    List<JsonNode> found = new ArrayList<>();
    int per = pageSize();
    for (int i = 0; i < terms.size(); i += per) {
      List<String> chunk = terms.subList(i, Math.min(terms.size(), i + per));
      String after = null;
      do {
        Map<String, Object> vars = new HashMap<>();
        vars.put("first", chunk.size());
        vars.put("after", after);
        vars.put("query", String.join(" OR ", chunk));
        JsonNode conn = client.execute(GraphQlRequest.query(SEARCH, vars)).field("customers");
        conn.path("nodes").forEach(found::add);
        after =
            conn.path("pageInfo").path("hasNextPage").asBoolean()
                ? conn.path("pageInfo").path("endCursor").asText()
                : null;
      } while (after != null);
    }
    for (Plan p : plans) {
      for (JsonNode c : found) {
        if (matches(p.identifier, c)) {
          p.existing = c;
          break;
        }
      }
    }
  }

  private static boolean matches(Map<String, Object> id, JsonNode c) {
    if (id.get("id") != null) {
      return id.get("id").equals(c.path("id").asText());
    }
    if (id.get("email") != null) {
      return id.get("email")
          .toString()
          .equalsIgnoreCase(c.path("defaultEmailAddress").path("emailAddress").asText());
    }
    if (id.get("phone") != null) {
      return id.get("phone").equals(c.path("defaultPhoneNumber").path("phoneNumber").asText());
    }
    return false;
  }

  private void setCustomers(List<Plan> plans, Map<String, WriteOutcome> outcomes) {
    StringBuilder doc = new StringBuilder("mutation SetCustomers(");
    StringBuilder body = new StringBuilder();
    Map<String, Object> vars = new LinkedHashMap<>();
    boolean repeatable = true;
    for (int i = 0; i < plans.size(); i++) {
      Plan p = plans.get(i);
      if (i > 0) {
        doc.append(", ");
      }
      doc.append("$i").append(i).append(": CustomerSetInput!");
      vars.put("i" + i, p.input);
      body.append("  c").append(i).append(": customerSet(input: $i").append(i);
      if (!p.identifier.isEmpty()) {
        doc.append(", $k").append(i).append(": CustomerSetIdentifiers");
        vars.put("k" + i, p.identifier);
        body.append(", identifier: $k").append(i);
      } else {
        repeatable = false;
      }
      body.append(") ").append(PAYLOAD).append('\n');
    }
    doc.append(") {\n").append(body).append("}");
    GraphQlResponse r;
    try {
      r =
          client.execute(
              repeatable
                  ? GraphQlRequest.repeatableMutation(doc.toString(), vars)
                  : GraphQlRequest.mutation(doc.toString(), vars));
    } catch (SyncException e) {
      if (!e.isRetryable()) {
        throw e;
      }
      plans.forEach(p -> outcomes.put(p.request.key(), retryable(p.request.key(), e)));
      return;
    }
    for (int i = 0; i < plans.size(); i++) {
      Plan p = plans.get(i);
      List<UserError> errors = r.userErrors("c" + i);
      JsonNode customer = r.field("c" + i).path("customer");
      if (!errors.isEmpty() || !customer.has("id")) {
        outcomes.put(p.request.key(), rejected(p.request.key(), errors, "customerSet"));
        continue;
      }
      p.customerId = customer.path("id").asText();
      p.version = customer.path("updatedAt").asText(null);
      p.created = p.existing == null;
    }
  }

  private void setConsentAndMetafields(List<Plan> plans, Map<String, WriteOutcome> outcomes) {
    StringBuilder doc = new StringBuilder("mutation Preferences(");
    StringBuilder body = new StringBuilder();
    Map<String, Object> vars = new LinkedHashMap<>();
    Map<String, Plan> byAlias = new LinkedHashMap<>();
    int n = 0;
    for (int i = 0; i < plans.size(); i++) {
      Plan p = plans.get(i);
      Party party = p.request.entity();
      MarketingConsent wanted = party.marketingConsent();
      JsonNode now = p.existing;
      if (wanted != null) {
        String email = ShopifyCustomerMapping.marketingState(wanted.email());
        String current =
            now == null
                ? null
                : now.path("defaultEmailAddress").path("marketingState").asText(null);
        if (email != null
            && ShopifyCustomerMapping.email(party) != null
            && !email.equals(current)) {
          String alias = "e" + i;
          vars.put(alias, consentInput(p, "emailMarketingConsent", email, wanted));
          doc.append(n++ > 0 ? ", " : "")
              .append('$')
              .append(alias)
              .append(": CustomerEmailMarketingConsentUpdateInput!");
          body.append("  ")
              .append(alias)
              .append(": customerEmailMarketingConsentUpdate(input: $")
              .append(alias)
              .append(") { userErrors { code field message } }\n");
          byAlias.put(alias, p);
        }
        String sms = ShopifyCustomerMapping.marketingState(wanted.sms());
        String currentSms =
            now == null ? null : now.path("defaultPhoneNumber").path("marketingState").asText(null);
        if (sms != null && ShopifyCustomerMapping.phone(party) != null && !sms.equals(currentSms)) {
          String alias = "s" + i;
          vars.put(alias, consentInput(p, "smsMarketingConsent", sms, wanted));
          doc.append(n++ > 0 ? ", " : "")
              .append('$')
              .append(alias)
              .append(": CustomerSmsMarketingConsentUpdateInput!");
          body.append("  ")
              .append(alias)
              .append(": customerSmsMarketingConsentUpdate(input: $")
              .append(alias)
              .append(") { userErrors { code field message } }\n");
          byAlias.put(alias, p);
        }
      }
      List<Map<String, Object>> metafields = metafields(p, party);
      if (!metafields.isEmpty()) {
        String alias = "m" + i;
        vars.put(alias, metafields);
        doc.append(n++ > 0 ? ", " : "")
            .append('$')
            .append(alias)
            .append(": [MetafieldsSetInput!]!");
        body.append("  ")
            .append(alias)
            .append(": metafieldsSet(metafields: $")
            .append(alias)
            .append(") { userErrors { code field message } }\n");
        byAlias.put(alias, p);
      }
    }
    if (byAlias.isEmpty()) {
      return;
    }
    doc.append(") {\n").append(body).append("}");
    GraphQlResponse r;
    try {
      r = client.execute(GraphQlRequest.repeatableMutation(doc.toString(), vars));
    } catch (SyncException e) {
      if (!e.isRetryable()) {
        throw e;
      }
      for (Plan p : new LinkedHashSet<>(byAlias.values())) {
        outcomes.put(p.request.key(), retryable(p.request.key(), e));
      }
      return;
    }
    for (Map.Entry<String, Plan> e : byAlias.entrySet()) {
      List<UserError> errors = r.userErrors(e.getKey());
      if (!errors.isEmpty() && outcomes.get(e.getValue().request.key()) == null) {
        String what = e.getKey().startsWith("m") ? "metafieldsSet" : "marketing consent";
        outcomes.put(
            e.getValue().request.key(),
            rejected(e.getValue().request.key(), errors, "customer saved, but " + what));
      }
    }
  }

  private static Map<String, Object> consentInput(
      Plan p, String field, String state, MarketingConsent wanted) {
    Map<String, Object> consent = new LinkedHashMap<>();
    consent.put("marketingState", state);
    consent.put("marketingOptInLevel", "SINGLE_OPT_IN");
    if (wanted.updatedAt() != null) {
      consent.put("consentUpdatedAt", wanted.updatedAt().toString());
    }
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("customerId", p.customerId);
    input.put(field, consent);
    return input;
  }

  private static List<Map<String, Object>> metafields(Plan p, Party party) {
    Map<String, String> current = new HashMap<>();
    if (p.existing != null) {
      for (JsonNode m : p.existing.path("metafields").path("nodes")) {
        current.put(
            m.path("namespace").asText() + "." + m.path("key").asText(), m.path("value").asText());
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : party.extensions().entrySet()) {
      if (!e.getKey().startsWith(ShopifyCustomerMapping.METAFIELD_PREFIX) || e.getValue() == null) {
        continue;
      }
      String nsKey = e.getKey().substring(ShopifyCustomerMapping.METAFIELD_PREFIX.length());
      int dot = nsKey.indexOf('.');
      String value = e.getValue().toString();
      if (dot <= 0 || value.equals(current.get(nsKey))) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ownerId", p.customerId);
      m.put("namespace", nsKey.substring(0, dot));
      m.put("key", nsKey.substring(dot + 1));
      m.put("type", "single_line_text_field");
      m.put("value", value);
      out.add(m);
    }
    return out.size() > 25 ? out.subList(0, 25) : out;
  }

  private static WriteOutcome rejected(String key, List<UserError> errors, String what) {
    if (errors.isEmpty()) {
      return WriteOutcome.rejected(key, "INVALID", what + " returned no customer", List.of());
    }
    List<FieldError> fields = new ArrayList<>();
    StringBuilder msg = new StringBuilder(what).append(" refused: ");
    for (UserError e : errors) {
      // Values are personal data: never echoed back, only the field and Shopify's message.
      fields.add(
          FieldError.redacted(ShopifyCustomerMapping.canonicalField(e.field()), e.message()));
      msg.append(e.fieldPath().isEmpty() ? "" : e.fieldPath() + ": ")
          .append(e.message())
          .append("; ");
    }
    String code = errors.get(0).code() == null ? "INVALID" : errors.get(0).code();
    return WriteOutcome.rejected(key, code, msg.substring(0, msg.length() - 2), fields);
  }

  private static WriteOutcome rejected(String key, String code, ValidationException e) {
    return WriteOutcome.rejected(key, code, e.getMessage(), e.errors());
  }

  private static WriteOutcome retryable(String key, SyncException e) {
    String code =
        e instanceof RemoteSystemException r && r.errorCode().isPresent()
            ? r.errorCode().get()
            : e instanceof RateLimitException ? "THROTTLED" : "UNAVAILABLE";
    Duration after = e instanceof RateLimitException rl ? rl.retryAfter().orElse(null) : null;
    return WriteOutcome.retryable(key, code, e.getMessage(), after);
  }

  private static List<WriteOutcome> ordered(
      List<WriteRequest<Party>> batch, Map<String, WriteOutcome> outcomes) {
    List<WriteOutcome> out = new ArrayList<>();
    for (WriteRequest<Party> r : batch) {
      WriteOutcome o = outcomes.get(r.key());
      out.add(o != null ? o : WriteOutcome.retryable(r.key(), "NOT_WRITTEN", "not written", null));
    }
    return out;
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\'");
  }

  private static Instant instant(String s) {
    return s == null || s.isEmpty() ? null : Instant.parse(s);
  }

  @Override
  public String toString() {
    return "ShopifyCustomers[" + client + "]";
  }

  /** Builds {@link ShopifyCustomers}. Not thread-safe. */
  public static final class Builder {
    private final ShopifyGraphQlClient client;
    private SystemId system = SystemId.SHOPIFY;
    private Duration overlap = Duration.ofMinutes(2);
    private String customIdNamespace = "custom";
    private String customIdKey;
    private ShopifyListener listener = ShopifyListener.NONE;

    private Builder(ShopifyGraphQlClient client) {
      this.client = client;
    }

    /**
     * Sets the system id records carry; {@code shopify} by default.
     *
     * @param system the id
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Sets how far back each poll looks before the newest change delivered; 2 minutes by default.
     *
     * @param overlap the window, not negative
     * @return this builder
     */
    public Builder overlap(Duration overlap) {
      if (overlap == null || overlap.isNegative()) {
        throw ValidationException.of(
            "ShopifyCustomers", "overlap", overlap, "must not be negative");
      }
      this.overlap = overlap;
      return this;
    }

    /**
     * Upserts customers without e-mail or phone by a unique custom-id metafield, read from the
     * party's extension {@code metafield.<namespace>.<key>}.
     *
     * @param namespace the metafield's namespace, such as {@code custom}
     * @param key the metafield's key, such as {@code erp_id}
     * @return this builder
     */
    public Builder customId(String namespace, String key) {
      this.customIdNamespace = Objects.requireNonNull(namespace, "namespace");
      this.customIdKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Sets the listener told about customers left out of the feed; none by default.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ShopifyListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the customers access.
     *
     * @return the instance
     */
    public ShopifyCustomers build() {
      return new ShopifyCustomers(this);
    }
  }
}
