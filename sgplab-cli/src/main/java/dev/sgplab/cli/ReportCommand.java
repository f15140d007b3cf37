package dev.sgplab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render a saved result (sweep, simulate, lab run, lab compare, cluster run) as an HTML report with charts. "
                + "Results written before they named their kind are still read.")
final class ReportCommand extends Subcommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "RESULT.json", required = true, description = "A result saved with -o json.")
    Path from;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write index.html and charts.")
    Path out;

    @Option(names = "--overwrite", description = "Write into --out even if it is not empty (replaces the report's files).")
    boolean overwrite;

    @Override
    public Integer call() {
        String result = MergeCommand.readResult(from);
        ReportFolder.check("--out", out, overwrite);
        out().println(ReportFolder.render(result, from.toString(), out));
        out().flush();
        return 0;
    }
}
