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
            out.append(advice.regime().noCooldownHelps()
                    ? "No cooldown helps: the CoreDNS nodes' arp tables are under gc_thresh1, where periodic GC removes "
                            + "no old MAC; change the nodes or run the guard (below)."
                    : "No cooldown up to 300 s brings the Error rate under the target: see the alternatives below.")
                    .append(nl());
        } else if (rec.cooldownSeconds() == current) {
            line(out, "Keep branch-eni-cooldown at %d s: it is the shortest that meets the target.", current);
        } else if (rec.cooldownSeconds() < current) {
            line(out, "branch-eni-cooldown %d s already meets the target; %d s is the shortest that does, and holds "
                    + "fewer branch ENIs.", current, rec.cooldownSeconds());
        } else {
            line(out, "Set branch-eni-cooldown to %d s (now %d s).", rec.cooldownSeconds(), current);
        }
        perDayLine(out, advice);
        line(out, "Target: fewer than %s fail, shown by the one-sided 95 %% upper bound (%d replications of %d pods "
                + "for each setting).", Numbers.rateOfPods(advice.target()), advice.replications(), advice.podsPerRun());
        if (rec.cooldownSeconds() != null) {
            Evaluation at = rec.atCooldown();
            Evaluation.Capacity c = at.capacity();
            line(out, "At %d s: Error rate %s (at most %s); cost: %s of %d pods per run wait for a branch ENI (%s a "
                    + "day), %s each on average; branch ENIs held in the nodes' delete queues: %s time-averaged over "
                    + "all %d nodes, %s per node, peak %d on one node (limit %d per node).",
                    rec.cooldownSeconds(), Numbers.rate(at.errorRate()), Numbers.rateOfPods(at.upper95()),
                    Numbers.mean(c.podsWaitedForBranchPerRun()), advice.podsPerRun(),
                    Numbers.mean(c.podsWaitingForBranchPerDay()), Numbers.seconds(c.branchWaitSecondsPerPodThatWaited()),
                    Numbers.mean(c.branchEnisInCooldownAllNodesTimeAverage()), c.nodes(),
                    Numbers.mean(c.branchEnisInCooldownPerNodeTimeAverage()), c.branchEnisInCooldownOneNodePeak(),
                    c.branchEniLimitPerNode());
            if (rec.cooldownSeconds() != current) {
                out.append(nl()).append("To set it:").append(nl());
                advice.howToApply().forEach(l -> out.append("  ").append(l).append(nl()));
            }
        }
        out.append(nl()).append("Failed pod starts:").append(nl()).append(failures(advice).render().indent(2));
        out.append(nl()).append("Capacity cost (branch ENIs, pods waiting for one):").append(nl())
                .append(capacity(advice).render().indent(2));
        out.append(nl()).append("Per workload, failed pod starts per day:").append(nl())
                .append(workloads(advice).render().indent(2));
        regime(out, advice.regime());
        alternatives(out, advice);
        out.append(nl());
        List<String> assumed = new ArrayList<>();
        advice.assumptions().forEach((k, v) -> assumed.add(k + "=" + v));
        out.append("Assumed: ").append(String.join("; ", assumed)).append(nl());
        advice.notes().forEach(n -> out.append("Note: ").append(n).append(nl()));
        return out.toString();
    }

    /** The answer in the operator's units, right under the decision: failed starts a day, now and recommended. */
    private static void perDayLine(StringBuilder out, Advice advice) {
        Evaluation.PerDay now = advice.current().perDay();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Failed pod starts per day (of %s): %s now "
                + "(95 %%: %s)", Numbers.mean(now.podStarts()), Numbers.mean(now.failed()), dayRange(now)));
        Advice.Recommendation rec = advice.recommendation();
        if (rec.cooldownSeconds() != null && rec.cooldownSeconds() != (int) Math.round(advice.current().cooldownSeconds())) {
            Evaluation.PerDay then = rec.atCooldown().perDay();
            s.append(String.format(Locale.ROOT, ", %s at %d s (95 %%: %s)", Numbers.mean(then.failed()),
                    rec.cooldownSeconds(), dayRange(then)));
        }
        out.append(s).append('.').append(nl());
    }

    private static String dayRange(Evaluation.PerDay day) {
        return Numbers.mean(day.failedLow()) + " .. " + Numbers.mean(day.failedHigh());
    }

    private static String dayRange(Evaluation.WorkloadDay day) {
        return Numbers.mean(day.failedLow()) + " .. " + Numbers.mean(day.failedHigh());
    }

    /** now, recommended and 5 s less: the rows both tables show. */
    private static List<Object[]> settings(Advice advice) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"now", advice.current()});
        Advice.Recommendation rec = advice.recommendation();
        if (rec.cooldownSeconds() != null) {
            rows.add(new Object[] {"recommended", rec.atCooldown()});
            if (rec.oneStepLess() != null) {
                rows.add(new Object[] {"5 s less", rec.oneStepLess()});
            }
        }
        return rows;
    }

    private static Table failures(Advice advice) {
        Table table = new Table("", "cooldown", "Error rate", "95% interval", "upper bound", "failed per day",
                "95% interval per day");
        for (Object[] row : settings(advice)) {
            Evaluation e = (Evaluation) row[1];
            table.row((String) row[0], Numbers.seconds(e.cooldownSeconds()), Numbers.rate(e.errorRate()),
                    Numbers.rateRange(e.low(), e.high()), Numbers.rate(e.upper95()), Numbers.mean(e.perDay().failed()),
                    dayRange(e.perDay()));
        }
        return table;
    }

    private static Table capacity(Advice advice) {
        Table table = new Table("", "cooldown", "pods waited per run", "pods waiting per day", "wait per pod started",
                "wait per pod that waited", "ENIs in delete queues, all nodes (time avg)", "per node (time avg)",
                "one node (peak)");
        for (Object[] row : settings(advice)) {
            Evaluation e = (Evaluation) row[1];
            Evaluation.Capacity c = e.capacity();
            table.row((String) row[0], Numbers.seconds(e.cooldownSeconds()), Numbers.mean(c.podsWaitedForBranchPerRun()),
                    Numbers.mean(c.podsWaitingForBranchPerDay()), Numbers.seconds(c.branchWaitSecondsPerPodStarted()),
                    Numbers.seconds(c.branchWaitSecondsPerPodThatWaited()),
                    Numbers.mean(c.branchEnisInCooldownAllNodesTimeAverage()),
                    Numbers.mean(c.branchEnisInCooldownPerNodeTimeAverage()) + " of " + c.branchEniLimitPerNode(),
                    c.branchEnisInCooldownOneNodePeak() + " of " + c.branchEniLimitPerNode());
        }
        return table;
    }

    private static Table workloads(Advice advice) {
        Advice.Recommendation rec = advice.recommendation();
        Table table = rec.cooldownSeconds() == null
                ? new Table("workload", "pod starts per day", "failed now", "95% interval")
                : new Table("workload", "pod starts per day", "failed now", "95% interval", "failed at " + rec.cooldownSeconds()
                        + " s", "95% interval");
        List<Evaluation.WorkloadDay> now = advice.current().perDay().workloads();
        for (int i = 0; i < now.size(); i++) {
            Evaluation.WorkloadDay w = now.get(i);
            if (rec.cooldownSeconds() == null) {
                table.row(w.workload(), Numbers.mean(w.podStarts()), Numbers.mean(w.failed()), dayRange(w));
            } else {
                Evaluation.WorkloadDay then = rec.atCooldown().perDay().workloads().get(i);
                table.row(w.workload(), Numbers.mean(w.podStarts()), Numbers.mean(w.failed()), dayRange(w),
                        Numbers.mean(then.failed()), dayRange(then));
            }
        }
        return table;
    }

    /** The GC regime the answer rests on; below gc_thresh1, what to paste on the nodes; how to check it. */
    private static void regime(StringBuilder out, Advice.Regime regime) {
        out.append(nl()).append("CoreDNS nodes' neighbour GC: ").append(regime.summary()).append('.').append(nl());
        if (!regime.nodeSideChanges().isEmpty()) {
            out.append(nl()).append(regime.noCooldownHelps()
                    ? "On the nodes instead (no cooldown helps while their tables are under gc_thresh1):"
                    : "On the nodes (their tables are under gc_thresh1 for part of the time):").append(nl());
            regime.nodeSideChanges().forEach(l -> out.append("  ").append(l).append(nl()));
        }
        out.append(nl()).append("Check the regime on your nodes:").append(nl());
        regime.readTheGuard().forEach(l -> out.append("  ").append(l).append(nl()));
    }

    private static void alternatives(StringBuilder out, Advice advice) {
        List<Advice.Alternative> useful = advice.alternatives().stream().filter(a -> !a.noEffectHere()).toList();
        List<Advice.Alternative> useless = advice.alternatives().stream().filter(Advice.Alternative::noEffectHere).toList();
        out.append(nl()).append(String.format(Locale.ROOT, "Alternatives, each alone (Error rate at the current %s, "
                + "and the cooldown each would need):%n", Numbers.seconds(advice.current().cooldownSeconds())));
        if (useful.isEmpty()) {
            out.append("  none changes the Error rate here").append(nl());
        } else {
            Table table = new Table("change", "Error rate now", "95% interval", "failed per day", "95% interval per day",
                    "cooldown needed");
            for (Advice.Alternative a : useful) {
                Evaluation e = a.atCurrentCooldown();
                table.row(a.name(), Numbers.rate(e.errorRate()), Numbers.rateRange(e.low(), e.high()),
                        Numbers.mean(e.perDay().failed()), dayRange(e.perDay()), needed(a));
            }
            out.append(table.render().indent(2));
            for (Advice.Alternative a : useful) {
                out.append(nl()).append("  ").append(a.name()).append(" (").append(a.change()).append("): ")
                        .append(a.what()).append(nl());
                if (advice.regime().nodeSideChanges().containsAll(a.howToApply())) {
                    out.append("    (what to paste: under \"On the nodes\" above)").append(nl());
                } else {
                    a.howToApply().forEach(l -> out.append("    ").append(l).append(nl()));
                }
            }
        }
        for (Advice.Alternative a : useless) {
            out.append(nl()).append(String.format(Locale.ROOT, "No effect here: %s (%s): Error rate %s against %s now "
                    + "(%s failed pod starts a day against %s), and it needs %s (the cooldown alone: %s).%n", a.name(),
                    a.change(), Numbers.rate(a.atCurrentCooldown().errorRate()), Numbers.rate(advice.current().errorRate()),
                    Numbers.mean(a.atCurrentCooldown().perDay().failed()), Numbers.mean(advice.current().perDay().failed()),
                    needed(a), advice.recommendation().cooldownSeconds() == null ? "more than 300 s"
                            : advice.recommendation().cooldownSeconds() + " s"));
        }
    }

    private static String needed(Advice.Alternative a) {
        return a.smallestCooldownSeconds() == null ? "more than 300 s" : a.smallestCooldownSeconds() + " s";
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append(nl());
    }

    private static String nl() {
        return System.lineSeparator();
    }
}
