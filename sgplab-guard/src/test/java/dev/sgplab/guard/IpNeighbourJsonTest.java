package dev.sgplab.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.IpNeighEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one {@code ip -j neigh} reader, on real iproute2 output (src/test/resources/ip-neigh/README.md). */
class IpNeighbourJsonTest {

    @Test
    void everyIpv4StateIsReadAndIpv6IsSkipped() {
        assertThat(IpNeighbourJson.parse(sample("show-nud-all.json"), null)).containsExactly(
                new IpNeighEntry("198.18.5.12", "d0", NudState.REACHABLE, "02:00:00:00:0a:03"),
                new IpNeighEntry("198.18.5.18", "d0", NudState.STALE, "02:00:00:00:0a:07"),   // "router":null
                new IpNeighEntry("198.18.5.15", "d0", NudState.PROBE, "02:00:00:00:0a:06"),
                new IpNeighEntry("198.18.5.11", "d0", NudState.STALE, "02:00:00:00:0a:02"),
                new IpNeighEntry("198.18.5.17", "d0", NudState.FAILED, null),                 // no lladdr
                new IpNeighEntry("198.18.5.14", "d0", NudState.PROBE, "02:00:00:00:0a:05"),
                new IpNeighEntry("198.18.5.20", "d0", NudState.STALE, "02:00:00:00:0a:09"),   // "extern_learn":null
                new IpNeighEntry("198.18.5.10", "d0", NudState.PERMANENT, "02:00:00:00:0a:01"),
                new IpNeighEntry("198.18.5.16", "d0", NudState.INCOMPLETE, null),             // no lladdr
                new IpNeighEntry("198.18.5.13", "d0", NudState.NOARP, "02:00:00:00:0a:04"),
                new IpNeighEntry("198.18.5.19", "d0", NudState.NONE, null));                  // no "state" key
    }

    @Test
    void aCommandFilteredByDeviceGivesTheDeviceIproute2LeavesOut() {
        assertThat(IpNeighbourJson.parse(sample("show-to-dev.json"), "d0"))
                .containsExactly(new IpNeighEntry("198.18.5.18", "d0", NudState.STALE, "02:00:00:00:0a:07"));
        assertThat(IpNeighbourJson.parse(sample("show-to-dev-failed.json"), "d0"))
                .containsExactly(new IpNeighEntry("198.18.5.17", "d0", NudState.FAILED, null));
        // unfiltered reads without a device are not guessed at
        assertThat(IpNeighbourJson.parse(sample("show-to-dev.json"), null)).isEmpty();
    }

    @Test
    void noEntryProxyEntriesAndEmptyOutputGiveNothing() {
        assertThat(IpNeighbourJson.parse(sample("show-to-absent.json"), null)).isEmpty();
        assertThat(IpNeighbourJson.parse(sample("show-proxy.json"), null)).isEmpty();
        assertThat(IpNeighbourJson.parse("", "d0")).isEmpty();
        assertThat(IpNeighbourJson.parse(sample("show-to-incomplete.json"), null))
                .containsExactly(new IpNeighEntry("198.18.5.16", "d0", NudState.INCOMPLETE, null));
    }

    @Test
    void unknownStatesAndNonJsonAreErrorsNotGuesses() {
        assertThatThrownBy(() -> IpNeighbourJson.parse("[{\"dst\":\"198.18.0.1\",\"dev\":\"eth0\",\"state\":[\"0x40\"]}]", null))
                .hasMessage("ip -j neigh: unknown neighbour state '0x40' for 198.18.0.1");
        assertThatThrownBy(() -> IpNeighbourJson.parse("[{\"dst\":\"198.18.0.1\",\"dev\":\"eth0\",\"state\":[\"none\"]}]", null))
                .hasMessage("ip -j neigh: unknown neighbour state 'none' for 198.18.0.1");
        assertThatThrownBy(() -> IpNeighbourJson.parse("Object \"neigh\" is unknown", null))
                .hasMessageStartingWith("ip -j neigh: not JSON");
        assertThatThrownBy(() -> IpNeighbourJson.parse("{}", null)).hasMessage("ip -j neigh: expected a list of entries");
    }

    private static String sample(String name) {
        try (InputStream in = IpNeighbourJsonTest.class.getResourceAsStream("/ip-neigh/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
