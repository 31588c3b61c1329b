package dev.retailsync.api;

/**
 * Thrown when a system tries to write a field that another system owns, in the places where that is
 * an error rather than a change to drop and count (for example a host writing straight into a
 * golden record). Names the field, the owner and the writer.
 *
 * <p>Never retryable.
 */
public class OwnershipViolationException extends SyncException {
  private static final long serialVersionUID = 1L;

  private final transient FieldPath field;
  private final transient SystemId owner;
  private final transient SystemId writer;

  /**
   * Creates an exception.
   *
   * @param field the field written
   * @param owner the system that owns it
   * @param writer the system that tried to write it
   */
  public OwnershipViolationException(FieldPath field, SystemId owner, SystemId writer) {
    super(
        "Field '"
            + field
            + "' is owned by "
            + owner.value()
            + "; "
            + writer.value()
            + " may not write it (change the ownership policy or drop the field from the mapping)",
        null,
        ErrorContext.of(writer, "write"),
        false);
    this.field = field;
    this.owner = owner;
    this.writer = writer;
  }

  /**
   * Returns the field that was written.
   *
   * @return the field
   */
  public FieldPath field() {
    return field;
  }

  /**
   * Returns the system that owns the field.
   *
   * @return the owner
   */
  public SystemId owner() {
    return owner;
  }

  /**
   * Returns the system that tried to write the field.
   *
   * @return the writer
   */
  public SystemId writer() {
    return writer;
  }
}
