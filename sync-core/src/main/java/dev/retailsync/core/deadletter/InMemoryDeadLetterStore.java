package dev.retailsync.core.deadletter;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link DeadLetterStore} in memory; atomic per id through {@link ConcurrentMap#merge}. */
public final class InMemoryDeadLetterStore implements DeadLetterStore {
  private static final Comparator<DeadLetter> ORDER =
      Comparator.comparing(DeadLetter::firstFailedAt).thenComparing(DeadLetter::id);

  private final ConcurrentMap<String, DeadLetter> letters = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryDeadLetterStore() {}

  @Override
  public DeadLetter add(DeadLetter letter) {
    return letters.merge(letter.id(), letter, DeadLetter::failedAgain);
  }

  @Override
  public Optional<DeadLetter> find(String id) {
    return Optional.ofNullable(letters.get(id));
  }

  @Override
  public List<DeadLetter> list(DeadLetterFilter filter) {
    return letters.values().stream().filter(filter::matches).sorted(ORDER).toList();
  }

  @Override
  public boolean update(DeadLetter letter) {
    return letters.replace(letter.id(), letter) != null;
  }

  @Override
  public int purge(DeadLetterFilter filter) {
    int[] n = {0};
    letters.values().removeIf(l -> filter.matches(l) && ++n[0] > 0);
    return n[0];
  }
}
