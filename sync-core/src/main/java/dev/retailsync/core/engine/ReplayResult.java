package dev.retailsync.core.engine;

/**
 * What replaying one dead letter did.
 *
 * @param letterId the letter's id
 * @param outcome what happened
 * @param note why, in words; empty when there is nothing to add
 */
public record ReplayResult(String letterId, Outcome outcome, String note) {
  /** The result of a replay. */
  public enum Outcome {
    /** The change went through the whole path and was applied; the letter is resolved. */
    RESOLVED,
    /** The change failed again; the letter stays open with one more failure counted. */
    FAILED_AGAIN,
    /** The change failed again too often; the loop guard quarantined the letter. */
    QUARANTINED,
    /** The letter was resolved before; nothing was done. */
    ALREADY_RESOLVED,
    /** No letter has that id, or its flow is not registered with this engine. */
    NOT_FOUND
  }
}
