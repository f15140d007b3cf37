package dev.sgplab.cli;

import dev.sgplab.lab.ArpCount;
import dev.sgplab.lab.LabCleanup;
import dev.sgplab.lab.LabException;
import dev.sgplab.lab.LabLateness;
import dev.sgplab.lab.LabRun;
import dev.sgplab.lab.LabSession;
import dev.sgplab.lab.LabSoak;
import dev.sgplab.lab.SoakReport;
import dev.sgplab.report.CompareReport;
import dev.sgplab.report.LabReport;
import dev.sgplab.report.ReproduceReport;
import dev.sgplab.sim.LabComparison;
import dev.sgplab.sim.Replications;
import dev.sgplab.sim.SimulationPlan;
import dev.sgplab.scenario.Assumptions;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run scenarios on real Linux network namespaces, so that the kernel's neighbour table decides.",
        subcommands = {LabCommand.Run.class, LabCommand.Compare.class, LabCommand.Probe.class, LabCommand.Cleanup.class,
            LabCommand.Soak.class})
final class LabCommand extends Subcommand implements Runnable {
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing lab command (run, compare, probe, cleanup)");
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Build the scenario from namespaces and run the churn test in real time.")
    static final class Run extends Subcommand implements Callable<Integer> {
        @Mixin
        LabScenarioOptions lab;

        @Option(names = "--seed", defaultValue = "1",
                description = "Seed of the models' draws; the run is replication 0 of the simulator's with this seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        OutputOptions output;

        @Option(names = "--trace", description = "Tell every Error pod's story from the kernel's entries.")
        boolean trace;

        @Override
        public Integer call() {
            ScenarioTree tree = lab.tree();
            Scenario checked = bindWarning(tree);
            PrintWriter err = err();
            LabRun.Result result = LabRuns.churn(checked, lab.timeScale, Replications.seedOf(seed, 0), err, "");
            var assumptions = Assumptions.of(tree, result.observations().cooldownSeconds());
            return output.print(out(), () -> LabReport.json(result, seed, assumptions, trace),
                    () -> LabReport.table(result, seed, assumptions, trace));
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Run the scenario in the lab and in the simulator; say whether the kernel's Error pods fit the model's.")
    static final class Compare extends Subcommand implements Callable<Integer> {
        @Mixin
        LabScenarioOptions lab;

        @Option(names = "--replications", defaultValue = "1", description = "Lab runs (default: ${DEFAULT-VALUE}).")
        int labRuns;

        @Option(names = "--sim-replications", defaultValue = "200",
                description = "Simulator replications for the range (default: ${DEFAULT-VALUE}).")
        int simReplications;

        @Option(names = "--seed", defaultValue = "1", description = "Master seed; lab run i uses replication i's seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--with-guard", description = "Also run everything again with the guard enabled, and show both.")
        boolean withGuard;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            if (labRuns <= 0 || simReplications < 2) {
                throw new Errors.BadInputException("--replications must be positive and --sim-replications at least 2");
            }
            RunBudget.check("--sim-replications", Math.max(simReplications, labRuns), withGuard ? 2 : 1);
            ScenarioTree tree = lab.tree();
            CompareReport.Document plain = compare(tree.bind());
            CompareReport.Document document = withGuard
                    ? plain.guarded(compare(tree.with("guard.enabled", "true").bind())) : plain;
            return output.print(out(), () -> CompareReport.json(document),
                    () -> CompareReport.table(document));
        }

        private CompareReport.Document compare(Scenario checked) {
            warn(checked);
            PrintWriter err = err();
            int[] sim = Replications.errorCounts(SimulationPlan.of(checked), seed, Math.max(simReplications, labRuns),
                    Runtime.getRuntime().availableProcessors(), new Progress(err, "simulator", Math.max(simReplications, labRuns)));
            java.util.List<Integer> runs = new java.util.ArrayList<>();
            java.util.List<Integer> reuses = new java.util.ArrayList<>();
            java.util.List<Long> seeds = new java.util.ArrayList<>();
            java.util.List<dev.sgplab.lab.LabLateness> lateness = new java.util.ArrayList<>();
            java.util.List<ArpCount> arpCounts = new java.util.ArrayList<>();
            for (int i = 0; i < labRuns; i++) {
                long runSeed = Replications.seedOf(seed, i);
                int index = i;
                LabRun.Result result = LabRuns.churn(checked, lab.timeScale, runSeed, err, "run " + (index + 1) + "/"
                        + labRuns + (checked.guard().enabled() ? ", with the guard" : ""));
                runs.add(result.observations().errorPods());
                reuses.add(result.observations().ipReuses());
                seeds.add(runSeed);
                lateness.add(result.facts().lateness());
                arpCounts.add(result.facts().arpCount());
            }
            return withArpCounts(document(checked.name(), lab.timeScale, runs, reuses, seeds, lateness, sim), arpCounts);
        }

        /**
         * Each run's arp entry count against the scenario's, as a check; a run whose kernel did not
         * hold the scenario's count did not test the scenario, so the lab cannot agree with it.
         */
        static CompareReport.Document withArpCounts(CompareReport.Document d, List<ArpCount> counts) {
            List<String> checks = new ArrayList<>(d.checks());
            boolean held = true;
            for (int i = 0; i < counts.size(); i++) {
                ArpCount count = counts.get(i);
                if (count != null) {
                    held &= count.held();
                    checks.add(String.format(Locale.ROOT, "lab run %d: %s%s", i + 1, count.held()
                            ? "the kernel held the scenario's arp entry count: " : "NOT the scenario's arp entry count: ",
                            count.describe()));
                }
            }
            return new CompareReport.Document(d.scenario(), d.timeScale(), d.lab(), d.simulator(), d.agree() && held,
                    List.copyOf(checks), d.withGuard());
        }

        /** The simulator's verdict on the lab runs, with a line for each run whose timings the host stretched. */
        static CompareReport.Document document(String scenario, double timeScale, List<Integer> labRuns,
                List<Integer> labReuses, List<Long> seeds, List<LabLateness> lateness, int[] simulated) {
            LabComparison fit = LabComparison.of(labRuns, simulated);
            List<String> checks = new ArrayList<>(fit.runChecks());
            for (int i = 0; i < lateness.size(); i++) {
                if (lateness.get(i).stretched()) {
                    checks.add(String.format(Locale.ROOT, "lab run %d: the host was too busy, timings stretched (%s): "
                            + "its count is low for the scenario; rerun on an idle host", i + 1, lateness.get(i).describe()));
                }
            }
            fit.meanCheck().ifPresent(checks::add);
            return new CompareReport.Document(scenario, timeScale,
                    new CompareReport.LabSide(fit.labMean(), List.copyOf(labRuns), List.copyOf(labReuses),
                            List.copyOf(seeds), List.copyOf(lateness)),
                    new CompareReport.SimulatorSide(new ReproduceReport.ErrorPods(
                            Math.round(fit.simulator().mean() * 1000) / 1000.0, fit.simulator().low(),
                            fit.simulator().high()), Math.round(fit.simulatorSd() * 1000) / 1000.0, fit.simulatorRuns(),
                            fit.paired()),
                    fit.agree(), checks, null);
        }
    }

    @Command(name = "probe", mixinStandardHelpOptions = true,
            description = "One IP reused after a gap with a new MAC, on the kernel: lookup result, how long replies were lost.")
    static final class Probe extends Subcommand implements Callable<Integer> {
        @Mixin
        ProbeOptions probe;

        @Option(names = "--time-scale", defaultValue = "0.2", description = "Real seconds per model second (default: ${DEFAULT-VALUE}).")
        double timeScale;

        @Override
        public Integer call() {
            Scenario scenario = probe.scenario();
            dev.sgplab.observe.ProbeObservation result = LabRuns.with(LabRuns.session(scenario, timeScale,
                    err()), err(), session -> new dev.sgplab.lab.LabProbe(session).run(probe.gap));
            return probe.output.print(out(), () -> dev.sgplab.report.ProbeReport.json(result),
                    () -> dev.sgplab.report.ProbeReport.table(result));
        }
    }

    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = "Remove what crashed lab runs left (namespaces, processes in them, host settings), by their prefix.")
    static final class Cleanup extends Subcommand implements Callable<Integer> {
        @Option(names = "--run", paramLabel = "PREFIX",
                description = "Only the run with this prefix (sgplab-RID, as the run announced it); default: every dead run.")
        String run;

        @Override
        public Integer call() {
            LabCleanup.Report report = LabCleanup.run(run);
            PrintWriter out = out();
            out.printf("removed %d namespace(s)%s%n", report.namespaces().size(),
                    report.namespaces().isEmpty() ? "" : ": " + String.join(", ", report.namespaces()));
            out.printf("restored host settings of %d run(s)%s%n", report.restoredRuns().size(),
                    report.restoredRuns().isEmpty() ? "" : ": " + String.join(", ", report.restoredRuns()));
            report.skippedLiveRuns().forEach(s -> out.println("left alone: " + s));
            out.flush();
            return 0;
        }
    }

    /**
     * The lab under faults (for developers and CI; tools/lab-soak runs it): lab runs in their own
     * JVMs, each interrupted by SIGINT, SIGTERM or SIGKILL at a seeded moment of set-up, mid-run or
     * teardown, each checked for leftovers by its prefix, cleaned up with lab cleanup if need be.
     */
    @Command(name = "soak", hidden = true, mixinStandardHelpOptions = true,
            description = "Interrupt lab runs at random moments and check that nothing of theirs is left.")
    static final class Soak extends Subcommand implements Callable<Integer> {
        @Mixin
        LabScenarioOptions lab;

        @Option(names = "--runs", defaultValue = "9", description = "Interrupted runs (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the signals' choice and timing (default: ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() throws InterruptedException {
            if (runs <= 0) {
                throw new Errors.BadInputException("--runs must be positive");
            }
            Scenario checked = lab.tree().bind();
            LabSession.check(checked, lab.timeScale); // a one-line error now, not from the first run
            PrintWriter err = err();
            LabSoak.Options options = new LabSoak.Options(sgplabCommand(), runArgs(), runs, seed);
            LabSoak soak = new LabSoak(options, line -> {
                err.println(line);
                err.flush();
            });
            LabSoak.Result result = CleanupOnExit.run(soak::abandon, "sgplab-soak-shutdown", () -> {
                try {
                    return soak.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new dev.sgplab.lab.LabException("the soak was interrupted");
                }
            });
            output.print(out(), () -> SoakReport.json(result), () -> SoakReport.table(result));
            return result.passed() ? 0 : Errors.FAILURE;
        }

        /** This JVM's java, class path and main class: the soak's runs are this sgplab. */
        private static List<String> sgplabCommand() {
            String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return List.of(javaCommand, "-cp", System.getProperty("java.class.path"), Main.class.getName());
        }

        private List<String> runArgs() {
            Path file = Path.of(lab.scenario);
            List<String> args = new ArrayList<>(List.of("--scenario",
                    Files.exists(file) ? file.toAbsolutePath().normalize().toString() : lab.scenario));
            lab.scenarioOptions.sets.forEach(set -> args.addAll(List.of("--set", set)));
            args.addAll(List.of("--time-scale", Double.toString(lab.timeScale)));
            return args;
        }
    }

    /** Runs work on a lab run that is torn down at the end, on failure, and on Ctrl-C. */
    static final class LabRuns {
        private LabRuns() {
        }

        /** One churn run in the lab, announcing its prefix (for lab cleanup) and its progress. */
        static LabRun.Result churn(Scenario scenario, double timeScale, long seed, PrintWriter err, String label) {
            return with(session(scenario, timeScale, err), err, session -> {
                err.println("lab: " + session.prefix() + (label.isEmpty() ? "" : " (" + label + ")")
                        + " — sgplab lab cleanup removes it if this run is killed");
                err.flush();
                return new LabRun(session, seed).run(new Progress(err, "lab: pods ended", scenario.workload().pods()));
            });
        }

        /** A session that says on stderr when it must wait for another run to release the host. */
        static LabSession session(Scenario scenario, double timeScale, PrintWriter err) {
            return new LabSession(scenario, timeScale, message -> {
                err.println("lab: " + message);
                err.flush();
            });
        }

        /** The work on a session that says each phase it enters on stderr ("lab: PREFIX: running"). */
        static <T> T with(LabSession lab, PrintWriter err, java.util.function.Function<LabSession, T> work) {
            lab.onPhase(phase -> {
                err.println("lab: " + lab.prefix() + ": " + phase);
                err.flush();
            });
            return CleanupOnExit.run(lab::close, "sgplab-lab-shutdown", () -> work.apply(lab));
        }
    }

    /** The scenario and time scale of `lab run` and `lab compare`. */
    static final class LabScenarioOptions {
        @Option(names = "--scenario", paramLabel = "FILE", required = true, description = "Scenario file.")
        String scenario;

        @Mixin
        ScenarioOptions scenarioOptions;

        @Option(names = "--time-scale", defaultValue = "0.2",
                description = "Real seconds per model second: kernel, controller, workload and resolver timers scaled (default: ${DEFAULT-VALUE}).")
        double timeScale;

        ScenarioTree tree() {
            return scenarioOptions.load(scenario);
        }
    }
}
