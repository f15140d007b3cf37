package dev.sgplab.sim.advise;

import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.GcSummary;
import dev.sgplab.sim.Replications;
import dev.sgplab.sim.SimulationPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/**
 * Finds the smallest branch-eni-cooldown (in steps of 5 s from the controller's floor of 30 s) whose
 * Error rate's one-sided 95 % upper bound is below the target, by bisection over cooldowns (the rate
 * falls as the cooldown grows), all candidates on the same seeds. Then the same for each alternative.
 */
public final class Advisor {
    public static final int STEP = 5;
    public static final int MIN_COOLDOWN = 30;
    public static final int MAX_COOLDOWN = 300;
    static final String COOLDOWN = "controller.branch-eni-cooldown";

    private final ScenarioTree tree;
    private final double target;
    private final int replications;
    private final long seed;
    private final int threads;
    private final IntConsumer progress;
    private final Map<String, Evaluation> cache = new LinkedHashMap<>();
    private int done;

    /** Above this share of pods waiting for a branch ENI, capacity rather than the cooldown is the problem. */
    static final double CAPACITY_WARNING_SHARE = 0.25;

    public Advisor(ScenarioTree tree, double target, int replications, long seed, int threads, IntConsumer progress) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("--target must be a rate between 0 and 1, got " + target);
        }
        this.tree = tree;
        this.target = target;
        this.replications = replications;
        this.seed = seed;
        this.threads = threads;
        this.progress = progress;
    }

    /** Enough replications that a run of zero Error pods proves the target: 3 / (target x pods), +20 %. */
    public static int replicationsFor(double target, int podsPerRun) {
        return Math.max(20, (int) Math.ceil(3.0 / target / podsPerRun * 1.2));
    }

    public Advice advise() {
        Scenario base = tree.bind();
        int currentCooldown = (int) Math.round(base.controller().cooldown().cooldown().periodSeconds());
        Evaluation current = evaluate(tree, currentCooldown);
        Advice.Recommendation recommendation = search(tree);
        List<Advice.Alternative> alternatives = new ArrayList<>();
        CostMeter costs = new CostMeter(seed, currentCooldown);
        for (Change change : Change.alternatives(base)) {
            ScenarioTree changed = change.apply(tree);
            Advice.Recommendation needed = search(changed);
            Evaluation atCurrent = evaluate(changed, currentCooldown);
            alternatives.add(new Advice.Alternative(change.setting(), change.name(), change.what(), atCurrent, needed.cooldownSeconds(),
                    needed.atCooldown(), noEffect(atCurrent, current, needed.cooldownSeconds(),
                            recommendation.cooldownSeconds()), costs.withCost(change, tree, changed)));
        }
        List<String> notes = new ArrayList<>();
        notes.add("intervals: Clopper-Pearson over all pods of all runs; errors cluster within a run, so read them "
                + "as a lower bound of the uncertainty when errors are common");
        List<dev.sgplab.model.workload.WorkloadSpec> specs = base.workloadSpecs();
        for (int i = 0; i < specs.size(); i++) {
            Evaluation.WorkloadDay w = current.perDay().workloads().get(i);
            notes.add(String.format(Locale.ROOT, "per day: %s's %s per pod start (and its interval) times its "
                    + "%,.0f pod starts a day (%s)", w.workload(), base.singleChurnTest() ? "Error rate"
                    : "failed-start rate", w.podStarts(), PerDayFigures.source(specs.get(i), w, replications)));
        }
        if (RegimeAdvice.cacheUnreachable(base)) {
            notes.add("NodeLocal DNSCache runs, but under POD_SECURITY_GROUP_ENFORCING_MODE strict the SGPP pods' "
                    + "queries leave through their branch ENIs and never reach it: each of their lookups goes unanswered "
                    + "whatever the cooldown; see the alternative \"the VPC CNI's standard mode\"");
        }
        if (recommendation.cooldownSeconds() == null) {
            notes.add("no cooldown up to " + MAX_COOLDOWN + " s reaches the target: see the alternatives");
        }
        Evaluation chosen = recommendation.atCooldown();
        int podsPerRun = podsPerRun(current);
        double waitedShare = chosen.capacity().podsWaitedForBranchPerRun() / podsPerRun;
        if (waitedShare > CAPACITY_WARNING_SHARE) {
            notes.add(String.format(Locale.ROOT, "at %s s, %.0f %% of the pods wait for a branch ENI (%.1f s per pod on "
                    + "average): the nodes' branch ENI limit or the subnet's free addresses limit this churn more "
                    + "than the cooldown does; more addresses or more trunk-capable nodes come first",
                    fmt(chosen.cooldownSeconds()), 100 * waitedShare, chosen.capacity().branchWaitSecondsPerPodStarted()));
        }
        Map<String, String> assumptions = new LinkedHashMap<>();
        for (String key : List.of("subnet.cidr", "subnet.used-by-others", "subnet.allocation-policy",
                "workload.create-interval", "cluster.nodes", "cluster.instance-type", "cluster.coredns.replicas",
                "kernel.gc-regime", "kernel.gc_stale_time", "kernel.base_reachable_time_ms", "dns.resolver",
                "dns.attempts", "vpc.answer-unicast-probes-to-stale-mac")) {
            assumptions.put(key, tree.get(key));
        }
        if (!base.singleChurnTest()) { // the workloads make the pods; the DNS path decides what a reply can reach
            assumptions.remove("workload.create-interval");
            assumptions.put("dns.node-local-cache", tree.get("dns.node-local-cache"));
            assumptions.put("cni.pod-security-group-enforcing-mode", tree.get("cni.pod-security-group-enforcing-mode"));
        }
        List<String> howTo = recommendation.cooldownSeconds() == null ? List.of()
                : HowToApply.cooldown(recommendation.cooldownSeconds());
        Advice.Regime regime = RegimeAdvice.of(base, current, recommendation, alternatives);
        return new Advice(target, replications, podsPerRun, assumptions, current, recommendation, howTo,
                alternatives, regime, notes);
    }

    /**
     * An alternative has no effect here when the simulation cannot tell it from doing nothing: its rate
     * at the current cooldown is not distinguishably lower, and it needs no shorter cooldown than the
     * recommendation (null: no cooldown up to the maximum reaches the target).
     */
    static boolean noEffect(Evaluation alternative, Evaluation current, Integer alternativeNeeds, Integer recommended) {
        if (alternative.distinguishablyBelow(current)) {
            return false;
        }
        if (alternativeNeeds == null) {
            return true;
        }
        return recommended != null && alternativeNeeds >= recommended;
    }

    /** Bisection for the smallest meeting cooldown on the 5 s grid. */
    Advice.Recommendation search(ScenarioTree variant) {
        int lo = MIN_COOLDOWN;
        int hi = MAX_COOLDOWN;
        if (evaluate(variant, lo).meets(target)) {
            return new Advice.Recommendation(lo, evaluate(variant, lo), null);
        }
        if (!evaluate(variant, hi).meets(target)) {
            return new Advice.Recommendation(null, evaluate(variant, hi), null);
        }
        while (hi - lo > STEP) { // invariant: lo fails, hi meets
            int mid = lo + ((hi - lo) / STEP / 2) * STEP;
            if (evaluate(variant, mid).meets(target)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return new Advice.Recommendation(hi, evaluate(variant, hi), evaluate(variant, hi - STEP));
    }

    /** The variant at one cooldown, memoised (bisection and alternatives revisit cooldowns). */
    public Evaluation evaluate(ScenarioTree variant, int cooldownSeconds) {
        ScenarioTree atCooldown = variant.with(COOLDOWN, Integer.toString(cooldownSeconds));
        String key = atCooldown.hashKey();
        Evaluation known = cache.get(key);
        if (known != null) {
            return known;
        }
        Scenario scenario = atCooldown.bind();
        List<RunObservations> runs = Replications.run(SimulationPlan.of(scenario), seed, replications, threads, null);
        done += replications;
        if (progress != null) {
            progress.accept(done);
        }
        Evaluation evaluation = summarise(scenario, runs);
        cache.put(key, evaluation);
        return evaluation;
    }

    /**
     * The rate the target is about: pod starts that failed their lookups over the starts decided
     * (failed or passed). For the report's churn test these are its Error pods over its pods; for a
     * Deployment the failed ones are containers restarted (CrashLoopBackOff), which end no pod Error
     * but failed a start all the same. A pod deleted while its lookups still ran (a replacement, a
     * rollout) is no trial: counted as one, a change that only makes lookups longer (more attempts)
     * would "lower" the rate by letting more pods be deleted before they fail.
     */
    static Evaluation summarise(Scenario scenario, List<RunObservations> runs) {
        Evaluation.PerDay perDay = PerDayFigures.perDay(scenario, runs);
        int pods = perDay.workloads().stream().mapToInt(Evaluation.WorkloadDay::decidedStarts).sum();
        int errors = perDay.workloads().stream().mapToInt(Evaluation.WorkloadDay::errorPods).sum();
        Interval twoSided = BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(pods, errors, 0.05);
        Interval oneSided = BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(pods, errors, 0.10);
        return new Evaluation(runs.get(0).cooldownSeconds(), pods, errors, (double) errors / pods,
                twoSided.getLowerBound(), twoSided.getUpperBound(), oneSided.getUpperBound(),
                perDay, capacity(scenario, runs, perDay.podStarts()), GcSummary.of(runs));
    }

    /** The pods a run made, on average over the replications (the churn test's pods exactly). */
    private int podsPerRun(Evaluation evaluation) {
        int made = evaluation.perDay().workloads().stream().mapToInt(Evaluation.WorkloadDay::pods).sum();
        return Math.max(1, (int) Math.round((double) made / replications));
    }

    /**
     * The pods one run of the scenario makes: the churn test's count, or for a {@code workloads:}
     * list (whose pods depend on the run) those of one run at the seed, which is what the
     * replication count for a target is computed from.
     */
    public static int podsPerRun(ScenarioTree tree, long seed) {
        Scenario scenario = tree.bind();
        if (scenario.singleChurnTest()) {
            return scenario.workload().pods();
        }
        List<RunObservations> one = Replications.run(SimulationPlan.of(scenario), seed, 1, 1, null);
        return Math.max(1, one.get(0).pods());
    }

    /** The capacity cost over the runs: time averages averaged, the peak the largest seen in any run. */
    static Evaluation.Capacity capacity(Scenario scenario, List<RunObservations> runs, double podStartsPerDay) {
        int nodes = scenario.cluster().nodes();
        int pods = runs.stream().mapToInt(RunObservations::pods).sum();
        int waited = runs.stream().mapToInt(RunObservations::podsWaitedForBranch).sum();
        double waitSeconds = runs.stream().mapToDouble(r -> r.meanBranchWaitSeconds() * r.pods()).sum();
        double allNodes = average(runs, RunObservations::meanDeleteQueue);
        return new Evaluation.Capacity(nodes, scenario.cluster().branchLimit(), allNodes, allNodes / nodes,
                runs.stream().mapToInt(RunObservations::maxDeleteQueue).max().orElse(0),
                average(runs, RunObservations::podsWaitedForBranch), podStartsPerDay * waited / pods,
                waitSeconds / pods, waited == 0 ? 0 : waitSeconds / waited);
    }

    /** Seconds as the settings write them: 45, or 45.5. */
    static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    private static double average(List<RunObservations> runs, java.util.function.ToDoubleFunction<RunObservations> f) {
        return runs.stream().mapToDouble(f).average().orElse(0);
    }

    /** How many evaluations (of {@code replications} runs) a full advice may take, for progress bars. */
    public static int maxEvaluations() {
        return (1 + Change.COUNT) * 8 + 1;
    }
}
