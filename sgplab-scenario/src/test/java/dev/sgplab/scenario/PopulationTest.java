package dev.sgplab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.model.neighbour.GcRegime;
import dev.sgplab.model.neighbour.TableParams;
import org.junit.jupiter.api.Test;

class PopulationTest {

    @Test
    void defaultsAreOneCoreDnsPodAndTheSubnetGatewayUnderTheKernelsRule() {
        Scenario s = ScenarioTree.defaults().bind();
        assertThat(s.kernel().regime()).isEqualTo(GcRegime.AUTO);
        assertThat(s.standingEntries()).isEqualTo(2 + 1); // CoreDNS: PERMANENT + host veth; the gateway
    }

    @Test
    void standingEntriesAddEveryStatedSource() {
        Scenario s = ScenarioTree.parse("population:\n  pods-per-node: 20\n  coredns-clients: 30\n  node-peers: 4\n"
                + "kernel:\n  other-arp-entries: 5\n  gc_thresh1: 100\n", "t.yaml").bind();
        assertThat(s.standingEntries()).isEqualTo(20 * 2 + 30 + 4 + 5);
        TableParams table = s.corednsNodeTableParams();
        assertThat(table.entriesOutsideModel()).isEqualTo(79);
        assertThat(table.gcThresh1()).isEqualTo(100);
        assertThat(table.regime()).isEqualTo(GcRegime.AUTO);
    }

    @Test
    void aNegativeCountIsOneLineNamingTheKey() {
        assertThatThrownBy(() -> ScenarioTree.parse("population:\n  coredns-clients: -1\n", "t.yaml").bind())
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("population.coredns-clients must not be negative, got -1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> ScenarioTree.defaults().with("population.pods", "3"))
                .hasMessageContaining("unknown key 'population.pods'");
    }
}
