package dev.sgplab.report;

import dev.sgplab.sim.GcSummary;
import dev.sgplab.sim.Reproduction;
import java.util.List;
import java.util.Locale;

/** The report's table next to the simulator's: `sgplab reproduce`. */
public final class ReproduceReport {
    private ReproduceReport() {
    }

    /** The JSON document the issue specifies. */
    public record Document(String scenario, long seed, int replications, List<JsonRow> rows) {
    }

    public record JsonRow(int cooldownSeconds, int pods, int reported, ErrorPods errorPods, boolean reportedInRange,
            List<GcSummary> gcActivity) {
    }

    public record ErrorPods(double mean, int low, int high) {
    }

    public static Document document(Reproduction.Result result) {
        return new Document(result.scenario(), result.seed(), result.replications(), result.rows().stream()
                .map(r -> new JsonRow(r.cooldownSeconds(), r.pods(), r.reported(),
                        new ErrorPods(round(r.errorPods().mean()), r.errorPods().low(), r.errorPods().high()),
                        r.reportedInRange(), r.gcActivity()))
                .toList());
    }

    public static String json(Reproduction.Result result) {
        return Json.write(ResultKind.REPRODUCE, document(result));
    }

    public static String table(Reproduction.Result result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Scenario %s, %d replications per cooldown, seed %d%n%n",
                result.scenario(), result.replications(), result.seed()));
        Table table = new Table("cooldown", "pods", "reported Error", "simulated mean", "one run (95%)", "report in range");
        for (Reproduction.Row row : result.rows()) {
            table.row(row.cooldownSeconds() + " s", Integer.toString(row.pods()), Integer.toString(row.reported()),
                    String.format(Locale.ROOT, "%.2f", row.errorPods().mean()),
                    row.errorPods().low() + " .. " + row.errorPods().high(), row.reportedInRange() ? "yes" : "NO");
        }
        out.append(table.render());
        for (Reproduction.Row row : result.rows()) {
            for (GcSummary gc : row.gcActivity()) {
                out.append(String.format(Locale.ROOT, "%n%d s: periodic GC on %s (CoreDNS) scanned %.0f%% of its runs "
                        + "on average, none in %.0f%% of replications; entries %d..%d (gc_thresh1 %d)",
                        row.cooldownSeconds(), gc.node(), 100 * gc.meanScannedFraction(), 100 * gc.runsNeverScanned(),
                        gc.minEntries(), gc.maxEntries(), gc.gcThresh1()));
            }
        }
        if (result.rows().stream().anyMatch(r -> !r.gcActivity().isEmpty())) {
            out.append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT,
                "%n\"one run (95%%)\": 2.5th to 97.5th percentile of Error pods per replication,%n"
                        + "the range one run of the real test would fall in under this scenario.%n"));
        return out.toString();
    }

    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
