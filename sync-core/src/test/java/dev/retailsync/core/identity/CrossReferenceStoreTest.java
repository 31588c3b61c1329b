package dev.retailsync.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.ExternalId;
import dev.retailsync.api.SystemId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrossReferenceStoreTest {
  private static final ExternalId SF = ExternalId.of(SystemId.SALESFORCE, "001A");
  private static final ExternalId SHOP = ExternalId.of(SystemId.SHOPIFY, "77");
  private static final ExternalId ERP = ExternalId.of(SystemId.NETSUITE, "C-9");
  private static final CanonicalId ONE = CanonicalId.of("c1");
  private static final CanonicalId TWO = CanonicalId.of("c2");

  private final InMemoryCrossReferenceStore store =
      new InMemoryCrossReferenceStore(
          Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

  @Test
  void linksExternalIdsPerSystem() {
    store.link(SF, ONE);
    store.link(SHOP, ONE);
    assertEquals(Optional.of(ONE), store.canonicalIdOf(SF));
    assertEquals(Set.of(SF, SHOP), store.externalIdsOf(ONE));
    assertEquals(Set.of(SHOP), store.externalIdsOf(ONE, SystemId.SHOPIFY));
    assertEquals(Optional.empty(), store.canonicalIdOf(ERP));
  }

  @Test
  void mergeMovesIdsAndUnmergeRestoresThemWithHistory() {
    store.link(SF, ONE);
    store.link(SHOP, TWO);
    store.link(ERP, TWO);
    CrossReferenceEvent merge = store.merge(ONE, TWO, "review: same customer");
    assertEquals(Set.of(SHOP, ERP), merge.externalIds());
    assertEquals(Optional.of(ONE), store.canonicalIdOf(SHOP));
    assertEquals(Set.of(SF, SHOP, ERP), store.externalIdsOf(ONE));
    assertEquals(Set.of(), store.externalIdsOf(TWO));
    // A link to the absorbed id after the merge lands on the survivor.
    ExternalId late = ExternalId.of(SystemId.SHOPIFY, "78");
    store.link(late, TWO);
    assertEquals(Optional.of(ONE), store.canonicalIdOf(late));

    store.unmerge(ONE, TWO, "review: different people after all");
    assertEquals(Set.of(SHOP, ERP), store.externalIdsOf(TWO));
    assertEquals(Set.of(SF, late), store.externalIdsOf(ONE));
    assertEquals(Optional.of(TWO), store.canonicalIdOf(ERP));

    List<CrossReferenceEvent.Type> types =
        store.history(TWO).stream().map(CrossReferenceEvent::type).toList();
    assertEquals(
        List.of(
            CrossReferenceEvent.Type.LINK,
            CrossReferenceEvent.Type.LINK,
            CrossReferenceEvent.Type.MERGE,
            CrossReferenceEvent.Type.UNMERGE),
        types);
    assertEquals("review: different people after all", store.history(TWO).get(3).reason());
  }

  @Test
  void refusesMergesThatMakeNoSense() {
    store.link(SF, ONE);
    assertThrows(IllegalArgumentException.class, () -> store.merge(ONE, ONE, "x"));
    assertThrows(IllegalArgumentException.class, () -> store.merge(ONE, TWO, "no ids"));
    assertThrows(IllegalArgumentException.class, () -> store.unmerge(ONE, TWO, "not merged"));
  }
}
