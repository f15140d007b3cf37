package dev.sgplab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.model.dns.ResolverKind;
import dev.sgplab.model.workload.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[{name: web, kind: deployment, replica: 3}]                  | unknown key 'replica' (did you mean 'replicas'?)",
            "[{name: web, kind: deploymnt}]                               | workloads[0] (web).kind must be one of",
            "[{name: Web, kind: job}]                                     | workloads[0].name must be a Kubernetes object name",
            "[{name: a, kind: job}, {name: a, kind: job}]                 | workloads[1] (a).name is used by an earlier workload",
            "[{name: web, kind: deployment, schedule: '* * * * *'}]       | workloads[0] (web).schedule is not a key of kind deployment",
            "[{name: c, kind: cronjob, schedule: '0 0 * * MON'}]          | workloads[0] (c).schedule: schedule '0 0 * * MON': day of week 'MON'",
            "[{name: d, kind: deployment, max-unavailable: '150%'}]       | maxUnavailable '150%' is over 100%",
            "[{name: d, kind: steady, restart-policy: OnFailure}]         | restart-policy must be Never or Always",
            "[{name: d, kind: job, dns: {names: []}}]                     | workloads[0] (d).dns.names must list 1 to 100 names",
            "[{name: d, kind: cronjob, duration: 0}]                      | workloads[0] (d).duration must be more than 0"})
    void badEntriesAreOneLineNamingTheEntryAndKey(String workloads, String expected) {
        assertThatThrownBy(() -> ScenarioTree.defaults().with("workloads", workloads).bind())
                .isInstanceOf(ScenarioException.class).hasMessageContaining(expected);
    }

    @Test
    void aFileMayNotGiveBothTheBlockAndTheList() {
        assertThatThrownBy(() -> ScenarioTree.parse("workload: {pods: 3}\nworkloads: []\n", "t.yaml"))
                .hasMessageContaining("give either 'workload'");
    }
}
