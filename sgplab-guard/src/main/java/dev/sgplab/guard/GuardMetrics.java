package dev.sgplab.guard;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** The agent's counters, in Prometheus' text format. */
public final class GuardMetrics {
    final AtomicLong entriesChecked = new AtomicLong();
    final AtomicLong repairs = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong lastRepairLatencyNanos = new AtomicLong(-1);
    private final IntSupplier knownIps;
    /** The node's arp table, read at each scrape; null when the guard does not watch it. */
    private volatile Supplier<ArpTableState> arpTable;

    GuardMetrics(IntSupplier knownIps) {
        this.knownIps = knownIps;
    }

    public long entriesChecked() {
        return entriesChecked.get();
    }

    public long repairs() {
        return repairs.get();
    }

    /** Seconds from the owner becoming known to the repair, for the latest repair; -1 before any. */
    public double lastRepairLatencySeconds() {
        long nanos = lastRepairLatencyNanos.get();
        return nanos < 0 ? -1 : nanos / 1e9;
    }

    void watchArpTable(Supplier<ArpTableState> source) {
        this.arpTable = source;
    }

    public String prometheus() {
        String arp = arpTableMetrics(); // first: a failed read shows in this scrape's error count
        return counters() + arp;
    }

    /**
     * The regime of the node's periodic GC: the entry count it compares with gc_thresh1, the three
     * thresholds and whether the scan is skipped now. Nothing when the table cannot be read (the
     * read failure is counted in errors).
     */
    private String arpTableMetrics() {
        Supplier<ArpTableState> source = arpTable;
        if (source == null) {
            return "";
        }
        ArpTableState s;
        try {
            s = source.get();
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            return "";
        }
        return String.format(Locale.ROOT, """
                # HELP sgplab_guard_arp_table_entries The node's arp table entries (tbl->entries, every namespace).
                # TYPE sgplab_guard_arp_table_entries gauge
                sgplab_guard_arp_table_entries %d
                # HELP sgplab_guard_arp_gc_thresh The node's gc_thresh1..3 (/proc/sys/net/ipv4/neigh/default).
                # TYPE sgplab_guard_arp_gc_thresh gauge
                sgplab_guard_arp_gc_thresh{level="1"} %d
                sgplab_guard_arp_gc_thresh{level="2"} %d
                sgplab_guard_arp_gc_thresh{level="3"} %d
                # HELP sgplab_guard_arp_periodic_gc_skipped 1 while entries < gc_thresh1: periodic GC removes no stale entry.
                # TYPE sgplab_guard_arp_periodic_gc_skipped gauge
                sgplab_guard_arp_periodic_gc_skipped %d
                # HELP sgplab_guard_arp_periodic_gc_runs_total Runs of the periodic GC work, scanned or not (arp_cache).
                # TYPE sgplab_guard_arp_periodic_gc_runs_total counter
                sgplab_guard_arp_periodic_gc_runs_total %d
                """, s.entries(), s.gcThresh1(), s.gcThresh2(), s.gcThresh3(), s.periodicGcSkipped() ? 1 : 0,
                s.periodicGcRuns());
    }

    private String counters() {
        return String.format(Locale.ROOT, """
                # HELP sgplab_guard_entries_checked_total Neighbour entries the guard has checked.
                # TYPE sgplab_guard_entries_checked_total counter
                sgplab_guard_entries_checked_total %d
                # HELP sgplab_guard_repairs_total Neighbour entries repaired (their MAC was not the pod's).
                # TYPE sgplab_guard_repairs_total counter
                sgplab_guard_repairs_total %d
                # HELP sgplab_guard_errors_total Reads or repairs of the neighbour tables that failed.
                # TYPE sgplab_guard_errors_total counter
                sgplab_guard_errors_total %d
                # HELP sgplab_guard_last_repair_latency_seconds From the owner becoming known to the latest repair.
                # TYPE sgplab_guard_last_repair_latency_seconds gauge
                sgplab_guard_last_repair_latency_seconds %s
                # HELP sgplab_guard_known_pod_ips Pod IPs whose owner (pod-eni annotation) the guard knows.
                # TYPE sgplab_guard_known_pod_ips gauge
                sgplab_guard_known_pod_ips %d
                """, entriesChecked.get(), repairs.get(), errors.get(),
                lastRepairLatencyNanos.get() < 0 ? "NaN" : Double.toString(lastRepairLatencySeconds()),
                knownIps.getAsInt());
    }
}
