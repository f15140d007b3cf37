package dev.sgplab.model.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeSetupTest {
    @Test
    void theAddressIsTheFirstNotUsedByOthers() {
        Cidr subnet = Cidr.parse("198.18.0.0/28");
        assertThat(Ipv4.format(ProbeSetup.in(subnet, 7).ip())).isEqualTo("198.18.0.11");
        // the DNS node takes one address even when the scenario says none are used
        assertThat(Ipv4.format(ProbeSetup.in(subnet, 0).ip())).isEqualTo("198.18.0.5");
    }

    @Test
    void bothOwnersHoldTheSameAddressWithTheirOwnMac() {
        ProbeSetup probe = ProbeSetup.in(Cidr.parse("198.18.0.0/25"), 58);
        assertThat(probe.oldOwner().ip()).isEqualTo(probe.newOwner().ip()).isEqualTo(probe.ip());
        assertThat(probe.oldOwner().mac()).isNotEqualTo(probe.newOwner().mac());
        assertThat(MacAddress.format(probe.newOwner().mac())).isEqualTo("02:00:00:00:0b:02");
    }

    @Test
    void labelsNameTheMacOnlyForValidStates() {
        assertThat(ProbeSetup.label("STALE", true, ProbeSetup.MAC_A)).isEqualTo("STALE (old MAC)");
        assertThat(ProbeSetup.label("REACHABLE", true, ProbeSetup.MAC_B)).isEqualTo("REACHABLE (new MAC)");
        assertThat(ProbeSetup.label("FAILED", false, ProbeSetup.MAC_A)).isEqualTo("FAILED");
        assertThat(ProbeSetup.label("none", false, MacAddress.NONE)).isEqualTo("none");
    }

    @Test
    void theSequenceListsChangesOnly() {
        List<String> sequence = new ArrayList<>();
        for (String label : List.of("STALE (old MAC)", "STALE (old MAC)", "DELAY (old MAC)", "STALE (old MAC)")) {
            ProbeSetup.appendChange(sequence, label);
        }
        assertThat(sequence).containsExactly("STALE (old MAC)", "DELAY (old MAC)", "STALE (old MAC)");
    }
}
