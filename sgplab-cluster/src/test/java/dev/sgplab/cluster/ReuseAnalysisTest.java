package dev.sgplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.RunObservations;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From records to observations: previous owners (across rounds too), gaps, counts, what is not observable. */
class ReuseAnalysisTest {
    private static ChurnPodRecord pod(String name, double created, String ip, String mac, double ready,
            double ended, String status) {
        return new ChurnPodRecord(name, created, "node-a", ip, mac, "eni-" + name, ready, ended, status, 1.0);
    }

    @Test
    void previousOwnersGapsAndCounts() {
        ChurnPodRecord earlierRound = pod("c60-000", 0, "10.0.0.5", "0a:00:00:00:00:01", 1, 5, "Succeeded");
        ChurnPodRecord first = pod("c30-000", 100, "10.0.0.6", "0a:00:00:00:00:02", 101, 104, "Succeeded");
        ChurnPodRecord reusesEarlierRound = pod("c30-001", 102, "10.0.0.5", "0a:00:00:00:00:03", 140, 146, "Error");
        ChurnPodRecord reusesFirst = pod("c30-002", 104, "10.0.0.6", "0a:00:00:00:00:04", 180, 183, "Succeeded");
        ChurnPodRecord neverGotEni = new ChurnPodRecord("c30-003", 106, null, null, null, null, Double.NaN, Double.NaN,
                null, Double.NaN);
        List<ChurnPodRecord> round = List.of(first, reusesEarlierRound, reusesFirst, neverGotEni);
        List<ChurnPodRecord> history = List.of(earlierRound, first, reusesEarlierRound, reusesFirst, neverGotEni);

        RunObservations run = ReuseAnalysis.observe("cluster t", 30, round, history, 100, 42);

        assertThat(run.pods()).isEqualTo(4);
        assertThat(run.errorPods()).isEqualTo(1);
        assertThat(run.ipReuses()).isEqualTo(2);
        assertThat(run.reuseGapsSeconds()).containsExactly(135.0, 76.0);
        PodObservation failed = run.podDetails().get(1);
        assertThat(failed.previousOwner().pod()).isEqualTo("c60-000");
        assertThat(failed.previousOwner().mac()).isEqualTo("0a:00:00:00:00:01");
        assertThat(failed.previousOwner().endedAt()).isEqualTo(-95.0); // before this round began
        assertThat(failed.previousOwner().eniDeletedAt()).isNaN();
        assertThat(failed.createdAt()).isEqualTo(2.0);
        assertThat(failed.firstLookupAt()).isCloseTo(45.0, within(1e-9)); // end minus the container's run time
        assertThat(run.podDetails().get(3).phase()).isEqualTo("NotEnded");
        assertThat(run.podsWaitedForBranch()).isEqualTo(2); // 38 s and 76 s from creation to the annotation
        assertThat(run.maxDeleteQueue()).isEqualTo(-1);
        assertThat(run.meanDeleteQueue()).isNaN();
        assertThat(run.durationSeconds()).isEqualTo(83.0);
        assertThat(run.events()).isEqualTo(42);
    }
}
