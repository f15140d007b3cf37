package dev.sgplab.sim;

import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.ScenarioTree;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The report's table from the simulator: the same scenario at each of the report's cooldowns, only
 * {@code controller.branch-eni-cooldown} changing, N replications each.
 */
public final class Reproduction {

    /** {@code gcActivity}: per CoreDNS node, how much of the runs its periodic GC scanned. */
    public record Row(int cooldownSeconds, int pods, int reported, ErrorSummary errorPods,
            List<GcSummary> gcActivity) {
        public boolean reportedInRange() {
            return errorPods.contains(reported);
        }
    }

    public record Result(String scenario, long seed, int replications, List<Row> rows) {
    }

    private Reproduction() {
    }

    /** {@code progress} receives the number of replications done over all cooldowns. */
    public static Result run(ScenarioTree tree, long seed, int replications, int threads, IntConsumer progress) {
        List<SimulationPlan> plans = new ArrayList<>();
        for (OriginalReport.Row row : OriginalReport.ROWS) {
            plans.add(SimulationPlan.of(
                    tree.with("controller.branch-eni-cooldown", Integer.toString(row.cooldownSeconds())).bind()));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            int offset = i * replications;
            IntConsumer rowProgress = progress == null ? null : done -> progress.accept(offset + done);
            List<RunObservations> runs = Replications.run(plans.get(i), seed, replications, threads, rowProgress);
            int[] counts = runs.stream().mapToInt(RunObservations::errorPods).toArray();
            OriginalReport.Row reported = OriginalReport.ROWS.get(i);
            rows.add(new Row(reported.cooldownSeconds(), plans.get(i).churn().pods(), reported.errorPods(),
                    ErrorSummary.of(counts), GcSummary.of(runs)));
        }
        return new Result(plans.get(0).scenarioName(), seed, replications, rows);
    }
}
