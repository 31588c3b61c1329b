/**
 * Implementation details of the flat-file connector shared with its fake (the RFC 4180 CSV codec,
 * atomic file hand-off). Not exported; no compatibility promise.
 */
package dev.retailsync.erp.file.internal;
