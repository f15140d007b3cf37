package dev.sgplab.lab;

import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Keeps the kernel's arp entry count (tbl->entries) at the scenario's count for a DNS node, as
 * {@code kernel.gc-regime: auto} needs: periodic GC scans only while that count is at least
 * gc_thresh1.
 *
 * <p>The scenario's count for node n at a moment is its standing population (the {@code population}
 * keys and {@code other-arp-entries}) + the VPC CNI entries of the test pods on n (counted as the
 * simulator counts them: from each pod's lookup and annotation to its end) + n's own entries for the
 * pods (which the kernel holds in n's namespace; read with {@code ip neigh}). The kernel's count
 * holds more: the host's own entries, the other DNS nodes' entries (one kernel for all nodes), and
 * the lab's scaffolding (each pod namespace's permanent entries for the DNS nodes, NOARP entries on
 * loopback). None of those is assumed constant: on every change of the test's entries and every
 * {@link #SAMPLE_MILLIS} ms the keeper reads the kernel's count and sets the number of permanent
 * padding entries (addresses in 198.19.0.0/16 on a link of the fabric namespace) to the difference,
 * a closed loop. With several DNS nodes the target is the mean of their counts (the kernel has one).
 * The samples it reports are the periodic ones, read just before correcting.
 */
final class ArpCountKeeper implements AutoCloseable {
    static final long SAMPLE_MILLIS = 250;
    private static final int PADDING_BASE = Ipv4.parse("198.19.0.0");
    /** 198.19.0.0/16 less its first and last address. */
    static final int MAX_PADDING = 65_534;

    private final String ip = Preflight.path(Preflight.IP);
    private final String fabric;
    private final String paddingLink;
    private final List<DnsNode> nodes;
    private final NeighbourObserver observer;
    private final int standing;
    private final int gcThresh1;
    private final IntSupplier kernelCount;
    private final Map<String, Integer> podEntriesByNode = new LinkedHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            LabThreads.daemons("sgplab-lab-arp-count"));
    private final AtomicBoolean correctionQueued = new AtomicBoolean();
    private final Consumer<RuntimeException> failures;
    private volatile boolean stopped;
    // below: touched by the worker thread only (and read after it stopped)
    private int padding;
    private int entriesBeforeBuild;
    private final Samples samples = new Samples();

    ArpCountKeeper(String fabric, String paddingLink, List<DnsNode> nodes, NeighbourObserver observer, int standing,
            int gcThresh1, IntSupplier kernelCount, Consumer<RuntimeException> failures) {
        this.failures = failures;
        this.fabric = fabric;
        this.paddingLink = paddingLink;
        this.nodes = List.copyOf(nodes);
        this.observer = observer;
        this.standing = standing;
        this.gcThresh1 = gcThresh1;
        this.kernelCount = kernelCount;
        nodes.forEach(node -> podEntriesByNode.put(node.name(), 0));
    }

    /** The padding's link, then the first correction (before the run starts), then the periodic ones. */
    void start(int entriesBefore) {
        entriesBeforeBuild = entriesBefore;
        if (stopped) {
            throw new LabException("the lab run was interrupted");
        }
        batch("link add " + paddingLink + " type veth peer name " + paddingLink + "x",
                "link set " + paddingLink + " up");
        correct(false);
        worker.scheduleWithFixedDelay(() -> run(() -> correct(true)), SAMPLE_MILLIS, SAMPLE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** A test pod's VPC CNI entries on {@code nodeName} changed (no-op for a node without CoreDNS). */
    void podEntries(String nodeName, int delta) {
        synchronized (podEntriesByNode) {
            podEntriesByNode.computeIfPresent(nodeName, (name, count) -> count + delta);
        }
        correctSoon();
    }

    /** The lab changed its own entries (a pod namespace came or went): correct without waiting. */
    void correctSoon() {
        if (!stopped && correctionQueued.compareAndSet(false, true)) {
            worker.execute(() -> run(() -> {
                correctionQueued.set(false);
                correct(false);
            }));
        }
    }

    private void run(Runnable step) {
        if (stopped) {
            return;
        }
        try {
            step.run();
        } catch (RuntimeException e) {
            if (!stopped) {
                failures.accept(e); // the run must not go on with a count that is not the scenario's
            }
        }
    }

    /** Reads both counts, records a sample if asked, and moves the padding by the difference. */
    private void correct(boolean sample) {
        int target = scenarioCount();
        int kernel = kernelCount.getAsInt();
        if (sample) {
            samples.add(kernel, target, gcThresh1, padding);
        }
        int wanted = Math.max(0, Math.min(MAX_PADDING, padding + target - kernel));
        setPadding(wanted);
    }

    /** The mean over DNS nodes of population + test pods' CNI entries + the node's own entries. */
    int scenarioCount() {
        long sum = 0;
        for (DnsNode node : nodes) {
            int pods;
            synchronized (podEntriesByNode) {
                pods = podEntriesByNode.get(node.name());
            }
            sum += standing + pods + observer.entriesOnLink(node);
        }
        return (int) Math.round((double) sum / nodes.size());
    }

    private void setPadding(int wanted) {
        if (wanted == padding) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (int i = padding + 1; i <= wanted; i++) {
            lines.add("neigh replace " + Ipv4.format(PADDING_BASE + i) + " lladdr "
                    + MacAddress.format(0x0200_0000_0000L + i) + " nud permanent dev " + paddingLink);
        }
        for (int i = padding; i > wanted; i--) {
            lines.add("neigh del " + Ipv4.format(PADDING_BASE + i) + " dev " + paddingLink);
        }
        batch(lines.toArray(String[]::new));
        padding = wanted;
    }

    private void batch(String... lines) {
        Commands.check(List.of(ip, "-n", fabric, "-batch", "-"), String.join("\n", lines) + "\n");
    }

    /** What the samples showed so far. */
    ArpCount report() {
        try {
            return worker.submit(() -> samples.report(gcThresh1, SAMPLE_MILLIS / 1000.0, entriesBeforeBuild)).get(5,
                    TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                | java.util.concurrent.RejectedExecutionException e) {
            return samples.report(gcThresh1, SAMPLE_MILLIS / 1000.0, entriesBeforeBuild);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return samples.report(gcThresh1, SAMPLE_MILLIS / 1000.0, entriesBeforeBuild);
        }
    }

    /** Stops correcting; the padding goes with the fabric namespace. */
    @Override
    public void close() {
        stopped = true;
        LabThreads.stop(worker);
    }

    /** The periodic samples' ranges and deviations. */
    static final class Samples {
        private int count;
        private int kernelMin = Integer.MAX_VALUE;
        private int kernelMax = Integer.MIN_VALUE;
        private int scenarioMin = Integer.MAX_VALUE;
        private int scenarioMax = Integer.MIN_VALUE;
        private int paddingMin = Integer.MAX_VALUE;
        private int paddingMax = Integer.MIN_VALUE;
        private int maxOff;
        private int off;
        private int otherSide;

        synchronized void add(int kernel, int scenario, int gcThresh1, int padding) {
            count++;
            kernelMin = Math.min(kernelMin, kernel);
            kernelMax = Math.max(kernelMax, kernel);
            scenarioMin = Math.min(scenarioMin, scenario);
            scenarioMax = Math.max(scenarioMax, scenario);
            paddingMin = Math.min(paddingMin, padding);
            paddingMax = Math.max(paddingMax, padding);
            int deviation = Math.abs(kernel - scenario);
            maxOff = Math.max(maxOff, deviation);
            if (deviation > ArpCount.TOLERANCE) {
                off++;
            }
            if ((kernel >= gcThresh1) != (scenario >= gcThresh1)) {
                otherSide++;
            }
        }

        synchronized ArpCount report(int gcThresh1, double sampleSeconds, int entriesBeforeBuild) {
            if (count == 0) {
                return new ArpCount(gcThresh1, sampleSeconds, 0, 0, 0, 0, 0, 0, 0, 0, entriesBeforeBuild, 0, 0);
            }
            return new ArpCount(gcThresh1, sampleSeconds, count, kernelMin, kernelMax, scenarioMin, scenarioMax, maxOff,
                    off, otherSide, entriesBeforeBuild, paddingMin, paddingMax);
        }
    }
}
