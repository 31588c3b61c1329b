package dev.retailsync.core.observability;

/** The audit trail kit against the in-memory trail. */
class InMemoryAuditTrailTest extends AuditTrailKit {
  @Override
  protected AuditTrail newTrail() {
    return new InMemoryAuditTrail();
  }
}
