package dev.retailsync.examples.o2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.SystemId;
import dev.retailsync.core.observability.RunReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepTest {
  private static final SystemId VENDURE = SystemId.of("vendure");
  private static final SystemId TRYTON = SystemId.of("tryton");

  private static RunReport report(RunReport.Counts... counts) {
    return new RunReport(Instant.EPOCH, List.of(counts), List.of());
  }

  @Test
  void aStepShowsWhatItAddedToTheCountersNotTheTotals() {
    RunReport before =
        report(
            new RunReport.Counts(TRYTON, "order", 1, 0, 0, 0, 0, 0, 0),
            new RunReport.Counts(VENDURE, "party", 0, 0, 26, 0, 0, 0, 0));
    RunReport after =
        report(
            new RunReport.Counts(TRYTON, "order", 1, 0, 1, 0, 0, 0, 0),
            new RunReport.Counts(VENDURE, "order", 0, 0, 1, 0, 0, 0, 0),
            new RunReport.Counts(VENDURE, "party", 0, 0, 26, 0, 0, 0, 0));

    OrderToCash.Step step =
        OrderToCash.Step.between(OrderToCash.ORDERS, 1, before, after, List.of());

    assertEquals(2, step.outcomes().size(), "the untouched PARTY row is left out");
    assertEquals(0, step.of(TRYTON).created());
    assertEquals(1, step.of(TRYTON).unchanged());
    assertEquals(1, step.of(VENDURE).unchanged());
    assertEquals(0, step.writes());
    assertTrue(step.render().contains("tryton     order     created 0, updated 0, unchanged 1"));
    OrderToCash.Step failed =
        OrderToCash.Step.between(
            OrderToCash.ORDERS,
            1,
            before,
            report(new RunReport.Counts(TRYTON, "order", 1, 0, 0, 1, 0, 1, 0)),
            List.of("tryton REMOTE_REJECTION: customerEmail: no Tryton party has this e-mail"));
    assertEquals(1, failed.deadLettered());
    assertTrue(
        failed.render().contains("  dead letter: tryton REMOTE_REJECTION: customerEmail"),
        failed.render());
  }

  @Test
  void aStepThatDidNothingSaysSo() {
    RunReport same = report(new RunReport.Counts(TRYTON, "order", 1, 0, 0, 0, 0, 0, 0));
    OrderToCash.Step step = OrderToCash.Step.between(OrderToCash.ORDERS, 0, same, same, List.of());
    assertTrue(step.outcomes().isEmpty());
    assertEquals(0, step.deadLettered());
    assertTrue(step.render().contains("nothing to do"), step.render());
  }
}
