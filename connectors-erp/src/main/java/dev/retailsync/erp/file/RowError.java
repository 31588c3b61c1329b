package dev.retailsync.erp.file;

import java.util.Objects;

/**
 * Why one row of an imported file was not imported: the file, the row (the CSV record number, the
 * header being row 1, or the JSON Lines line number), the column and what is wrong with it. The
 * message may quote a number, date or code from the row but never a free-text value, so errors can
 * be logged.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param file the file's name in the inbox
 * @param row the row
 * @param column the column's header as the file spells it, or {@code (row)} for the row as a whole
 * @param message what is wrong and how to fix it
 */
public record RowError(String file, int row, String column, String message) {

  // Checks the components.
  public RowError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(message, "message");
  }

  /** Renders the error as {@code file row N, column 'c': message}. */
  @Override
  public String toString() {
    return file + " row " + row + ", column '" + column + "': " + message;
  }
}
