package dev.retailsync.core.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retailsync.api.FieldPath;
import dev.retailsync.api.model.Account;
import org.junit.jupiter.api.Test;

/** A leaf is found by its index whether the caller passes the catalogue's instance or its own. */
class EntityShapeIndexTest {
  @Test
  void everyLeafIsFoundByItsOwnInstanceAndByAnEqualOne() {
    EntityShape<Account> shape = EntityShape.of(Account.class);
    for (int i = 0; i < shape.size(); i++) {
      FieldPath leaf = shape.leaves().get(i);
      assertEquals(i, shape.indexOf(leaf), leaf.value());
      assertEquals(i, shape.indexOf(FieldPath.of(leaf.value())), leaf.value());
    }
  }

  @Test
  void aPathThatIsNoLeafIsNotFound() {
    EntityShape<Account> shape = EntityShape.of(Account.class);

    assertEquals(-1, shape.indexOf(FieldPath.of("billing")));
    assertEquals(-1, shape.indexOf(FieldPath.of("noSuchField")));
    assertEquals(-1, shape.indexOf(FieldPath.extension("loyaltyTier")));
  }
}
