package dev.sgplab.sim;

import dev.sgplab.model.neighbour.GcActivity;
import dev.sgplab.observe.RunObservations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CoreDNS node's periodic GC over replications: the mean share of periodic runs that scanned,
 * the share of replications in which it never scanned, and the entry count's range over all runs.
 */
public record GcSummary(String node, double meanScannedFraction, double runsNeverScanned, int minEntries,
        int maxEntries, int gcThresh1) {

    public static List<GcSummary> of(List<RunObservations> runs) {
        Map<String, List<GcActivity>> byNode = new LinkedHashMap<>();
        for (RunObservations run : runs) {
            for (GcActivity activity : run.gcActivity()) {
                byNode.computeIfAbsent(activity.node(), n -> new ArrayList<>()).add(activity);
            }
        }
        List<GcSummary> summaries = new ArrayList<>();
        byNode.forEach((node, activities) -> {
            double fraction = 0;
            int never = 0;
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (GcActivity a : activities) {
                fraction += a.periodicRuns() == 0 ? 0 : a.scannedFraction();
                never += a.scans() == 0 ? 1 : 0;
                min = Math.min(min, a.minEntries());
                max = Math.max(max, a.maxEntries());
            }
            summaries.add(new GcSummary(node, fraction / activities.size(), (double) never / activities.size(), min,
                    max, activities.get(0).gcThresh1()));
        });
        return summaries;
    }
}
