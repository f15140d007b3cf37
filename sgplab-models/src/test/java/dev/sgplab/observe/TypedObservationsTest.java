package dev.sgplab.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.model.neighbour.Packet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** States and outcomes read back from the words results hold, and written with the same words. */
class TypedObservationsTest {

    @ParameterizedTest
    @EnumSource(NudState.class)
    void everyStateReadsBackFromItsWord(NudState state) {
        assertThat(NudState.ofShown(state.shown())).isSameAs(state);
    }

    @Test
    void noEntryIsLowerCaseNoneAndTheKernelsNudNoneUpperCase() {
        assertThat(NudState.ABSENT.shown()).isEqualTo("none");
        assertThat(NudState.ofShown("none")).isSameAs(NudState.ABSENT);
        assertThat(NudState.ofShown("NONE")).isSameAs(NudState.NONE);
        assertThat(NudState.ABSENT.valid()).isFalse();
        assertThat(NudState.ABSENT.inTimer()).isFalse();
        assertThatThrownBy(() -> NudState.ofShown("stale")).hasMessage("unknown neighbour state 'stale'");
    }

    /** Every outcome's words as results of earlier versions hold them (simulator and kernel lab). */
    @ParameterizedTest
    @ValueSource(strings = {
        "delivered",
        "delivered (resolved afresh by broadcast ARP)",
        "lost: sent to 02:00:00:00:0a:01, but 198.18.0.5 is now 02:00:00:00:0b:02",
        "lost: sent to 02:00:00:00:0a:01, but 198.18.0.5 is now unowned",
        "dropped",
        "dropped: resolution failed",
        "dropped: queue overflow",
        "dropped: table overflow",
        "no reply yet"
    })
    void everyOutcomeReadsBackAndIsWrittenWithTheSameWords(String words) {
        assertThat(TryOutcome.parse(words).text()).isEqualTo(words);
    }

    @Test
    void outcomesAreTypedNotWords() {
        assertThat(TryOutcome.parse("delivered (resolved afresh by broadcast ARP)").delivered()).isTrue();
        assertThat(TryOutcome.parse("lost: sent to 02:00:00:00:0a:01, but 198.18.0.5 is now unowned"))
                .isEqualTo(new TryOutcome.Lost("02:00:00:00:0a:01", "198.18.0.5", null));
        assertThat(TryOutcome.parse("dropped: queue overflow"))
                .isEqualTo(new TryOutcome.Dropped(Packet.DropReason.QUEUE_OVERFLOW));
        assertThat(new TryOutcome.NoReply().delivered()).isFalse();
        assertThatThrownBy(() -> TryOutcome.parse("dropped: cosmic ray")).hasMessage("unknown try outcome 'dropped: cosmic ray'");
        assertThatThrownBy(() -> TryOutcome.parse("lost")).hasMessage("unknown try outcome 'lost'");
    }

    @Test
    void probeStatesNameWhoseMacOnlyAValidEntryHolds() {
        assertThat(SeenState.of(NudState.STALE, true, false).text()).isEqualTo("STALE (old MAC)");
        assertThat(SeenState.of(NudState.REACHABLE, false, true).text()).isEqualTo("REACHABLE (new MAC)");
        assertThat(SeenState.of(NudState.FAILED, true, false).text()).isEqualTo("FAILED");
        assertThat(SeenState.of(NudState.ABSENT, false, false).text()).isEqualTo("none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"STALE (old MAC)", "DELAY (old MAC)", "REACHABLE (new MAC)", "FAILED", "INCOMPLETE", "none",
        "NONE", "PERMANENT (new MAC)", "STALE"})
    void probeStatesReadBackFromTheirWords(String words) {
        assertThat(SeenState.parse(words).text()).isEqualTo(words);
    }

    @Test
    void probeStatesListChangesOnly() {
        java.util.List<SeenState> seen = new java.util.ArrayList<>();
        SeenState.appendChange(seen, SeenState.of(NudState.STALE, true, false));
        SeenState.appendChange(seen, SeenState.of(NudState.STALE, true, false));
        SeenState.appendChange(seen, SeenState.of(NudState.STALE, false, true));
        assertThat(seen).extracting(SeenState::text).containsExactly("STALE (old MAC)", "STALE (new MAC)");
        assertThatThrownBy(() -> SeenState.parse("STALE (whose MAC)")).hasMessage("unknown neighbour state 'STALE (whose MAC)'");
    }

    @Test
    void aSnapshotSendsToItsMacOnlyInAValidState() {
        assertThat(new EntrySnapshot("node-0", "eth0", NudState.STALE, "02:00:00:00:0a:01").sendsTo("02:00:00:00:0a:01"))
                .isTrue();
        assertThat(new EntrySnapshot("node-0", "eth0", NudState.FAILED, "02:00:00:00:0a:01").sendsTo("02:00:00:00:0a:01"))
                .isFalse();
        assertThat(EntrySnapshot.absent("node-0", "eth0").sendsTo("02:00:00:00:0a:01")).isFalse();
    }
}
