package dev.retailsync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.spi.WriteOutcome;
import dev.retailsync.api.spi.WriteRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * One Bulk API 2.0 ingest job: create, upload the CSV, close, poll with backoff, then read the
 * successful, failed and (for failed or aborted jobs) unprocessed results, which come in no
 * guaranteed order and are matched back to the caller's keys by the external id column.
 */
final class BulkIngest {
  /** Records per job: far below the 150 MB upload limit for accounts. */
  static final int MAX_RECORDS = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
  private static final MediaType TEXT_CSV = MediaType.get("text/csv");
  private static final Set<String> TERMINAL = Set.of("JobComplete", "Failed", "Aborted");

  private BulkIngest() {}

  static <T extends CanonicalEntity> List<WriteOutcome> upsert(
      SalesforceConnector sf,
      SObjectMapping<T> mapping,
      List<WriteRequest<T>> requests,
      ArrayNode records) {
    sf.checkBudget("bulk upsert");
    String extField = mapping.externalIdField();
    ObjectNode job = JSON.createObjectNode();
    job.put("object", mapping.sobject());
    job.put("operation", "upsert");
    job.put("externalIdFieldName", extField);
    job.put("contentType", "CSV");
    job.put("lineEnding", "LF");
    job.put("columnDelimiter", "COMMA");
    JsonNode created =
        sf.sendJson(
            "bulk create job",
            sf.newRequest(sf.apiUrl().addPathSegments("jobs/ingest").build())
                .post(RequestBody.create(job.toString(), APPLICATION_JSON))
                .build());
    String id = created.path("id").asText();

    Request.Builder upload =
        sf.newRequest(sf.apiUrl().addPathSegments("jobs/ingest/" + id + "/batches").build());
    sf.send("bulk upload", upload.put(sf.body(upload, csv(records), TEXT_CSV)).build());
    sf.sendJson(
        "bulk close job",
        sf.newRequest(sf.apiUrl().addPathSegments("jobs/ingest/" + id).build())
            .patch(RequestBody.create("{\"state\":\"UploadComplete\"}", APPLICATION_JSON))
            .build());

    JsonNode state = poll(sf, id);
    String s = state.path("state").asText();
    if (!TERMINAL.contains(s)) {
      List<WriteOutcome> unknown = new ArrayList<>();
      for (WriteRequest<T> r : requests) {
        unknown.add(
            WriteOutcome.retryable(
                r.key(),
                "BULK_JOB_TIMEOUT",
                "bulk job " + id + " still " + s + " after " + sf.bulkTimeout(),
                null));
      }
      return unknown;
    }

    // External id value -> indices of the requests that carried it, in order.
    Map<String, Deque<Integer>> byKey = new HashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      byKey.computeIfAbsent(records.get(i).path(extField).asText(), k -> new ArrayDeque<>()).add(i);
    }
    WriteOutcome[] out = new WriteOutcome[requests.size()];
    for (List<String> row : results(sf, id, "successfulResults", extField)) {
      Integer i = take(byKey, row.get(2));
      if (i != null) {
        ExternalId ext = ExternalId.of(sf.system(), row.get(0));
        String key = requests.get(i).key();
        out[i] =
            Boolean.parseBoolean(row.get(1))
                ? WriteOutcome.created(key, ext, null)
                : WriteOutcome.updated(key, ext, null);
      }
    }
    for (List<String> row : results(sf, id, "failedResults", extField)) {
      Integer i = take(byKey, row.get(2));
      if (i != null) {
        out[i] = failed(requests.get(i).key(), row.get(1));
      }
    }
    if (!s.equals("JobComplete")) {
      String why = "bulk job " + id + " ended " + s + ": " + state.path("errorMessage").asText("");
      for (List<String> row : results(sf, id, "unprocessedrecords", extField)) {
        Integer i = take(byKey, row.get(0));
        if (i != null) {
          out[i] = WriteOutcome.retryable(requests.get(i).key(), "UNPROCESSED", why, null);
        }
      }
    }
    List<WriteOutcome> list = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      list.add(
          out[i] != null
              ? out[i]
              : WriteOutcome.retryable(
                  requests.get(i).key(),
                  "NO_RESULT",
                  "bulk job " + id + " reported no result for this record",
                  null));
    }
    return list;
  }

  private static Integer take(Map<String, Deque<Integer>> byKey, String value) {
    Deque<Integer> d = byKey.get(value);
    return d == null ? null : d.poll();
  }

  /** {@code sf__Error} is {@code CODE:message:fields}. */
  private static WriteOutcome failed(String key, String error) {
    String[] parts = error.split(":", 3);
    String code = parts[0];
    String message = parts.length > 1 ? parts[1] : error;
    List<FieldError> fields = new ArrayList<>();
    if (parts.length > 2) {
      for (String f : parts[2].replace("--", "").split(",")) {
        if (!f.isBlank()) {
          fields.add(FieldError.redacted(f.trim(), message));
        }
      }
    }
    return SalesforceErrors.classify(code, message) == SalesforceErrors.Kind.TRANSIENT
        ? WriteOutcome.retryable(key, code, message, null)
        : WriteOutcome.rejected(key, code, message.isBlank() ? code : message, fields);
  }

  private static JsonNode poll(SalesforceConnector sf, String id) {
    Instant deadline = sf.clock().instant().plus(sf.bulkTimeout());
    Duration wait = Duration.ofSeconds(1);
    while (true) {
      JsonNode job =
          sf.sendJson(
              "bulk poll job",
              sf.newRequest(sf.apiUrl().addPathSegments("jobs/ingest/" + id).build())
                  .get()
                  .build());
      if (TERMINAL.contains(job.path("state").asText())
          || !sf.clock().instant().isBefore(deadline)) {
        return job;
      }
      sf.pause(wait);
      wait =
          wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
              ? Duration.ofSeconds(30)
              : wait.multipliedBy(2);
    }
  }

  /**
   * Reads a result CSV; each row is reordered as the caller needs it: for successful results {@code
   * [sf__Id, sf__Created, externalId]}, for failed ones {@code [sf__Id, sf__Error, externalId]},
   * for unprocessed ones {@code [externalId]}.
   */
  private static List<List<String>> results(
      SalesforceConnector sf, String id, String kind, String extField) {
    String text =
        sf.send(
            "bulk " + kind,
            sf.newRequest(
                    sf.apiUrl().addPathSegments("jobs/ingest/" + id + "/" + kind + "/").build())
                .header("Accept", "text/csv")
                .get()
                .build());
    List<List<String>> rows = Csv.parse(text);
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> header = rows.get(0);
    int ext = header.indexOf(extField);
    int sfId = header.indexOf("sf__Id");
    int second = header.indexOf(kind.equals("failedResults") ? "sf__Error" : "sf__Created");
    List<List<String>> out = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      if (ext < 0 || ext >= row.size()) {
        continue;
      }
      out.add(
          kind.equals("unprocessedrecords")
              ? List.of(row.get(ext))
              : List.of(
                  sfId < 0 ? "" : row.get(sfId), second < 0 ? "" : row.get(second), row.get(ext)));
    }
    return out;
  }

  private static String csv(ArrayNode records) {
    Set<String> columns = new LinkedHashSet<>();
    for (JsonNode r : records) {
      r.properties()
          .forEach(
              e -> {
                if (e.getKey().equals("attributes")) {
                  return;
                }
                if (e.getValue().isObject()) {
                  // A reference by the parent's external id becomes Account.ERP_Customer_Id__c.
                  e.getValue()
                      .fieldNames()
                      .forEachRemaining(
                          f -> {
                            if (!f.equals("attributes")) {
                              columns.add(e.getKey() + "." + f);
                            }
                          });
                } else {
                  columns.add(e.getKey());
                }
              });
    }
    StringBuilder sb = new StringBuilder(Csv.line(new ArrayList<>(columns)));
    for (JsonNode r : records) {
      List<String> values = new ArrayList<>();
      for (String c : columns) {
        int dot = c.indexOf('.');
        JsonNode v = dot > 0 ? r.path(c.substring(0, dot)).get(c.substring(dot + 1)) : r.get(c);
        // Empty leaves a field as it is; #N/A clears it.
        values.add(v == null ? "" : v.isNull() ? "#N/A" : v.asText());
      }
      sb.append(Csv.line(values));
    }
    return sb.toString();
  }
}
