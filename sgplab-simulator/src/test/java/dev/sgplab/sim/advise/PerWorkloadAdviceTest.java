package dev.sgplab.sim.advise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sgplab.observe.RunObservations;
import dev.sgplab.observe.WorkloadObservation;
import dev.sgplab.scenario.ScenarioTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Advice on a {@code workloads:} scenario (what describe writes) is computed from each workload's
 * own results: its failed pod starts and its own starts per day, the total their sum, and the pods
 * per run those of real runs.
 */
class PerWorkloadAdviceTest {
    /** A Deployment that never rolls out (its pods take fresh addresses at the start) and a busy CronJob. */
    private static final ScenarioTree TWO = ScenarioTree.parse("""
            name: two-workloads
            cluster: {nodes: 3, instance-type: m5.xlarge, coredns: {replicas: 2, nodes: [0, 1]}}
            subnet: {cidr: 198.18.0.0/25, used-by-others: 58}
            population: {pods-per-node: 10, node-peers: 3, coredns-clients: 92}
            controller: {branch-eni-cooldown: 30}
            workloads:
              - {name: web, kind: deployment, replicas: 3, rollout-interval: fixed(86400), duration: 3600}
              - {name: report, kind: cronjob, schedule: "*/2 * * * *", completions: 6, parallelism: 3, duration: 3600}
            """, "test");

    @Test
    void eachWorkloadHasItsOwnFailedStartsPerDayAndTheTotalIsTheirSum() {
        int replications = 4;
        Evaluation e = new Advisor(TWO, 0.01, replications, 11, 2, null).evaluate(TWO, 30);
        Evaluation.PerDay day = e.perDay();
        assertThat(day.workloads()).extracting(Evaluation.WorkloadDay::workload).containsExactly("web", "report");
        Evaluation.WorkloadDay web = day.workloads().get(0);
        Evaluation.WorkloadDay report = day.workloads().get(1);

        // the sums are the totals, the rate the target is about counts failed starts of both kinds
        assertThat(web.pods() + report.pods()).isEqualTo(e.pods());
        assertThat(web.errorPods() + report.errorPods()).isEqualTo(e.errorPods());
        assertThat(day.failed()).isCloseTo(web.failed() + report.failed(), within(1e-9));
        assertThat(day.podStarts()).isCloseTo(web.podStarts() + report.podStarts(), within(1e-9));
        assertThat(day.failedHigh()).isCloseTo(web.failedHigh() + report.failedHigh(), within(1e-9));

        // each workload's starts per day: its pods per run over its hour, times 24
        assertThat(web.pods()).isEqualTo(3 * replications);
        assertThat(web.podStarts()).isCloseTo(3 * 24.0, within(1e-9));
        assertThat(report.podStarts()).isCloseTo(24.0 * report.pods() / replications, within(1e-9));

        // the Deployment's pods took their addresses before anything was deleted: none reused, none failed
        assertThat(web.errorPods()).isZero();
        assertThat(web.failed()).isZero();
        assertThat(web.failedHigh()).isPositive(); // zero seen in 12 starts does not prove zero
        // the CronJob's pods reuse addresses within 30 s of their previous owner: some fail
        assertThat(report.errorPods()).isPositive();
        assertThat(report.failed()).isCloseTo(report.podStarts() * report.errorPods() / report.pods(), within(1e-9));
        assertThat(report.failedLow()).isLessThan(report.failed());
        assertThat(report.failedHigh()).isGreaterThan(report.failed());
    }

    @Test
    void podsPerRunAreThoseARealRunMakes() {
        int pods = Advisor.podsPerRun(TWO, 5);
        assertThat(pods).isEqualTo(new Advisor(TWO, 0.01, 1, 5, 1, null).evaluate(TWO, 30).pods());
        assertThat(pods).isGreaterThan(3); // the Deployment's 3 and the CronJob's Jobs' pods
        assertThat(Advisor.replicationsFor(0.01, pods)).isEqualTo(Math.max(20, (int) Math.ceil(3.0 / 0.01 / pods * 1.2)));
    }

    /**
     * Pods deleted by a replacement while their lookups still ran neither failed nor passed: the rate
     * the target and the "no effect" test are about counts the decided starts only. A change that
     * only makes lookups longer lets more pods be deleted before they fail; counted over all pods it
     * would look like a lower rate.
     */
    @Test
    void podsDeletedBeforeTheirStartWasDecidedAreNoTrials() {
        ScenarioTree one = ScenarioTree.parse("""
                name: one-deployment
                workloads:
                  - {name: api, kind: deployment, replicas: 3, rollout-interval: fixed(86400), duration: 3600}
                """, "test");
        // now: 100 pods, 97 failed, 3 deleted mid-lookup; longer lookups: 90 failed, 10 deleted mid-lookup
        Evaluation now = Advisor.summarise(one.bind(), List.of(run(100, 97, 0)));
        Evaluation longer = Advisor.summarise(one.bind(), List.of(run(100, 90, 0)));
        assertThat(now.pods()).isEqualTo(97);
        assertThat(now.errorRate()).isEqualTo(1.0);
        assertThat(longer.errorRate()).isEqualTo(1.0);
        assertThat(longer.distinguishablyBelow(now)).isFalse();
        // the per-day figure stays what happened: 97 of the 100 starts failed
        assertThat(now.perDay().failed()).isCloseTo(now.perDay().podStarts() * 0.97, within(1e-9));

        // ten pods that really passed their lookups are a lower rate
        Evaluation better = Advisor.summarise(one.bind(), List.of(run(100, 90, 10)));
        assertThat(better.distinguishablyBelow(now)).isTrue();
    }

    private static RunObservations run(int pods, int failed, int succeeded) {
        WorkloadObservation api = new WorkloadObservation("api", "deployment", pods, failed, 0, failed, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, pods - failed - succeeded, succeeded);
        return new RunObservations("one-deployment", 1, 30, pods, 0, 0, List.of(), 0, 0, 0, 0, 3600, 1, List.of())
                .withWorkloads(List.of(api));
    }
}
