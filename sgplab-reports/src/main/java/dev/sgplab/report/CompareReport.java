package dev.sgplab.report;

import dev.sgplab.lab.LabLateness;
import java.util.List;
import java.util.Locale;

/** `sgplab lab compare`: the kernel's Error pods next to the simulator's range for the same scenario. */
public final class CompareReport {
    private CompareReport() {
    }

    public record LabSide(double errorPods, List<Integer> runs, List<Integer> ipReuses, List<Long> seeds,
            List<LabLateness> lateness) {
    }

    public record SimulatorSide(ReproduceReport.ErrorPods errorPods, double standardDeviation, int replications,
            List<Integer> pairedErrorPods) {
    }

    /** The verdict and each check behind it. */
    public record Document(String scenario, double timeScale, LabSide lab, SimulatorSide simulator, boolean agree,
            List<String> checks, Document withGuard) {
        public Document guarded(Document guardRun) {
            return new Document(scenario, timeScale, lab, simulator, agree, checks, guardRun);
        }
    }

    public static String json(Document d) {
        return Json.write(ResultKind.LAB_COMPARE, d);
    }

    public static String table(Document d) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Scenario %s, time scale %s: kernel lab vs simulator%n%n", d.scenario(),
                SimulateReport.fmt(d.timeScale())));
        Table table = new Table("", "Error pods", "detail");
        table.row("lab", SimulateReport.fmt(d.lab().errorPods()), "runs " + d.lab().runs() + ", IP reuses "
                + d.lab().ipReuses());
        table.row("simulator", String.format(Locale.ROOT, "%.2f", d.simulator().errorPods().mean()),
                "one run " + d.simulator().errorPods().low() + " .. " + d.simulator().errorPods().high() + " over "
                        + d.simulator().replications() + " replications; same seeds as the lab runs: "
                        + d.simulator().pairedErrorPods());
        out.append(table.render()).append(System.lineSeparator());
        d.checks().forEach(c -> out.append("  ").append(c).append(System.lineSeparator()));
        out.append(d.agree() ? "agree: yes" : "agree: NO").append(System.lineSeparator());
        if (d.withGuard() != null) {
            out.append(System.lineSeparator()).append("With sgplab guard on the DNS nodes:").append(System.lineSeparator());
            out.append(table(d.withGuard()));
        }
        return out.toString();
    }
}
