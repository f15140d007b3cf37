package dev.sgplab.cli;

import dev.sgplab.report.SweepReport;
import dev.sgplab.report.ReportException;
import dev.sgplab.sim.sweep.Sweep;
import dev.sgplab.sim.sweep.SweepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Combine sweep shards (sweep --shard I/N -o json) into the unsharded sweep's JSON.")
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Shard results.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        List<SweepResult> parts = new ArrayList<>();
        for (Path file : files) {
            parts.add(SweepReport.read(readResult(file), file.toString(), "merge"));
        }
        spec.commandLine().getOut().print(SweepReport.json(Sweep.merge(parts)));
        spec.commandLine().getOut().flush();
        return 0;
    }

    static String readResult(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ReportException.input(file + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw ReportException.input(file + ": cannot read (permission denied)");
        } catch (IOException e) {
            throw ReportException.input(file + ": cannot read (" + (e.getMessage() == null ? "input/output error"
                    : e.getMessage()) + ")");
        }
    }
}
