package dev.sgplab.sim.advise;

import dev.sgplab.sim.GcSummary;
import java.util.List;
import java.util.Map;

/**
 * What `sgplab advise` answers: the smallest cooldown whose Error rate is below the target (its
 * one-sided 95 % upper bound, so that "no errors seen" is not taken for proof), what it costs, what
 * the current setting gives, and what else would help — each with its interval and assumptions,
 * per run and per day at the workloads' rates — and the CoreDNS nodes' GC regime it all rests on.
 */
public record Advice(double target, int replications, int podsPerRun, Map<String, String> assumptions,
        Evaluation current, Recommendation recommendation, List<String> howToApply, List<Alternative> alternatives,
        Regime regime, List<String> notes) {

    /**
     * The periodic-GC regime of the CoreDNS nodes the advice assumed: the scenario's kernel.gc-regime,
     * the entries its population keys put in each node's table against gc_thresh1, and per node how
     * much of the runs at the current cooldown GC scanned. belowGcThresh1: periodic GC does not scan
     * (forced off, or auto with the standing population under gc_thresh1), so a STALE entry lives
     * until something touches it. noCooldownHelps is computed: below gc_thresh1 and no cooldown up to
     * the maximum met the target. nodeSideChanges: what to paste instead (the sysctl and how EKS
     * managed and Karpenter nodes get it, or the guard), when it is below; readTheGuard: how the
     * guard's metrics show the regime on the real nodes.
     */
    public record Regime(String gcRegime, int standingEntries, int gcThresh1, List<GcSummary> corednsNodes,
            boolean belowGcThresh1, boolean noCooldownHelps, String summary, List<String> nodeSideChanges,
            List<String> readTheGuard) {
    }

    /** The smallest cooldown meeting the target, and the one just below it (which does not). */
    public record Recommendation(Integer cooldownSeconds, Evaluation atCooldown, Evaluation oneStepLess) {
    }

    /**
     * One change other than the cooldown, at the current cooldown, and the cooldown it would need.
     * noEffectHere is computed: its rate at the current cooldown is not distinguishably below the
     * current one and it needs no shorter cooldown than the recommendation.
     */
    public record Alternative(String change, String name, String what, Evaluation atCurrentCooldown, Integer smallestCooldownSeconds,
            Evaluation atSmallestCooldown, boolean noEffectHere, List<String> howToApply) {
    }
}
