package dev.sgplab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.model.dns.ResolverKind;
import dev.sgplab.model.workload.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

    @Test
    void theWorkloadBlockAloneIsOneChurnTestWithItsOldRandomStreams() {
        List<WorkloadSpec> specs = ScenarioTree.parse("workload:\n  pods: 12\n", "t.yaml").bind().workloadSpecs();
        assertThat(specs).hasSize(1);
        WorkloadSpec.ChurnTest churn = (WorkloadSpec.ChurnTest) specs.get(0);
        assertThat(churn.churn().pods()).isEqualTo(12);
        assertThat(churn.pods().randomPrefix()).isEqualTo("workload");
        assertThat(churn.pods().workload()).isEqualTo("churn");
        assertThat(churn.pods().names()).containsExactly("kubernetes.default");
    }

    @Test
    void aListTakesEachKindWithItsDefaultsAndDnsOverrides() {
        Scenario s = ScenarioTree.parse("""
                dns: {attempts: 3}
                workloads:
                  - {name: web, kind: deployment, replicas: 10, dns: {resolver: musl, ndots: 2, names: [api.default, sts.amazonaws.com.]}}
                  - {name: nightly, kind: cronjob, schedule: "0 3 * * *", parallelism: 4, completions: 8}
                  - {name: once, kind: job}
                  - {name: bare, kind: steady, restart-policy: Always, process-retries: 2}
                """, "t.yaml").bind();
        List<WorkloadSpec> specs = s.workloadSpecs();
        WorkloadSpec.Deployment web = (WorkloadSpec.Deployment) specs.get(0);
        assertThat(web.strategy().maxSurge()).isEqualTo(3);      // 25% of 10 rounds up
        assertThat(web.strategy().maxUnavailable()).isEqualTo(2); // and down
        assertThat(web.progressDeadline()).isEqualTo(600);
        assertThat(web.pods().resolver().kind()).isEqualTo(ResolverKind.MUSL);
        assertThat(web.pods().resolver().ndots()).isEqualTo(2);
        assertThat(web.pods().resolver().attempts()).isEqualTo(3); // the scenario's dns where not overridden
        assertThat(web.pods().names()).containsExactly("api.default", "sts.amazonaws.com.");
        assertThat(web.pods().randomPrefix()).isEqualTo("workload/web");
        WorkloadSpec.Job nightly = (WorkloadSpec.Job) specs.get(1);
        assertThat(nightly.kind()).isEqualTo("cronjob");
        assertThat(nightly.schedule().nextAfter(0)).isEqualTo(3 * 3600);
        assertThat(nightly.backoff().backoffLimit()).isEqualTo(6);
        WorkloadSpec.Job once = (WorkloadSpec.Job) specs.get(2);
        assertThat(once.kind()).isEqualTo("job");
        assertThat(once.completions()).isEqualTo(1);
        WorkloadSpec.Steady bare = (WorkloadSpec.Steady) specs.get(3);
        assertThat(bare.restartAlways()).isTrue();
        assertThat(bare.pods().processRetries()).isEqualTo(2);
        assertThat(bare.pods().resolver().kind()).isEqualTo(ResolverKind.GLIBC);
    }
}
