package dev.sgplab.model.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RollingUpdateTest {

    @ParameterizedTest(name = "{0} replicas, surge {1}, unavailable {2} -> {3}/{4}")
    @CsvSource({
            "10, 25%, 25%, 3, 2",   // 2.5 up to 3, 2.5 down to 2
            "4, 25%, 25%, 1, 1",
            "1, 25%, 25%, 1, 0",    // surge rounds up to 1, unavailable down to 0
            "3, 0, 0%, 0, 1",       // both 0: maxUnavailable becomes 1
            "5, 2, 1, 2, 1",
            "7, 100%, 50%, 7, 3"})
    void resolvesPercentagesAsKubernetesDoes(int replicas, String surge, String unavailable, int expectedSurge,
            int expectedUnavailable) {
        RollingUpdate update = RollingUpdate.of(replicas, surge, unavailable);
        assertThat(update.maxSurge()).isEqualTo(expectedSurge);
        assertThat(update.maxUnavailable()).isEqualTo(expectedUnavailable);
    }

    @Test
    void refusesWhatIsNotANumberOrPercentage() {
        assertThatThrownBy(() -> RollingUpdate.of(3, "a lot", "25%")).hasMessageContaining("'a lot'");
        assertThatThrownBy(() -> RollingUpdate.of(3, "25%", "150%")).hasMessageContaining("over 100%");
    }

    /** 4 replicas, 1 surge, 1 unavailable: the steps kubectl rollout status shows. */
    @Test
    void stepsOfARolloutWithOneSurgeAndOneUnavailable() {
        RollingUpdate update = RollingUpdate.of(4, "25%", "25%");
        assertThat(update.minAvailable()).isEqualTo(3);
        assertThat(update.newPodsToCreate(4, 0)).isEqualTo(1);              // 4 old: one new on top
        assertThat(update.unhealthyOldPodsToDelete(5, 1, 0)).isZero();       // no old pod is unhealthy
        assertThat(update.availableOldPodsToDelete(5, 1, 4, 4)).isEqualTo(1); // 4 available, 3 needed
        assertThat(update.newPodsToCreate(4, 1)).isEqualTo(1);              // room again: a second new pod
        assertThat(update.availableOldPodsToDelete(5, 2, 3, 3)).isZero();    // 5 - 3 - 2 unavailable new = 0
        assertThat(update.newPodsToCreate(5, 4)).isZero();                  // never past replicas + surge
        assertThat(update.newPodsToCreate(4, 4)).isZero();                  // never more new pods than replicas
    }

    @Test
    void unhealthyOldPodsGoFirstWithinTheBudget() {
        RollingUpdate update = new RollingUpdate(4, 1, 1);
        assertThat(update.unhealthyOldPodsToDelete(5, 0, 3)).isEqualTo(2); // 5 - 3 - 0
        assertThat(update.unhealthyOldPodsToDelete(5, 2, 3)).isZero();
    }
}
