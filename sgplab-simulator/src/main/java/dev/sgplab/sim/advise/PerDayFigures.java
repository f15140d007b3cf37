package dev.sgplab.sim.advise;

import dev.sgplab.model.workload.WorkloadSpec;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.observe.WorkloadObservation;
import dev.sgplab.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/**
 * Runs turned into the operator's units: failed pod starts per day, per workload, from each
 * workload's own results in the runs ({@link WorkloadObservation}): its failed-start rate per pod
 * (Clopper-Pearson, its pods as trials) times its own pod starts per day. A failed start is a pod
 * whose container's first start failed its lookups: for the churn test and Jobs the pod ends Error,
 * for a Deployment its container restarts; either way the start failed. A workload's starts per
 * day: for a churn test, 86,400 s over its mean create interval (the report's test as if its churn
 * ran all day); for the other kinds, the pods it made per run over the time it kept making them
 * (its duration) — for a described cluster, the churn counted over the window.
 */
final class PerDayFigures {
    static final double SECONDS_PER_DAY = 86_400;

    /** The scenario's single churn test keeps the name its advice always had. */
    static final String SINGLE_CHURN_TEST = "workload";

    /** Pods and failed pod starts of one workload over runs. */
    private record Count(int pods, int failedStarts, int decidedStarts) {
    }

    private PerDayFigures() {
    }

    static Evaluation.PerDay perDay(Scenario scenario, List<RunObservations> runs) {
        List<WorkloadSpec> specs = scenario.workloadSpecs();
        List<Evaluation.WorkloadDay> days = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            WorkloadSpec spec = specs.get(i);
            String name = scenario.singleChurnTest() ? SINGLE_CHURN_TEST : spec.pods().workload();
            Count count = count(i, spec, specs.size(), runs);
            double starts = startsPerDay(spec, (double) count.pods() / runs.size());
            days.add(day(name, starts, count));
        }
        return new Evaluation.PerDay(sum(days, Evaluation.WorkloadDay::podStarts), sum(days, Evaluation.WorkloadDay::failed),
                sum(days, Evaluation.WorkloadDay::failedLow), sum(days, Evaluation.WorkloadDay::failedHigh),
                sum(days, Evaluation.WorkloadDay::failedUpper95), List.copyOf(days));
    }

    private static Evaluation.WorkloadDay day(String name, double starts, Count count) {
        if (count.pods() == 0) { // made no pod in the runs: nothing started, nothing failed
            return new Evaluation.WorkloadDay(name, starts, 0, 0, 0, 0, 0, 0, 0);
        }
        Interval twoSided = BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(count.pods(), count.failedStarts(), 0.05);
        Interval oneSided = BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(count.pods(), count.failedStarts(), 0.10);
        return new Evaluation.WorkloadDay(name, starts, count.pods(), count.failedStarts(),
                starts * count.failedStarts() / count.pods(), starts * twoSided.getLowerBound(),
                starts * twoSided.getUpperBound(), starts * oneSided.getUpperBound(), count.decidedStarts());
    }

    /** A workload's pod starts per day, from the pods it made per run (mean over the runs). */
    static double startsPerDay(WorkloadSpec spec, double podsPerRun) {
        if (spec instanceof WorkloadSpec.ChurnTest churn) {
            return SECONDS_PER_DAY / churn.churn().createInterval().mean();
        }
        return podsPerRun * SECONDS_PER_DAY / makingSeconds(spec);
    }

    /** How long the workload keeps making pods (its duration). */
    static double makingSeconds(WorkloadSpec spec) {
        if (spec instanceof WorkloadSpec.ChurnTest churn) {
            return churn.churn().pods() * churn.churn().createInterval().mean();
        }
        if (spec instanceof WorkloadSpec.Deployment d) {
            return d.runFor();
        }
        if (spec instanceof WorkloadSpec.Job j) {
            return j.runFor();
        }
        return ((WorkloadSpec.Steady) spec).runFor();
    }

    /** How the advice's notes say where a workload's starts per day come from. */
    static String source(WorkloadSpec spec, Evaluation.WorkloadDay day, int replications) {
        if (spec instanceof WorkloadSpec.ChurnTest churn) {
            return String.format(Locale.ROOT, "86,400 s / its mean create-interval of %.1f s",
                    churn.churn().createInterval().mean());
        }
        return String.format(Locale.ROOT, "%.1f pods per run over its %,.0f s duration, scaled to a day",
                (double) day.pods() / replications, makingSeconds(spec));
    }

    /**
     * One workload's pods and failed starts over the runs, from each run's per-workload results; a
     * run without them (a backend that has none) counts its totals when the scenario has one workload.
     */
    private static Count count(int index, WorkloadSpec spec, int workloads, List<RunObservations> runs) {
        int pods = 0;
        int failed = 0;
        int decided = 0;
        for (RunObservations run : runs) {
            if (run.workloads().isEmpty()) {
                if (workloads != 1) {
                    throw new IllegalStateException("a run without per-workload results for a scenario of "
                            + workloads + " workloads");
                }
                pods += run.pods();
                failed += run.errorPods();
                decided += run.pods(); // a backend without per-workload results: each of its pods ended decided
                continue;
            }
            WorkloadObservation w = run.workloads().get(index);
            if (!w.name().equals(spec.pods().workload())) {
                throw new IllegalStateException("run results out of order: " + w.name() + " where "
                        + spec.pods().workload() + " was expected");
            }
            pods += w.pods();
            failed += w.failedPodStarts();
            decided += w.failedPodStarts() + w.succeededPodStarts();
        }
        return new Count(pods, failed, decided);
    }

    private static double sum(List<Evaluation.WorkloadDay> days, java.util.function.ToDoubleFunction<Evaluation.WorkloadDay> f) {
        return days.stream().mapToDouble(f).sum();
    }
}
