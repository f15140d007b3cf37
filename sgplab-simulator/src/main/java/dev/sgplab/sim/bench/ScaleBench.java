package dev.sgplab.sim.bench;

import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.ClusterSimulation;
import dev.sgplab.sim.Replications;
import dev.sgplab.sim.SimulationPlan;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The figures behind `sgplab bench --scale` (issue #13): single long runs of the large-cluster
 * scenario, one at a time on this thread after a warm-up run. For each run: wall and CPU time of
 * this thread (the CPU figure is what the run itself cost when other processes share the cores),
 * events, and time per pod. One run of the full pod count also reports the live heap after a full
 * GC when 10 %, 30 % and 99 % of its pods have been created (the GCs are not timed). Runs at fewer nodes
 * show whether the cost of a pod depends on the cluster's size.
 */
public final class ScaleBench {

    /**
     * One timed run. cpuSeconds: building the run (cluster, subnet, tables) and running it;
     * setupCpuSeconds: the building alone. eventsPerCpuSecond counts the actions the engine ran
     * (cancelled timers are not events) per CPU second of the whole; eventsPerRunCpuSecond per CPU
     * second of the run after its set-up.
     */
    public record Run(int nodes, int pods, double wallSeconds, double cpuSeconds, double setupCpuSeconds, long events,
            double wallMicrosPerPod, double cpuMicrosPerPod, double eventsPerCpuSecond, double eventsPerRunCpuSecond) {
    }

    /** Events per CPU second of a small scenario, whole runs and the runs after their set-up. */
    public record EventRate(double perCpuSecond, double perRunCpuSecond) {
    }

    /** Live heap (MB, after a full GC) when this many pods had been created. */
    public record HeapAt(int podsCreated, double liveHeapMegabytes) {
    }

    public record Figures(Run full, Run tenth, List<Run> byNodes, List<HeapAt> heap, double maxHeapMegabytes) {
    }

    /**
     * Where the live heap is measured in the full run, as fractions of its pods created (100 k, 300 k
     * and 990 k of 1 M): the last mark falls before the run's tail, while all its state is live.
     */
    static final double[] HEAP_MARKS = {0.1, 0.3, 0.99};

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ScaleBench() {
    }

    /**
     * @param large    the large scenario (its pod count is the full run's)
     * @param nodeCounts node counts to compare at a tenth of the pods (the scenario's own is added)
     * @param progress one line per step, for stderr
     */
    public static Figures measure(ScenarioTree large, int[] nodeCounts, Consumer<String> progress) {
        SimulationPlan fullPlan = SimulationPlan.of(large.bind());
        int pods = fullPlan.churn().pods();
        int tenthPods = Math.max(1, pods / 10);
        progress.accept("warm-up: " + tenthPods / 3 + " pods");
        timed(withPods(large, tenthPods / 3), null);
        // The long run first: it leaves the JIT fully warm for the shorter runs compared with it.
        progress.accept("timed run: " + pods + " pods, live heap at 10 %, 30 %, 99 % of them created");
        List<HeapAt> heap = new ArrayList<>();
        Run full = timed(fullPlan, heap);
        progress.accept("timed run: " + tenthPods + " pods");
        Run tenth = timed(withPods(large, tenthPods), null);
        List<Run> byNodes = new ArrayList<>();
        for (int nodes : nodeCounts) {
            if (nodes == fullPlan.nodes()) {
                byNodes.add(tenth);
                continue;
            }
            progress.accept("timed run: " + tenthPods + " pods on " + nodes + " nodes");
            byNodes.add(timed(large.with("workload.pods", Integer.toString(tenthPods))
                    .with("cluster.nodes", Integer.toString(nodes)), null));
        }
        return new Figures(full, tenth, byNodes, heap, Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    /**
     * Events per CPU second of this thread over {@code replications} runs of a small scenario (the
     * report's), measured as the large runs are (the same events, the same CPU clock, set-up timed
     * apart), so that the two compare on a shared machine.
     */
    public static EventRate eventsPerCpuSecond(SimulationPlan plan, int warmup, int replications) {
        for (int r = 0; r < warmup; r++) {
            new ClusterSimulation(plan, Replications.seedOf(7, r), ClusterSimulation.Detail.COUNTS).run();
        }
        long setup = 0;
        long total = 0;
        long events = 0;
        for (int r = 0; r < replications; r++) {
            long start = THREADS.getCurrentThreadCpuTime();
            ClusterSimulation run = new ClusterSimulation(plan, Replications.seedOf(1, r), ClusterSimulation.Detail.COUNTS);
            long built = THREADS.getCurrentThreadCpuTime();
            events += run.run().events();
            setup += built - start;
            total += THREADS.getCurrentThreadCpuTime() - start;
        }
        return new EventRate(events / (total / 1e9), events / ((total - setup) / 1e9));
    }

    private static SimulationPlan withPods(ScenarioTree tree, int pods) {
        return SimulationPlan.of(tree.with("workload.pods", Integer.toString(pods)).bind());
    }

    private static Run timed(ScenarioTree tree, List<HeapAt> heap) {
        return timed(SimulationPlan.of(tree.bind()), heap);
    }

    /** Runs once; with {@code heap}, pauses (untimed) at each mark for a full GC and a heap reading. */
    private static Run timed(SimulationPlan plan, List<HeapAt> heap) {
        int pods = plan.churn().pods();
        long[] paused = new long[2]; // wall, cpu spent in heap readings
        int[] nextMark = {0};
        ClusterSimulation.Progress marks = (simulated, created, total) -> {
            while (heap != null && nextMark[0] < HEAP_MARKS.length
                    && created >= Math.round(HEAP_MARKS[nextMark[0]] * total)) {
                long wall = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                heap.add(new HeapAt(created, liveHeapMegabytes()));
                paused[0] += System.nanoTime() - wall;
                paused[1] += THREADS.getCurrentThreadCpuTime() - cpu;
                nextMark[0]++;
            }
        };
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        ClusterSimulation run = new ClusterSimulation(plan, Replications.seedOf(1, 0), ClusterSimulation.Detail.COUNTS);
        double setupCpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
        long events = run.run(heap == null ? null : marks, 0).events();
        double wallSeconds = (System.nanoTime() - wall - paused[0]) / 1e9;
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu - paused[1]) / 1e9;
        return new Run(plan.nodes(), pods, wallSeconds, cpuSeconds, setupCpuSeconds, events, wallSeconds * 1e6 / pods,
                cpuSeconds * 1e6 / pods, events / cpuSeconds, events / (cpuSeconds - setupCpuSeconds));
    }

    private static double liveHeapMegabytes() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed() / 1048576.0;
    }
}
