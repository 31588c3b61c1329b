/**
 * Identity resolution: deciding, for every inbound party or account, "same as canonical X", "new"
 * or "a person should look", with a confidence and a per-field explanation.
 *
 * <ul>
 *   <li>{@link dev.retailsync.core.identity.IdentityRecord}: the input, raw values under the names
 *       of {@link dev.retailsync.core.identity.IdentityFields}; {@link
 *       dev.retailsync.core.identity.IdentityRecords} adapts canonical parties, accounts and
 *       contacts.
 *   <li>{@link dev.retailsync.core.identity.Normalisers} and {@link
 *       dev.retailsync.core.identity.Comparators}: the standard field normalisers (e-mail, E.164
 *       phone, names, organisations, addresses, tax ids, birth dates) and similarity measures.
 *   <li>{@link dev.retailsync.core.identity.ResolverConfig}: fields with Fellegi-Sunter weights,
 *       blocking keys, deterministic keys and band thresholds; {@link
 *       dev.retailsync.core.identity.ResolverConfig#customerDefaults()} works on any customer data
 *       and {@link dev.retailsync.core.identity.WeightEstimator} re-estimates its weights from
 *       unlabeled records.
 *   <li>{@link dev.retailsync.core.identity.IdentityResolver}: incremental, batch and one-to-one
 *       resolution, producing {@link dev.retailsync.core.identity.Decision}s with an {@link
 *       dev.retailsync.core.identity.Explanation}.
 *   <li>{@link dev.retailsync.core.identity.CrossReferenceStore}: canonical ids and the external
 *       ids of each system, with merge and unmerge history; {@link
 *       dev.retailsync.core.identity.Survivorship}: one value per field with its {@link
 *       dev.retailsync.core.identity.SurvivedField}.
 * </ul>
 *
 * <p>Nothing here throws on bad data: blank, malformed or absurd values are missing, give no
 * evidence, and the explanation says why.
 */
package dev.retailsync.core.identity;
