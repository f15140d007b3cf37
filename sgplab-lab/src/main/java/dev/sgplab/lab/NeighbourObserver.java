package dev.sgplab.lab;

import dev.sgplab.guard.IpNeighbourJson;
import dev.sgplab.model.address.Ipv4;
import dev.sgplab.observe.EntrySnapshot;
import dev.sgplab.observe.IpNeighEntry;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the DNS nodes' neighbour tables with {@code ip -j neigh} (iproute2's JSON output): what the
 * lab observes, kept apart from {@link LabNetwork}, which builds and tears the namespaces down. It
 * changes nothing on the host.
 */
final class NeighbourObserver {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<DnsNode> dnsNodes;
    private final String ip = Preflight.path(Preflight.IP);

    NeighbourObserver(List<DnsNode> dnsNodes) {
        this.dnsNodes = List.copyOf(dnsNodes);
    }

    /** The entry for {@code podIp} on every DNS node, as {@code ip -j neigh} shows it now. */
    List<EntrySnapshot> snapshot(int podIp) {
        List<EntrySnapshot> snapshots = new ArrayList<>();
        for (DnsNode node : dnsNodes) {
            Commands.Result result = Commands.run(List.of(ip, "-n", node.namespace(), "-j", "neigh", "show", "to",
                    Ipv4.format(podIp), "dev", node.link()), null);
            snapshots.add(entryOn(node, result.ok() ? result.out() : "[]"));
        }
        return snapshots;
    }

    /** The node's entry in the output of {@code ip -j neigh show to IP dev LINK}, or absent. */
    static EntrySnapshot entryOn(DnsNode node, String json) {
        List<IpNeighEntry> entries = IpNeighbourJson.parse(json, node.link());
        return entries.isEmpty() ? EntrySnapshot.absent(node.name(), node.link()) : entries.get(0).on(node.name());
    }

    /**
     * How many entries {@code node} holds on its link now, every state but NONE (which iproute2 never
     * lists; the kernel holds an entry in NONE only between its creation and its first solicitation).
     */
    int entriesOnLink(DnsNode node) {
        return JSON.readTree(Commands.check(List.of(ip, "-n", node.namespace(), "-j", "neigh", "show", "dev",
                node.link()))).size();
    }

    /** Table-wide facts: the arp entry count of the whole kernel is not visible per namespace. */
    int entriesOnDnsNodes() {
        int count = 0;
        for (DnsNode node : dnsNodes) {
            count += JSON.readTree(Commands.check(List.of(ip, "-n", node.namespace(), "-j", "neigh", "show"))).size();
        }
        return count;
    }
}
