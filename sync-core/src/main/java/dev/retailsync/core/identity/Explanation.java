package dev.retailsync.core.identity;

import java.util.List;
import java.util.Optional;

/**
 * Why the resolver decided as it did: a one-line summary, the contribution of every configured
 * field (including the missing ones, with the reason), and notes on rules that applied
 * (deterministic keys, households, the need for identifying evidence).
 *
 * <p>Instances are immutable and thread-safe and carry no field values.
 *
 * @param summary a one-line summary
 * @param fields one contribution per configured field, in configuration order
 * @param notes rules that applied, in the order they did
 */
public record Explanation(String summary, List<FieldContribution> fields, List<String> notes) {
  /** Copies the lists. */
  public Explanation {
    fields = List.copyOf(fields);
    notes = List.copyOf(notes);
  }

  /**
   * Returns the contribution of one field.
   *
   * @param field the field name
   * @return the contribution, or empty if the field is not configured
   */
  public Optional<FieldContribution> field(String field) {
    return fields.stream().filter(f -> f.field().equals(field)).findFirst();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(summary);
    for (FieldContribution f : fields) {
      sb.append("\n  ")
          .append(f.field())
          .append(": ")
          .append(f.outcome())
          .append(String.format(java.util.Locale.ROOT, " %+.2f", f.weight()));
      if (f.note() != null) {
        sb.append(" (").append(f.note()).append(')');
      }
    }
    for (String n : notes) {
      sb.append("\n  note: ").append(n);
    }
    return sb.toString();
  }
}
