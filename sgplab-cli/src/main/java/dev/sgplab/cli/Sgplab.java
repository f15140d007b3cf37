package dev.sgplab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "sgplab", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = "Reproduce, explain and fix stale ARP entries after SGPP IP reuse on EKS.",
        subcommands = {ReproduceCommand.class, SimulateCommand.class, SweepCommand.class, AdviseCommand.class,
                MergeCommand.class,
                ReportCommand.class, LabCommand.class, ClusterCommand.class, GuardCommand.class, BenchCommand.class,
                VersionCommand.class, CompletionCommand.class, NestedHelpCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = { // lines under 80 columns: picocli wraps a longer one anywhere
                "  SGPLAB_DEBUG=1     On an internal error, also print the stack trace.",
                "  SGPLAB_JAVA_OPTS   JVM options for the ./sgplab launcher (e.g. -Xmx4g).",
                "  KUBECONFIG         Kubeconfig file(s) of cluster and guard when --kubeconfig",
                "                     is not given; else ~/.kube/config, else the pod's",
                "                     service account.",
                "",
                "Help of a subcommand: sgplab help cluster run",
                "Shell completion:     source <(sgplab completion)"})
public final class Sgplab extends Subcommand implements Runnable {
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try: sgplab reproduce)");
    }

    /** The configured command line: one-line errors, exit codes from {@link Errors#TABLE}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Sgplab());
        BuildInfo.versionEverywhere(cli);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return Errors.install(cli);
    }
}
