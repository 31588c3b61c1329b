package dev.retailsync.core.identity;

import static dev.retailsync.core.identity.IdentityFields.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.retailsync.api.SystemId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurvivorshipTest {
  private static final IdentityRecord ERP =
      IdentityRecord.builder("erp-1")
          .source(SystemId.NETSUITE)
          .updatedAt(Instant.parse("2026-01-01T00:00:00Z"))
          .put(FAMILY_NAME, "Müller")
          .put(GIVEN_NAME, "Wm.")
          .put(TAX_ID, "DE123456789")
          .put(STREET, "Hauptstr. 5")
          .build();
  private static final IdentityRecord SHOP =
      IdentityRecord.builder("shop-1")
          .source(SystemId.SHOPIFY)
          .updatedAt(Instant.parse("2026-05-01T00:00:00Z"))
          .put(FAMILY_NAME, "Mueller")
          .put(GIVEN_NAME, "William")
          .put(EMAIL, "w@example.com")
          .put(STREET, "Ringweg 9")
          .build();
  private static final IdentityRecord SF =
      IdentityRecord.builder("sf-1")
          .source(SystemId.SALESFORCE)
          .updatedAt(Instant.parse("2026-03-01T00:00:00Z"))
          .put(FAMILY_NAME, "MÜLLER")
          .put(GIVEN_NAME, "Bill")
          .put(EMAIL, "  ")
          .build();

  @Test
  void eachFieldSurvivesByItsRuleWithLineage() {
    Survivorship s =
        Survivorship.builder()
            .defaultRule(SurvivorshipRule.MOST_RECENT)
            .rule(FAMILY_NAME, SurvivorshipRule.MOST_FREQUENT)
            .rule(GIVEN_NAME, SurvivorshipRule.MOST_COMPLETE)
            .rule(TAX_ID, SurvivorshipRule.SOURCE_PRIORITY)
            .rule(STREET, SurvivorshipRule.SOURCE_PRIORITY)
            .sourcePriority(SystemId.NETSUITE, SystemId.SALESFORCE)
            .build();
    SurvivedRecord g = s.apply(List.of(SHOP, ERP, SF));

    // "Müller" and "MÜLLER" fold alike: two of three records; the more recent of the two wins.
    assertEquals("MÜLLER", g.values().get(FAMILY_NAME));
    assertEquals(2, g.lineage().get(FAMILY_NAME).supportingRecords());
    assertEquals("sf-1", g.lineage().get(FAMILY_NAME).recordId());

    assertEquals("William", g.values().get(GIVEN_NAME));
    assertEquals(SurvivorshipRule.MOST_COMPLETE, g.lineage().get(GIVEN_NAME).rule());

    assertEquals("Hauptstr. 5", g.values().get(STREET), "the ERP outranks the shop");
    assertEquals(SystemId.NETSUITE, g.lineage().get(STREET).source());

    // Blank values never survive; the most recent non-blank e-mail does.
    assertEquals("w@example.com", g.values().get(EMAIL));
    assertEquals(Instant.parse("2026-05-01T00:00:00Z"), g.lineage().get(EMAIL).updatedAt());
    assertFalse(g.toString().contains("w@example.com"), "toString redacts values");
  }

  @Test
  void mostRecentIsTheDefault() {
    SurvivedRecord g = Survivorship.builder().build().apply(List.of(ERP, SHOP));
    assertEquals("Ringweg 9", g.values().get(STREET));
    assertEquals("shop-1", g.lineage().get(STREET).recordId());
  }
}
