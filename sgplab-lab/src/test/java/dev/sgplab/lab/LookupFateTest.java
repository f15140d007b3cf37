package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.EntrySnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a DNS node's reply to a pod goes, given the node's neighbour entry for the pod's IP. */
class LookupFateTest {
    private static final int POD_IP = Ipv4.parse("198.18.0.10");
    private static final long NEW_MAC = MacAddress.parse("02:00:00:00:0b:02");

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(nullValues = "null", delimiter = '|', value = {
        // the kernel sends to the entry's MAC without asking: the old owner's MAC loses the reply
        "REACHABLE | 02:00:00:00:0a:01 | lost: sent to 02:00:00:00:0a:01, but 198.18.0.10 is now 02:00:00:00:0b:02",
        "STALE     | 02:00:00:00:0a:01 | lost: sent to 02:00:00:00:0a:01, but 198.18.0.10 is now 02:00:00:00:0b:02",
        "DELAY     | 02:00:00:00:0a:01 | lost: sent to 02:00:00:00:0a:01, but 198.18.0.10 is now 02:00:00:00:0b:02",
        "PROBE     | 02:00:00:00:0a:01 | lost: sent to 02:00:00:00:0a:01, but 198.18.0.10 is now 02:00:00:00:0b:02",
        "PERMANENT | 02:00:00:00:0a:01 | lost: sent to 02:00:00:00:0a:01, but 198.18.0.10 is now 02:00:00:00:0b:02",
        "REACHABLE | 02:00:00:00:0b:02 | delivered",
        "STALE     | 02:00:00:00:0b:02 | delivered",
        // no usable entry: the kernel resolves first, and the new owner answers
        "FAILED     | 02:00:00:00:0a:01 | delivered (resolved afresh by broadcast ARP)",
        "INCOMPLETE | null              | delivered (resolved afresh by broadcast ARP)",
        "none       | null              | delivered (resolved afresh by broadcast ARP)",
        "NONE       | 02:00:00:00:0a:01 | delivered (resolved afresh by broadcast ARP)"
    })
    void theReplyGoesToTheEntrysMacWhenTheStateIsValid(String state, String mac, String fate) {
        EntrySnapshot entry = new EntrySnapshot("node-0", "n0", NudState.ofShown(state), mac);
        assertThat(LabLookups.fate(entry, POD_IP, NEW_MAC).text()).isEqualTo(fate);
    }
}
