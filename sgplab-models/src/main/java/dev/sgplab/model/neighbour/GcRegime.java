package dev.sgplab.model.neighbour;

/**
 * Whether neigh_periodic_work() scans the table. The kernel decides by the table's entry count
 * against gc_thresh1 ({@link #AUTO}); the other two force one regime so that a scenario can state
 * it explicitly (the lab can only approximate the entry count of a real node).
 */
public enum GcRegime {
    /** The kernel's rule: scan only while the table holds at least gc_thresh1 entries. */
    AUTO,
    /** Scan on every run, as on a busy node. */
    GC,
    /** Never scan, as on a quiet node: a STALE entry lives until something else touches it. */
    NO_GC
}
