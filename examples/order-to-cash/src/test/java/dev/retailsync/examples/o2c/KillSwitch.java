package dev.retailsync.examples.o2c;

import dev.retailsync.api.SystemId;
import dev.retailsync.api.spi.Cursor;
import dev.retailsync.core.observability.Stage;
import dev.retailsync.core.observability.SyncEvent;
import dev.retailsync.core.observability.SyncListener;
import dev.retailsync.core.state.CursorStore;
import dev.retailsync.core.state.Lease;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kills the engine at one exact point, deterministically: once the engine has reported a record
 * {@code CREATED} in the target system by one flow (a {@link SyncListener}), the next save of that
 * flow's cursor throws {@link Killed}, an {@link Error} the engine does not catch, so the host dies
 * between the write and the cursor save, as a process killed there would. It fires once.
 *
 * <p>Use the same instance as the engine's listener and as the wrapper of its cursor store.
 */
final class KillSwitch implements SyncListener {
  /** What the engine dies of. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed(String flow) {
      super("killed before the cursor of " + flow + " was saved");
    }
  }

  private final String flow;
  private final SystemId target;
  private final AtomicBoolean armed = new AtomicBoolean();
  private final AtomicBoolean fired = new AtomicBoolean();
  private volatile Optional<Cursor> cursorAtKill = Optional.empty();

  KillSwitch(String flow, SystemId target) {
    this.flow = flow;
    this.target = target;
  }

  @Override
  public void onEvent(SyncEvent e) {
    if (e.stage() == Stage.DELIVERED
        && e.flow().equals(flow)
        && target.equals(e.system())
        && e.detail().equals("CREATED")) {
      armed.set(true);
    }
  }

  /** Returns whether it fired. */
  boolean fired() {
    return fired.get();
  }

  /**
   * Returns the flow's cursor as stored when it fired (the one a restart resumes from); empty when
   * none was saved yet.
   */
  Optional<Cursor> cursorAtKill() {
    return cursorAtKill;
  }

  /** Wraps the engine's cursor store. */
  CursorStore wrap(CursorStore delegate) {
    return new CursorStore() {
      @Override
      public Optional<Cursor> load(String name) {
        return delegate.load(name);
      }

      @Override
      public void save(String name, Cursor cursor) {
        maybeKill(delegate, name);
        delegate.save(name, cursor);
      }

      @Override
      public boolean save(String name, Cursor cursor, Lease lease) {
        maybeKill(delegate, name);
        return delegate.save(name, cursor, lease);
      }
    };
  }

  private void maybeKill(CursorStore delegate, String name) {
    if (name.equals(flow) && armed.get() && fired.compareAndSet(false, true)) {
      cursorAtKill = delegate.load(name);
      throw new Killed(flow);
    }
  }
}
