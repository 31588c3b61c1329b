package dev.retailsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.RemoteSystemException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.core.http.OAuthGrant;
import dev.retailsync.core.http.OAuthTokenProvider;
import dev.retailsync.salesforce.fake.FakeSalesforce;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * A Salesforce that answers too late: a retryable timeout, and an upsert that is safe to repeat.
 */
class SlowResponseTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private final FakeSalesforce fake = new FakeSalesforce(clock, "3MVG9", "s3cr3t");
  private final OkHttpClient http =
      fake.client().newBuilder().readTimeout(Duration.ofSeconds(10)).build();
  private final SalesforceConnector sf =
      SalesforceConnector.builder()
          .http(http)
          .tokenProvider(
              OAuthTokenProvider.builder(
                      http,
                      HttpUrl.get(FakeSalesforce.TOKEN_URL),
                      OAuthGrant.clientCredentials("3MVG9", "s3cr3t", null))
                  .clock(clock)
                  .build())
          .instanceUrl(FakeSalesforce.INSTANCE_URL)
          .clock(clock)
          .build();

  private static List<WriteRequest<Account>> acme() {
    return List.of(
        WriteRequest.of(
            "C-1",
            Account.builder()
                .accountNumber("C-1")
                .name("Acme Retail")
                .customerType(CustomerType.BUSINESS)
                .status(AccountStatus.ACTIVE)
                .build()));
  }

  @Test
  void anAnswerAfterTheReadTimeoutIsARetryableFailureAndTheRepeatUpdatesTheSameRecord() {
    var writer = sf.writer(EntityType.ACCOUNT).orElseThrow();
    sf.reader(EntityType.ACCOUNT).orElseThrow().read(List.of("001FK0000000000AAA"));

    fake.respondAfter(Duration.ofSeconds(30));
    RemoteSystemException e =
        assertThrows(RemoteSystemException.class, () -> writer.upsert(acme()));
    assertTrue(e.isRetryable(), "an upsert by external id is safe to repeat");
    assertEquals(1, fake.records("Account").size(), "the slow org did the work anyway");

    fake.respondAfter(Duration.ofSeconds(2));
    List<WriteOutcome> again = writer.upsert(acme());
    assertEquals(WriteOutcome.Status.UPDATED, again.get(0).status(), "not a second record");
    assertEquals(1, fake.records("Account").size());
  }
}
