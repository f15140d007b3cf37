package dev.sgplab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.model.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A Deployment's {@code pod-replacement-interval}: pods deleted and replaced outside its rollouts. */
class PodReplacementIntervalTest {

    private static WorkloadSpec.Deployment deployment(String entry) {
        return (WorkloadSpec.Deployment) ScenarioTree.defaults().with("workloads", "[" + entry + "]").bind()
                .workloadSpecs().get(0);
    }

    @Test
    void aDeploymentTakesTheIntervalAndHasNoneByDefault() {
        assertThat(deployment("{name: api, kind: deployment, pod-replacement-interval: exponential(614.1)}")
                .podReplacementInterval().mean()).isEqualTo(614.1);
        assertThat(deployment("{name: api, kind: deployment}").podReplacementInterval()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{name: j, kind: job, pod-replacement-interval: fixed(60)}            | workloads[0] (j).pod-replacement-interval is not a key of kind job",
            "{name: d, kind: deployment, pod-replacement-interval: often}         | workloads[0] (d).pod-replacement-interval: ",
            "{name: d, kind: deployment, pod-replacement-interval: fixed(90000)}  | pod-replacement-interval: 'fixed(90000)' has a mean over sgplab's bound",
            "{name: d, kind: deployment, pod-replacment-interval: fixed(60)}      | did you mean 'pod-replacement-interval'?"})
    void aBadIntervalIsOneLineNamingTheEntryAndKey(String entry, String expected) {
        assertThatThrownBy(() -> ScenarioTree.defaults().with("workloads", "[" + entry + "]").bind())
                .isInstanceOf(ScenarioException.class).hasMessageContaining(expected);
    }
}
