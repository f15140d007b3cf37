package dev.sgplab.sim.advise;

import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/**
 * Runs turned into the operator's units: failed pod starts per day and pods waiting per day, from
 * each workload's Error rate per pod start (Clopper-Pearson, pods as trials) times its pod starts
 * per day. A workload's starts per day are its rate as the scenario states it (86,400 s over the
 * mean create interval): for a described cluster the churn counted over its window; for the
 * report's test, as if its churn ran all day.
 */
final class PerDayFigures {
    static final double SECONDS_PER_DAY = 86_400;

    /** A workload by the name results give it, and its pod starts per day. */
    record WorkloadRate(String workload, double podStartsPerDay) {
    }

    /** Pods and Error pods of one workload over runs. */
    private record Count(int pods, int errorPods) {
    }

    private PerDayFigures() {
    }

    /** Each workload of the scenario with its pod starts per day (today the scenario's one churn). */
    static List<WorkloadRate> workloads(Scenario scenario) {
        return List.of(new WorkloadRate("workload", SECONDS_PER_DAY / scenario.workload().createIntervalDistribution().mean()));
    }

    static double podStartsPerDay(List<WorkloadRate> workloads) {
        return workloads.stream().mapToDouble(WorkloadRate::podStartsPerDay).sum();
    }

    static Evaluation.PerDay perDay(List<WorkloadRate> workloads, List<RunObservations> runs) {
        List<Evaluation.WorkloadDay> days = new ArrayList<>();
        for (WorkloadRate workload : workloads) {
            Count count = count(workload.workload(), runs);
            double starts = workload.podStartsPerDay();
            Interval twoSided = BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(count.pods(), count.errorPods(), 0.05);
            Interval oneSided = BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(count.pods(), count.errorPods(), 0.10);
            days.add(new Evaluation.WorkloadDay(workload.workload(), starts, count.pods(), count.errorPods(),
                    starts * count.errorPods() / count.pods(), starts * twoSided.getLowerBound(),
                    starts * twoSided.getUpperBound(), starts * oneSided.getUpperBound()));
        }
        return new Evaluation.PerDay(podStartsPerDay(workloads), sum(days, Evaluation.WorkloadDay::failed),
                sum(days, Evaluation.WorkloadDay::failedLow), sum(days, Evaluation.WorkloadDay::failedHigh),
                sum(days, Evaluation.WorkloadDay::failedUpper95), List.copyOf(days));
    }

    /**
     * One workload's pods and Error pods over the runs. Today a run holds one workload, so it is the
     * run's totals; with several, this is where a run's per-workload counts are read.
     */
    private static Count count(String workload, List<RunObservations> runs) {
        int pods = 0;
        int errors = 0;
        for (RunObservations run : runs) {
            pods += run.pods();
            errors += run.errorPods();
        }
        return new Count(pods, errors);
    }

    private static double sum(List<Evaluation.WorkloadDay> days, java.util.function.ToDoubleFunction<Evaluation.WorkloadDay> f) {
        return days.stream().mapToDouble(f).sum();
    }
}
