package dev.sgplab.model.vpc;

import dev.sgplab.model.address.MacAddress;
import dev.sgplab.model.address.Ipv4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.engine.Simulation;
import dev.sgplab.model.neighbour.NeighbourDevice;
import dev.sgplab.model.neighbour.NeighbourParams;
import dev.sgplab.model.neighbour.NeighbourTable;
import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.model.neighbour.TableParams;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VpcFabricTest {
    private static final int IP = Ipv4.parse("198.18.0.20");
    private static final long OLD = MacAddress.parse("02:00:00:00:00:0a");
    private static final long NEW = MacAddress.parse("02:00:00:00:00:0b");

    @Test
    void framesReachOnlyTheCurrentOwnersMac() {
        VpcFabric fabric = new VpcFabric(new Simulation(), VpcFabric.Options.DEFAULTS);
        fabric.attach(IP, OLD);
        assertThat(fabric.delivers(IP, OLD)).isTrue();
        fabric.detach(IP);
        assertThat(fabric.delivers(IP, OLD)).isFalse();
        fabric.attach(IP, NEW);
        assertThat(fabric.delivers(IP, OLD)).isFalse();
        assertThat(fabric.delivers(IP, NEW)).isTrue();
    }

    @Test
    void broadcastsAreAnsweredWithTheOwnerUnicastsToAStaleMacAreNotByDefault() {
        Simulation sim = new Simulation();
        VpcFabric fabric = new VpcFabric(sim, VpcFabric.Options.DEFAULTS);
        NeighbourTable table = new NeighbourTable("n", NeighbourParams.LINUX_DEFAULTS, TableParams.LINUX_DEFAULTS,
                sim, new SplittableRandom(1), fabric);
        NeighbourDevice eth0 = table.addDevice("eth0", NeighbourParams.LINUX_DEFAULTS);
        fabric.attach(IP, NEW);
        fabric.solicit(eth0, IP, OLD); // unicast probe to a MAC that lost the IP
        assertThat(fabric.arpReplies()).isZero();
        fabric.solicit(eth0, IP, NEW);
        fabric.solicit(eth0, IP, MacAddress.BROADCAST);
        assertThat(fabric.arpReplies()).isEqualTo(2);
    }

    /** A broadcast from the new owner repairs an existing entry, only where the option lets hosts see it. */
    @Test
    void hostsSeeEachOthersArpRequestsOnlyWhenTheOptionSaysSo() {
        for (boolean deliver : new boolean[] {false, true}) {
            Simulation sim = new Simulation();
            VpcFabric fabric = new VpcFabric(sim, new VpcFabric.Options(false, deliver, 100_000));
            NeighbourTable table = new NeighbourTable("n", NeighbourParams.LINUX_DEFAULTS, TableParams.LINUX_DEFAULTS,
                    sim, new SplittableRandom(1), fabric);
            NeighbourDevice eth0 = table.addDevice("eth0", NeighbourParams.LINUX_DEFAULTS);
            fabric.broadcastSeenBy(IP, NEW, eth0);
            assertThat(eth0.lookup(IP)).isNull(); // no entry: a broadcast for someone else creates none
            eth0.arpRequestReceived(IP, OLD, true);  // a request for us does: STALE with the sender's MAC
            fabric.broadcastSeenBy(IP, NEW, eth0);
            assertThat(eth0.lookup(IP).mac()).isEqualTo(deliver ? NEW : OLD);
            assertThat(eth0.lookup(IP).state()).isEqualTo(NudState.STALE);
        }
    }
}
