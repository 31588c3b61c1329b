package dev.retailsync.core.engine;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.Change;
import dev.retailsync.core.state.CrossReferenceStore;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Gives a change's record its canonical id: the golden record it belongs to. The default resolves
 * deterministically through the cross-reference store: a record seen before keeps its id, a new one
 * gets a new id. Probabilistic matching (names, addresses, e-mail) plugs in here as another
 * implementation.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface IdentityResolver {
  /**
   * Resolves a change's record.
   *
   * @param change the change
   * @return the canonical id
   * @throws dev.retailsync.api.SyncException if the record cannot be resolved to exactly one golden
   *     record (the change is dead-lettered as an identity conflict)
   */
  CanonicalId resolve(Change<?> change);

  /**
   * Returns the deterministic resolver over a cross-reference store: (system, external id) maps to
   * a canonical id, issued at first sight and linked atomically (of two concurrent first sightings,
   * both get the id that was linked first).
   *
   * @param store the cross-reference store
   * @param ids issues new canonical ids
   * @return the resolver
   */
  static IdentityResolver crossReference(CrossReferenceStore store, Supplier<CanonicalId> ids) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(ids, "ids");
    return change ->
        store
            .find(change.entityType(), change.source())
            .orElseGet(() -> store.link(change.entityType(), change.source(), ids.get()));
  }

  /**
   * Returns a resolver that first asks the cross-reference store (a record seen before keeps its
   * id) and otherwise matches the record probabilistically with {@code matcher}: a MATCH joins the
   * candidate's golden record, NEW and REVIEW get a new canonical id (the REVIEW decision names the
   * candidate, so a person can merge them later with {@code matcher.merge}). Parties, accounts and
   * contacts are matched; other entity types get a new id at first sight.
   *
   * @param store the cross-reference store the engine keeps
   * @param matcher the probabilistic resolver
   * @return the resolver
   */
  static IdentityResolver probabilistic(
      CrossReferenceStore store, dev.retailsync.core.identity.IdentityResolver matcher) {
    return probabilistic(store, matcher, null, java.time.Clock.systemUTC());
  }

  /**
   * Returns the probabilistic resolver whose REVIEW decisions land in a review queue: the item
   * names the candidate's golden record as {@code canonicalId}, its field is {@link
   * IdentityReviews#FIELD} ({@code identity}), and its proposed values carry the record's external
   * id ({@code extensions.externalId}), the canonical id it was given meanwhile ({@code
   * extensions.canonicalId}) and the match probability ({@code extensions.confidence}). A person
   * who accepts it merges the two with {@code matcher.merge}.
   *
   * @param store the cross-reference store the engine keeps
   * @param matcher the probabilistic resolver
   * @param reviews where REVIEW decisions go, or {@code null} to drop them
   * @param clock stamps the review items
   * @return the resolver
   */
  static IdentityResolver probabilistic(
      CrossReferenceStore store,
      dev.retailsync.core.identity.IdentityResolver matcher,
      dev.retailsync.core.state.ReviewQueue reviews,
      java.time.Clock clock) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(matcher, "matcher");
    Objects.requireNonNull(clock, "clock");
    return change ->
        store
            .find(change.entityType(), change.source())
            .orElseGet(
                () -> {
                  dev.retailsync.core.identity.IdentityRecord record =
                      IdentityRecordsOf.change(change);
                  if (record == null) {
                    return store.link(
                        change.entityType(), change.source(), CanonicalId.of(UUID.randomUUID()));
                  }
                  dev.retailsync.core.identity.Decision d = matcher.resolveAndAdd(record);
                  CanonicalId id =
                      store.link(change.entityType(), change.source(), d.canonicalId());
                  if (reviews != null && d.band() == dev.retailsync.core.identity.Band.REVIEW) {
                    IdentityReviews.park(store, reviews, change, d, id, clock);
                  }
                  return id;
                });
  }

  /**
   * Returns the deterministic resolver over a cross-reference store, issuing random UUIDs.
   *
   * @param store the cross-reference store
   * @return the resolver
   */
  static IdentityResolver crossReference(CrossReferenceStore store) {
    return crossReference(store, () -> CanonicalId.of(UUID.randomUUID()));
  }
}
