package dev.sgplab.model.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.IpNeighEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardRulesTest {
    private static final String OWNER = "02:00:00:00:00:0b";
    private static final String OLD = "02:00:00:00:00:0a";

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(nullValues = "NULL", value = {
        "REACHABLE, 02:00:00:00:00:0a, repair",  // the old owner's MAC
        "STALE,     02:00:00:00:00:0a, repair",
        "DELAY,     02:00:00:00:00:0a, repair",
        "PROBE,     02:00:00:00:00:0a, repair",
        "STALE,     02:00:00:00:00:0B, leave",   // already the owner's (case does not matter)
        "PERMANENT, 02:00:00:00:00:0a, leave",   // an administrator's entry
        "NOARP,     02:00:00:00:00:0a, leave",
        "FAILED,    NULL,              leave",   // no address: the next packet resolves afresh
        "INCOMPLETE,NULL,              leave",
        "NONE,      02:00:00:00:00:0a, leave",   // NUD_NONE: the kernel has not used it yet
        "ABSENT,    NULL,              leave"
    })
    void repairsOnlyEntriesThatHoldAnotherMacForAKnownPodIp(NudState state, String mac, String expected) {
        IpNeighEntry entry = new IpNeighEntry("198.18.0.10", "eth0", state, mac);
        GuardRules.Repair repair = GuardRules.decide(OWNER, entry, GuardRules.Action.REPLACE);
        assertThat(repair == null ? "leave" : "repair").isEqualTo(expected);
        if (repair != null) {
            assertThat(repair.ownerMac()).isEqualTo(OWNER);
            assertThat(repair.staleMac()).isEqualTo(OLD);
        }
    }

    @org.junit.jupiter.api.Test
    void neverTouchesIpsItDoesNotKnow() {
        List<IpNeighEntry> entries = List.of(
                new IpNeighEntry("198.18.0.10", "eth0", NudState.STALE, OLD),
                new IpNeighEntry("198.18.0.99", "eth0", NudState.STALE, OLD),      // not a known pod IP
                new IpNeighEntry("198.18.0.10", "eth1", NudState.REACHABLE, OWNER));
        List<GuardRules.Repair> repairs = GuardRules.decide(Map.of("198.18.0.10", OWNER), entries,
                GuardRules.Action.DELETE);
        assertThat(repairs).containsExactly(
                new GuardRules.Repair("198.18.0.10", "eth0", OLD, OWNER, GuardRules.Action.DELETE));
    }
}
