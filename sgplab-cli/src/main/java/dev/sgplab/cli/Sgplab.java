package dev.sgplab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "sgplab", mixinStandardHelpOptions = true, version = "sgplab 0.1.0",
        description = "Reproduce, explain and fix stale ARP entries after SGPP IP reuse on EKS.",
        subcommands = {ReproduceCommand.class, SimulateCommand.class, SweepCommand.class, AdviseCommand.class,
                MergeCommand.class,
                ReportCommand.class, LabCommand.class, ClusterCommand.class, GuardCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Sgplab implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try: sgplab reproduce)");
    }

    /** The configured command line: one-line errors, exit code 2 for bad input. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Sgplab());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> Errors.onBadArguments(DidYouMean.explain(e), args));
        cli.setExecutionExceptionHandler(Errors::onFailure);
        return cli;
    }
}
