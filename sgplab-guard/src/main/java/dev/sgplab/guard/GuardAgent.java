package dev.sgplab.guard;

import dev.sgplab.model.guard.GuardRules;
import dev.sgplab.observe.IpNeighEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The guard: knows which MAC owns each SGPP pod IP (from the pods' pod-eni annotations, or the lab's
 * ENI events), and repairs any neighbour entry that holds another MAC for such an IP — at once when
 * an owner becomes known, and on a periodic sweep as a safety net. Decisions are {@link GuardRules};
 * checks and repairs run one at a time on the agent's own thread.
 */
public final class GuardAgent implements AutoCloseable {
    private final List<NeighbourTables> tables;
    private final GuardRules.Action action;
    private final LongSupplier nanoTime;
    private final Consumer<String> log;
    private final Map<String, String> ownerMacByIp = new ConcurrentHashMap<>();
    private final Map<String, Long> knownSince = new ConcurrentHashMap<>();
    private final GuardMetrics metrics = new GuardMetrics(ownerMacByIp::size);
    private volatile Supplier<ArpTableState> arpTable;
    /** Whether periodic GC was skipped at the last read; null before the first. */
    private Boolean lastGcSkipped;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sgplab-guard");
        t.setDaemon(true);
        return t;
    });

    public GuardAgent(List<NeighbourTables> tables, GuardRules.Action action, LongSupplier nanoTime, Consumer<String> log) {
        this.tables = List.copyOf(tables);
        this.action = action;
        this.nanoTime = nanoTime;
        this.log = log;
    }

    /** Starts the periodic sweep. */
    public GuardAgent start(double sweepIntervalSeconds) {
        long millis = Math.max(1, Math.round(sweepIntervalSeconds * 1000));
        worker.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    public GuardMetrics metrics() {
        return metrics;
    }

    /**
     * Also watch the node's arp table: its entry count and gc_thresh1..3 as metrics, and a log line
     * now and at each sweep where periodic GC switches between scanning and skipped.
     */
    public GuardAgent watchArpTable(Supplier<ArpTableState> source) {
        arpTable = source;
        metrics.watchArpTable(source);
        logArpTable();
        return this;
    }

    private synchronized void logArpTable() {
        if (arpTable == null) {
            return;
        }
        try {
            ArpTableState state = arpTable.get();
            Boolean skipped = state.periodicGcSkipped();
            if (!skipped.equals(lastGcSkipped)) {
                log.accept("guard: " + state.describe());
                lastGcSkipped = skipped;
            }
        } catch (RuntimeException e) {
            metrics.errors.incrementAndGet();
            log.accept("guard: cannot read the arp table's state: " + e.getMessage());
        }
    }

    /** A pod with {@code ip} and {@code mac} appeared (its annotation): check that IP everywhere now. */
    public void ownerKnown(String ip, String mac) {
        String normalised = mac.toLowerCase(java.util.Locale.ROOT);
        String previous = ownerMacByIp.put(ip, normalised);
        if (!normalised.equals(previous)) {
            knownSince.put(ip, nanoTime.getAsLong());
        }
        worker.execute(() -> check(ip));
    }

    /** The pod is gone: forget its IP (if the same MAC still owns it), so its entries are left alone. */
    public void ownerGone(String ip, String mac) {
        if (ownerMacByIp.remove(ip, mac.toLowerCase(java.util.Locale.ROOT))) {
            knownSince.remove(ip);
        }
    }

    public Map<String, String> owners() {
        return Map.copyOf(ownerMacByIp);
    }

    /** Runs queued work and waits for it (tests, and the lab before it reports). */
    public void drain() {
        try {
            worker.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the guard did not drain: " + e.getMessage());
        }
    }

    void check(String ip) {
        String owner = ownerMacByIp.get(ip);
        if (owner == null) {
            return;
        }
        for (NeighbourTables table : tables) {
            try {
                for (IpNeighEntry entry : table.forIp(ip)) {
                    metrics.entriesChecked.incrementAndGet();
                    repair(table, GuardRules.decide(owner, entry, action));
                }
            } catch (RuntimeException e) {
                metrics.errors.incrementAndGet();
                log.accept("guard: cannot check " + ip + " on " + table.name() + ": " + e.getMessage());
            }
        }
    }

    void sweep() {
        logArpTable();
        for (NeighbourTables table : tables) {
            try {
                List<IpNeighEntry> entries = table.all();
                metrics.entriesChecked.addAndGet(entries.size());
                for (GuardRules.Repair repair : GuardRules.decide(ownerMacByIp, entries, action)) {
                    repair(table, repair);
                }
            } catch (RuntimeException e) {
                metrics.errors.incrementAndGet();
                log.accept("guard: cannot sweep " + table.name() + ": " + e.getMessage());
            }
        }
    }

    private void repair(NeighbourTables table, GuardRules.Repair repair) {
        if (repair == null) {
            return;
        }
        table.apply(repair);
        metrics.repairs.incrementAndGet();
        Long since = knownSince.get(repair.ip());
        long latency = since == null ? -1 : nanoTime.getAsLong() - since;
        if (latency >= 0) {
            metrics.lastRepairLatencyNanos.set(latency);
        }
        log.accept(String.format(java.util.Locale.ROOT, "guard: %s %s on %s dev %s: %s -> %s%s",
                repair.action() == GuardRules.Action.REPLACE ? "replaced" : "deleted", repair.ip(), table.name(),
                repair.device(), repair.staleMac(), repair.ownerMac(),
                latency >= 0 ? String.format(java.util.Locale.ROOT, " (%.1f ms after the owner was known)", latency / 1e6)
                        : ""));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
