package dev.retailsync.core.identity;

import dev.retailsync.api.CanonicalId;
import java.util.List;

/**
 * The resolver's verdict on one record: the band, the best candidate, the match probability, and
 * the explanation with every field's contribution.
 *
 * <p>Instances are immutable and thread-safe and carry no field values.
 *
 * @param recordId the id of the record that was resolved
 * @param band MATCH, REVIEW or NEW
 * @param candidateId the id of the best-scoring existing record, or {@code null} when there was no
 *     candidate
 * @param canonicalId the canonical id the record belongs to after the decision (the candidate's for
 *     a MATCH, a new one otherwise), or {@code null} when the decision did not assign one
 * @param probability the match probability against the candidate, in {@code [0, 1]}
 * @param logOdds the same as log-odds in bits, prior included
 * @param explanation why
 * @param households ids of existing records the record shares a household with (same family name
 *     and address, different person); never {@code null}
 */
public record Decision(
    String recordId,
    Band band,
    String candidateId,
    CanonicalId canonicalId,
    double probability,
    double logOdds,
    Explanation explanation,
    List<String> households) {

  /** Copies the household list. */
  public Decision {
    households = households == null ? List.of() : List.copyOf(households);
  }

  Decision withCanonicalId(CanonicalId id) {
    return new Decision(
        recordId, band, candidateId, id, probability, logOdds, explanation, households);
  }

  Decision withBand(Band newBand, String note) {
    List<String> notes = new java.util.ArrayList<>(explanation.notes());
    notes.add(note);
    return new Decision(
        recordId,
        newBand,
        candidateId,
        canonicalId,
        probability,
        logOdds,
        new Explanation(
            newBand + explanation.summary().substring(explanation.summary().indexOf(':')),
            explanation.fields(),
            notes),
        households);
  }

  Decision withHouseholds(List<String> ids) {
    return new Decision(
        recordId, band, candidateId, canonicalId, probability, logOdds, explanation, ids);
  }
}
