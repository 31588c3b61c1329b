package dev.retailsync.core.identity;

/**
 * Two record ids, as candidate pairs of blocking or links of a resolution.
 *
 * @param first one record id
 * @param second the other record id
 */
public record RecordPair(String first, String second) {}
