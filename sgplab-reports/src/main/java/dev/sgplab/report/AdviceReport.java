package dev.sgplab.report;

import static j2html.TagCreator.h2;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.strong;

import dev.sgplab.sim.advise.Advice;
import dev.sgplab.sim.advise.Evaluation;
import j2html.tags.DomContent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * `sgplab advise`: the answer first (which cooldown, failed pod starts per day now and then, what it
 * costs, the commands to set it), then the tables, the CoreDNS nodes' GC regime (with the node-side
 * changes when no cooldown helps), the alternatives that change something here with what to paste
 * for each, and those that do not. The text and the HTML page are built from the same sentences and
 * rows.
 */
public final class AdviceReport {
    private AdviceReport() {
    }

    public static String json(Advice advice) {
        return Json.write(ResultKind.ADVISE, advice);
    }

    public static String table(Advice advice) {
        StringBuilder out = new StringBuilder();
        out.append(decision(advice)).append(nl());
        out.append(perDay(advice)).append(nl());
        out.append(target(advice)).append(nl());
        if (advice.recommendation().cooldownSeconds() != null) {
            out.append(atRecommendation(advice)).append(nl());
            if (changesCooldown(advice)) {
                out.append(nl()).append("To set it:").append(nl());
                advice.howToApply().forEach(l -> out.append("  ").append(l).append(nl()));
            }
        }
        out.append(nl()).append("Failed pod starts:").append(nl()).append(Table.text(failures(advice)).indent(2));
        out.append(nl()).append("Capacity cost (branch ENIs, pods waiting for one):").append(nl())
                .append(Table.text(capacity(advice)).indent(2));
        out.append(nl()).append("Per workload, failed pod starts per day:").append(nl())
                .append(Table.text(workloads(advice)).indent(2));
        Advice.Regime regime = advice.regime();
        out.append(nl()).append("CoreDNS nodes' neighbour GC: ").append(regime.summary()).append('.').append(nl());
        if (!regime.nodeSideChanges().isEmpty()) {
            out.append(nl()).append(nodeSideHeading(regime)).append(nl());
            regime.nodeSideChanges().forEach(l -> out.append("  ").append(l).append(nl()));
        }
        out.append(nl()).append("Check the regime on your nodes:").append(nl());
        regime.readTheGuard().forEach(l -> out.append("  ").append(l).append(nl()));
        out.append(nl()).append(alternativesHeading(advice)).append(nl());
        List<Advice.Alternative> useful = useful(advice);
        if (useful.isEmpty()) {
            out.append("  none changes the Error rate here").append(nl());
        } else {
            out.append(Table.text(alternatives(useful)).indent(2));
            for (Advice.Alternative a : useful) {
                out.append(nl()).append("  ").append(alternativeWhat(a)).append(nl());
                howTo(advice, a).forEach(l -> out.append("    ").append(l).append(nl()));
            }
        }
        noEffect(advice).forEach(l -> out.append(nl()).append(l).append(nl()));
        out.append(nl());
        List<String> assumed = new ArrayList<>();
        advice.assumptions().forEach((k, v) -> assumed.add(k + "=" + v));
        out.append("Assumed: ").append(String.join("; ", assumed)).append(nl());
        advice.notes().forEach(n -> out.append("Note: ").append(n).append(nl()));
        return out.toString();
    }

    /** The page `sgplab report` renders for a saved advice: the same sentences and tables as the text. */
    static String page(Advice advice, Instant renderedAt) {
        List<DomContent> more = new ArrayList<>(List.of(p(perDay(advice)), p(target(advice))));
        if (advice.recommendation().cooldownSeconds() != null) {
            more.add(p(atRecommendation(advice)));
            if (changesCooldown(advice)) {
                more.add(pre(String.join("\n", advice.howToApply())));
            }
        }
        DomContent decision = Decision.verdict(p(strong(decision(advice))), renderedAt, more.toArray(DomContent[]::new));
        List<DomContent> content = new ArrayList<>();
        content.add(h2("Failed pod starts"));
        content.add(Table.html(failures(advice)));
        content.add(h2("Capacity cost"));
        content.add(Table.html(capacity(advice)));
        content.add(h2("Per workload, failed pod starts per day"));
        content.add(Table.html(workloads(advice)));
        Advice.Regime regime = advice.regime();
        content.add(h2("CoreDNS nodes' neighbour GC"));
        content.add(p(regime.summary() + "."));
        if (!regime.nodeSideChanges().isEmpty()) {
            content.add(p(nodeSideHeading(regime)));
            content.add(pre(String.join("\n", regime.nodeSideChanges())));
        }
        content.add(p("Check the regime on your nodes:"));
        content.add(pre(String.join("\n", regime.readTheGuard())));
        content.add(h2("Alternatives"));
        content.add(p(alternativesHeading(advice)));
        List<Advice.Alternative> useful = useful(advice);
        if (useful.isEmpty()) {
            content.add(p("None changes the Error rate here."));
        } else {
            content.add(Table.html(alternatives(useful)));
            for (Advice.Alternative a : useful) {
                content.add(p(alternativeWhat(a)));
                content.add(pre(String.join("\n", howTo(advice, a))));
            }
        }
        noEffect(advice).forEach(l -> content.add(p(l)));
        content.add(h2("Assumed"));
        List<String[]> assumed = new ArrayList<>();
        assumed.add(new String[] {"scenario key", "value"});
        advice.assumptions().forEach((k, v) -> assumed.add(new String[] {k, v}));
        content.add(Table.html(assumed));
        advice.notes().forEach(n -> content.add(p("Note: " + n)));
        return HtmlReport.page("sgplab advise", decision, content.toArray(DomContent[]::new));
    }

    private static String decision(Advice advice) {
        Advice.Recommendation rec = advice.recommendation();
        int current = current(advice);
        if (rec.cooldownSeconds() == null) {
            return advice.regime().noCooldownHelps()
                    ? "No cooldown helps: the CoreDNS nodes' arp tables are under gc_thresh1, where periodic GC removes "
                            + "no old MAC; change the nodes or run the guard (below)."
                    : "No cooldown up to 300 s brings the Error rate under the target: see the alternatives below.";
        } else if (rec.cooldownSeconds() == current) {
            return String.format(Locale.ROOT, "Keep branch-eni-cooldown at %d s: it is the shortest that meets the target.",
                    current);
        } else if (rec.cooldownSeconds() < current) {
            return String.format(Locale.ROOT, "branch-eni-cooldown %d s already meets the target; %d s is the shortest "
                    + "that does, and holds fewer branch ENIs.", current, rec.cooldownSeconds());
        }
        return String.format(Locale.ROOT, "Set branch-eni-cooldown to %d s (now %d s).", rec.cooldownSeconds(), current);
    }

    /** The answer in the operator's units, right under the decision: failed starts a day, now and recommended. */
    private static String perDay(Advice advice) {
        Evaluation.PerDay now = advice.current().perDay();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Failed pod starts per day (of %s): %s now "
                + "(95 %%: %s)", Numbers.mean(now.podStarts()), Numbers.mean(now.failed()), dayRange(now.failedLow(), now.failedHigh())));
        if (changesCooldown(advice)) {
            Evaluation.PerDay then = advice.recommendation().atCooldown().perDay();
            s.append(String.format(Locale.ROOT, ", %s at %d s (95 %%: %s)", Numbers.mean(then.failed()),
                    advice.recommendation().cooldownSeconds(), dayRange(then.failedLow(), then.failedHigh())));
        }
        return s.append('.').toString();
    }

    private static String target(Advice advice) {
        return String.format(Locale.ROOT, "Target: fewer than %s fail, shown by the one-sided 95 %% upper bound (%d "
                + "replications of %d pods for each setting).", Numbers.rateOfPods(advice.target()),
                advice.replications(), advice.podsPerRun());
    }

    private static String atRecommendation(Advice advice) {
        Evaluation at = advice.recommendation().atCooldown();
        Evaluation.Capacity c = at.capacity();
        return String.format(Locale.ROOT, "At %d s: Error rate %s (at most %s); cost: %s of %d pods per run wait for a "
                + "branch ENI (%s a day), %s each on average; branch ENIs held in the nodes' delete queues: %s "
                + "time-averaged over all %d nodes, %s per node, peak %d on one node (limit %d per node).",
                advice.recommendation().cooldownSeconds(), Numbers.rate(at.errorRate()), Numbers.rateOfPods(at.upper95()),
                Numbers.mean(c.podsWaitedForBranchPerRun()), advice.podsPerRun(),
                Numbers.mean(c.podsWaitingForBranchPerDay()), Numbers.seconds(c.branchWaitSecondsPerPodThatWaited()),
                Numbers.mean(c.branchEnisInCooldownAllNodesTimeAverage()), c.nodes(),
                Numbers.mean(c.branchEnisInCooldownPerNodeTimeAverage()), c.branchEnisInCooldownOneNodePeak(),
                c.branchEniLimitPerNode());
    }

    private static int current(Advice advice) {
        return (int) Math.round(advice.current().cooldownSeconds());
    }

    private static boolean changesCooldown(Advice advice) {
        Integer recommended = advice.recommendation().cooldownSeconds();
        return recommended != null && recommended != current(advice);
    }

    private static String dayRange(double failedLow, double failedHigh) {
        return Numbers.mean(failedLow) + " .. " + Numbers.mean(failedHigh);
    }

    /** now, recommended and 5 s less: the settings both tables show, by label. */
    private record Setting(String label, Evaluation at) {
    }

    private static List<Setting> settings(Advice advice) {
        List<Setting> rows = new ArrayList<>();
        rows.add(new Setting("now", advice.current()));
        Advice.Recommendation rec = advice.recommendation();
        if (rec.cooldownSeconds() != null) {
            rows.add(new Setting("recommended", rec.atCooldown()));
            if (rec.oneStepLess() != null) {
                rows.add(new Setting("5 s less", rec.oneStepLess()));
            }
        }
        return rows;
    }

    /** Rows with the header first. */
    private static List<String[]> failures(Advice advice) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "cooldown", "Error rate", "95% interval", "upper bound", "failed per day",
            "95% interval per day"});
        for (Setting s : settings(advice)) {
            Evaluation e = s.at();
            rows.add(new String[] {s.label(), Numbers.seconds(e.cooldownSeconds()), Numbers.rate(e.errorRate()),
                Numbers.rateRange(e.low(), e.high()), Numbers.rate(e.upper95()), Numbers.mean(e.perDay().failed()),
                dayRange(e.perDay().failedLow(), e.perDay().failedHigh())});
        }
        return rows;
    }

    private static List<String[]> capacity(Advice advice) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "cooldown", "pods waited per run", "pods waiting per day", "wait per pod started",
            "wait per pod that waited", "ENIs in delete queues, all nodes (time avg)", "per node (time avg)",
            "one node (peak)"});
        for (Setting s : settings(advice)) {
            Evaluation.Capacity c = s.at().capacity();
            rows.add(new String[] {s.label(), Numbers.seconds(s.at().cooldownSeconds()),
                Numbers.mean(c.podsWaitedForBranchPerRun()), Numbers.mean(c.podsWaitingForBranchPerDay()),
                Numbers.seconds(c.branchWaitSecondsPerPodStarted()), Numbers.seconds(c.branchWaitSecondsPerPodThatWaited()),
                Numbers.mean(c.branchEnisInCooldownAllNodesTimeAverage()),
                Numbers.mean(c.branchEnisInCooldownPerNodeTimeAverage()) + " of " + c.branchEniLimitPerNode(),
                c.branchEnisInCooldownOneNodePeak() + " of " + c.branchEniLimitPerNode()});
        }
        return rows;
    }

    private static List<String[]> workloads(Advice advice) {
        Advice.Recommendation rec = advice.recommendation();
        boolean then = changesCooldown(advice);
        List<String[]> rows = new ArrayList<>();
        rows.add(then ? new String[] {"workload", "pod starts per day", "failed now", "95% interval",
            "failed at " + rec.cooldownSeconds() + " s", "95% interval"}
                : new String[] {"workload", "pod starts per day", "failed now", "95% interval"});
        List<Evaluation.WorkloadDay> now = advice.current().perDay().workloads();
        for (int i = 0; i < now.size(); i++) {
            Evaluation.WorkloadDay w = now.get(i);
            List<String> row = new ArrayList<>(List.of(w.workload(), Numbers.mean(w.podStarts()), Numbers.mean(w.failed()),
                    dayRange(w.failedLow(), w.failedHigh())));
            if (then) {
                Evaluation.WorkloadDay at = rec.atCooldown().perDay().workloads().get(i);
                row.addAll(List.of(Numbers.mean(at.failed()), dayRange(at.failedLow(), at.failedHigh())));
            }
            rows.add(row.toArray(String[]::new));
        }
        return rows;
    }

    private static String nodeSideHeading(Advice.Regime regime) {
        return regime.noCooldownHelps() ? "On the nodes instead (no cooldown helps while their tables are under gc_thresh1):"
                : "On the nodes (their tables are under gc_thresh1 for part of the time):";
    }

    private static String alternativesHeading(Advice advice) {
        return String.format(Locale.ROOT, "Alternatives, each alone (Error rate at the current %s, and the cooldown each "
                + "would need):", Numbers.seconds(advice.current().cooldownSeconds()));
    }

    private static List<Advice.Alternative> useful(Advice advice) {
        return advice.alternatives().stream().filter(a -> !a.noEffectHere()).toList();
    }

    private static List<String[]> alternatives(List<Advice.Alternative> useful) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"change", "Error rate now", "95% interval", "failed per day", "95% interval per day",
            "cooldown needed"});
        for (Advice.Alternative a : useful) {
            Evaluation e = a.atCurrentCooldown();
            rows.add(new String[] {a.name(), Numbers.rate(e.errorRate()), Numbers.rateRange(e.low(), e.high()),
                Numbers.mean(e.perDay().failed()), dayRange(e.perDay().failedLow(), e.perDay().failedHigh()), needed(a)});
        }
        return rows;
    }

    private static String alternativeWhat(Advice.Alternative a) {
        return a.name() + " (" + a.change() + "): " + a.what();
    }

    /** What to paste for an alternative; the node-side lines already shown are referred to, not repeated. */
    private static List<String> howTo(Advice advice, Advice.Alternative a) {
        return advice.regime().nodeSideChanges().containsAll(a.howToApply())
                ? List.of("(what to paste: under \"On the nodes\" above)") : a.howToApply();
    }

    private static List<String> noEffect(Advice advice) {
        List<String> out = new ArrayList<>();
        for (Advice.Alternative a : advice.alternatives()) {
            if (a.noEffectHere()) {
                out.add(String.format(Locale.ROOT, "No effect here: %s (%s): Error rate %s against %s now (%s failed pod "
                        + "starts a day against %s), and it needs %s (the cooldown alone: %s).", a.name(), a.change(),
                        Numbers.rate(a.atCurrentCooldown().errorRate()), Numbers.rate(advice.current().errorRate()),
                        Numbers.mean(a.atCurrentCooldown().perDay().failed()),
                        Numbers.mean(advice.current().perDay().failed()), needed(a),
                        advice.recommendation().cooldownSeconds() == null ? "more than 300 s"
                                : advice.recommendation().cooldownSeconds() + " s"));
            }
        }
        return out;
    }

    private static String needed(Advice.Alternative a) {
        return a.smallestCooldownSeconds() == null ? "more than 300 s" : a.smallestCooldownSeconds() + " s";
    }

    private static String nl() {
        return System.lineSeparator();
    }
}
