package dev.retailsync.erp.s4hana;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Writes OData v2 {@code $batch} requests ({@code multipart/mixed}, one changeset per group of
 * modifying operations) and reads their responses, matching answers to operations by position: SAP
 * Gateway does not reliably echo {@code Content-ID}. A changeset that failed comes back as a single
 * {@code application/http} error part instead of a nested multipart.
 */
final class BatchCodec {
  private static final String CRLF = "\r\n";

  private BatchCodec() {}

  /**
   * One modifying operation inside a changeset.
   *
   * @param method {@code POST}, {@code PATCH}, {@code MERGE} or {@code DELETE}
   * @param resource the resource relative to the service root, such as {@code A_BusinessPartner}
   * @param ifMatch the {@code If-Match} value, or {@code null}
   * @param body the JSON body, or {@code null}
   */
  record Operation(String method, String resource, String ifMatch, String body) {}

  /**
   * One answer inside a batch response.
   *
   * @param status the HTTP status of the operation
   * @param headers its headers, names in lower case
   * @param body its body, possibly empty
   */
  record Part(int status, Map<String, String> headers, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * A written batch: its body and its {@code Content-Type} with the boundary.
   *
   * @param contentType {@code multipart/mixed; boundary=batch_…}
   * @param body the body
   */
  record Written(String contentType, String body) {}

  /**
   * Writes a batch with one changeset per list of operations.
   *
   * @param changesets the changesets, in order
   * @return the request body and content type
   */
  static Written write(List<List<Operation>> changesets) {
    String batch = "batch_" + UUID.randomUUID();
    StringBuilder sb = new StringBuilder();
    int contentId = 0;
    for (List<Operation> changeset : changesets) {
      String cs = "changeset_" + UUID.randomUUID();
      sb.append("--").append(batch).append(CRLF);
      sb.append("Content-Type: multipart/mixed; boundary=").append(cs).append(CRLF).append(CRLF);
      for (Operation op : changeset) {
        sb.append("--").append(cs).append(CRLF);
        sb.append("Content-Type: application/http").append(CRLF);
        sb.append("Content-Transfer-Encoding: binary").append(CRLF);
        sb.append("Content-ID: ").append(++contentId).append(CRLF).append(CRLF);
        sb.append(op.method()).append(' ').append(op.resource()).append(" HTTP/1.1").append(CRLF);
        sb.append("Accept: application/json").append(CRLF);
        if (op.ifMatch() != null) {
          sb.append("If-Match: ").append(op.ifMatch()).append(CRLF);
        }
        if (op.body() != null) {
          byte[] bytes = op.body().getBytes(StandardCharsets.UTF_8);
          sb.append("Content-Type: application/json").append(CRLF);
          sb.append("Content-Length: ").append(bytes.length).append(CRLF).append(CRLF);
          sb.append(op.body()).append(CRLF);
        } else {
          sb.append(CRLF);
        }
      }
      sb.append("--").append(cs).append("--").append(CRLF).append(CRLF);
    }
    sb.append("--").append(batch).append("--").append(CRLF);
    return new Written("multipart/mixed; boundary=" + batch, sb.toString());
  }

  /**
   * Reads a batch response into one list of answers per changeset (or retrieve part), in order. A
   * changeset that succeeded has one answer per operation; one that failed has a single error
   * answer.
   *
   * @param contentType the response's {@code Content-Type}
   * @param body the response body
   * @return the answers per top-level part
   * @throws IllegalArgumentException when the body is not a multipart batch response
   */
  static List<List<Part>> read(String contentType, String body) {
    String boundary = boundary(contentType);
    if (boundary == null) {
      throw new IllegalArgumentException(
          "a $batch response must be multipart/mixed with a boundary, was " + contentType);
    }
    List<List<Part>> out = new ArrayList<>();
    for (String part : split(body, boundary)) {
      int sep = headerEnd(part);
      Map<String, String> headers = headers(part.substring(0, Math.max(sep, 0)));
      String content = sep < 0 ? "" : part.substring(sep).replaceFirst("^(\r?\n){1,2}", "");
      String type = headers.getOrDefault("content-type", "");
      String inner = boundary(type);
      List<Part> answers = new ArrayList<>();
      if (inner != null) {
        for (String op : split(content, inner)) {
          int s = headerEnd(op);
          answers.add(http(s < 0 ? "" : op.substring(s).replaceFirst("^(\r?\n){1,2}", "")));
        }
      } else {
        answers.add(http(content));
      }
      out.add(answers);
    }
    return out;
  }

  /** Parses an embedded HTTP response: status line, headers, blank line, body. */
  private static Part http(String text) {
    String t = text.replaceFirst("^\\s+", "");
    int lineEnd = t.indexOf('\n');
    String statusLine = (lineEnd < 0 ? t : t.substring(0, lineEnd)).trim();
    String[] words = statusLine.split(" ", 3);
    if (words.length < 2 || !words[0].startsWith("HTTP/")) {
      throw new IllegalArgumentException("not an HTTP response in a $batch part: " + statusLine);
    }
    int status = Integer.parseInt(words[1]);
    String rest = lineEnd < 0 ? "" : t.substring(lineEnd + 1);
    int sep = headerEnd(rest);
    Map<String, String> headers = headers(sep < 0 ? rest : rest.substring(0, sep));
    String body = sep < 0 ? "" : rest.substring(sep).replaceFirst("^(\r?\n){1,2}", "");
    return new Part(status, headers, body.strip());
  }

  private static List<String> split(String body, String boundary) {
    List<String> parts = new ArrayList<>();
    String delimiter = "--" + boundary;
    int at = body.indexOf(delimiter);
    while (at >= 0) {
      int start = at + delimiter.length();
      if (body.startsWith("--", start)) {
        break;
      }
      int next = body.indexOf(delimiter, start);
      String part = next < 0 ? body.substring(start) : body.substring(start, next);
      parts.add(part.replaceFirst("^[ \t]*\r?\n", ""));
      at = next;
    }
    return parts;
  }

  /** The index of the blank line ending a header block (pointing at its line break), or -1. */
  private static int headerEnd(String part) {
    if (part.startsWith("\r\n") || part.startsWith("\n")) {
      return 0;
    }
    int crlf = part.indexOf("\r\n\r\n");
    int lf = part.indexOf("\n\n");
    if (crlf < 0) {
      return lf < 0 ? -1 : lf + 1;
    }
    return lf < 0 || crlf < lf ? crlf + 2 : lf + 1;
  }

  private static Map<String, String> headers(String block) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : block.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  /**
   * Returns the boundary of a multipart content type, or {@code null} when it is not multipart.
   *
   * @param contentType the content type
   * @return the boundary, unquoted
   */
  static String boundary(String contentType) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      return null;
    }
    for (String p : contentType.split(";")) {
      String s = p.trim();
      if (s.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = s.substring("boundary=".length()).trim();
        return b.startsWith("\"") && b.endsWith("\"") ? b.substring(1, b.length() - 1) : b;
      }
    }
    return null;
  }
}
