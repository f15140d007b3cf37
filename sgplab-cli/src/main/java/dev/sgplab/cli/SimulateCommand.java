package dev.sgplab.cli;

import dev.sgplab.observe.ReuseGapStats;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.report.SimulateReport;
import dev.sgplab.scenario.Assumptions;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.ClusterSimulation;
import dev.sgplab.sim.Replications;
import dev.sgplab.sim.SimulatedTime;
import dev.sgplab.sim.SimulationPlan;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run one scenario once: pods, Error pods, IP reuses, reuse gaps, pods that waited for a branch ENI.",
        subcommands = SimulateCommand.Probe.class)
final class SimulateCommand extends Subcommand implements Callable<Integer> {
    /** A long run tells how far it has come this often (wall time). */
    static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    @Mixin
    ReportScenarioOptions scenario;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed; the run is replication 0 of `reproduce --seed` with the same value (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    OutputOptions output;

    @Option(names = "--trace", description = "Tell every Error pod's story (keeps every pod: memory grows with the run).")
    boolean trace;

    @Option(names = "--details", description = "List every reuse gap however many (by default only up to "
            + ReuseGapStats.EXACT_LIMIT + "; beyond, quantiles come from a histogram).")
    boolean details;

    @Override
    public Integer call() {
        ScenarioTree tree = scenario.load();
        Scenario checked = bindWarning(tree);
        PrintWriter err = err();
        ClusterSimulation.Detail detail = trace ? ClusterSimulation.Detail.TRACE
                : details ? ClusterSimulation.Detail.PODS : ClusterSimulation.Detail.COUNTS;
        RunObservations run = new ClusterSimulation(SimulationPlan.of(checked), Replications.seedOf(seed, 0), detail)
                .run((simulated, created, pods) -> err.printf(Locale.ROOT, "sgplab: simulated %s, %,d %spods created%n",
                        SimulatedTime.format(simulated), created, pods < 0 ? "" : String.format(Locale.ROOT, "of %,d ", pods)),
                        PROGRESS_EVERY_NANOS);
        Map<String, String> assumptions = Assumptions.of(tree, run.cooldownSeconds());
        return output.print(out(), () -> SimulateReport.json(run, seed, assumptions, trace),
                () -> SimulateReport.table(run, seed, assumptions, trace));
    }

    @Command(name = "probe", mixinStandardHelpOptions = true,
            description = "One IP reused after a gap with a new MAC, in the model: lookup result, how long replies were lost.")
    static final class Probe extends Subcommand implements Callable<Integer> {
        @Mixin
        ProbeOptions probe;

        @Override
        public Integer call() {
            dev.sgplab.observe.ProbeObservation result = new dev.sgplab.sim.ProbeSimulation(probe.scenario(), 1)
                    .run(probe.gap);
            return probe.output.print(out(), () -> dev.sgplab.report.ProbeReport.json(result),
                    () -> dev.sgplab.report.ProbeReport.table(result));
        }
    }
}
