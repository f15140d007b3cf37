package dev.sgplab.cli;

import dev.sgplab.lab.LabCleanup;
import dev.sgplab.lab.LabException;
import dev.sgplab.lab.LabRun;
import dev.sgplab.lab.LabSession;
import dev.sgplab.report.LabReport;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run scenarios on real Linux network namespaces, so that the kernel's neighbour table decides.",
        subcommands = {LabCommand.Run.class, LabCommand.Probe.class, LabCommand.Cleanup.class})
final class LabCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing lab command (run, cleanup)");
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Build the scenario from namespaces and run the churn test in real time.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--scenario", paramLabel = "FILE", required = true, description = "Scenario file.")
        String scenario;

        @Mixin
        ScenarioOptions scenarioOptions;

        @Option(names = "--time-scale", defaultValue = "0.2",
                description = "Real seconds per model second: kernel, controller, workload and resolver timers scaled (default: ${DEFAULT-VALUE}).")
        double timeScale;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the models' draws (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
        OutputFormat output;

        @Option(names = "--trace", description = "Tell every Error pod's story from the kernel's entries.")
        boolean trace;

        @Override
        public Integer call() {
            ScenarioTree tree = scenarioOptions.load(scenario);
            Scenario checked = tree.bind();
            PrintWriter err = spec.commandLine().getErr();
            checked.warnings().forEach(w -> err.println("sgplab: warning: " + w));
            LabRun.Result result = LabRuns.with(new LabSession(checked, timeScale), session -> {
                err.println("lab: " + session.prefix() + " (sgplab lab cleanup removes it if this run is killed)");
                err.flush();
                return new LabRun(session, seed).run(new Progress(err, "lab: pods ended", checked.workload().pods()));
            });
            PrintWriter out = spec.commandLine().getOut();
            var assumptions = SimulateCommand.assumptions(tree, result.observations());
            out.print(output == OutputFormat.JSON ? LabReport.json(result, seed, assumptions, trace)
                    : LabReport.table(result, seed, assumptions, trace));
            out.flush();
            return 0;
        }
    }

    @Command(name = "probe", mixinStandardHelpOptions = true,
            description = "One IP reused after a gap with a new MAC, on the kernel: lookup result, how long replies were lost.")
    static final class Probe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProbeOptions probe;

        @Option(names = "--time-scale", defaultValue = "0.2", description = "Real seconds per model second (default: ${DEFAULT-VALUE}).")
        double timeScale;

        @Override
        public Integer call() {
            Scenario scenario = probe.scenario();
            dev.sgplab.observe.ProbeObservation result = LabRuns.with(new LabSession(scenario, timeScale),
                    session -> new dev.sgplab.lab.LabProbe(session).run(probe.gap));
            PrintWriter out = spec.commandLine().getOut();
            out.print(probe.output == OutputFormat.JSON ? dev.sgplab.report.ProbeReport.json(result)
                    : dev.sgplab.report.ProbeReport.table(result));
            out.flush();
            return 0;
        }
    }

    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = "Remove what crashed lab runs left (namespaces, processes in them, host settings), by their prefix.")
    static final class Cleanup implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            LabCleanup.Report report = LabCleanup.run();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("removed %d namespace(s)%s%n", report.namespaces().size(),
                    report.namespaces().isEmpty() ? "" : ": " + String.join(", ", report.namespaces()));
            out.printf("restored host settings of %d run(s)%s%n", report.restoredRuns().size(),
                    report.restoredRuns().isEmpty() ? "" : ": " + String.join(", ", report.restoredRuns()));
            report.skippedLiveRuns().forEach(s -> out.println("left alone: " + s));
            out.flush();
            return 0;
        }
    }

    /** Runs work on a lab run that is torn down at the end, on failure, and on Ctrl-C. */
    static final class LabRuns {
        private LabRuns() {
        }

        static <T> T with(LabSession lab, java.util.function.Function<LabSession, T> work) {
            Thread hook = new Thread(() -> {
                try {
                    lab.close();
                } catch (LabException e) {
                    System.err.println("sgplab: cleanup after interrupt: " + e.getMessage());
                }
            }, "sgplab-lab-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return work.apply(lab);
            } finally {
                lab.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting: the hook runs, and close() is idempotent
                }
            }
        }
    }
}
