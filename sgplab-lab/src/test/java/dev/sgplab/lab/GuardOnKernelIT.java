package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.guard.GuardAgent;
import dev.sgplab.guard.IpNeighbourTables;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.guard.GuardRules;
import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.EntrySnapshot;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real guard agent on a real kernel's neighbour table, in the lab's namespaces. */
class GuardOnKernelIT {

    @BeforeEach
    void labAvailable() {
        LabAvailability.require();
    }

    @Test
    void aStaleEntryIsReplacedAndForeignOrPermanentEntriesAreLeftAlone() {
        Scenario scenario = ScenarioTree.defaults().with("cluster.nodes", "1").with("cluster.coredns.replicas", "1")
                .with("cluster.coredns.nodes", "[0]").with("subnet.used-by-others", "1").bind();
        int x = scenario.subnet().cidrBlock().address(10);
        long oldMac = MacAddress.parse("02:00:00:00:0a:01");
        long newMac = MacAddress.parse("02:00:00:00:0b:02");
        try (LabSession session = new LabSession(scenario, 0.2)) {
            session.open();
            LabNetwork network = session.network();
            DnsNode node = network.dnsNodes().get(0);
            BranchEni a = new BranchEni("eni-a", oldMac, x, 1, "probe-1");
            network.attach(a);
            assertThat(Commands.run(network.lookupCommand(a), null).ok()).isTrue(); // the node learns x -> old MAC
            network.detach(a);
            BranchEni b = new BranchEni("eni-b", newMac, x, 2, "probe-2");
            network.attach(b);
            String ip = Preflight.path(Preflight.IP);
            Commands.check(List.of(ip, "-n", node.namespace(), "neigh", "replace", "198.18.0.200", "lladdr",
                    "02:00:00:00:00:ee", "nud", "stale", "dev", node.link()));
            Commands.check(List.of(ip, "-n", node.namespace(), "neigh", "replace", "198.18.0.201", "lladdr",
                    "02:00:00:00:00:dd", "nud", "permanent", "dev", node.link()));
            assertThat(network.neighbours().snapshot(x).get(0).mac()).isEqualTo(MacAddress.format(oldMac));

            try (GuardAgent guard = new GuardAgent(List.of(new IpNeighbourTables(ip, node.namespace())),
                    GuardRules.Action.REPLACE, System::nanoTime, line -> { })) {
                guard.ownerKnown(Ipv4.format(x), MacAddress.format(newMac));
                guard.ownerKnown("198.18.0.201", "02:00:00:00:00:cc"); // known, but PERMANENT on the node
                guard.drain();
                EntrySnapshot repaired = network.neighbours().snapshot(x).get(0);
                assertThat(repaired.mac()).isEqualTo(MacAddress.format(newMac));
                assertThat(repaired.state()).isEqualTo(NudState.STALE);
                assertThat(network.neighbours().snapshot(Ipv4.parse("198.18.0.200")).get(0).mac()).isEqualTo("02:00:00:00:00:ee");
                EntrySnapshot permanent = network.neighbours().snapshot(Ipv4.parse("198.18.0.201")).get(0);
                assertThat(permanent.state()).isEqualTo(NudState.PERMANENT);
                assertThat(permanent.mac()).isEqualTo("02:00:00:00:00:dd");
                assertThat(guard.metrics().repairs()).isEqualTo(1);
            }
            // and the new owner's lookup now gets its replies
            assertThat(Commands.run(network.lookupCommand(b), null).ok()).isTrue();
        }
    }
}
