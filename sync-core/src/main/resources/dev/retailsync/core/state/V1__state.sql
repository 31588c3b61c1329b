-- retail-sync state, version 1: golden records, review items, write fingerprints, idempotency.
-- Portable between H2 2.x and PostgreSQL; {schema} is replaced by the configured schema prefix.
-- Instants are stored as nanoseconds since the epoch (BIGINT): exact, portable and comparable.
CREATE TABLE {schema}rs_golden_record (
  entity_type VARCHAR(64) NOT NULL,
  canonical_id VARCHAR(128) NOT NULL,
  version BIGINT NOT NULL,
  created_by VARCHAR(64) NOT NULL,
  entity_json VARCHAR(1000000) NOT NULL,
  lineage_json VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (entity_type, canonical_id)
);
CREATE TABLE {schema}rs_review_item (
  id VARCHAR(128) NOT NULL PRIMARY KEY,
  entity_type VARCHAR(64) NOT NULL,
  canonical_id VARCHAR(128) NOT NULL,
  field VARCHAR(255) NOT NULL,
  current_values VARCHAR(1000000) NOT NULL,
  current_lineage VARCHAR(8000),
  proposed_values VARCHAR(1000000) NOT NULL,
  proposed_lineage VARCHAR(8000) NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  decided_at BIGINT
);
CREATE INDEX rs_review_item_open ON {schema}rs_review_item (status, created_at);
CREATE TABLE {schema}rs_write_fingerprint (
  system_id VARCHAR(64) NOT NULL,
  canonical_id VARCHAR(128) NOT NULL,
  field VARCHAR(255) NOT NULL,
  fingerprint BIGINT NOT NULL,
  PRIMARY KEY (system_id, canonical_id, field)
);
CREATE TABLE {schema}rs_idempotency (
  idem_key VARCHAR(255) NOT NULL PRIMARY KEY,
  row_version BIGINT NOT NULL,
  fingerprint VARCHAR(128) NOT NULL,
  state VARCHAR(16) NOT NULL,
  lease_token VARCHAR(128),
  lease_expires_at BIGINT,
  outcome VARCHAR(1000000),
  retryable BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT
);
CREATE INDEX rs_idempotency_expiry ON {schema}rs_idempotency (expires_at);
