package dev.sgplab.report;

import dev.sgplab.sim.advise.Advice;
import dev.sgplab.sim.advise.Evaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** `sgplab advise`: which cooldown, at what cost, and what else helps. */
public final class AdviceReport {
    private AdviceReport() {
    }

    public static String json(Advice advice) {
        return Json.write(advice);
    }

    public static String table(Advice advice) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Target: fewer than %s Error pods per pod (%s replications of %d pods "
                + "for each setting).%n%n", SweepReport.rate(advice.target()), advice.replications(), advice.podsPerRun()));
        Advice.Recommendation rec = advice.recommendation();
        if (rec.cooldownSeconds() == null) {
            out.append("No cooldown up to 300 s reaches the target: see the alternatives below.").append(nl());
        } else {
            out.append(String.format(Locale.ROOT, "Set branch-eni-cooldown to %d s (ConfigMap kube-system/amazon-vpc-cni).%n",
                    rec.cooldownSeconds()));
        }
        Table table = new Table("", "cooldown", "Error rate", "95% interval", "upper bound", "ENIs held",
                "pods waited", "wait/pod (s)");
        row(table, "now", advice.current());
        if (rec.cooldownSeconds() != null) {
            row(table, "recommended", rec.atCooldown());
            if (rec.oneStepLess() != null) {
                row(table, "5 s less", rec.oneStepLess());
            }
        }
        out.append(nl()).append(table.render()).append(nl());
        out.append("Alternatives, each alone (at the current cooldown, and the cooldown it would need):").append(nl());
        Table alternatives = new Table("change", "Error rate now", "95% interval", "cooldown needed");
        for (Advice.Alternative a : advice.alternatives()) {
            Evaluation e = a.atCurrentCooldown();
            alternatives.row(a.change(), SweepReport.rate(e.errorRate()),
                    SweepReport.rate(e.low()) + ".." + SweepReport.rate(e.high()),
                    a.smallestCooldownSeconds() == null ? "> 300 s" : a.smallestCooldownSeconds() + " s");
        }
        out.append(alternatives.render());
        for (Advice.Alternative a : advice.alternatives()) {
            out.append("  ").append(a.change()).append(": ").append(a.what()).append(nl());
        }
        out.append(nl());
        List<String> assumed = new ArrayList<>();
        advice.assumptions().forEach((k, v) -> assumed.add(k + "=" + v));
        out.append("Assumed: ").append(String.join("; ", assumed)).append(nl());
        advice.notes().forEach(n -> out.append("Note: ").append(n).append(nl()));
        return out.toString();
    }

    private static void row(Table table, String label, Evaluation e) {
        table.row(label, SimulateReport.fmt(e.cooldownSeconds()) + " s", SweepReport.rate(e.errorRate()),
                SweepReport.rate(e.low()) + ".." + SweepReport.rate(e.high()), SweepReport.rate(e.upper95()),
                SimulateReport.fmt3(e.capacity().meanDeleteQueue()), SimulateReport.fmt3(e.capacity().podsWaitedForBranch()),
                SimulateReport.fmt3(e.capacity().meanBranchWaitSeconds()));
    }

    private static String nl() {
        return System.lineSeparator();
    }
}
