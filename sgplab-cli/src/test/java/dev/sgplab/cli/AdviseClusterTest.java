package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * `sgplab advise --kubeconfig` as a user runs it against fabric8's mock API server loaded with the
 * describe tests' EKS-like cluster: describe runs first (reads only) and the advice is for that
 * cluster — its workloads as described (a CronJob, a Deployment, bare pods), each with its own failed
 * pod starts per day, and its cooldown of 45 s; cluster errors and bad options as the cluster
 * commands give them.
 */
class AdviseClusterTest {
    @RegisterExtension
    final MockCluster eks = MockCluster.eksLike("t0ken");

    @Test
    void describesTheClusterThenAdvisesPerDayAtItsChurn() {
        CliTest.Result r = CliTest.run("advise", "--kubeconfig", eks.kubeconfig().toString(), "--free-ips", "900",
                "--replications", "20", "--target", "0.01", "--seed", "5", "-o", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("sgplab: describing cluster " + eks.api().client().getMasterUrl())
                .contains("describe: list pods (all namespaces)", "sgplab: advising for the described cluster");
        assertThat(eks.api().writes()).as("advise only reads").isEmpty();

        JsonNode current = r.json().get("current");
        assertThat(current.get("cooldownSeconds").asDouble()).as("the cluster's ConfigMap").isEqualTo(45);
        // the described workloads, each with its own results: the sums are the totals
        JsonNode perDay = current.get("perDay");
        JsonNode workloads = perDay.get("workloads");
        assertThat(workloads).extracting(w -> w.get("workload").asString()).containsExactly("nightly", "api", "bare-default");
        int pods = 0;
        int decided = 0;
        int failedStarts = 0;
        double starts = 0;
        double failed = 0;
        for (JsonNode w : workloads) {
            pods += w.get("pods").asInt();
            decided += w.get("decidedStarts").asInt();
            failedStarts += w.get("errorPods").asInt();
            starts += w.get("podStarts").asDouble();
            failed += w.get("failed").asDouble();
            // each runs the whole window (duration 86400): its starts a day are its pods per run
            assertThat(w.get("podStarts").asDouble()).isCloseTo(w.get("pods").asInt() / 20.0, within(1e-9));
            double rate = w.get("pods").asInt() == 0 ? 0 : (double) w.get("errorPods").asInt() / w.get("pods").asInt();
            assertThat(w.get("failed").asDouble()).isCloseTo(w.get("podStarts").asDouble() * rate, within(1e-9));
        }
        // the Error rate's trials: the starts that failed or passed (a pod replaced mid-lookup is neither)
        assertThat(decided).isEqualTo(current.get("pods").asInt()).isLessThanOrEqualTo(pods);
        assertThat(failedStarts).isEqualTo(current.get("errorPods").asInt());
        assertThat(perDay.get("podStarts").asDouble()).isCloseTo(starts, within(1e-9));
        assertThat(perDay.get("failed").asDouble()).isCloseTo(failed, within(1e-9));
        assertThat(perDay.get("failedHigh").asDouble()).isGreaterThanOrEqualTo(perDay.get("failed").asDouble());
        assertThat(perDay.get("failedLow").asDouble()).isLessThanOrEqualTo(perDay.get("failed").asDouble());
        // CronJob batch/nightly "0 * * * *": a Job an hour, a pod each (and replacements of failed ones)
        assertThat(workloads.get(0).get("podStarts").asDouble()).isGreaterThanOrEqualTo(24);
        assertThat(r.json().get("podsPerRun").asInt()).isEqualTo((int) Math.round(pods / 20.0));
        JsonNode capacity = current.get("capacity");
        assertThat(capacity.get("nodes").asInt()).isEqualTo(4);
        assertThat(capacity.get("branchEnisInCooldownOneNodePeak").asInt())
                .isLessThanOrEqualTo(capacity.get("branchEniLimitPerNode").asInt());
        assertThat(r.json().get("regime").get("gcRegime").asString()).isEqualTo("auto");
    }

    @Test
    void theTableSaysThePerDayFiguresAndTheRegime() {
        CliTest.Result r = CliTest.run("advise", "--kubeconfig", eks.kubeconfig().toString(), "--free-ips", "900",
                "--replications", "5", "--target", "0.05", "--seed", "5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("Failed pod starts per day \\(of [\\d,.]+\\): [\\d,.]+ now").contains("ENIs in delete queues, all nodes (time avg)",
                "CoreDNS nodes' neighbour GC: assumed: the kernel's rule", "sgplab_guard_arp_periodic_gc_skipped");
    }

    @Test
    void aRefusedReadIsOneLineAndNoAdvice() {
        eks.api().fail("GET", "/api/v1/namespaces/kube-system/configmaps/amazon-vpc-cni", 403, 1);
        CliTest.Result r = CliTest.run("advise", "--kubeconfig", eks.kubeconfig().toString(), "--no-ec2", "--replications", "20");
        assertThat(r.code()).isEqualTo(Errors.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().filter(l -> !l.startsWith("describe: ") && !l.startsWith("sgplab: describing")))
                .singleElement().asString().startsWith("sgplab: cannot get configmaps kube-system/amazon-vpc-cni: forbidden (403)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--scenario|scenarios/report-200-pods.yaml|sgplab: give either --scenario or --kubeconfig/--context",
        "--window|1.5h|sgplab: --window: expected a positive duration such as 24h, 90m, 2d or 3600s, got '1.5h'",
        "--free-ips|0|sgplab: --free-ips must be at least 1, got 0",
        "--pods-per-minute|0|sgplab: --pods-per-minute must be a finite number of at least 1/1440",
        "--context|nope|sgplab: context \"nope\" is not in"})
    void badInputIsExitTwoBeforeAnyCall(String option, String value, String message) {
        CliTest.Result r = CliTest.run("advise", "--kubeconfig", eks.kubeconfig().toString(), option, value);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith(message).hasLineCount(1);
        assertThat(r.out()).isEmpty();
        assertThat(eks.api().requests()).isEmpty();
    }

    @Test
    void podsPerMinuteIsRefusedForTheDescribedWorkloads() {
        CliTest.Result r = CliTest.run("advise", "--kubeconfig", eks.kubeconfig().toString(), "--free-ips", "900",
                "--pods-per-minute", "2", "--replications", "3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().filter(l -> !l.startsWith("describe: ") && !l.startsWith("sgplab: describing")
                && !l.startsWith("sgplab: advising"))).singleElement().asString().startsWith("sgplab: --pods-per-minute sets the churn test's create-interval; "
                        + "this scenario has a workloads: list");
    }

    @Test
    void describeOptionsNeedACluster() {
        CliTest.Result r = CliTest.run("advise", "--window", "24h");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("sgplab: --window goes with --kubeconfig/--context (advise then describes the "
                + "cluster first)" + System.lineSeparator());
    }
}
