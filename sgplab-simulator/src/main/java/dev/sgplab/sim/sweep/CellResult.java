package dev.sgplab.sim.sweep;

import dev.sgplab.sim.GcSummary;
import java.util.List;
import java.util.Map;

/**
 * One grid cell over its replications. errorPods: the mean and the range one run falls in (2.5th to
 * 97.5th percentile of per-run counts). errorRate: Error pods over all pods with a 95 % Clopper-Pearson
 * band (it treats pods as independent; errors cluster within a run, so when they are common the
 * run-to-run range is the better guide). Capacity: the cooldown's cost in branch ENIs and waiting.
 * reuseGapHistogram: reuse gaps over all replications in 5 s bins from 0 (the last bin: 300 s and
 * over); entryLifetimeSeconds: when periodic GC removes an unused entry (gc_stale_time to
 * gc_stale_time + base_reachable_time/2 after its last use) — while GC scans: gcActivity says, per
 * CoreDNS node, how much of the runs it did (below gc_thresh1 an unused entry is never removed).
 * nodes and branchEniLimitPerNode: the cluster whose limit the delete queues count against (0 in
 * results saved before they were recorded).
 */
public record CellResult(int index, Map<String, String> settings, double cooldownSeconds, int pods,
        ErrorCounts errorPods, Rate errorRate, double ipReuses, double podsWaitedForBranch, double meanDeleteQueue,
        double meanBranchWaitSeconds, List<Integer> reuseGapHistogram, Window entryLifetimeSeconds, int nodes,
        int branchEniLimitPerNode, List<GcSummary> gcActivity) {
    public static final int GAP_BIN_SECONDS = 5;
    /** 60 bins of 5 s up to 300 s, then one for 300 s and more. */
    public static final int GAP_BINS = 61;

    public record ErrorCounts(double mean, int low, int high) {
    }

    public record Rate(double estimate, double low, double high) {
    }

    public record Window(double from, double to) {
    }
}
