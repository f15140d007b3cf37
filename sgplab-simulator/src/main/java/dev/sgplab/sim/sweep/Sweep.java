package dev.sgplab.sim.sweep;

import dev.sgplab.observe.ReuseGapStats;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioException;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.ClusterSimulation;
import dev.sgplab.sim.ErrorSummary;
import dev.sgplab.sim.GcSummary;
import dev.sgplab.sim.Parallel;
import dev.sgplab.sim.Replications;
import dev.sgplab.sim.SimulationPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/**
 * Runs a grid of scenario variants. Replication r of every cell uses the same seed (common random
 * numbers), so differences between cells come from the settings, not the draws. Work is spread over
 * threads by (cell, replication) and results are kept by index: any thread count, and any split
 * into shards, gives the same numbers.
 */
public final class Sweep {
    /** At most this many cells in a grid: every cell is bound and checked before the run. */
    public static final int MAX_CELLS = 100_000;

    private Sweep() {
    }

    /** How many cells the axes make, counted without building them (so a huge grid is refused at once). */
    public static long cellCount(List<Vary> axes) {
        long count = 1;
        for (Vary axis : axes) {
            count *= axis.values().size();
            if (count > MAX_CELLS) {
                return count; // stop before the product overflows; it is refused anyway
            }
        }
        return count;
    }

    /** The cells of the grid, first axis outermost, each with its settings in axis order. */
    public static List<Map<String, String>> cells(List<Vary> axes) {
        if (cellCount(axes) > MAX_CELLS) {
            throw new IllegalArgumentException("the grid has more than " + MAX_CELLS + " cells");
        }
        List<Map<String, String>> cells = new ArrayList<>();
        cells.add(new LinkedHashMap<>());
        for (Vary axis : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> cell : cells) {
                for (String value : axis.values()) {
                    Map<String, String> extended = new LinkedHashMap<>(cell);
                    extended.put(axis.key(), value);
                    next.add(extended);
                }
            }
            cells = next;
        }
        return cells;
    }

    /**
     * The grid with every cell's scenario bound, once, before any run: a bad value anywhere fails at
     * once rather than half-way.
     *
     * @param name      the scenario's name (of the tree without the axes' settings)
     * @param cells     each cell's settings, in grid order
     * @param scenarios each cell's bound scenario, in grid order
     */
    public record Grid(String name, List<Vary> axes, List<Map<String, String>> cells, List<Scenario> scenarios) {
        /** What the models will do differently from what was asked, each once over the grid. */
        public Set<String> warnings() {
            Set<String> warnings = new LinkedHashSet<>();
            scenarios.forEach(s -> warnings.addAll(s.warnings()));
            return warnings;
        }
    }

    /**
     * Binds every cell of the grid (a bad value throws, naming the cell's settings when there are
     * axes); progress, if given, hears the count of cells bound so far.
     */
    public static Grid bind(ScenarioTree tree, List<Vary> axes, IntConsumer progress) {
        List<Map<String, String>> cells = cells(axes);
        List<Scenario> scenarios = new ArrayList<>(cells.size());
        for (Map<String, String> cell : cells) {
            ScenarioTree cellTree = tree;
            for (Map.Entry<String, String> setting : cell.entrySet()) {
                cellTree = cellTree.with(setting.getKey(), setting.getValue());
            }
            scenarios.add(cellTree.bind());
            if (progress != null) {
                progress.accept(scenarios.size());
            }
        }
        return new Grid(tree.bind().name(), List.copyOf(axes), cells, scenarios);
    }

    public static SweepResult run(ScenarioTree tree, List<Vary> axes, int replications, long seed, int threads,
            Shard shard, IntConsumer progress) {
        checkReplications(replications, cellCount(axes));
        return run(bind(tree, axes, null), replications, seed, threads, shard, progress);
    }

    private static void checkReplications(int replications, long cells) {
        String refusal = Replications.refusal(replications, cells);
        if (refusal != null) {
            throw new IllegalArgumentException("--replications " + refusal);
        }
    }

    /** Runs the cells of a bound grid (those of the shard, if given); progress hears runs done. */
    public static SweepResult run(Grid grid, int replications, long seed, int threads, Shard shard,
            IntConsumer progress) {
        checkReplications(replications, grid.cells().size());
        List<Integer> mine = new ArrayList<>();
        List<SimulationPlan> plans = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < grid.cells().size(); i++) {
            if (shard == null || shard.includes(i)) {
                mine.add(i);
                scenarios.add(grid.scenarios().get(i));
                plans.add(SimulationPlan.of(grid.scenarios().get(i)));
            }
        }
        Finished[][] runs = new Finished[mine.size()][replications];
        int units = mine.size() * replications;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            for (int u = next.getAndIncrement(); u < units; u = next.getAndIncrement()) {
                int cell = u / replications;
                int r = u % replications;
                runs[cell][r] = Finished.of(new ClusterSimulation(plans.get(cell), Replications.seedOf(seed, r),
                        ClusterSimulation.Detail.COUNTS).run());
                if (progress != null) {
                    progress.accept(done.incrementAndGet());
                }
            }
        };
        Parallel.run(worker, Math.max(1, Math.min(threads, units)));
        List<CellResult> cells = new ArrayList<>();
        for (int c = 0; c < mine.size(); c++) {
            cells.add(summarise(mine.get(c), grid.cells().get(mine.get(c)), scenarios.get(c), runs[c]));
        }
        return new SweepResult(SweepResult.TYPE, grid.name(), seed, replications, grid.axes(), shard,
                grid.cells().size(), cells);
    }

    /**
     * What the sweep keeps of a finished run until its shard ends: the run's counts, its reuse gaps
     * only as the cell's 5 s bins (exact), not its gap statistics. A large run's gap statistics hold
     * up to 10,000 exact gaps or a histogram (about 100 KB); kept for every run of a shard of many
     * replications they would outgrow the shard's memory, while the bins are 61 counts.
     */
    record Finished(RunObservations run, int[] gapBins) {
        /** Stands for the dropped statistics: empty, and nothing records into it. */
        private static final ReuseGapStats DROPPED = new ReuseGapStats(false);

        static Finished of(RunObservations run) {
            int[] bins = run.reuseGaps().binCounts(CellResult.GAP_BIN_SECONDS, CellResult.GAP_BINS);
            return new Finished(run.countsWith(DROPPED), bins);
        }
    }

    static CellResult summarise(int index, Map<String, String> settings, Scenario scenario, Finished[] finished) {
        RunObservations[] runs = Arrays.stream(finished).map(Finished::run).toArray(RunObservations[]::new);
        int[] errors = Arrays.stream(runs).mapToInt(RunObservations::errorPods).toArray();
        ErrorSummary summary = ErrorSummary.of(errors);
        int pods = runs[0].pods();
        int totalPods = pods * runs.length;
        int totalErrors = Arrays.stream(errors).sum();
        Interval band = BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(totalPods, totalErrors, 0.05);
        int[] histogram = new int[CellResult.GAP_BINS];
        for (Finished run : finished) { // from whole-second counts: exact however many gaps a run had
            int[] bins = run.gapBins();
            for (int b = 0; b < bins.length; b++) {
                histogram[b] += bins[b];
            }
        }
        double stale = scenario.kernel().gcStaleTime();
        double gcPeriod = scenario.kernel().baseReachableTimeMs() / 2000.0;
        return new CellResult(index, settings, runs[0].cooldownSeconds(), pods,
                new CellResult.ErrorCounts(round(summary.mean()), summary.low(), summary.high()),
                new CellResult.Rate(round6((double) totalErrors / totalPods), round6(band.getLowerBound()),
                        round6(band.getUpperBound())),
                round(mean(runs, RunObservations::ipReuses)), round(mean(runs, RunObservations::podsWaitedForBranch)),
                round(mean(runs, RunObservations::meanDeleteQueue)),
                round(mean(runs, RunObservations::meanBranchWaitSeconds)),
                Arrays.stream(histogram).boxed().toList(), new CellResult.Window(stale, stale + gcPeriod),
                scenario.cluster().nodes(), scenario.cluster().branchLimit(), GcSummary.of(Arrays.asList(runs)));
    }

    private static double mean(RunObservations[] runs, java.util.function.ToDoubleFunction<RunObservations> f) {
        return Arrays.stream(runs).mapToDouble(f).average().orElse(0);
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /**
     * Shards put back together: the same grid, seed and replications, every cell exactly once. The
     * result is the unsharded sweep's.
     */
    public static SweepResult merge(List<SweepResult> parts) {
        if (parts.isEmpty()) {
            throw new ScenarioException("merge: no results given");
        }
        SweepResult first = parts.get(0);
        Map<Integer, CellResult> byIndex = new java.util.TreeMap<>();
        for (SweepResult part : parts) {
            if (!part.scenario().equals(first.scenario()) || part.seed() != first.seed()
                    || part.replications() != first.replications() || !part.vary().equals(first.vary())
                    || part.cellsInGrid() != first.cellsInGrid()) {
                throw new ScenarioException("merge: the results are of different sweeps (scenario, seed, replications "
                        + "or grid differ)");
            }
            for (CellResult cell : part.cells()) {
                if (byIndex.put(cell.index(), cell) != null) {
                    throw new ScenarioException("merge: cell " + cell.index() + " appears in more than one result");
                }
            }
        }
        if (byIndex.size() != first.cellsInGrid()) {
            throw new ScenarioException("merge: " + (first.cellsInGrid() - byIndex.size()) + " of "
                    + first.cellsInGrid() + " cells are missing (a shard is missing)");
        }
        return new SweepResult(SweepResult.TYPE, first.scenario(), first.seed(), first.replications(), first.vary(),
                null, first.cellsInGrid(), new ArrayList<>(byIndex.values()));
    }
}
