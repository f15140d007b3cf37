package dev.sgplab.report;

import dev.sgplab.sim.advise.Advice;
import dev.sgplab.sim.advise.Evaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * `sgplab advise`: the answer first (which cooldown, what it costs, the commands to set it), then
 * the alternatives that change something here with what to paste for each, then those that do not.
 */
public final class AdviceReport {
    private AdviceReport() {
    }

    public static String json(Advice advice) {
        return Json.write(ResultKind.ADVISE, advice);
    }

    public static String table(Advice advice) {
        StringBuilder out = new StringBuilder();
        Advice.Recommendation rec = advice.recommendation();
        int current = (int) Math.round(advice.current().cooldownSeconds());
        if (rec.cooldownSeconds() == null) {
            out.append("No cooldown up to 300 s brings the Error rate under the target: see the alternatives below.")
                    .append(nl());
        } else if (rec.cooldownSeconds() == current) {
            line(out, "Keep branch-eni-cooldown at %d s: it is the shortest that meets the target.", current);
        } else if (rec.cooldownSeconds() < current) {
            line(out, "branch-eni-cooldown %d s already meets the target; %d s is the shortest that does, and holds "
                    + "fewer branch ENIs.", current, rec.cooldownSeconds());
        } else {
            line(out, "Set branch-eni-cooldown to %d s (now %d s).", rec.cooldownSeconds(), current);
        }
        line(out, "Target: fewer than %s fail, shown by the one-sided 95 %% upper bound (%d replications of %d pods "
                + "for each setting).", Numbers.rateOfPods(advice.target()), advice.replications(), advice.podsPerRun());
        if (rec.cooldownSeconds() != null) {
            Evaluation at = rec.atCooldown();
            line(out, "At %d s: Error rate %s (at most %s); cost per run: %s of %d pods wait for a branch ENI, "
                    + "%s of extra start latency per pod on average, %s branch ENIs held in delete queues (all nodes).",
                    rec.cooldownSeconds(), Numbers.rate(at.errorRate()), Numbers.rateOfPods(at.upper95()),
                    Numbers.mean(at.capacity().podsWaitedForBranch()), advice.podsPerRun(),
                    Numbers.seconds(at.capacity().meanBranchWaitSeconds()), Numbers.mean(at.capacity().meanDeleteQueue()));
            if (rec.cooldownSeconds() != current) {
                out.append(nl()).append("To set it:").append(nl());
                advice.howToApply().forEach(l -> out.append("  ").append(l).append(nl()));
            }
        }
        Table table = new Table("", "cooldown", "Error rate", "95% interval", "upper bound", "pods waited per run",
                "wait per pod", "ENIs in delete queues (all nodes)");
        row(table, "now", advice.current());
        if (rec.cooldownSeconds() != null) {
            row(table, "recommended", rec.atCooldown());
            if (rec.oneStepLess() != null) {
                row(table, "5 s less", rec.oneStepLess());
            }
        }
        out.append(nl()).append(table.render());
        alternatives(out, advice);
        out.append(nl());
        List<String> assumed = new ArrayList<>();
        advice.assumptions().forEach((k, v) -> assumed.add(k + "=" + v));
        out.append("Assumed: ").append(String.join("; ", assumed)).append(nl());
        advice.notes().forEach(n -> out.append("Note: ").append(n).append(nl()));
        return out.toString();
    }

    private static void alternatives(StringBuilder out, Advice advice) {
        List<Advice.Alternative> useful = advice.alternatives().stream().filter(a -> !a.noEffectHere()).toList();
        List<Advice.Alternative> useless = advice.alternatives().stream().filter(Advice.Alternative::noEffectHere).toList();
        out.append(nl()).append(String.format(Locale.ROOT, "Alternatives, each alone (Error rate at the current %s, "
                + "and the cooldown each would need):%n", Numbers.seconds(advice.current().cooldownSeconds())));
        if (useful.isEmpty()) {
            out.append("  none changes the Error rate here").append(nl());
        } else {
            Table table = new Table("change", "Error rate now", "95% interval", "cooldown needed");
            for (Advice.Alternative a : useful) {
                Evaluation e = a.atCurrentCooldown();
                table.row(a.name(), Numbers.rate(e.errorRate()), Numbers.rateRange(e.low(), e.high()), needed(a));
            }
            out.append(table.render().indent(2));
            for (Advice.Alternative a : useful) {
                out.append(nl()).append("  ").append(a.name()).append(" (").append(a.change()).append("): ")
                        .append(a.what()).append(nl());
                a.howToApply().forEach(l -> out.append("    ").append(l).append(nl()));
            }
        }
        for (Advice.Alternative a : useless) {
            out.append(nl()).append(String.format(Locale.ROOT, "No effect here: %s (%s): Error rate %s against %s now, "
                    + "and it needs %s (the cooldown alone: %s).%n", a.name(), a.change(),
                    Numbers.rate(a.atCurrentCooldown().errorRate()), Numbers.rate(advice.current().errorRate()),
                    needed(a), advice.recommendation().cooldownSeconds() == null ? "more than 300 s"
                            : advice.recommendation().cooldownSeconds() + " s"));
        }
    }

    private static String needed(Advice.Alternative a) {
        return a.smallestCooldownSeconds() == null ? "more than 300 s" : a.smallestCooldownSeconds() + " s";
    }

    private static void row(Table table, String label, Evaluation e) {
        table.row(label, Numbers.seconds(e.cooldownSeconds()), Numbers.rate(e.errorRate()),
                Numbers.rateRange(e.low(), e.high()), Numbers.rate(e.upper95()),
                Numbers.mean(e.capacity().podsWaitedForBranch()), Numbers.seconds(e.capacity().meanBranchWaitSeconds()),
                Numbers.mean(e.capacity().meanDeleteQueue()));
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append(nl());
    }

    private static String nl() {
        return System.lineSeparator();
    }
}
