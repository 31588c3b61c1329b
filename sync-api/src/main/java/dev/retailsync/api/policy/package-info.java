/**
 * Who owns which field: the value types a host builds its ownership policies from ({@link
 * dev.retailsync.api.policy.OwnershipPolicy}, {@link dev.retailsync.api.policy.ConflictRule},
 * {@link dev.retailsync.api.policy.OwnerSelector}). The core applies them when it merges a change
 * into a golden record.
 */
package dev.retailsync.api.policy;
