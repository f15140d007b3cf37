package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.EntrySnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the lab records from {@code ip -j neigh show to IP dev LINK} (iproute2 leaves "dev" out then),
 * without a kernel. The reading itself is sgplab-guard's IpNeighbourJson, tested there on real output.
 */
class NeighbourEntryParsingTest {
    private static final DnsNode NODE = new DnsNode(2, "sgplab-1a2b-node2", "n2", 0, "02:00:00:00:00:02");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "[{\"dst\":\"198.18.0.10\",\"lladdr\":\"02:00:00:00:0a:01\",\"state\":[\"REACHABLE\"]}] | REACHABLE | 02:00:00:00:0a:01",
        "[{\"dst\":\"198.18.0.10\",\"lladdr\":\"02:00:00:00:0a:01\",\"router\":null,\"state\":[\"STALE\"]}]"
                + "| STALE | 02:00:00:00:0a:01",
        // an entry being resolved has no lladdr yet
        "[{\"dst\":\"198.18.0.10\",\"state\":[\"INCOMPLETE\"]}] | INCOMPLETE | null",
        "[{\"dst\":\"198.18.0.10\",\"state\":[\"FAILED\"]}] | FAILED | null",
        // several flags: the first is the NUD state
        "[{\"dst\":\"198.18.0.10\",\"lladdr\":\"02:00:00:00:0b:02\",\"state\":[\"PERMANENT\",\"NOARP\"]}]"
                + "| PERMANENT | 02:00:00:00:0b:02",
        // NUD_NONE: iproute2 writes no state
        "[{\"dst\":\"198.18.0.10\",\"lladdr\":\"02:00:00:00:0b:02\",\"state\":[]}] | NONE | 02:00:00:00:0b:02",
        "[{\"dst\":\"198.18.0.10\",\"lladdr\":\"02:00:00:00:0b:02\"}] | NONE | 02:00:00:00:0b:02"
    })
    void anEntryKeepsItsStateAndMacOnTheNodesLink(String json, NudState state, String mac) {
        assertThat(NeighbourObserver.entryOn(NODE, json)).isEqualTo(new EntrySnapshot("node-2", "n2", state, mac));
    }

    /** No entry (iproute2 prints [] or, for a failed command, the lab passes []; older ones print nothing). */
    @ParameterizedTest(name = "''{0}''")
    @CsvSource(value = {"'[]'", "''", "'  '", "'[ ]'"})
    void noEntryIsAbsent(String json) {
        assertThat(NeighbourObserver.entryOn(NODE, json)).isEqualTo(EntrySnapshot.absent("node-2", "n2"));
        assertThat(NeighbourObserver.entryOn(NODE, json).state()).isEqualTo(NudState.ABSENT);
    }
}
