package dev.retailsync.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.BillingProfile;
import dev.retailsync.api.model.ConsentState;
import dev.retailsync.api.model.CreditStatus;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.CustomerType;
import dev.retailsync.api.model.InvoiceDelivery;
import dev.retailsync.api.model.LoyaltyMembership;
import dev.retailsync.api.model.MarketingConsent;
import dev.retailsync.api.model.Money;
import dev.retailsync.api.model.PostalAddress;
import dev.retailsync.api.model.ShippingProfile;
import dev.retailsync.core.json.CanonicalJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code benchmarks/run json [RECORDS]}: reading and writing canonical accounts (about 40 fields)
 * through {@link CanonicalJson} (schema-version check, exact decimals, typed errors) beside plain
 * Jackson databind with default settings on the same records, in the same run.
 */
final class JsonBenchmark {
  private JsonBenchmark() {}

  static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    List<Account> accounts = accounts(n, new Random(42));
    CanonicalJson canonical = CanonicalJson.create();
    ObjectMapper plain =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    List<String> docs = new ArrayList<>(n);
    for (Account a : accounts) {
      docs.add(canonical.write(a));
    }
    long bytes = docs.stream().mapToLong(String::length).sum();

    Results results = new Results("json");
    results.add(
        row(
            "read+write " + n + " accounts (" + bytes / n + " B each)",
            "jackson-databind (plain)",
            Measure.run(
                3,
                5,
                n,
                () -> {
                  long s = 0;
                  try {
                    for (String d : docs) {
                      s += plain.writeValueAsString(plain.readValue(d, Account.class)).length();
                    }
                  } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                  }
                  return s;
                })));
    results.add(
        row(
            "read+write " + n + " accounts (" + bytes / n + " B each)",
            "retail-sync CanonicalJson",
            Measure.run(
                3,
                5,
                n,
                () -> {
                  long s = 0;
                  for (String d : docs) {
                    s += canonical.write(canonical.read(d, Account.class)).length();
                  }
                  return s;
                })));
    results.publish();
  }

  private static Map<String, Object> row(String c, String engine, Map<String, Object> figures) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("case", c);
    row.put("engine", engine);
    row.putAll(figures);
    return row;
  }

  /** Seeded accounts with most fields set and some left out, as sources send them. */
  static List<Account> accounts(int n, Random r) {
    String[] streets = {"Hauptstraße", "Main Street", "Rue de Rivoli", "Calle Mayor", "High St"};
    String[] cities = {"Berlin", "Springfield", "Paris", "Madrid", "London"};
    String[] countries = {"DE", "US", "FR", "ES", "GB"};
    List<Account> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(5);
      PostalAddress address =
          PostalAddress.builder()
              .lines((1 + r.nextInt(200)) + " " + streets[c])
              .locality(cities[c])
              .postalCode(String.format("%05d", r.nextInt(99999)))
              .country(countries[c])
              .build();
      boolean business = r.nextInt(4) == 0;
      Account.Builder b =
          Account.builder()
              .accountNumber("C-" + (100000 + i))
              .name((business ? "Company " : "Customer ") + i)
              .customerType(business ? CustomerType.BUSINESS : CustomerType.CONSUMER)
              .status(r.nextInt(10) == 0 ? AccountStatus.PROVISIONAL : AccountStatus.ACTIVE)
              .credit(
                  new CreditTerms(
                      CreditStatus.values()[r.nextInt(4)],
                      Money.of(BigDecimal.valueOf(r.nextInt(100) * 500L), "EUR"),
                      Money.of(BigDecimal.valueOf(r.nextInt(1_000_000), 2), "EUR")))
              .paymentTerms(business ? "NET30" : "PREPAID")
              .taxClass("STANDARD")
              .priceGroup(business ? "B2B" : "RETAIL")
              .currency("EUR")
              .billing(
                  new BillingProfile(
                      address, "customer" + i + "@example.com", InvoiceDelivery.EMAIL, business))
              .shipping(new ShippingProfile(address, "DHL", "STANDARD", null))
              .marketingConsent(
                  new MarketingConsent(
                      ConsentState.values()[r.nextInt(4)],
                      ConsentState.values()[r.nextInt(4)],
                      null,
                      null,
                      Instant.ofEpochSecond(1_700_000_000L + r.nextInt(50_000_000)),
                      "web"));
      if (r.nextBoolean()) {
        b.loyalty(
            new LoyaltyMembership(
                "CLUB",
                "LM-" + i,
                r.nextBoolean() ? "GOLD" : "SILVER",
                (long) r.nextInt(50_000),
                LocalDate.ofEpochDay(18_000 + r.nextInt(2_000))));
      }
      if (r.nextInt(3) == 0) {
        b.putExtension("segment__c", "S" + r.nextInt(10));
      }
      out.add(b.build());
    }
    return out;
  }
}
