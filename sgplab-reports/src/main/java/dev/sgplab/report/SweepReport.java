package dev.sgplab.report;

import dev.sgplab.sim.sweep.CellResult;
import dev.sgplab.sim.sweep.SweepResult;
import dev.sgplab.sim.sweep.Vary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A sweep as a table, JSON (the saved result) or CSV (one row per cell). */
public final class SweepReport {
    private SweepReport() {
    }

    public static String json(SweepResult result) {
        return Json.write(ResultKind.SWEEP, result);
    }

    /** A saved sweep, refusing any other kind of document. */
    public static SweepResult read(String json, String source, String reader) {
        return SavedResult.read(json, source).expect(ResultKind.SWEEP, reader).bind(SweepResult.class);
    }

    /** The columns of the sweep's table: the varied keys, then the figures. */
    static List<String> columns(SweepResult result) {
        List<String> columns = new ArrayList<>();
        result.vary().stream().map(Vary::key).forEach(columns::add);
        columns.addAll(List.of("Error pods per run (mean)", "one run (95%)", "Error rate", "rate 95% band",
                "IP reuses per run", "pods waited per run", "ENIs in delete queues (all nodes)", "wait per pod"));
        return columns;
    }

    static List<String> cells(SweepResult result, CellResult cell) {
        List<String> row = new ArrayList<>();
        result.vary().forEach(axis -> row.add(cell.settings().get(axis.key())));
        row.add(Numbers.mean(cell.errorPods().mean()));
        row.add(cell.errorPods().low() + ".." + cell.errorPods().high());
        row.add(Numbers.rate(cell.errorRate().estimate()));
        row.add(Numbers.rateRange(cell.errorRate().low(), cell.errorRate().high()));
        row.add(Numbers.mean(cell.ipReuses()));
        row.add(Numbers.mean(cell.podsWaitedForBranch()));
        row.add(Numbers.mean(cell.meanDeleteQueue()));
        row.add(Numbers.seconds(cell.meanBranchWaitSeconds()));
        return row;
    }

    public static String table(SweepResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Sweep of %s: %d of %d cells, %d replications each, seed %d%s%n%n",
                result.scenario(), result.cells().size(), result.cellsInGrid(), result.replications(), result.seed(),
                result.shard() == null ? "" : ", shard " + result.shard().index() + "/" + result.shard().count()));
        Table table = new Table(columns(result).toArray(String[]::new));
        for (CellResult cell : result.cells()) {
            table.row(cells(result, cell).toArray(String[]::new));
        }
        return out.append(table.render()).toString();
    }

    public static String csv(SweepResult result) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>();
        result.vary().stream().map(Vary::key).forEach(header::add);
        header.addAll(List.of("cooldownSeconds", "pods", "errorPodsMean", "errorPodsLow", "errorPodsHigh", "errorRate",
                "errorRateLow", "errorRateHigh", "ipReuses", "podsWaitedForBranch", "meanDeleteQueue",
                "meanBranchWaitSeconds"));
        out.append(String.join(",", header)).append('\n');
        for (CellResult c : result.cells()) {
            List<String> row = new ArrayList<>();
            result.vary().forEach(axis -> row.add(csvField(c.settings().get(axis.key()))));
            row.addAll(List.of(num(c.cooldownSeconds()), Integer.toString(c.pods()), num(c.errorPods().mean()),
                    Integer.toString(c.errorPods().low()), Integer.toString(c.errorPods().high()),
                    num(c.errorRate().estimate()), num(c.errorRate().low()), num(c.errorRate().high()),
                    num(c.ipReuses()), num(c.podsWaitedForBranch()), num(c.meanDeleteQueue()),
                    num(c.meanBranchWaitSeconds())));
            out.append(String.join(",", row)).append('\n');
        }
        return out.toString();
    }

    private static String num(double value) {
        return Double.toString(value);
    }

    private static String csvField(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
