package dev.sgplab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.ProbeObservation;
import dev.sgplab.observe.TryObservation;
import dev.sgplab.observe.TryOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * States and outcomes are typed from the models to the report and become words only in JSON: results
 * written before (src/test/resources/previous/README.md) are read into the types and written back
 * byte for byte.
 */
class PreviousWordsTest {

    @Test
    void aPreviousResultIsReadTypedAndWrittenBackWithTheSameBytes() {
        String json = previous("simulate-probe.json");
        ProbeObservation probe = Json.bind(Json.tree(json, "p"), ProbeObservation.class, "p", ResultKind.PROBE);
        String written = ProbeReport.json(probe).replace(System.lineSeparator(), "\n");
        assertThat(written).isEqualTo(json.replace("\r\n", "\n"));
    }

    /** The hand-built document is not in Jackson's layout: same tree, every word kept. */
    @Test
    void everyPreviousWordIsWrittenBackAsItWas() {
        String json = previous("every-word.json");
        ProbeObservation probe = Json.bind(Json.tree(json, "w"), ProbeObservation.class, "w", ResultKind.PROBE);
        assertThat(Json.tree(ProbeReport.json(probe), "written")).isEqualTo(Json.tree(json, "w"));
    }

    @Test
    void theWordsBecomeTypes() {
        ProbeObservation probe = Json.bind(Json.tree(previous("every-word.json"), "w"), ProbeObservation.class, "w",
                ResultKind.PROBE);
        TryObservation first = probe.tries().get(0);
        assertThat(first.entry().state()).isEqualTo(NudState.ABSENT);
        assertThat(first.otherNodes().get(0).state()).isEqualTo(NudState.NONE);
        assertThat(first.outcome()).isEqualTo(new TryOutcome.Delivered(true));
        assertThat(probe.tries()).extracting(t -> t.outcome().getClass().getSimpleName()).containsExactly(
                "Delivered", "Delivered", "Lost", "Delivered", "Dropped", "Lost", "NoReply");
        assertThat(probe.tries().get(5).outcome()).isEqualTo(new TryOutcome.Lost("02:00:00:00:0a:01", "198.18.0.5", null));
    }

    @Test
    void wordsThatNameNothingAreOneLineNamingThem() {
        String json = previous("simulate-probe.json");
        assertThatThrownBy(() -> Json.bind(Json.tree(json.replaceFirst("\"STALE\"", "\"stale\""), "x.json"),
                ProbeObservation.class, "x.json", ResultKind.PROBE))
                .isInstanceOf(ReportException.class)
                .hasMessage("x.json: not a valid probe document: unknown neighbour state 'stale'");
        assertThatThrownBy(() -> Json.bind(Json.tree(json.replaceFirst("\"lost: [^\"]*\"", "\"vanished\""), "x.json"),
                ProbeObservation.class, "x.json", ResultKind.PROBE))
                .hasMessage("x.json: not a valid probe document: unknown try outcome 'vanished'");
    }

    @Test
    void theProbeTableShowsTheSameWords() {
        ProbeObservation probe = Json.bind(Json.tree(previous("every-word.json"), "w"), ProbeObservation.class, "w",
                ResultKind.PROBE);
        assertThat(ProbeReport.table(probe)).contains("none -> delivered (resolved afresh by broadcast ARP)",
                "NONE 02:00:00:00:0a:01 -> delivered", "FAILED -> lost: sent to 02:00:00:00:0a:01, but 198.18.0.5 is now unowned",
                "DELAY 02:00:00:00:0a:01 -> no reply yet", "INCOMPLETE -> dropped: queue overflow");
    }

    private static String previous(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/previous", name)); // tests run in the module
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
