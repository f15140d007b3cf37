package dev.sgplab.cli;

import dev.sgplab.report.Json;
import dev.sgplab.report.ResultKind;
import dev.sgplab.report.Table;
import dev.sgplab.sim.SimulationPlan;
import dev.sgplab.sim.bench.ScaleBench;
import dev.sgplab.sim.bench.SimulatorBench;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the simulator after warm-up: time per replication, events per second, engine vs PriorityQueue.")
final class BenchCommand extends Subcommand implements Callable<Integer> {
    static final double TARGET_REPLICATION_MILLIS = 2.0;
    static final double TARGET_RATIO = 0.5;
    static final double TARGET_SWEEP_SECONDS = 3.0;

    @Mixin
    ReportScenarioOptions scenario;

    @Option(names = "--warmup", defaultValue = "400", description = "Warm-up replications (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--replications", defaultValue = "400", description = "Timed replications (default: ${DEFAULT-VALUE}).")
    int replications;

    @Option(names = "--scale", description = "Instead: long single runs of a large cluster (default scenario "
            + LARGE_SCENARIO + "): time and CPU per pod at a tenth and all of its pods and at 10, 100 and "
            + "1,000 nodes, live heap along the run, events per second against the report scenario's.")
    boolean scale;

    @Option(names = "--scale-scenario", paramLabel = "FILE", defaultValue = LARGE_SCENARIO,
            description = "The large scenario of --scale (default: ${DEFAULT-VALUE}, bundled if not found).")
    String scaleScenario;

    @Mixin
    OutputOptions output;

    static final String LARGE_SCENARIO = "scenarios/large-cluster.yaml";
    static final double TARGET_SCALE_SECONDS = 10.0;
    static final double TARGET_PER_POD_RATIO = 1.3;
    static final double TARGET_EVENTS_RATIO = 0.7;
    static final int[] SCALE_NODES = {10, 100, 1000};

    /** The JSON document of --scale. */
    record ScaleDocument(String scenario, int pods, double wallSeconds, double cpuSeconds, double targetSeconds,
            double cpuMicrosPerPodAtTenth, double cpuMicrosPerPodAtFull, double perPodRatio, double targetPerPodRatio,
            List<ScaleBench.Run> byNodes, double perPodRatioMostToFewestNodes, List<ScaleBench.HeapAt> liveHeap,
            double maxHeapMegabytes, double eventsPerCpuSecond, double reportEventsPerCpuSecond, double eventsRatio,
            double targetEventsRatio, double eventsPerRunCpuSecond, double reportEventsPerRunCpuSecond,
            double runEventsRatio, double loadAverage) {
    }

    /** The JSON document: the three figures the issue names, then context. */
    record Document(double replicationMillisMedian, double eventsPerSecond, double ratioToPriorityQueue,
            double sweep3x1000Seconds, int sweepThreads, double eventsPerReplication, int replications,
            int warmupReplications, double targetReplicationMillis, double targetRatioToPriorityQueue,
            double targetSweepSeconds, String scenario) {
    }

    @Override
    public Integer call() {
        if (warmup < 0 || replications <= 0) {
            throw new Errors.BadInputException("--warmup must not be negative and --replications must be positive");
        }
        RunBudget.check("--warmup + --replications", (long) warmup + replications, 1);
        if (scale) {
            return scale();
        }
        var tree = scenario.load();
        SimulationPlan plan = SimulationPlan.of(tree.bind());
        Progress progress = new Progress(err(), "bench", warmup + replications);
        SimulatorBench.Figures f = SimulatorBench.measure(plan, warmup, replications, progress);
        int threads = Runtime.getRuntime().availableProcessors();
        double sweep = SimulatorBench.sweepSeconds(tree, 1000, threads);
        Document d = new Document(round(f.replicationMillisMedian()), Math.round(f.eventsPerSecond()),
                round(f.ratioToPriorityQueue()), round(sweep), threads, round(f.eventsPerReplication()),
                f.replications(), f.warmupReplications(), TARGET_REPLICATION_MILLIS, TARGET_RATIO, TARGET_SWEEP_SECONDS,
                plan.scenarioName());
        return output.print(out(), () -> Json.write(ResultKind.BENCH, d), () -> {
            Table table = new Table("figure", "measured", "target");
            table.row("replication time, median (ms)", fmt(d.replicationMillisMedian()), "<= " + fmt(TARGET_REPLICATION_MILLIS));
            table.row("events per second", String.format(Locale.ROOT, "%,.0f", d.eventsPerSecond()), "");
            table.row("engine / PriorityQueue throughput", fmt(d.ratioToPriorityQueue()), ">= " + fmt(TARGET_RATIO));
            table.row("sweep of 3 cooldowns x 1000 replications (s, " + threads + " threads)", fmt(d.sweep3x1000Seconds()),
                    "< " + fmt(TARGET_SWEEP_SECONDS));
            table.row("events per replication", fmt(d.eventsPerReplication()), "");
            return table.render();
        });
    }

    private Integer scale() {
        var large = scenario.scenarioOptions.load(scaleScenario); // --set applies to the large scenario
        SimulationPlan reportPlan = SimulationPlan.of(
                dev.sgplab.scenario.ScenarioLoader.loadFileOrBundled(scenario.scenario).bind());
        var err = err();
        err.println("bench --scale: the report scenario's events per CPU second");
        ScaleBench.EventRate reportEvents = ScaleBench.eventsPerCpuSecond(reportPlan, warmup, replications);
        ScaleBench.Figures f = ScaleBench.measure(large, SCALE_NODES, line -> err.println("bench --scale: " + line));
        List<ScaleBench.Run> byNodes = f.byNodes();
        double nodeRatio = byNodes.get(byNodes.size() - 1).cpuMicrosPerPod() / byNodes.get(0).cpuMicrosPerPod();
        ScaleDocument d = new ScaleDocument(large.bind().name(), f.full().pods(), round(f.full().wallSeconds()),
                round(f.full().cpuSeconds()), TARGET_SCALE_SECONDS, round(f.tenth().cpuMicrosPerPod()),
                round(f.full().cpuMicrosPerPod()), round(f.full().cpuMicrosPerPod() / f.tenth().cpuMicrosPerPod()),
                TARGET_PER_POD_RATIO, byNodes, round(nodeRatio), f.heap(), round(f.maxHeapMegabytes()),
                Math.round(f.full().eventsPerCpuSecond()), Math.round(reportEvents.perCpuSecond()),
                round(f.full().eventsPerCpuSecond() / reportEvents.perCpuSecond()), TARGET_EVENTS_RATIO,
                Math.round(f.full().eventsPerRunCpuSecond()), Math.round(reportEvents.perRunCpuSecond()),
                round(f.full().eventsPerRunCpuSecond() / reportEvents.perRunCpuSecond()),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return output.print(out(), () -> Json.write(d), () -> {
            Table table = new Table("figure", "measured", "target");
            table.row(String.format(Locale.ROOT, "one run of %,d pods: wall (s)", d.pods()), fmt(d.wallSeconds()),
                    "<= " + fmt(TARGET_SCALE_SECONDS));
            table.row("  the same, CPU of the run's thread (s)", fmt(d.cpuSeconds()), "");
            table.row("CPU per pod at a tenth / all the pods (us)",
                    fmt(d.cpuMicrosPerPodAtTenth()) + " / " + fmt(d.cpuMicrosPerPodAtFull()), "");
            table.row("  ratio all / tenth", fmt(d.perPodRatio()), "<= " + fmt(TARGET_PER_POD_RATIO));
            for (ScaleBench.Run run : byNodes) {
                table.row(String.format(Locale.ROOT, "CPU per pod, %,d nodes, %,d pods (us)", run.nodes(), run.pods()),
                        fmt(run.cpuMicrosPerPod()), "");
            }
            table.row("  ratio most / fewest nodes", fmt(d.perPodRatioMostToFewestNodes()),
                    "<= " + fmt(TARGET_PER_POD_RATIO));
            for (ScaleBench.HeapAt at : f.heap()) {
                table.row(String.format(Locale.ROOT, "live heap after GC at %,d pods created (MB)", at.podsCreated()),
                        fmt(at.liveHeapMegabytes()), "flat");
            }
            table.row("max heap of this JVM (MB)", fmt(d.maxHeapMegabytes()), "run completes at 512");
            table.row("events per CPU second, large run", String.format(Locale.ROOT, "%,.0f", d.eventsPerCpuSecond()), "");
            table.row("events per CPU second, report scenario", String.format(Locale.ROOT, "%,.0f", d.reportEventsPerCpuSecond()), "");
            table.row("  ratio large / report", fmt(d.eventsRatio()), ">= " + fmt(TARGET_EVENTS_RATIO));
            table.row("events per CPU second after set-up, large run",
                    String.format(Locale.ROOT, "%,.0f", d.eventsPerRunCpuSecond()), "");
            table.row("events per CPU second after set-up, report scenario",
                    String.format(Locale.ROOT, "%,.0f", d.reportEventsPerRunCpuSecond()), "");
            table.row("  ratio large / report, after set-up", fmt(d.runEventsRatio()), "");
            table.row("load average (1 min) at the end", fmt(d.loadAverage()), "");
            return table.render();
        });
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
