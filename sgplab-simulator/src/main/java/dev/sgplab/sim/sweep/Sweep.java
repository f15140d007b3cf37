package dev.sgplab.sim.sweep;

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
import java.util.List;
import java.util.Map;
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

    public static SweepResult run(ScenarioTree tree, List<Vary> axes, int replications, long seed, int threads,
            Shard shard, IntConsumer progress) {
        String refusal = Replications.refusal(replications, cellCount(axes));
        if (refusal != null) {
            throw new IllegalArgumentException("--replications " + refusal);
        }
        List<Map<String, String>> grid = cells(axes);
        List<Integer> mine = new ArrayList<>();
        List<SimulationPlan> plans = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            if (shard == null || shard.includes(i)) {
                ScenarioTree cellTree = tree;
                for (Map.Entry<String, String> setting : grid.get(i).entrySet()) {
                    cellTree = cellTree.with(setting.getKey(), setting.getValue());
                }
                Scenario scenario = cellTree.bind(); // every cell checked before any runs
                mine.add(i);
                scenarios.add(scenario);
                plans.add(SimulationPlan.of(scenario));
            }
        }
        RunObservations[][] runs = new RunObservations[mine.size()][replications];
        int units = mine.size() * replications;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            for (int u = next.getAndIncrement(); u < units; u = next.getAndIncrement()) {
                int cell = u / replications;
                int r = u % replications;
                runs[cell][r] = new ClusterSimulation(plans.get(cell), Replications.seedOf(seed, r),
                        ClusterSimulation.Detail.COUNTS).run();
                if (progress != null) {
                    progress.accept(done.incrementAndGet());
                }
            }
        };
        Parallel.run(worker, Math.max(1, Math.min(threads, units)));
        List<CellResult> cells = new ArrayList<>();
        for (int c = 0; c < mine.size(); c++) {
            cells.add(summarise(mine.get(c), grid.get(mine.get(c)), scenarios.get(c), runs[c]));
        }
        return new SweepResult(SweepResult.TYPE, tree.bind().name(), seed, replications, axes, shard, grid.size(), cells);
    }

    static CellResult summarise(int index, Map<String, String> settings, Scenario scenario, RunObservations[] runs) {
        int[] errors = Arrays.stream(runs).mapToInt(RunObservations::errorPods).toArray();
        ErrorSummary summary = ErrorSummary.of(errors);
        int pods = runs[0].pods();
        int totalPods = pods * runs.length;
        int totalErrors = Arrays.stream(errors).sum();
        Interval band = BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(totalPods, totalErrors, 0.05);
        int[] histogram = new int[CellResult.GAP_BINS];
        for (RunObservations run : runs) { // whole-second counts: exact however many gaps a run had
            int[] bins = run.reuseGaps().binCounts(CellResult.GAP_BIN_SECONDS, CellResult.GAP_BINS);
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
