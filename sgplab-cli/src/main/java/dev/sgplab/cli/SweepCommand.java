package dev.sgplab.cli;

import dev.sgplab.cluster.IndexedJob;
import dev.sgplab.report.SweepReport;
import dev.sgplab.scenario.Scenario;
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

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a grid of scenario variants (e.g. cooldown 30..120:5 x free IPs) on all cores.")
final class SweepCommand extends Subcommand implements Callable<Integer> {
    enum Format { TABLE, JSON, YAML, CSV }

    @Mixin
    ReportScenarioOptions scenario;

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

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write DIR/index.html with PNG charts (DIR new or empty, or give --overwrite).")
    Path report;

    @Option(names = "--overwrite", description = "With --report: write into DIR even if it is not empty (replaces the report's files).")
    boolean overwrite;

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
     * Binds every cell once, before any work, so that a bad value fails at once rather than half-way,
     * and says once what the models will do differently from what was asked (a cooldown under the
     * controller's floor runs at the floor).
     */
    private Sweep.Grid bindEveryCell(ScenarioTree tree, List<Vary> axes) {
        int cells = (int) Sweep.cellCount(axes);
        Sweep.Grid grid;
        // A large grid takes a while to check (100,000 cells took about a minute here): say so, as for any long work.
        try (Progress progress = cells >= 1_000
                ? new Progress(err(), "sweep: checking cells", cells) : null) {
            grid = Sweep.bind(tree, axes, progress);
        }
        for (int i = 0; i < grid.cells().size(); i++) {
            Map<String, String> cell = grid.cells().get(i);
            refuseSilentFallback(grid.scenarios().get(i), cell.isEmpty() ? "" : " (cell " + cell + ")");
        }
        grid.warnings().forEach(this::warn);
        return grid;
    }

    /** A value the controller would replace by its default changes a grid unseen: sweep and advise refuse it. */
    static void refuseSilentFallback(Scenario scenario, String where) {
        scenario.silentFallback().ifPresent(problem -> {
            throw new Errors.BadInputException(problem + where + "; refused here, as it would change the results "
                    + "unseen (simulate runs it and says so)");
        });
    }

    /** An axis names a scenario key: a typo says so as --vary, with the nearest key. */
    private static void checkKey(Vary axis) {
        try {
            ScenarioTree.defaults().with(axis.key(), axis.values().isEmpty() ? "0" : axis.values().get(0));
        } catch (dev.sgplab.scenario.ScenarioException e) {
            if (e.getMessage().startsWith("--set " + axis.key() + ":")) {
                throw new Errors.BadInputException(e.getMessage().replaceFirst("^--set ", "--vary "));
            }
        }
    }

    /** The axes, each key once, and a grid small enough to check cell by cell. */
    private List<Vary> axes() {
        List<Vary> axes = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        try {
            for (String text : vary) {
                Vary axis = Vary.parse(text);
                checkKey(axis);
                if (!keys.add(axis.key())) {
                    throw new Errors.BadInputException("--vary " + axis.key() + " is given twice; give its values once, "
                            + "as key=a,b,c");
                }
                axes.add(axis);
            }
        } catch (IllegalArgumentException e) {
            throw new Errors.BadInputException(e.getMessage());
        }
        long cells = Sweep.cellCount(axes);
        if (cells > Sweep.MAX_CELLS) {
            throw new Errors.BadInputException("--vary: the grid has more than " + Sweep.MAX_CELLS
                    + " cells (sgplab's bound, as every cell is checked before the run); use fewer values or a coarser step");
        }
        return axes;
    }

    @Override
    public Integer call() {
        List<Vary> axes = axes();
        Shard slice = shard == null ? null : parseShard(shard);
        int cells = (int) Sweep.cellCount(axes);
        int mine = slice == null ? cells : (int) IntStream.range(0, cells).filter(slice::includes).count();
        RunBudget.check("--replications", replications, mine);
        int threads = run.count();
        ScenarioTree tree = scenario.load();
        Sweep.Grid grid = bindEveryCell(tree, axes);
        PrintWriter out = out();
        if (emitJob) {
            Path file = Path.of(scenario.scenario);
            out.print(IndexedJob.manifest(spec.commandLine().getParseResult().originalArgs(),
                    Files.isRegularFile(file) ? file : null, shards, image));
            out.flush();
            return 0;
        }
        if (report != null) {
            ReportFolder.check("--report", report, overwrite);
        }
        PrintWriter err = err();
        SweepResult result;
        try (Progress progress = new Progress(err, "sweep", mine * replications)) {
            result = Sweep.run(grid, replications, run.seed, threads, slice,
                    RunBudget.announce(err, "sweep", (long) mine * replications, threads, progress));
        }
        String json = SweepReport.json(result);
        if (report != null) {
            err.println("sgplab: " + ReportFolder.render(json, "sweep", report));
            err.flush();
        }
        out.print(output == Format.CSV ? SweepReport.csv(result)
                : OutputFormat.valueOf(output.name()).render(() -> json, () -> SweepReport.table(result)));
        out.flush();
        return 0;
    }
}
