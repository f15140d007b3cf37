package dev.sgplab.guard;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/** The agent's counters, in Prometheus' text format. */
public final class GuardMetrics {
    final AtomicLong entriesChecked = new AtomicLong();
    final AtomicLong repairs = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong lastRepairLatencyNanos = new AtomicLong(-1);
    private final IntSupplier knownIps;

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

    public String prometheus() {
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
