package dev.sgplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.model.neighbour.Packet;
import dev.sgplab.observe.EntrySnapshot;
import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.PreviousOwner;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.observe.TryObservation;
import dev.sgplab.observe.TryOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trace's summary of causes, and the legend that says what "query N try M" is. */
class ErrorStoryTest {
    private static final String OLD = "02:00:00:00:00:01";
    private static final String NEW = "02:00:00:00:00:02";

    private static TryObservation attempt(int query, NudState state, String mac, TryOutcome outcome) {
        return new TryObservation(query, 0, 10 + 5 * query, 0, new EntrySnapshot("node-0", "eth0", state, mac), outcome,
                List.of());
    }

    private static PodObservation pod(String name, PreviousOwner previous, List<TryObservation> tries) {
        return new PodObservation(name, "node-1", "198.18.0.9", NEW, "eni-1", 0, 1, 2, 20, PodObservation.ERROR, 0,
                previous, tries);
    }

    @Test
    void theFirstLossDecidesTheCause() {
        PreviousOwner previous = new PreviousOwner("old", OLD, 0, 40, 55.5);
        PodObservation stale = pod("a", previous, List.of(
                attempt(0, NudState.STALE, OLD, new TryOutcome.Lost(OLD, "198.18.0.9", NEW)),
                attempt(1, NudState.FAILED, null, TryOutcome.DELIVERED)));
        PodObservation other = pod("b", previous, List.of(attempt(0, NudState.STALE, "02:00:00:00:00:09",
                new TryOutcome.Lost("02:00:00:00:00:09", "198.18.0.9", NEW))));
        PodObservation dropped = pod("c", null, List.of(attempt(0, NudState.INCOMPLETE, null,
                new TryOutcome.Dropped(Packet.DropReason.RESOLUTION_FAILED))));
        PodObservation nxdomain = pod("d", null, List.of(attempt(0, NudState.REACHABLE, NEW, TryOutcome.DELIVERED)));
        PodObservation unseen = pod("e", null, List.of());
        assertThat(List.of(stale, other, dropped, nxdomain, unseen)).extracting(ErrorStory::cause).containsExactly(
                ErrorStory.Cause.OLD_MAC, ErrorStory.Cause.OTHER_MAC, ErrorStory.Cause.DROPPED, ErrorStory.Cause.NXDOMAIN,
                ErrorStory.Cause.UNSEEN);
        String summary = ErrorStory.summary(List.of(stale, other, dropped, nxdomain, unseen));
        assertThat(summary).startsWith("Summary of causes: 5 Error pods of 5")
                .contains("    1  replies went to the previous owner's MAC", "2 of them had reused an IP, with reuse "
                        + "gaps from 55.5 s to 55.5 s");
    }

    /** A simulated run at 30 s: the summary accounts for every Error pod, and the trace explains its terms. */
    @Test
    void theTraceEndsWithASummaryThatCountsEveryErrorPod() {
        RunObservations run = ReportFixtures.run(30, 1);
        String trace = SimulateReport.table(run, 1L, ReportFixtures.assumptions(), true);
        assertThat(trace).contains("\"query N\" is the N-th name", "M-th send of that query");
        String summary = trace.substring(trace.indexOf("Summary of causes"));
        assertThat(summary).startsWith("Summary of causes: " + run.errorPods() + " Error pods of " + run.pods());
        int counted = summary.lines().skip(1).filter(l -> l.matches("\\s+\\d+  .*"))
                .mapToInt(l -> Integer.parseInt(l.trim().split("\\s+")[0])).sum();
        assertThat(counted).isEqualTo(run.errorPods()).isPositive();
        assertThat(trace.strip()).endsWith(summary.strip());
    }
}
