package dev.retailsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.retailsync.testkit.InMemoryAccountsConnector.Defect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit tests itself: it runs, through the JUnit Platform Launcher, against the reference
 * connector (every test passes, none is skipped) and against connectors broken on purpose, and
 * checks that exactly the kit tests guarding the broken promise fail, with a message that says what
 * is wrong.
 */
class KitSelfTest {
  private static final Set<String> ALL =
      Set.of(
          "declaresTheEntityTypeAndAWriter",
          "upsertIsIdempotentByKey",
          "batchGetsOneOutcomePerRecord",
          "invalidRecordIsRejectedAloneWithItsReason",
          "readerReturnsNothingForAnUnknownId",
          "changeFeedResumesFromItsCursor",
          "staleVersionIsAConflict",
          "throttlingIsRetryable",
          "serverErrorIsRetryable");

  @Test
  void referenceConnectorPassesEveryKitTestWithNoneSkipped() {
    Run run = run(ReferenceConnectorConformanceTest.class);
    assertEquals(Map.of(), run.failed, "failures of the reference connector");
    assertEquals(List.of(), run.skipped, "skipped tests of the reference connector");
    assertEquals(ALL, run.succeeded, "kit tests that ran and passed");
  }

  @Test
  void aConnectorThatCreatesADuplicateOnARepeatedKeyFailsTheIdempotencyTests() {
    Run run = run(DuplicatesOnRepeatedKey.class);
    // A new record per write: the second write of a key creates again, and a stale write lands on
    // a fresh record instead of being refused.
    assertEquals(
        Set.of("upsertIsIdempotentByKey", "staleVersionIsAConflict"),
        run.failed.keySet(),
        run.report());
    assertTrue(
        run.failed.get("upsertIsIdempotentByKey").contains("must find the record, not create"),
        run.report());
  }

  @Test
  void aConnectorThatDropsAnOutcomeFailsTheBatchTests() {
    Run run = run(DropsAnOutcome.class);
    assertEquals(
        Set.of("batchGetsOneOutcomePerRecord", "invalidRecordIsRejectedAloneWithItsReason"),
        run.failed.keySet(),
        run.report());
    assertTrue(
        run.failed.get("batchGetsOneOutcomePerRecord").contains("one outcome per request"),
        run.report());
  }

  @Test
  void aConnectorThatReportsThrottlingAsARejectionFailsTheThrottlingTest() {
    Run run = run(ThrottlingAsRejection.class);
    assertEquals(Set.of("throttlingIsRetryable"), run.failed.keySet(), run.report());
    assertTrue(
        run.failed.get("throttlingIsRetryable").contains("never as a rejection"), run.report());
  }

  @Test
  void aConnectorAnsweringNoOptionalHookHasThoseTestsSkippedWithTheReason() {
    Run run = run(NoOptionalHooks.class);
    assertEquals(Map.of(), run.failed, run.report());
    assertEquals(
        Set.of(
            "invalidRecordIsRejectedAloneWithItsReason",
            "staleVersionIsAConflict",
            "throttlingIsRetryable",
            "serverErrorIsRetryable"),
        new TreeSet<>(run.skipped.stream().map(s -> s.substring(0, s.indexOf(':'))).toList()),
        run.report());
    assertTrue(run.report().contains("injectFault(THROTTLED) is not supported"), run.report());
  }

  private static Run run(Class<?> kitClass) {
    Run run = new Run();
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kitClass)).build();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, run);
    return run;
  }

  /** Collects the kit's test methods by result. */
  static final class Run implements TestExecutionListener {
    final Map<String, String> failed = new TreeMap<>();
    final Set<String> succeeded = new TreeSet<>();
    final List<String> skipped = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
      method(test).ifPresent(m -> skipped.add(m + ": " + reason));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      method(test)
          .ifPresent(
              m -> {
                switch (result.getStatus()) {
                  case SUCCESSFUL -> succeeded.add(m);
                  case ABORTED ->
                      skipped.add(
                          m + ": " + result.getThrowable().map(Throwable::getMessage).orElse(""));
                  case FAILED ->
                      failed.put(
                          m,
                          result.getThrowable().map(Throwable::getMessage).orElse("(no message)"));
                }
              });
    }

    String report() {
      return "failed=" + failed + ", skipped=" + skipped + ", succeeded=" + succeeded;
    }

    private static java.util.Optional<String> method(TestIdentifier test) {
      return test.getSource()
          .filter(MethodSource.class::isInstance)
          .map(s -> ((MethodSource) s).getMethodName());
    }
  }

  // The broken connectors. Nested classes: Surefire does not run them on their own (it skips
  // inner classes); only this test launches them.

  /** Creates a new record on every write. */
  static final class DuplicatesOnRepeatedKey extends ReferenceConnectorConformanceTest {
    @Override
    Set<Defect> defects() {
      return Set.of(Defect.DUPLICATES_ON_REPEATED_KEY);
    }
  }

  /** Drops the last outcome of a batch. */
  static final class DropsAnOutcome extends ReferenceConnectorConformanceTest {
    @Override
    Set<Defect> defects() {
      return Set.of(Defect.DROPS_AN_OUTCOME);
    }
  }

  /** Reports 429 as a rejection. */
  static final class ThrottlingAsRejection extends ReferenceConnectorConformanceTest {
    @Override
    Set<Defect> defects() {
      return Set.of(Defect.THROTTLING_AS_REJECTION);
    }
  }

  /** A correct connector whose test answers none of the optional hooks. */
  static final class NoOptionalHooks extends ReferenceConnectorConformanceTest {
    @Override
    protected java.util.Optional<dev.retailsync.api.model.Account> invalid(String key) {
      return java.util.Optional.empty();
    }

    @Override
    protected boolean changeRemotely(dev.retailsync.api.ExternalId id) {
      return false;
    }

    @Override
    protected boolean injectFault(Fault fault) {
      return false;
    }
  }
}
