package dev.retailsync.erp.file;

/** The file formats the flat-file connector reads and writes. */
public enum FileFormat {
  /**
   * RFC 4180 comma-separated values with a header row; an order spans one row per line, its header
   * columns repeated on each.
   */
  CSV("csv"),
  /**
   * JSON Lines: one JSON object per line, keyed by the same column names as the CSV header; an
   * order's lines are an array of objects under {@code "lines"}.
   */
  JSON_LINES("jsonl");

  private final String extension;

  FileFormat(String extension) {
    this.extension = extension;
  }

  /**
   * Returns the file name extension, without the dot.
   *
   * @return {@code csv} or {@code jsonl}
   */
  public String extension() {
    return extension;
  }
}
