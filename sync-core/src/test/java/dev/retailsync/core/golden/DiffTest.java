package dev.retailsync.core.golden;

import static dev.retailsync.core.golden.Fixtures.account;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.api.FieldPath;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.CreditStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field-level diffs between two versions of a record. */
class DiffTest {

  @Test
  void listsEachLeafThatDiffersWithBothValues() {
    Account a = Fixtures.withShipping(account().taxId("DE1"), "Alt 1", "10115");
    Account b =
        Fixtures.withCredit(
            Fixtures.account().taxId("DE2").shipping(a.shipping()), CreditStatus.APPROVED, "100");
    List<FieldChange> diff = Diff.between(a, b);
    assertEquals(
        List.of(Account.Fields.CREDIT_LIMIT, Account.Fields.CREDIT_STATUS, Account.Fields.TAX_ID),
        diff.stream().map(FieldChange::path).toList());
    FieldChange tax = diff.get(2);
    assertEquals("DE1", tax.before());
    assertEquals("DE2", tax.after());
  }

  @Test
  void equalRecordsHaveNoDiffAndCustomFieldsCount() {
    Account a = account().putExtension("tier__c", "GOLD").build();
    assertEquals(List.of(), Diff.between(a, a.toBuilder().build()));
    List<FieldChange> d = Diff.between(a, a.toBuilder().putExtension("tier__c", "SILVER").build());
    assertEquals(
        List.of(FieldPath.extension("tier__c")), d.stream().map(FieldChange::path).toList());
  }

  @Test
  void toStringShowsNoValues() {
    FieldChange c = new FieldChange(Account.Fields.NAME, "Jane Doe", "John Doe");
    assertEquals("FieldChange[name]", c.toString());
  }
}
