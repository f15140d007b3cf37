package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.model.address.Ipv4;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab's network as described before it is built (no root needed). */
class LabTopologyTest {
    private static final LabNames NAMES = new LabNames("1a2b");

    private static LabTopology topology(Scenario scenario) {
        return new LabTopology(NAMES, scenario, LabTiming.of(scenario, 0.2));
    }

    @Test
    void twoReplicasOnTwoNodesGetTheLowestAddressesAndAVirtualIp() {
        Scenario scenario = ScenarioTree.defaults().with("subnet.cidr", "198.18.0.0/24")
                .with("cluster.coredns.replicas", "2").with("cluster.coredns.nodes", "[1, 0]").bind();
        LabTopology topology = topology(scenario);
        assertThat(topology.dnsNodes()).extracting(LabTopology.Node::namespace)
                .containsExactly("sgplab-1a2b-node1", "sgplab-1a2b-node0");
        assertThat(topology.dnsNodes()).extracting(node -> Ipv4.format(node.ip()))
                .containsExactly("198.18.0.4", "198.18.0.5");
        assertThat(topology.usesVirtualIp()).isTrue();
        assertThat(Ipv4.format(topology.nameserver())).isEqualTo("198.18.0.3");
        assertThat(topology.virtualIpRules())
                .contains("ip daddr 198.18.0.3 udp dport 53 dnat to numgen random mod 2 map { 0 : 198.18.0.4, 1 : 198.18.0.5 }")
                .contains("ip daddr 198.18.0.3 tcp dport 53");
    }

    @Test
    void twoReplicasOnOneNodeNeedNoVirtualIp() {
        Scenario scenario = ScenarioTree.defaults().with("subnet.cidr", "198.18.0.0/24")
                .with("cluster.coredns.replicas", "2").with("cluster.coredns.nodes", "[0, 0]").bind();
        LabTopology topology = topology(scenario);
        assertThat(topology.dnsNodes()).hasSize(1);
        assertThat(topology.replicaIps()).hasSize(2);
        assertThat(topology.usesVirtualIp()).isFalse();
        assertThat(Ipv4.format(topology.nameserver())).isEqualTo("198.18.0.4");
    }

    @Test
    void resolvConfCarriesTheScenarioDnsSettingsWithTheScaledTimeout() {
        Scenario scenario = ScenarioTree.defaults().with("subnet.cidr", "198.18.0.0/24")
                .with("cluster.coredns.replicas", "1").with("cluster.coredns.nodes", "[0]").bind();
        String text = topology(scenario).resolvConf("sgplab-1a2b-p3");
        assertThat(text.lines().toList()).contains("nameserver 198.18.0.4")
                .anyMatch(line -> line.startsWith("search "))
                .anyMatch(line -> line.startsWith("options ndots:5 timeout:1 attempts:2"));
    }

    @Test
    void dnsServersAnswerOnlyNamesThatExist() {
        Scenario scenario = ScenarioTree.defaults().with("subnet.cidr", "198.18.0.0/24")
                .with("dns.name", "kubernetes.default").bind();
        List<String> records = topology(scenario).hostRecords();
        assertThat(records).isNotEmpty().allMatch(r -> r.endsWith(",198.18.0.1"));
        assertThat(records).noneMatch(r -> r.equals("--host-record=kubernetes.default,198.18.0.1"));
        assertThat(records).anyMatch(r -> r.startsWith("--host-record=kubernetes.default.svc.cluster.local,"));
    }

    @Test
    void nodeSysctlsAreWrittenOnTheNodesOwnLink() {
        Scenario scenario = ScenarioTree.defaults().with("subnet.cidr", "198.18.0.0/24").bind();
        LabTopology topology = topology(scenario);
        LabTopology.Node node = topology.dnsNodes().get(0);
        assertThat(topology.nodeSysctlScript(node))
                .contains("printf '%s\\n' 6000 > /proc/sys/net/ipv4/neigh/" + node.link() + "/base_reachable_time_ms");
    }
}
