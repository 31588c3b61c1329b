package dev.retailsync.core.engine;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldPath;
import dev.retailsync.core.golden.Lineage;
import dev.retailsync.core.identity.Decision;
import dev.retailsync.core.state.CrossReferenceStore;
import dev.retailsync.core.state.ReviewItem;
import dev.retailsync.core.state.ReviewQueue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Identity reviews in the review queue: "this record may be the same real-world record as that
 * golden record", for a person to decide.
 */
public final class IdentityReviews {
  /** The field of an identity review item. */
  public static final FieldPath FIELD = FieldPath.of("identity");

  private IdentityReviews() {}

  static void park(
      CrossReferenceStore store,
      ReviewQueue reviews,
      Change<?> change,
      Decision d,
      CanonicalId given,
      Clock clock) {
    if (d.candidateId() == null) {
      return;
    }
    int colon = d.candidateId().indexOf(':');
    if (colon <= 0) {
      return;
    }
    ExternalId candidate =
        ExternalId.of(d.candidateId().substring(0, colon), d.candidateId().substring(colon + 1));
    CanonicalId golden = store.find(change.entityType(), candidate).orElse(null);
    if (golden == null) {
      return;
    }
    Map<FieldPath, Object> proposed = new LinkedHashMap<>();
    proposed.put(FieldPath.extension("externalId"), change.source().toString());
    proposed.put(FieldPath.extension("canonicalId"), given.value());
    proposed.put(
        FieldPath.extension("confidence"),
        BigDecimal.valueOf(d.probability()).setScale(3, RoundingMode.HALF_UP).toPlainString());
    reviews.add(
        new ReviewItem(
            "identity/" + change.source(),
            change.entityType(),
            golden,
            FIELD,
            Map.of(),
            null,
            proposed,
            new Lineage(
                change.source().system(),
                change.sourceTimestamp(),
                change.sourceVersion(),
                clock.instant(),
                change.correlationId()),
            ReviewItem.Status.OPEN,
            clock.instant(),
            null));
  }
}
