package dev.sgplab.guard;

import java.util.Locale;

/**
 * The node's arp table as its periodic GC sees it. {@code entries} is tbl->entries: one count for
 * the whole node, every network namespace and PERMANENT entries included; neigh_periodic_work()
 * returns without scanning while it is below gc_thresh1 (net/core/neighbour.c, v6.x), so a STALE
 * entry then lives until something else touches it. {@code periodicGcRuns} counts the work's runs,
 * scanned or not (the kernel has no counter of scans).
 */
public record ArpTableState(long entries, long gcThresh1, long gcThresh2, long gcThresh3, long periodicGcRuns) {

    /** Whether periodic GC currently skips its scan: stale entries are not being removed. */
    public boolean periodicGcSkipped() {
        return entries < gcThresh1;
    }

    /** One log line, in the sysctls' own names. */
    public String describe() {
        return String.format(Locale.ROOT, "arp table %d entries, gc_thresh1/2/3 %d/%d/%d: periodic GC %s", entries,
                gcThresh1, gcThresh2, gcThresh3, periodicGcSkipped()
                        ? "skipped (entries < gc_thresh1): STALE entries are not removed"
                        : "scanning (entries >= gc_thresh1): entries unused for gc_stale_time are removed");
    }
}
