package dev.retailsync.core.http;

import dev.retailsync.api.ErrorContext;
import dev.retailsync.api.RemoteSystemException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The default way connectors wait between attempts (a back-off, a {@code Retry-After}, a job poll):
 * blocking the calling thread. Every connector takes its sleeper from its builder, so tests pass
 * one that advances a fake clock instead; this is only the production default.
 */
public final class Sleepers {
  private Sleepers() {}

  /**
   * Returns a sleeper that blocks the calling thread for the given time. An interrupt ends the
   * wait: the thread's interrupt flag is set again and a retryable {@link RemoteSystemException}
   * says what was being waited for.
   *
   * @param waitingFor what the wait is for, completing "interrupted while ...", such as {@code
   *     "backing off from Business Central"}
   * @return the sleeper
   */
  public static Consumer<Duration> blocking(String waitingFor) {
    Objects.requireNonNull(waitingFor, "waitingFor");
    return d -> {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RemoteSystemException(
            "interrupted while " + waitingFor, 0, null, e, ErrorContext.none(), true);
      }
    };
  }
}
