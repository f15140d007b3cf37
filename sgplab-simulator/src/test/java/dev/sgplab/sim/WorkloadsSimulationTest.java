package dev.sgplab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.observe.RunObservations;
import dev.sgplab.observe.WorkloadObservation;
import dev.sgplab.scenario.ScenarioTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scenario's workloads list through the whole simulator: the report's cluster with several kinds at once. */
class WorkloadsSimulationTest {
    private static final String MIXED = """
            name: mixed
            cluster: {nodes: 3, instance-type: m5.xlarge, coredns: {replicas: 2, nodes: [0, 1]}}
            subnet: {cidr: 198.18.0.0/25, used-by-others: 58}
            population: {pods-per-node: 10, node-peers: 3, coredns-clients: 92}
            controller: {branch-eni-cooldown: 30}
            workloads:
              - {name: web, kind: deployment, replicas: 6, rollout-interval: fixed(600), duration: 3600,
                 dns: {names: [kubernetes.default, sts.amazonaws.com.]}}
              - {name: report, kind: cronjob, schedule: "*/10 * * * *", completions: 4, parallelism: 2, duration: 3600}
              - {name: worker, kind: steady, arrival-interval: exponential(20), lifetime: exponential(120),
                 restart-policy: Always, process-retries: 1, duration: 3600}
              - {name: churn, kind: churn-test, pods: 50}
            """;

    private static RunObservations run(long seed, ClusterSimulation.Detail detail) {
        return new ClusterSimulation(SimulationPlan.of(ScenarioTree.parse(MIXED, "test").bind()), seed, detail).run();
    }

    @Test
    void eachWorkloadReportsInItsOwnTermsAndTheTotalsAddUp() {
        RunObservations run = run(1, ClusterSimulation.Detail.COUNTS);
        List<WorkloadObservation> w = run.workloads();
        assertThat(w).extracting(WorkloadObservation::name, WorkloadObservation::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web", "deployment"),
                org.assertj.core.groups.Tuple.tuple("report", "cronjob"),
                org.assertj.core.groups.Tuple.tuple("worker", "steady"),
                org.assertj.core.groups.Tuple.tuple("churn", "churn-test"));
        assertThat(w.stream().mapToInt(WorkloadObservation::pods).sum()).isEqualTo(run.pods());
        assertThat(w.stream().mapToInt(WorkloadObservation::errorPods).sum()).isEqualTo(run.errorPods());
        assertThat(run.durationSeconds()).isEqualTo(3600);
        WorkloadObservation web = w.get(0);
        assertThat(web.rollouts()).as("a rollout every 600 s within the hour").isEqualTo(5);
        assertThat(web.errorPods()).as("a Deployment's failed start restarts its container").isZero();
        assertThat(web.containerRestarts()).isEqualTo(web.failedPodStarts());
        WorkloadObservation report = w.get(1);
        assertThat(report.jobs()).as("at 0, 600, ..., 3000 s").isEqualTo(6);
        assertThat(report.pods()).isGreaterThanOrEqualTo(24);
        assertThat(w.get(3).pods()).isEqualTo(50);
    }

    @Test
    void aRunIsTheSameWhateverItKeeps() {
        RunObservations counts = run(7, ClusterSimulation.Detail.COUNTS);
        RunObservations traced = run(7, ClusterSimulation.Detail.TRACE);
        assertThat(traced.workloads()).isEqualTo(counts.workloads());
        assertThat(traced.errorPods()).isEqualTo(counts.errorPods());
        assertThat(traced.podDetails()).hasSize(traced.pods());
    }
}
