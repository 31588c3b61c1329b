package dev.retailsync.core.identity;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.api.SystemId;
import java.util.Map;

/** One record after normalisation, as the index keeps it: values by field position. */
final class Entry implements BlockingKey.FieldValues {
  final int index;
  final String id;
  final SystemId source;
  final String[] values;

  /** Why a raw value was unusable, by field position; {@code null} when no value had a problem. */
  final String[] problems;

  final long verified;
  private final Map<String, Integer> positions;
  CanonicalId canonicalId;

  Entry(
      int index,
      String id,
      SystemId source,
      String[] values,
      String[] problems,
      long verified,
      Map<String, Integer> positions) {
    this.index = index;
    this.id = id;
    this.source = source;
    this.values = values;
    this.problems = problems;
    this.verified = verified;
    this.positions = positions;
  }

  @Override
  public String get(String field) {
    Integer p = positions.get(field);
    return p == null ? null : values[p];
  }

  String problem(int field) {
    return problems == null ? null : problems[field];
  }

  boolean verified(int field) {
    return (verified & (1L << field)) != 0;
  }
}
