package dev.retailsync.erp.file.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by a delimiter, a field quoted with {@code "} when it holds the
 * delimiter, a quote, CR or LF, a quote inside a quoted field doubled. Reads CRLF and LF line ends
 * and a leading byte-order mark; writes CRLF, as the RFC says.
 */
public final class Csv {
  private Csv() {}

  /** One record of a CSV text: its 1-based row number, its fields, or why it could not be read. */
  public record Row(int number, List<String> fields, String problem) {}

  /**
   * Splits a CSV text into rows. A row that cannot be read (an unterminated quote, text after a
   * closing quote) carries its problem; an unterminated quote runs to the end of the text, so it
   * ends the file.
   */
  public static List<Row> parse(String text, char delimiter) {
    List<Row> rows = new ArrayList<>();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int n = text.length();
    int number = 0;
    while (i < n) {
      number++;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      String problem = null;
      boolean endOfRow = false;
      while (!endOfRow) {
        if (i < n && text.charAt(i) == '"') {
          i++;
          boolean closed = false;
          while (i < n) {
            char c = text.charAt(i++);
            if (c == '"') {
              if (i < n && text.charAt(i) == '"') {
                field.append('"');
                i++;
              } else {
                closed = true;
                break;
              }
            } else {
              field.append(c);
            }
          }
          if (!closed) {
            problem = "a quoted field is not closed: a \" is missing before the end of the file";
            fields.add(field.toString());
            rows.add(new Row(number, fields, problem));
            return rows;
          }
          if (i < n
              && text.charAt(i) != delimiter
              && text.charAt(i) != '\r'
              && text.charAt(i) != '\n') {
            problem =
                "text after the closing quote of field "
                    + (fields.size() + 1)
                    + ": quote the whole field and double the quotes inside it";
            while (i < n && text.charAt(i) != delimiter && text.charAt(i) != '\n') {
              i++;
            }
          }
        } else {
          while (i < n) {
            char c = text.charAt(i);
            if (c == delimiter || c == '\n' || c == '\r') {
              break;
            }
            if (c == '"' && problem == null) {
              problem =
                  "a quote inside unquoted field "
                      + (fields.size() + 1)
                      + ": quote the field and double the quote";
            }
            field.append(c);
            i++;
          }
        }
        fields.add(field.toString());
        field.setLength(0);
        if (i >= n) {
          endOfRow = true;
        } else if (text.charAt(i) == delimiter) {
          i++;
          if (i >= n) {
            fields.add("");
            endOfRow = true;
          }
        } else {
          if (text.charAt(i) == '\r') {
            i++;
          }
          if (i < n && text.charAt(i) == '\n') {
            i++;
          }
          endOfRow = true;
        }
      }
      boolean blank = fields.size() == 1 && fields.get(0).isEmpty() && problem == null;
      if (!blank) {
        rows.add(new Row(number, fields, problem));
      }
    }
    return rows;
  }

  /** Appends one row, quoting the fields that need it, ended by CRLF. */
  public static void writeRow(StringBuilder out, List<String> fields, char delimiter) {
    for (int f = 0; f < fields.size(); f++) {
      if (f > 0) {
        out.append(delimiter);
      }
      String v = fields.get(f) == null ? "" : fields.get(f);
      if (needsQuotes(v, delimiter)) {
        out.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        out.append(v);
      }
    }
    out.append("\r\n");
  }

  private static boolean needsQuotes(String v, char delimiter) {
    if (!v.isEmpty() && (v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' ')) {
      return true;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == delimiter || c == '"' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }
}
