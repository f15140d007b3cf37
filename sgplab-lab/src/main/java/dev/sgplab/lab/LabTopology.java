package dev.sgplab.lab;

import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.dns.ResolverProfile;
import dev.sgplab.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the lab builds for a scenario, described before anything is built (as Mininet keeps a
 * {@code Topo} apart from the {@code Mininet} that builds it): the fabric namespace and its bridge,
 * the DNS nodes with their addresses, the address each CoreDNS replica answers on, the pods'
 * nameserver (a replica's address, or the kube-dns virtual IP with its nftables rules when replicas
 * are on several nodes), what the DNS servers answer, and the pods' resolv.conf. Pure: no
 * processes, no files; {@link LabNetwork} builds it and {@link NeighbourObserver} reads it.
 */
final class LabTopology {
    /** What the DNS servers answer for existing names: the subnet's 2nd address. */
    private static final int ANSWER_OFFSET = 1;
    /** The kube-dns virtual IP: the subnet's 4th address, which AWS reserves and never assigns. */
    private static final int VIP_OFFSET = 3;
    /** AWS reserves the subnet's first four addresses: DNS nodes take the next ones ("used by others"). */
    private static final int FIRST_NODE_OFFSET = 4;

    /** A node running CoreDNS: its namespace, its link there, its port on the fabric's bridge, its address. */
    record Node(int nodeIndex, String namespace, String link, String port, int ip) {
        String name() {
            return "node-" + nodeIndex;
        }
    }

    private final Scenario scenario;
    private final LabTiming timing;
    private final Cidr cidr;
    private final List<Node> dnsNodes;
    private final List<Integer> replicaIps;

    LabTopology(LabNames names, Scenario scenario, LabTiming timing) {
        this.scenario = scenario;
        this.timing = timing;
        this.cidr = scenario.subnet().cidrBlock();
        Map<Integer, Node> byNode = new LinkedHashMap<>();
        List<Integer> replicas = new ArrayList<>();
        for (int nodeIndex : scenario.cluster().corednsNodes()) {
            Node node = byNode.computeIfAbsent(nodeIndex, n -> new Node(n, names.node(n), names.nodeLink(n),
                    names.nodePort(n), cidr.address(FIRST_NODE_OFFSET + byNode.size())));
            replicas.add(node.ip());
        }
        this.dnsNodes = List.copyOf(byNode.values());
        this.replicaIps = List.copyOf(replicas);
    }

    Cidr cidr() {
        return cidr;
    }

    /** The distinct nodes running CoreDNS, in the order of their first replica. */
    List<Node> dnsNodes() {
        return dnsNodes;
    }

    /** Each replica's address (a node with two replicas appears twice). */
    List<Integer> replicaIps() {
        return replicaIps;
    }

    /** Replicas on several nodes: the pods' nameserver is a virtual IP, DNATed per flow. */
    boolean usesVirtualIp() {
        return dnsNodes.size() > 1;
    }

    /** The address in the pods' resolv.conf. */
    int nameserver() {
        return usesVirtualIp() ? cidr.address(VIP_OFFSET) : replicaIps.get(0);
    }

    /** kube-proxy in miniature: the virtual IP DNATed to a random replica per flow (nftables). */
    String virtualIpRules() {
        String vip = Ipv4.format(cidr.address(VIP_OFFSET));
        StringBuilder map = new StringBuilder();
        for (int i = 0; i < replicaIps.size(); i++) {
            map.append(i == 0 ? "" : ", ").append(i).append(" : ").append(Ipv4.format(replicaIps.get(i)));
        }
        String rule = " dport 53 dnat to numgen random mod " + replicaIps.size() + " map { " + map + " }\n";
        return "table ip sgplab {\n  chain output {\n    type nat hook output priority -100; policy accept;\n"
                + "    ip daddr " + vip + " udp" + rule + "    ip daddr " + vip + " tcp" + rule + "  }\n}\n";
    }

    /** dnsmasq's --host-record for every name the resolver tries that the model says exists. */
    List<String> hostRecords() {
        ResolverProfile resolver = scenario.dns().profile();
        String name = scenario.dns().name();
        String answer = Ipv4.format(cidr.address(ANSWER_OFFSET));
        List<String> records = new ArrayList<>();
        for (String candidate : resolver.candidates(name)) {
            if (resolver.answers(name, candidate)) {
                records.add("--host-record=" + candidate + "," + answer);
            }
        }
        return records;
    }

    /** The pod's /etc/netns/NS/resolv.conf: the scenario's DNS settings, its timeout scaled. */
    String resolvConf(String ns) {
        Scenario.Dns dns = scenario.dns();
        StringBuilder text = new StringBuilder();
        text.append("# written by sgplab for ").append(ns).append('\n');
        text.append("nameserver ").append(Ipv4.format(nameserver())).append('\n');
        if (!dns.search().isEmpty()) {
            text.append("search ").append(String.join(" ", dns.search())).append('\n');
        }
        text.append("options ndots:").append(dns.ndots()).append(" timeout:").append(timing.resolverTimeoutSeconds())
                .append(" attempts:").append(timing.resolverAttempts());
        if (dns.singleRequest()) {
            text.append(" single-request");
        }
        return text.append('\n').toString();
    }

    /** The shell script that sets the node's neighbour sysctls on its own link (outside the initial namespace there is no neigh/default). */
    String nodeSysctlScript(Node node) {
        StringBuilder script = new StringBuilder();
        timing.nodeSysctls().forEach((key, value) -> script.append("printf '%s\\n' ").append(value)
                .append(" > /proc/sys/net/ipv4/neigh/").append(node.link()).append('/').append(key).append('\n'));
        return script.toString();
    }
}
