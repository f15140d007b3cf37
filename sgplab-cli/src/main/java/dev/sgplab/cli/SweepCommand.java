package dev.sgplab.cli;

import dev.sgplab.cluster.IndexedJob;
import dev.sgplab.report.HtmlReport;
import dev.sgplab.report.SweepReport;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.sweep.Shard;
import dev.sgplab.sim.sweep.Sweep;
import dev.sgplab.sim.sweep.SweepResult;
import dev.sgplab.sim.sweep.Vary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a grid of scenario variants (e.g. cooldown 30..120:5 x free IPs) on all cores.")
final class SweepCommand implements Callable<Integer> {
    enum Format { TABLE, JSON, YAML, CSV }

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "FILE", required = true, description = "Scenario file.")
    String scenario;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Option(names = "--vary", paramLabel = "KEY=FROM..TO:STEP", required = true,
            description = "An axis of the grid: key=FROM..TO:STEP or key=a,b,c; repeat for more axes.")
    List<String> vary = new ArrayList<>();

    @Option(names = "--replications", defaultValue = "200", description = "Replications per cell (default: ${DEFAULT-VALUE}).")
    int replications;

    @Mixin
    Threads run;

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
            description = "table, json, yaml or csv (default: ${DEFAULT-VALUE}).")
    Format output;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write DIR/index.html with PNG charts.")
    Path report;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only cells I, I+N, I+2N, ... (merge the shards later).")
    String shard;

    @Option(names = "--emit-job", description = "Print a Kubernetes Indexed Job that runs the shards, and exit.")
    boolean emitJob;

    @Option(names = "--shards", defaultValue = "4", description = "With --emit-job: how many shards (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--image", defaultValue = "sgplab-guard:0.1.0",
            description = "With --emit-job: the image of deploy/k8s/guard/Dockerfile, which holds all of sgplab (default: ${DEFAULT-VALUE}).")
    String image;

    private static Shard parseShard(String text) {
        try {
            return Shard.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Errors.BadInputException(e.getMessage());
        }
    }

    /**
     * Binds every cell before any work, so that a bad value fails at once rather than half-way, and
     * says once what the models will do differently from what was asked (a cooldown under the
     * controller's floor runs at the floor).
     */
    private void checkEveryCell(ScenarioTree tree, List<Vary> axes) {
        Set<String> warnings = new LinkedHashSet<>();
        for (Map<String, String> cell : Sweep.cells(axes)) {
            ScenarioTree variant = tree;
            for (Map.Entry<String, String> setting : cell.entrySet()) {
                variant = variant.with(setting.getKey(), setting.getValue());
            }
            warnings.addAll(variant.bind().warnings());
        }
        warnings.forEach(w -> spec.commandLine().getErr().println("sgplab: warning: " + w));
    }

    @Override
    public Integer call() {
        if (replications <= 0) {
            throw new Errors.BadInputException("--replications must be positive, got " + replications);
        }
        List<Vary> axes = new ArrayList<>();
        try {
            vary.forEach(v -> axes.add(Vary.parse(v)));
        } catch (IllegalArgumentException e) {
            throw new Errors.BadInputException(e.getMessage());
        }
        Shard slice = shard == null ? null : parseShard(shard);
        ScenarioTree tree = scenarioOptions.load(scenario);
        checkEveryCell(tree, axes);
        PrintWriter out = spec.commandLine().getOut();
        if (emitJob) {
            Path file = Path.of(scenario);
            out.print(IndexedJob.manifest(spec.commandLine().getParseResult().originalArgs(),
                    Files.isRegularFile(file) ? file : null, shards, image));
            out.flush();
            return 0;
        }
        int cells = Sweep.cells(axes).size();
        int mine = slice == null ? cells : (int) IntStream.range(0, cells).filter(slice::includes).count();
        SweepResult result;
        try (Progress progress = new Progress(spec.commandLine().getErr(), "sweep", mine * replications)) {
            result = Sweep.run(tree, axes, replications, run.seed, run.count(), slice, progress);
        }
        String json = SweepReport.json(result);
        if (report != null) {
            HtmlReport.render(json, "sweep", report);
        }
        out.print(switch (output) {
            case JSON -> json;
            case YAML -> OutputFormat.yaml(json);
            case CSV -> SweepReport.csv(result);
            case TABLE -> SweepReport.table(result);
        });
        out.flush();
        return 0;
    }
}
