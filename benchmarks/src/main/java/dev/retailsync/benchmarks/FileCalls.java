package dev.retailsync.benchmarks;

import dev.retailsync.api.EntityType;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import dev.retailsync.erp.file.FileConnector;
import dev.retailsync.erp.file.fake.FakeFileErp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Flat-file hand-offs spent to upsert customers through the file connector: one export file per
 * writer batch (1,000 records), beside a client that hands off one file per record, against the
 * same fake ERP, which imports every file and must end with every customer; plus the same batch
 * again unchanged (the connector's index finds nothing to export). A "call" here is one file the
 * ERP has to pick up and process.
 */
final class FileCalls {
  private FileCalls() {}

  static void addRows(Results results, int customers) {
    List<Account> accounts = JsonBenchmark.accounts(customers, new Random(42));
    Clock clock = Clock.systemUTC();
    Path dir;
    try {
      dir = Files.createTempDirectory("retail-sync-file-calls");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path batched = dir.resolve("batched");
      FileConnector files = FileConnector.builder().directory(batched).clock(clock).build();
      long[] calls = upsert(files, batched, accounts, new FakeFileErp(batched, clock), customers);
      results.add(
          row(customers, "retail-sync, flat files (one CSV per 1,000-record batch)", calls));
      long[] again = upsert(files, batched, accounts, new FakeFileErp(batched, clock), 0);
      results.add(row(customers, "retail-sync, flat files, same batch again unchanged", again));

      Path single = dir.resolve("single");
      long[] naive = onePerRecord(single, accounts, new FakeFileErp(single, clock));
      results.add(row(customers, "one call per record (one file per customer)", naive));
    } finally {
      delete(dir);
    }
  }

  /** Upserts every account, lets the ERP import the files, returns files and bytes handed off. */
  private static long[] upsert(
      FileConnector files,
      Path directory,
      List<Account> accounts,
      FakeFileErp erp,
      int expectedInErp) {
    RecordWriter<Account> writer = files.writer(EntityType.ACCOUNT).orElseThrow();
    for (int i = 0; i < accounts.size(); i += writer.maxBatchSize()) {
      List<WriteRequest<Account>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(accounts.size(), i + writer.maxBatchSize()); j++) {
        batch.add(WriteRequest.of("k" + j, accounts.get(j)));
      }
      for (WriteOutcome o : writer.upsert(batch)) {
        if (!o.isSuccess()) {
          throw new IllegalStateException("write failed: " + o);
        }
      }
    }
    long bytes = 0;
    Path outbox = directory.resolve("outbox");
    if (Files.isDirectory(outbox)) {
      try (Stream<Path> list = Files.list(outbox)) {
        for (Path p : list.toList()) {
          bytes += p.toFile().length();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<String> consumed = erp.consumeOutbox();
    if (erp.records("customers").size() != expectedInErp) {
      throw new IllegalStateException(
          "the ERP holds "
              + erp.records("customers").size()
              + " customers, expected "
              + expectedInErp);
    }
    return new long[] {consumed.size(), bytes};
  }

  /**
   * The client a quick integration writes: one small CSV file per customer, written in place (no
   * temporary name, no fsync, no index), so the ERP picks up one file per customer.
   */
  private static long[] onePerRecord(Path directory, List<Account> accounts, FakeFileErp erp) {
    Path outbox = directory.resolve("outbox");
    long bytes = 0;
    try {
      Files.createDirectories(outbox);
      for (int i = 0; i < accounts.size(); i++) {
        Account a = accounts.get(i);
        String csv =
            "customer_no,name,type,status,payment_terms,currency\r\n"
                + String.join(
                    ",",
                    a.accountNumber(),
                    quote(a.name()),
                    a.customerType().name(),
                    a.status().name(),
                    a.paymentTerms(),
                    a.currency())
                + "\r\n";
        byte[] content = csv.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(outbox.resolve(String.format("customers-%06d.csv", i)), content);
        bytes += content.length;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long files = erp.consumeOutbox().size();
    if (erp.records("customers").size() != accounts.size()) {
      throw new IllegalStateException("the ERP holds " + erp.records("customers").size());
    }
    return new long[] {files, bytes};
  }

  private static String quote(String v) {
    return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  private static Map<String, Object> row(int customers, String engine, long[] calls) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("case", String.format("upsert %,d customers", customers));
    row.put("engine", engine);
    row.put("calls", calls[0]);
    row.put(
        "records_per_call",
        calls[0] == 0 ? "-" : String.format("%.1f", customers / (double) calls[0]));
    return row;
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
