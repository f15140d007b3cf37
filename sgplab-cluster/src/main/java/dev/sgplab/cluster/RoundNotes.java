package dev.sgplab.cluster;

import dev.sgplab.observe.PodObservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a round's records say that the counts do not: pods that were not a fair part of the test. */
final class RoundNotes {
    private static final int NAMES_SHOWN = 5;

    private RoundNotes() {
    }

    static List<String> of(List<ChurnPodRecord> round, Duration podTimeout) {
        List<String> notes = new ArrayList<>();
        List<String> withoutEni = round.stream().filter(r -> r.ended() && !r.hasBranchEni()).map(ChurnPodRecord::name).toList();
        if (!withoutEni.isEmpty()) {
            notes.add(withoutEni.size() + " pods ran without a branch ENI (no pod-eni annotation: the SecurityGroupPolicy "
                    + "did not select them, or the controller's webhook had not seen it yet), so they say nothing about "
                    + "IP reuse: " + names(withoutEni));
        }
        List<String> notEnded = round.stream().filter(r -> !r.ended()).map(ChurnPodRecord::name).toList();
        if (!notEnded.isEmpty()) {
            notes.add(notEnded.size() + " pods had not ended " + podTimeout.toSeconds() + " s after the last was created "
                    + "(not counted as Error): " + names(notEnded));
        }
        Map<String, Integer> others = new TreeMap<>();
        for (ChurnPodRecord r : round) {
            if (r.ended() && !r.status().equals(PodObservation.SUCCEEDED) && !r.status().equals(PodObservation.ERROR)) {
                others.merge(r.status(), 1, Integer::sum);
            }
        }
        others.forEach((status, count) -> notes.add(count + " pods ended " + status + " (not counted as Error, as "
                + "kubectl would not show them as Error)"));
        return notes;
    }

    private static String names(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())))
                + (names.size() > NAMES_SHOWN ? ", ..." : "");
    }
}
