package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The kernel and resolver settings a lab run writes, at a time scale (reference scenario's kernel defaults). */
class LabTimingTest {
    private static final Scenario DEFAULTS = ScenarioTree.defaults().bind();

    @ParameterizedTest(name = "scale {0}")
    @CsvSource({
        // scale, base_reachable_time_ms, retrans_time_ms, delay_first_probe_time, gc_stale_time, locktime, dns timeout
        "1,   30000, 1000, 5, 60, 100, 5",
        "0.2,  6000,  200, 1, 12,  20, 1",
        "0.4, 12000,  400, 2, 24,  40, 2"
    })
    void timersAreScaledInTheUnitsTheKernelTakes(double scale, String reachable, String retrans, String delay,
            String gcStale, String locktime, int timeout) {
        LabTiming timing = LabTiming.of(DEFAULTS, scale);
        assertThat(timing.nodeSysctls()).containsEntry("base_reachable_time_ms", reachable)
                .containsEntry("retrans_time_ms", retrans).containsEntry("delay_first_probe_time", delay)
                .containsEntry("gc_stale_time", gcStale).containsEntry("locktime", locktime)
                // counts are not times: never scaled
                .containsEntry("ucast_solicit", "3").containsEntry("unres_qlen_bytes", "212992");
        assertThat(timing.nodeSysctls()).containsOnlyKeys(LabTiming.NODE_KEYS);
        assertThat(timing.hostSysctls()).containsOnlyKeys(LabTiming.HOST_KEYS)
                .containsEntry("base_reachable_time_ms", reachable);
        assertThat(timing.resolverTimeoutSeconds()).isEqualTo(timeout);
        assertThat(timing.resolverAttempts()).isEqualTo(2);
    }

    /** delay_first_probe_time 5 s x 0.3 = 1.5 s: the kernel takes whole seconds, so the run is refused. */
    @Test
    void aScaleThatMakesAWholeSecondTimerFractionalIsRefusedWithTheScalesThatWork() {
        assertThatThrownBy(() -> LabTiming.of(DEFAULTS, 0.3)).isInstanceOf(LabException.Unusable.class)
                .hasMessage("time scale 0.3 cannot be honoured: delay_first_probe_time 5 s x 0.3 = 1.5 s, but the "
                        + "kernel takes whole s (scales that work for this scenario: 0.2, 0.4, 0.6, 0.8, 1)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.2, 1.5, Double.NaN})
    void aScaleOutsideZeroToOneIsRefused(double scale) {
        assertThatThrownBy(() -> LabTiming.of(DEFAULTS, scale)).isInstanceOf(LabException.Unusable.class)
                .hasMessageStartingWith("--time-scale must be in (0, 1], got ");
    }

    /** The periodic GC's gc_thresh1: 0 scans always, a threshold no table reaches never, auto keeps the scenario's. */
    @ParameterizedTest(name = "{0} -> gc_thresh1 {1}")
    @CsvSource({"gc, 0", "no-gc, 1073741824", "auto, 128"})
    void theGcRegimeIsWrittenAsGcThresh1(String regime, String thresh1) {
        Scenario scenario = ScenarioTree.defaults().with("kernel.gc-regime", regime).bind();
        LabTiming timing = LabTiming.of(scenario, 0.2);
        assertThat(timing.hostSysctls()).containsEntry("gc_thresh1", thresh1).containsEntry("gc_thresh2", "512")
                .containsEntry("gc_thresh3", "1024");
    }

    @Test
    void theNotesSayWhatIsNotScaled() {
        assertThat(LabTiming.of(DEFAULTS, 0.2).notes()).containsExactly(
                "reachable_time is re-drawn every 300 real seconds (not scaled): every 1500 model seconds",
                "periodic GC every base_reachable_time/2 of the initial namespace: 3 real s");
        assertThat(LabTiming.of(DEFAULTS, 1).notes()).containsExactly(
                "periodic GC every base_reachable_time/2 of the initial namespace: 15 real s");
    }
}
