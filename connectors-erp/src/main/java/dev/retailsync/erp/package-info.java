/**
 * What every ERP connector shares: the error taxonomy ({@link dev.retailsync.erp.ErpErrorKind},
 * {@link dev.retailsync.erp.ErpError}), the version-token model ({@link
 * dev.retailsync.erp.VersionToken}), the per-tenant concurrency gate ({@link
 * dev.retailsync.erp.TenantGate}) and credential expiry ({@link
 * dev.retailsync.erp.CredentialExpiry}). Each ERP's protocol lives in its own package.
 */
package dev.retailsync.erp;
