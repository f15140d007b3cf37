package dev.sgplab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.model.neighbour.GcActivity;
import dev.sgplab.observe.RunObservations;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcSummaryTest {

    private static RunObservations run(GcActivity... activity) {
        return new RunObservations("s", 1, 30, 2, 0, 0, List.of(), 0, 0, 0, 0, 10, 1, List.of())
                .withGcActivity(List.of(activity));
    }

    @Test
    void perNodeMeanShareRunsWithoutAScanAndTheRangeOverAllRuns() {
        List<GcSummary> summary = GcSummary.of(List.of(
                run(new GcActivity("node-0", 10, 5, 100, 130, 120, 128), new GcActivity("node-1", 10, 0, 90, 110, 95, 128)),
                run(new GcActivity("node-0", 20, 20, 115, 150, 140, 128), new GcActivity("node-1", 20, 2, 80, 129, 100, 128))));
        assertThat(summary).containsExactly(
                new GcSummary("node-0", 0.75, 0.0, 100, 150, 128),
                new GcSummary("node-1", 0.05, 0.5, 80, 129, 128));
    }

    @Test
    void aBackendWithoutTablesGivesNothing() {
        assertThat(GcSummary.of(List.of(run()))).isEmpty();
    }
}
