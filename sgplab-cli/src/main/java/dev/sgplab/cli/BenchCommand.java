package dev.sgplab.cli;

import dev.sgplab.report.Json;
import dev.sgplab.report.ResultKind;
import dev.sgplab.report.Table;
import dev.sgplab.sim.SimulationPlan;
import dev.sgplab.sim.bench.SimulatorBench;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the simulator after warm-up: time per replication, events per second, engine vs PriorityQueue.")
final class BenchCommand implements Callable<Integer> {
    static final double TARGET_REPLICATION_MILLIS = 2.0;
    static final double TARGET_RATIO = 0.5;
    static final double TARGET_SWEEP_SECONDS = 3.0;

    @Spec
    CommandSpec spec;

    @Mixin
    ReportScenarioOptions scenario;

    @Option(names = "--warmup", defaultValue = "400", description = "Warm-up replications (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--replications", defaultValue = "400", description = "Timed replications (default: ${DEFAULT-VALUE}).")
    int replications;

    @Mixin
    OutputOptions output;

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
        var tree = scenario.load();
        SimulationPlan plan = SimulationPlan.of(tree.bind());
        Progress progress = new Progress(spec.commandLine().getErr(), "bench", warmup + replications);
        SimulatorBench.Figures f = SimulatorBench.measure(plan, warmup, replications, progress);
        int threads = Runtime.getRuntime().availableProcessors();
        double sweep = SimulatorBench.sweepSeconds(tree, 1000, threads);
        Document d = new Document(round(f.replicationMillisMedian()), Math.round(f.eventsPerSecond()),
                round(f.ratioToPriorityQueue()), round(sweep), threads, round(f.eventsPerReplication()),
                f.replications(), f.warmupReplications(), TARGET_REPLICATION_MILLIS, TARGET_RATIO, TARGET_SWEEP_SECONDS,
                plan.scenarioName());
        return output.print(spec.commandLine().getOut(), () -> Json.write(ResultKind.BENCH, d), () -> {
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

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
