package dev.retailsync.ecommerce.vendure;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.ContactPoint;
import dev.retailsync.api.model.ContactPointType;
import dev.retailsync.api.model.Party;
import dev.retailsync.api.model.PartyKind;
import dev.retailsync.api.model.PersonName;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.testkit.ConnectorConformanceKit;
import dev.retailsync.testkit.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The conformance kit for customers against the real Vendure server; faults (HTTP 429 and 503,
 * which Vendure itself never sends) come from an interceptor in front of it.
 */
@RealVendure
class VendureConformanceTest extends ConnectorConformanceKit<Party> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final VendureTestServer server;
  private final AtomicReference<Fault> fault = new AtomicReference<>();

  VendureConformanceTest(VendureTestServer server) {
    this.server = server;
  }

  @Override
  protected Connector connector() {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  Fault f = fault.getAndSet(null);
                  if (f == null) {
                    return chain.proceed(chain.request());
                  }
                  return new Response.Builder()
                      .request(chain.request())
                      .protocol(Protocol.HTTP_1_1)
                      .code(f == Fault.THROTTLED ? 429 : 503)
                      .message("injected")
                      .body(ResponseBody.create("", MediaType.get("text/plain")))
                      .build();
                })
            .build();
    return VendureConnector.builder()
        .adminApiUrl(server.adminApiUrl())
        .apiKey(server.apiKey())
        .http(http)
        .build();
  }

  @Override
  protected EntityType<Party> entityType() {
    return EntityType.PARTY;
  }

  @Override
  protected Party sample(String key) {
    return Party.builder()
        .kind(PartyKind.PERSON)
        .name(new PersonName(null, "Conf", null, "Sample " + key, null))
        .contactPoints(
            List.of(
                new ContactPoint(
                    ContactPointType.EMAIL,
                    key.toLowerCase(Locale.ROOT) + "@example.com",
                    null,
                    true,
                    null,
                    null,
                    ConsentState.UNKNOWN)))
        .build();
  }

  @Override
  protected Party changed(Party p) {
    return p.toBuilder()
        .name(new PersonName(null, "Conf", null, p.name().family() + " (moved)", null))
        .build();
  }

  @Override
  protected Object roundTrip(Party p) {
    return List.of(
        p.name().given(),
        p.name().family(),
        p.contactPoints().stream().map(ContactPoint::value).toList());
  }

  @Override
  protected String unknownId() {
    return "999999";
  }

  @Override
  protected Optional<Party> invalid(String key) {
    return Optional.of(
        Party.builder()
            .kind(PartyKind.PERSON)
            .name(new PersonName(null, "No", null, "Email " + key, null))
            .build());
  }

  @Override
  protected boolean changeRemotely(ExternalId id) {
    try {
      String body =
          JSON.writeValueAsString(
              Map.of(
                  "query",
                  "mutation U($input: UpdateCustomerInput!) { updateCustomer(input: $input) {"
                      + " __typename ... on ErrorResult { errorCode message } } }",
                  "variables",
                  Map.of("input", Map.of("id", id.id(), "phoneNumber", "+1 555 0100"))));
      Request req =
          new Request.Builder()
              .url(server.adminApiUrl())
              .header("Authorization", "Bearer " + server.bearerToken())
              .post(RequestBody.create(body, MediaType.get("application/json")))
              .build();
      try (Response r = new OkHttpClient().newCall(req).execute()) {
        String text = r.body().string();
        return JSON.readTree(text)
            .path("data")
            .path("updateCustomer")
            .path("__typename")
            .asText()
            .equals("Customer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected boolean injectFault(Fault f) {
    fault.set(f);
    return true;
  }
}
