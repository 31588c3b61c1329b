package dev.retailsync.ecommerce.vendure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retailsync.api.AuthenticationException;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyAddress;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A connector for Vendure 3.x through the Admin GraphQL API ({@code POST <adminApiUrl>}), with an
 * API key ({@code vendure-api-key}, preferred: independent of admin logins) or a login session
 * token ({@code Authorization: Bearer}).
 *
 * <p>Entities: customers with their addresses as {@link Party} ({@link VendureCustomerMapping}),
 * read by Vendure id ({@link #reader}), looked up by our external id (the {@code externalId} custom
 * field, {@link #findCustomerByExternalId}) and upserted with one {@link WriteOutcome} per record
 * ({@link #writer}): an {@code ErrorResult} in {@code data} (for example {@code
 * EMAIL_ADDRESS_CONFLICT_ERROR}), a GraphQL error ({@code ENTITY_NOT_FOUND}, a database error
 * without a code) or invalid input reject that record only; a transport failure or HTTP 5xx makes
 * it retryable; {@code FORBIDDEN} throws {@link AuthenticationException} for the batch. Lists are
 * read with offset paging ({@code skip}/{@code take}, at most 1000 per page).
 *
 * <p>Record versions are the latest of the customer's and its addresses' {@code updatedAt} (Vendure
 * does not advance {@code Customer.updatedAt} when an address changes) followed by a fingerprint of
 * the content (database timestamps have whole seconds on sql.js); a write whose {@code
 * expectedVersion} differs is rejected with {@code VERSION_CONFLICT}. There are no idempotency keys
 * in Vendure: an upsert finds an earlier write through the {@code externalId} custom field, which
 * holds the request's key.
 */
public final class VendureConnector implements Connector {
  /** The largest {@code take} Vendure accepts ({@code adminListQueryLimit}). */
  public static final int MAX_PAGE = 1000;

  static final String CUSTOMER_LIST =
      "query Customers($options: CustomerListOptions) { customers(options: $options) {"
          + " totalItems items { "
          + VendureCustomerMapping.FIELDS
          + " } } }";
  private static final String ERROR_FRAGMENT =
      " ... on ErrorResult { __typename errorCode message }";

  private final SystemId system;
  private final VendureGraphQl client;
  private final int pageSize;

  private VendureConnector(Builder b) {
    this.system = b.system;
    this.pageSize = b.pageSize;
    this.client =
        new VendureGraphQl(
            b.http == null ? new OkHttpClient() : b.http, b.url, b.apiKey, b.bearerToken);
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SystemId system() {
    return system;
  }

  @Override
  public Set<EntityType<?>> entityTypes() {
    return Set.of(EntityType.PARTY);
  }

  /**
   * The customer change feed; see {@code VendureCustomerFeed} for what it guarantees: every
   * customer created or edited, or whose addresses were added or edited, after a cursor's state is
   * delivered by a later poll (each poll reads all customers, since Vendure cannot filter customers
   * by address timestamps and {@code Customer.updatedAt} ignores address edits); deletions are not
   * reported.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<ChangeFeed<T>> changeFeed(EntityType<T> type) {
    if (type != EntityType.PARTY) {
      return Optional.empty();
    }
    ChangeFeed<Party> f = new VendureCustomerFeed(client, system, MAX_PAGE);
    return Optional.of((ChangeFeed<T>) f);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordReader<T>> reader(EntityType<T> type) {
    if (type != EntityType.PARTY) {
      return Optional.empty();
    }
    RecordReader<Party> r = RecordReader.of(pageSize, this::readCustomers);
    return Optional.of((RecordReader<T>) r);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
    if (type != EntityType.PARTY) {
      return Optional.empty();
    }
    RecordWriter<Party> w = RecordWriter.of(50, this::upsertCustomers);
    return Optional.of((RecordWriter<T>) w);
  }

  /**
   * Reads customers by Vendure id; ids Vendure does not know are left out of the result.
   *
   * @param ids Vendure customer ids
   * @return the records found, in the order of {@code ids}
   */
  public List<RemoteRecord<Party>> readCustomers(List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("take", ids.size());
    options.put("filter", Map.of("id", Map.of("in", ids)));
    JsonNode page =
        client.execute("customers", CUSTOMER_LIST, Map.of("options", options)).path("customers");
    Map<String, RemoteRecord<Party>> byId = new LinkedHashMap<>();
    for (JsonNode c : page.path("items")) {
      byId.put(c.path("id").asText(), record(c));
    }
    List<RemoteRecord<Party>> out = new ArrayList<>();
    for (String id : ids) {
      if (byId.containsKey(id)) {
        out.add(byId.get(id));
      }
    }
    return out;
  }

  /**
   * Looks a customer up by our external id, held in Vendure's {@code externalId} custom field.
   *
   * @param externalId our id
   * @return the customer, if exactly one has it
   * @throws RemoteSystemException when several customers carry the same external id
   */
  public Optional<RemoteRecord<Party>> findCustomerByExternalId(String externalId) {
    JsonNode c = findRaw(externalId);
    return c == null ? Optional.empty() : Optional.of(record(c));
  }

  /**
   * Reads one page of customers sorted by id ({@code skip}/{@code take} offset paging).
   *
   * @param skip how many to skip
   * @param take how many to return, 1 to {@value #MAX_PAGE}
   * @return the customers of the page
   */
  public List<RemoteRecord<Party>> listCustomers(int skip, int take) {
    if (take < 1 || take > MAX_PAGE || skip < 0) {
      throw new IllegalArgumentException(
          "take must be 1.." + MAX_PAGE + " and skip 0 or more, were " + take + " and " + skip);
    }
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("skip", skip);
    options.put("take", take);
    options.put("sort", Map.of("id", "ASC"));
    List<RemoteRecord<Party>> out = new ArrayList<>();
    for (JsonNode c :
        client
            .execute("customers", CUSTOMER_LIST, Map.of("options", options))
            .path("customers")
            .path("items")) {
      out.add(record(c));
    }
    return out;
  }

  private JsonNode findRaw(String externalId) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("take", 2);
    options.put("filter", Map.of("externalId", Map.of("eq", externalId)));
    JsonNode items =
        client
            .execute("customers by externalId", CUSTOMER_LIST, Map.of("options", options))
            .path("customers")
            .path("items");
    if (items.size() > 1) {
      throw new RemoteSystemException(
          "Vendure has several customers with externalId " + externalId,
          200,
          "DUPLICATE_EXTERNAL_ID",
          null,
          dev.retailsync.api.ErrorContext.of(system, "customers by externalId"),
          false);
    }
    return items.isEmpty() ? null : items.get(0);
  }

  private JsonNode getRaw(String id) {
    JsonNode c =
        client
            .execute(
                "customer",
                "query C($id: ID!) { customer(id: $id) { " + VendureCustomerMapping.FIELDS + " } }",
                Map.of("id", id))
            .path("customer");
    return c.isObject() ? c : null;
  }

  private RemoteRecord<Party> record(JsonNode c) {
    Instant modified = VendureCustomerMapping.lastModified(c);
    return new RemoteRecord<>(
        ExternalId.of(system, c.path("id").asText()),
        VendureCustomerMapping.toParty(c),
        version(c),
        modified);
  }

  /** The version token: modification time and content fingerprint (second-precision safe). */
  static String version(JsonNode c) {
    Instant m = VendureCustomerMapping.lastModified(c);
    return (m == null ? Instant.EPOCH : m) + "/" + VendureCustomerFeed.fingerprint(c);
  }

  private List<WriteOutcome> upsertCustomers(List<WriteRequest<Party>> batch) {
    List<WriteOutcome> out = new ArrayList<>();
    for (WriteRequest<Party> req : batch) {
      out.add(upsertOne(req));
    }
    return out;
  }

  private WriteOutcome upsertOne(WriteRequest<Party> req) {
    try {
      Map<String, Object> input = VendureCustomerMapping.toInput(req.entity(), req.key());
      List<Map<String, Object>> addresses = new ArrayList<>();
      int i = 0;
      for (PartyAddress pa : req.entity().addresses()) {
        addresses.add(VendureCustomerMapping.addressInput(pa, i++));
      }
      JsonNode existing = req.target() != null ? getRaw(req.target().id()) : findRaw(req.key());
      if (req.target() != null && existing == null) {
        return WriteOutcome.rejected(
            req.key(),
            "ENTITY_NOT_FOUND",
            "Vendure has no customer " + req.target().id(),
            List.of(FieldError.of("target", req.target().id(), "no such Vendure customer")));
      }
      if (existing != null && req.expectedVersion() != null) {
        String v = version(existing);
        if (!req.expectedVersion().equals(v)) {
          return WriteOutcome.rejected(
              req.key(),
              "VERSION_CONFLICT",
              "customer "
                  + existing.path("id").asText()
                  + " changed: version "
                  + v
                  + ", expected "
                  + req.expectedVersion(),
              List.of());
        }
      }
      String id;
      boolean created;
      if (existing == null) {
        JsonNode r =
            client
                .execute(
                    "createCustomer",
                    "mutation Create($input: CreateCustomerInput!) { createCustomer(input:"
                        + " $input) { __typename ... on Customer { id }"
                        + ERROR_FRAGMENT
                        + " } }",
                    Map.of("input", input))
                .path("createCustomer");
        VendureGraphQl.ErrorResult err = VendureGraphQl.errorResult(r);
        if (err != null) {
          return WriteOutcome.rejected(req.key(), err.errorCode(), err.message(), List.of());
        }
        id = r.path("id").asText();
        created = true;
      } else {
        id = existing.path("id").asText();
        input.put("id", id);
        JsonNode r =
            client
                .execute(
                    "updateCustomer",
                    "mutation Update($input: UpdateCustomerInput!) { updateCustomer(input:"
                        + " $input) { __typename ... on Customer { id }"
                        + ERROR_FRAGMENT
                        + " } }",
                    Map.of("input", input))
                .path("updateCustomer");
        VendureGraphQl.ErrorResult err = VendureGraphQl.errorResult(r);
        if (err != null) {
          return WriteOutcome.rejected(req.key(), err.errorCode(), err.message(), List.of());
        }
        created = false;
      }
      Set<String> have = new HashSet<>();
      if (existing != null) {
        for (JsonNode a : existing.path("addresses")) {
          have.add(
              VendureCustomerMapping.addressKey(
                  VendureCustomerMapping.text(a, "streetLine1"),
                  VendureCustomerMapping.text(a, "postalCode"),
                  VendureCustomerMapping.text(a.path("country"), "code")));
        }
      }
      for (Map<String, Object> a : addresses) {
        String key =
            VendureCustomerMapping.addressKey(
                a.get("streetLine1"), a.get("postalCode"), a.get("countryCode"));
        if (have.add(key)) {
          client.execute(
              "createCustomerAddress",
              "mutation Addr($id: ID!, $input: CreateAddressInput!) {"
                  + " createCustomerAddress(customerId: $id, input: $input) { id } }",
              Map.of("id", id, "input", a));
        }
      }
      JsonNode after = Objects.requireNonNull(getRaw(id), "customer " + id + " vanished");
      ExternalId ext = ExternalId.of(system, id);
      String version = version(after);
      return created
          ? WriteOutcome.created(req.key(), ext, version)
          : WriteOutcome.updated(req.key(), ext, version);
    } catch (ValidationException e) {
      return WriteOutcome.rejected(req.key(), "INVALID_INPUT", e.getMessage(), e.errors());
    } catch (MappingException e) {
      return WriteOutcome.rejected(req.key(), "MAPPING_FAILED", e.getMessage(), List.of());
    } catch (AuthenticationException e) {
      throw e;
    } catch (RemoteSystemException e) {
      String code = e.errorCode().orElse("REMOTE_ERROR");
      return e.isRetryable()
          ? WriteOutcome.retryable(req.key(), code, e.getMessage(), null)
          : WriteOutcome.rejected(req.key(), code, e.getMessage(), List.of());
    }
  }

  @Override
  public String toString() {
    return "VendureConnector[" + system + "]";
  }

  /** Builds a {@link VendureConnector}. */
  public static final class Builder {
    private SystemId system = SystemId.of("vendure");
    private HttpUrl url;
    private OkHttpClient http;
    private String apiKey;
    private String bearerToken;
    private int pageSize = 100;

    private Builder() {}

    /**
     * Sets the Admin API URL, for example {@code https://shop.example.com/admin-api}.
     *
     * @param adminApiUrl the URL
     * @return this builder
     * @throws ValidationException when the URL is not http(s)
     */
    public Builder adminApiUrl(String adminApiUrl) {
      HttpUrl u = adminApiUrl == null ? null : HttpUrl.parse(adminApiUrl);
      if (u == null) {
        throw ValidationException.of(
            "VendureConnector",
            "adminApiUrl",
            adminApiUrl,
            "must be an http(s) URL such as https://shop.example.com/admin-api");
      }
      this.url = u;
      return this;
    }

    /**
     * Sets the HTTP client (timeouts, proxies, interceptors); default a new {@link OkHttpClient}.
     *
     * @param http the client
     * @return this builder
     */
    public Builder http(OkHttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Authenticates with an API key, sent as {@code vendure-api-key} (Vendure 3.6 and later).
     *
     * @param apiKey the key, {@code <lookupId>:<secret>}
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Authenticates with a login session token, sent as {@code Authorization: Bearer}.
     *
     * @param bearerToken the token from the {@code vendure-auth-token} header of {@code login}
     * @return this builder
     */
    public Builder bearerToken(String bearerToken) {
      this.bearerToken = bearerToken;
      return this;
    }

    /**
     * Sets this connector's system id; default {@code vendure}.
     *
     * @param system the id
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Sets the page size for reads, 1 to {@value VendureConnector#MAX_PAGE}; default 100.
     *
     * @param pageSize the size
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1 || pageSize > MAX_PAGE) {
        throw ValidationException.of(
            "VendureConnector", "pageSize", pageSize, "must be 1.." + MAX_PAGE);
      }
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Builds the connector.
     *
     * @return the connector
     * @throws ValidationException when the URL or the credential is missing
     */
    public VendureConnector build() {
      List<FieldError> errors = new ArrayList<>();
      if (url == null) {
        errors.add(FieldError.of("adminApiUrl", null, "is required, e.g. https://host/admin-api"));
      }
      boolean key = apiKey != null && !apiKey.isBlank();
      boolean token = bearerToken != null && !bearerToken.isBlank();
      if (key == token) {
        errors.add(
            FieldError.of(
                "apiKey",
                null,
                key
                    ? "set either apiKey or bearerToken, not both"
                    : "set apiKey (vendure-api-key) or bearerToken (login session)"));
      }
      if (!errors.isEmpty()) {
        throw new ValidationException("VendureConnector", errors);
      }
      return new VendureConnector(this);
    }
  }
}
