package dev.retailsync.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retailsync.api.ExternalId;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.IdempotencyKey;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.AccountStatus;
import dev.retailsync.api.model.CustomerType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WriteRequestTest {
  private static final Account ACCOUNT =
      Account.builder()
          .name("Jane Doe")
          .customerType(CustomerType.CONSUMER)
          .status(AccountStatus.ACTIVE)
          .build();

  @Test
  void ofWritesEveryField() {
    WriteRequest<Account> r = WriteRequest.of("row-1", ACCOUNT);
    assertEquals("row-1", r.key());
    assertSame(ACCOUNT, r.entity());
    assertEquals(Set.of(), r.fields());
    assertNull(r.target());
    assertNull(r.expectedVersion());
    assertNull(r.idempotencyKey());
  }

  @Test
  void fieldsAreSorted() {
    WriteRequest<Account> r =
        WriteRequest.of(
            "row-1",
            ACCOUNT,
            ExternalId.of(SystemId.NETSUITE, "4711"),
            "v3",
            new HashSet<>(
                List.of(Account.Fields.STATUS, Account.Fields.CREDIT_LIMIT, Account.Fields.NAME)),
            IdempotencyKey.of("idem-1"));
    assertEquals(
        List.of(Account.Fields.CREDIT_LIMIT, Account.Fields.NAME, Account.Fields.STATUS),
        List.copyOf(r.fields()));
    assertThrows(UnsupportedOperationException.class, () -> r.fields().add(Account.Fields.TAX_ID));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = " ")
  void needsAKey(String key) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> WriteRequest.of(key, ACCOUNT));
    assertEquals("key", e.errors().get(0).path());
  }

  @Test
  void needsAnEntity() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> WriteRequest.<Account>of("row-1", null));
    assertEquals("entity", e.errors().get(0).path());
  }

  @Test
  void rejectsANullField() {
    Set<FieldPath> fields = new HashSet<>(Arrays.asList(Account.Fields.NAME, null));
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> new WriteRequest<>("row-1", ACCOUNT, null, null, fields, null, null));
    assertEquals("fields", e.errors().get(0).path());
  }
}
