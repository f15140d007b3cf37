package dev.sgplab.sim.advise;

import java.util.List;
import java.util.Map;

/**
 * What `sgplab advise` answers: the smallest cooldown whose Error rate is below the target (its
 * one-sided 95 % upper bound, so that "no errors seen" is not taken for proof), what it costs, what
 * the current setting gives, and what else would help — each with its interval and assumptions.
 */
public record Advice(double target, int replications, int podsPerRun, Map<String, String> assumptions,
        Evaluation current, Recommendation recommendation, List<String> howToApply, List<Alternative> alternatives,
        List<String> notes) {

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
