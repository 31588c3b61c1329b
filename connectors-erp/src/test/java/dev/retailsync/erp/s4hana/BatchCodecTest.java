package dev.retailsync.erp.s4hana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The $batch request writer and the response reader. */
class BatchCodecTest {

  @Test
  void writesOneChangesetPerGroupWithIfMatchAndCrlf() {
    BatchCodec.Written w =
        BatchCodec.write(
            List.of(
                List.of(
                    new BatchCodec.Operation("POST", "A_BusinessPartner", null, "{\"a\":1}"),
                    new BatchCodec.Operation(
                        "PATCH", "A_BusinessPartner('1')", "W/\"x\"", "{\"b\":2}")),
                List.of(new BatchCodec.Operation("POST", "A_SalesOrder", null, "{}"))));
    String boundary = BatchCodec.boundary(w.contentType());
    assertTrue(boundary.startsWith("batch_"));
    assertEquals(
        2, w.body().split("Content-Type: multipart/mixed; boundary=changeset_", -1).length - 1);
    assertTrue(w.body().contains("PATCH A_BusinessPartner('1') HTTP/1.1\r\n"));
    assertTrue(w.body().contains("If-Match: W/\"x\"\r\n"));
    assertTrue(w.body().endsWith("--" + boundary + "--\r\n"));
  }

  @Test
  void readsTheRecordedLayoutWithAFailedChangesetAsOneErrorPart() {
    String body = S4HanaWirePayloadContractTest.resource("batch-response-one-failed.txt");
    List<List<BatchCodec.Part>> parts =
        BatchCodec.read(
            "multipart/mixed; boundary=batchresponse_76ef6b0a-a0e2-4f31-9f70-f5d3f73a6bef", body);
    assertEquals(2, parts.size());
    assertEquals(1, parts.get(0).size());
    assertEquals(201, parts.get(0).get(0).status());
    assertTrue(parts.get(0).get(0).body().startsWith("{\"d\":"));
    assertTrue(parts.get(0).get(0).header("Location").endsWith("A_BusinessPartner('17100009')"));
    assertEquals(400, parts.get(1).get(0).status());
    assertTrue(parts.get(1).get(0).body().contains("ZCU/100"));
  }
}
