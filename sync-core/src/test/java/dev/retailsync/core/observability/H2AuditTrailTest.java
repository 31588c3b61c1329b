package dev.retailsync.core.observability;

import dev.retailsync.core.state.Databases;
import dev.retailsync.core.state.JdbcStateStores;

/** The AuditTrail kit on embedded H2. */
class H2AuditTrailTest extends AuditTrailKit {
  @Override
  protected AuditTrail newTrail() {
    return JdbcStateStores.builder(Databases.freshH2()).build().auditTrail();
  }
}
