package dev.sgplab.model.neighbour;

/**
 * Table-wide settings of one kernel's arp table (struct neigh_table): the gc_thresh sysctls, which
 * are shared by every network namespace, the regime, and the entries present from the start that the model does not simulate one by one
 * (other pods' permanent entries, node neighbours) but which count towards gc_thresh1; entries that
 * come and go during a run are added with {@link NeighbourTable#addEntriesOutsideModel}.
 */
public record TableParams(int gcThresh1, int gcThresh2, int gcThresh3, GcRegime regime, int entriesOutsideModel) {

    public static final TableParams LINUX_DEFAULTS = new TableParams(128, 512, 1024, GcRegime.AUTO, 0);

    public TableParams {
        if (gcThresh1 < 0 || gcThresh2 < 0 || gcThresh3 < 0) {
            throw new IllegalArgumentException("gc_thresh1..3 must not be negative");
        }
        if (entriesOutsideModel < 0) {
            throw new IllegalArgumentException("other-arp-entries must not be negative");
        }
    }
}
