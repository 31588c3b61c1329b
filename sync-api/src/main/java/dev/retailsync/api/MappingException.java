package dev.retailsync.api;

/**
 * Thrown when a record cannot be translated between a wire format and the canonical model:
 * malformed JSON, a value of the wrong type, a picklist value the target does not accept, or a
 * document written by a newer, incompatible schema version. Names the field path where one is
 * known.
 *
 * <p>Never retryable: the record must be corrected or the mapping changed.
 */
public class MappingException extends SyncException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * Creates an exception.
   *
   * @param path the field path the problem is at, or {@code null} when it concerns the whole
   *     document
   * @param message what is wrong and how to fix it
   * @param cause the parser's or mapper's exception, or {@code null}
   */
  public MappingException(String path, String message, Throwable cause) {
    super(path == null ? message : path + ": " + message, cause, ErrorContext.none(), false);
    this.path = path;
  }

  /**
   * Returns the field path the problem is at.
   *
   * @return the path, or {@code null} when the problem concerns the whole document
   */
  public String path() {
    return path;
  }
}
