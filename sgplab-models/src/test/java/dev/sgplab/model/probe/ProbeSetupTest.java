package dev.sgplab.model.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.SeenState;
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
    void theSequenceListsChangesOnly() {
        List<SeenState> sequence = new ArrayList<>();
        for (NudState state : List.of(NudState.STALE, NudState.STALE, NudState.DELAY, NudState.STALE)) {
            SeenState.appendChange(sequence, SeenState.of(state, true, false));
        }
        assertThat(sequence).extracting(SeenState::text)
                .containsExactly("STALE (old MAC)", "DELAY (old MAC)", "STALE (old MAC)");
    }
}
