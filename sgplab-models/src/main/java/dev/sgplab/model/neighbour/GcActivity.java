package dev.sgplab.model.neighbour;

/**
 * How one node's periodic GC behaved over a stretch of time: runs of neigh_periodic_work(), the
 * runs that scanned (the table held at least gc_thresh1 entries, or the regime forced it), and the
 * range of tbl->entries. The kernel counts runs too (/proc/net/stat/arp_cache periodic_gc_runs)
 * but not scans; a scan is what makes a STALE entry go away 60-75 s after its last use.
 */
public record GcActivity(String node, int periodicRuns, int scans, int minEntries, int maxEntries, int entriesAtEnd,
        int gcThresh1) {

    /** Share of periodic runs that scanned; NaN before the first run. */
    public double scannedFraction() {
        return periodicRuns == 0 ? Double.NaN : (double) scans / periodicRuns;
    }
}
