package dev.retailsync.erp.tryton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/** The run-or-skip decision of the real-server tests, on imagined machines. */
class TrytonServerExtensionTest {
  private record Box(boolean installed, boolean apt, boolean root, boolean sudo, boolean candidate)
      implements TrytonServerExtension.Machine {
    @Override
    public boolean trytonInstalled() {
      return installed;
    }

    @Override
    public boolean hasAptGet() {
      return apt;
    }

    @Override
    public boolean isRoot() {
      return root;
    }

    @Override
    public boolean canSudo() {
      return sudo;
    }

    @Override
    public boolean aptOffersTryton60() {
      return candidate;
    }
  }

  @Test
  void runsWhereTrytonIsInstalledOrInstallable() {
    assertTrue(
        TrytonServerExtension.evaluate("auto", new Box(true, false, false, false, false)).run());
    TrytonServerExtension.Decision install =
        TrytonServerExtension.evaluate("auto", new Box(false, true, false, true, true));
    assertTrue(install.run());
    assertTrue(install.reason().contains("will be installed"), install.reason());
  }

  @Test
  void skipsWithOneLineSayingWhy() {
    assertReason(new Box(false, false, true, false, true), "no apt-get");
    assertReason(new Box(false, true, false, false, true), "root or passwordless sudo");
    assertReason(new Box(false, true, true, false, false), "no tryton-server 6.0 candidate");
  }

  private static void assertReason(Box box, String expected) {
    TrytonServerExtension.Decision d = TrytonServerExtension.evaluate("auto", box);
    assertFalse(d.run());
    assertTrue(d.reason().contains(expected), d.reason());
    assertFalse(d.reason().contains("\n"), "one line");
    ConditionEvaluationResult r = TrytonServerExtension.verdict(d, "auto");
    assertTrue(r.isDisabled());
    assertEquals(d.reason(), r.getReason().orElseThrow());
  }

  @Test
  void requiredTurnsTheSkipIntoAFailure() {
    TrytonServerExtension.Decision d =
        TrytonServerExtension.evaluate("required", new Box(false, false, false, false, false));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> TrytonServerExtension.verdict(d, "required"));
    assertTrue(e.getMessage().contains("no apt-get"), e.getMessage());
  }

  @Test
  void skipDisablesOnPurposeEvenWhereItCouldRun() {
    TrytonServerExtension.Decision d =
        TrytonServerExtension.evaluate("skip", new Box(true, true, true, true, true));
    assertFalse(d.run());
    assertTrue(TrytonServerExtension.verdict(d, "skip").isDisabled());
  }
}
