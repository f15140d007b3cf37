package dev.sgplab.cli;

import dev.sgplab.report.SweepReport;
import dev.sgplab.scenario.ScenarioLoader;
import dev.sgplab.sim.sweep.Sweep;
import dev.sgplab.sim.sweep.SweepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Combine sweep shards (sweep --shard I/N -o json) into the unsharded sweep's JSON.")
final class MergeCommand extends Subcommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Shard results.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        List<SweepResult> parts = new ArrayList<>();
        for (Path file : files) {
            parts.add(SweepReport.read(readResult(file), file.toString(), "merge"));
        }
        out().print(SweepReport.json(Sweep.merge(parts)));
        out().flush();
        return 0;
    }

    /** A saved result, read with the same bounds as a scenario (size, UTF-8, not a folder). */
    static String readResult(Path file) {
        return ScenarioLoader.readText(file, "result", ScenarioLoader.MAX_RESULT_BYTES);
    }
}
