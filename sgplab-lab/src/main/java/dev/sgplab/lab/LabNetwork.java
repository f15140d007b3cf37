package dev.sgplab.lab;

import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.neighbour.GcRegime;
import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import dev.sgplab.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a scenario's network ({@link LabTopology}, the description) from Linux network namespaces
 * and tears it down; {@link NeighbourObserver} reads it:
 * <ul>
 * <li>a fabric namespace with one bridge, standing for the VPC;
 * <li>a namespace per CoreDNS node, on the bridge with an address of the subnet (the lowest of those
 *     held by others), its neighbour sysctls set to the scenario's (scaled) values, running dnsmasq
 *     that answers exactly the names the model says exist ({@link LabTopology#hostRecords});
 * <li>a namespace per branch ENI, from its creation to its deletion (as the VPC answers ARP for an
 *     ENI's address until the ENI is deleted), with the ENI's MAC and IP, a permanent entry for each
 *     DNS node until the pod's lookup ends (the VPC answers the pod's ARP, so a DNS node never sees
 *     it), and its resolv.conf;
 * <li>in gc-regime auto, the padding that holds the kernel's arp entry count at the scenario's
 *     ({@link ArpCountKeeper}).
 * </ul>
 * A DNS node resolves a pod's address by broadcast ARP over the bridge and gets the current owner's
 * answer; a unicast probe or reply to a MAC that is gone is flooded by the bridge and dropped by
 * every pod (not its MAC): unanswered and lost, as in the model. With replicas on several nodes, the
 * pod's nameserver is a virtual IP that nftables in the pod's namespace DNATs to a random replica
 * per flow, as kube-proxy does; the resolver's own socket use decides how often it switches.
 */
final class LabNetwork implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LabNames names;
    private final Scenario scenario;
    private final LabTiming timing;
    private final LabTopology topology;
    private final Cidr cidr;
    private final List<DnsNode> dnsNodes = new ArrayList<>();
    /** Every namespace this run made (the effects thread adds, a Ctrl-C teardown may remove). */
    private final Set<String> namespaces = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private final Map<String, String> podNamespaceByEni = new LinkedHashMap<>();
    private final List<Process> servers = new ArrayList<>();
    private final String ip = Preflight.path(Preflight.IP);
    /**
     * Held while something is made that teardown must find (a namespace, a server, a file), and by
     * teardown to close the network: a Ctrl-C teardown runs in a shutdown hook while the build or
     * an effect is still going, and nothing may appear after it has looked.
     */
    private final Object making = new Object();
    private boolean closed;
    private NeighbourObserver neighbours;
    /** In gc-regime auto: keeps the kernel's arp entry count at the scenario's (else null). */
    private ArpCountKeeper arpCount;
    private final Consumer<RuntimeException> failures;

    LabNetwork(LabNames names, Scenario scenario, LabTiming timing, Consumer<RuntimeException> failures) {
        this.failures = failures;
        this.names = names;
        this.scenario = scenario;
        this.timing = timing;
        this.topology = new LabTopology(names, scenario, timing);
        this.cidr = topology.cidr();
    }

    List<DnsNode> dnsNodes() {
        return List.copyOf(dnsNodes);
    }

    /** Reads the DNS nodes' neighbour tables; set once the network is built. */
    NeighbourObserver neighbours() {
        return neighbours;
    }

    // ---- build -----------------------------------------------------------------------------------

    void build() {
        int hostEntries = ArpCacheStat.entries(); // before the lab adds any
        synchronized (making) {
            refuseIfClosed();
            try {
                Files.createDirectories(names.runDir());
            } catch (IOException e) {
                throw new LabException("cannot create " + names.runDir() + ": " + e.getMessage());
            }
        }
        addNamespace(names.fabric());
        batch(names.fabric(), "link set lo up", "link add " + names.bridge() + " type bridge",
                "link set " + names.bridge() + " up");
        for (LabTopology.Node node : topology.dnsNodes()) {
            dnsNodes.add(buildNode(node));
        }
        neighbours = new NeighbourObserver(List.copyOf(dnsNodes));
        for (DnsNode node : dnsNodes) {
            startServer(node);
        }
        if (scenario.kernel().regime() == GcRegime.AUTO) {
            keepArpCount(hostEntries);
        }
    }

    private void keepArpCount(int hostEntries) {
        synchronized (making) {
            refuseIfClosed();
            arpCount = new ArpCountKeeper(names.fabric(), names.padding(), dnsNodes, neighbours,
                    scenario.standingEntries(), scenario.kernel().gcThresh1(), ArpCacheStat::entries, failures);
        }
        arpCount.start(hostEntries);
    }

    /** A test pod's VPC CNI entries on a node changed (counted as the simulator counts them). */
    void podEntries(String nodeName, int delta) {
        if (arpCount != null) {
            arpCount.podEntries(nodeName, delta);
        }
    }

    /** The kernel's arp count against the scenario's so far, or null outside gc-regime auto. */
    ArpCount arpCount() {
        return arpCount == null ? null : arpCount.report();
    }

    private void lateCorrection() {
        if (arpCount != null) {
            arpCount.correctSoon();
        }
    }

    private DnsNode buildNode(LabTopology.Node node) {
        String ns = node.namespace();
        String link = node.link();
        addNamespace(ns);
        run(ip, "link", "add", link, "netns", ns, "type", "veth", "peer", "name", node.port(), "netns", names.fabric());
        batch(names.fabric(), "link set " + node.port() + " master " + names.bridge() + " up");
        batch(ns, "link set lo up", "link set " + link + " up",
                "addr add " + Ipv4.format(node.ip()) + "/" + cidr.prefixLength() + " dev " + link);
        Commands.check(List.of(ip, "netns", "exec", ns, "sh", "-e", "-c", topology.nodeSysctlScript(node)));
        JsonNode linkInfo = JSON.readTree(Commands.check(List.of(ip, "-n", ns, "-j", "link", "show", link)));
        return new DnsNode(node.nodeIndex(), ns, link, node.ip(), linkInfo.get(0).get("address").asString());
    }

    private void startServer(DnsNode node) {
        List<String> argv = new ArrayList<>(List.of(ip, "netns", "exec", node.namespace(),
                Preflight.path(Preflight.DNSMASQ), "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv",
                "--no-hosts", "--bind-interfaces", "--listen-address=" + Ipv4.format(node.ip()), "--port=53",
                "--local=/#/", "--log-queries",
                "--log-facility=" + names.runDir().resolve("dns-" + node.name() + ".log"),
                "--pid-file=" + names.runDir().resolve("dns-" + node.name() + ".pid")));
        argv.addAll(topology.hostRecords());
        Process server;
        synchronized (making) {
            refuseIfClosed();
            server = Commands.start(argv);
            servers.add(server);
        }
        waitUntilAnswering(node, server);
    }

    private void waitUntilAnswering(DnsNode node, Process server) {
        List<String> probe = List.of(ip, "netns", "exec", node.namespace(), Preflight.path(Preflight.DIG), "+time=1",
                "+tries=1", "+short", "@" + Ipv4.format(node.ip()), "sgplab-ready.invalid");
        for (int i = 0; i < 50; i++) {
            if (!server.isAlive()) {
                throw new LabException("dnsmasq on " + node.name() + " exited: "
                        + Commands.firstLine(Commands.drain(server.getErrorStream()).join()));
            }
            Commands.Result result = Commands.run(probe, null);
            if (result.ok()) {
                return; // an answer came (NXDOMAIN for this name): the server is up
            }
            sleep(100);
        }
        throw new LabException("dnsmasq on " + node.name() + " did not answer within 5 s");
    }

    // ---- branch ENIs -----------------------------------------------------------------------------

    /** The ENI exists: its namespace appears with its MAC and IP. */
    void attach(BranchEni eni) {
        String podIndex = eni.podUid().replaceAll("\\D", "");
        int index = Integer.parseInt(podIndex);
        String ns = names.pod(index);
        String link = names.podLink();
        addNamespace(ns);
        podNamespaceByEni.put(eni.id(), ns);
        run(ip, "link", "add", link, "netns", ns, "address", MacAddress.format(eni.mac()), "type", "veth", "peer", "name",
                names.podPort(index), "netns", names.fabric());
        batch(names.fabric(), "link set " + names.podPort(index) + " master " + names.bridge() + " up");
        List<String> lines = new ArrayList<>(List.of("link set lo up", "link set " + link + " up",
                "addr add " + Ipv4.format(eni.ip()) + "/" + cidr.prefixLength() + " dev " + link));
        for (DnsNode node : dnsNodes) {
            lines.add("neigh replace " + Ipv4.format(node.ip()) + " lladdr " + node.mac() + " nud permanent dev " + link);
        }
        batch(ns, lines.toArray(String[]::new));
        lateCorrection(); // the namespace's permanent entries for the DNS nodes count on the one table
        if (topology.usesVirtualIp()) {
            Commands.check(List.of(ip, "netns", "exec", ns, Preflight.path(Preflight.NFT), "-f", "-"),
                    topology.virtualIpRules());
        }
        writeResolvConf(ns);
    }

    private void writeResolvConf(String ns) {
        String text = topology.resolvConf(ns);
        Path dir = LabNames.netnsEtc(ns);
        synchronized (making) {
            refuseIfClosed();
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("resolv.conf"), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new LabException("cannot write " + dir.resolve("resolv.conf") + ": " + e.getMessage());
            }
        }
    }

    /**
     * The pod's lookup ended: it sends nothing more, so its permanent entries for the DNS nodes go
     * (they would only add to the kernel's one arp count). Turning ARP off on its link flushes them
     * (arp_netdev_event: a change of IFF_NOARP flushes the device's entries, permanent ones too) and
     * keeps the pod from ever asking for a DNS node by broadcast, which the VPC would answer instead.
     */
    void lookupEnded(BranchEni eni) {
        String ns = podNamespaceByEni.get(eni.id());
        if (ns != null) {
            batch(ns, "link set " + names.podLink() + " arp off");
            lateCorrection();
        }
    }

    /** The ENI was deleted: its namespace goes, and with it its link and address. */
    void detach(BranchEni eni) {
        String ns = podNamespaceByEni.remove(eni.id());
        if (ns != null) {
            removeNamespace(ns);
            lateCorrection();
        }
    }

    String podNamespace(BranchEni eni) {
        return podNamespaceByEni.get(eni.id());
    }

    /** Starts the pod's lookup, unless teardown has begun (it would run on in a deleted namespace). */
    Process startLookup(BranchEni eni) {
        List<String> argv = lookupCommand(eni);
        synchronized (making) {
            refuseIfClosed();
            return Commands.start(argv);
        }
    }

    /** The command that resolves the scenario's name inside a pod's namespace. */
    List<String> lookupCommand(BranchEni eni) {
        String ns = podNamespace(eni);
        String name = scenario.dns().name();
        return switch (scenario.dns().profile().kind()) {
            case GLIBC -> List.of(ip, "netns", "exec", ns, Preflight.path(Preflight.GETENT), "ahosts", name);
            case BUSYBOX -> List.of(ip, "netns", "exec", ns, Preflight.path(Preflight.BUSYBOX), "nslookup",
                    "-timeout=" + timing.resolverTimeoutSeconds(), "-retry=" + timing.resolverAttempts(), name);
            case MUSL -> throw new LabException.Unusable(
                    "the lab has no musl resolver: it runs busybox nslookup for musl-like pods (dns.resolver=busybox)");
        };
    }

    // ---- teardown --------------------------------------------------------------------------------

    @Override
    public void close() {
        List<Process> running;
        List<String> all;
        synchronized (making) {
            closed = true;
            if (arpCount != null) {
                arpCount.close();
            }
            running = new ArrayList<>(servers);
            servers.clear();
            all = new ArrayList<>(namespaces);
        }
        for (Process server : running) {
            Commands.stop(server);
        }
        java.util.Collections.reverse(all);
        // and anything else with this run's prefix, should a command have made it before failing
        for (String ns : LabCleanup.labNamespaces()) {
            if (ns.startsWith(names.prefix() + "-") && !all.contains(ns)) {
                all.add(ns);
            }
        }
        LabException first = null;
        for (String ns : all) {
            try {
                removeNamespace(ns);
            } catch (LabException e) {
                first = first == null ? e : first;
            }
        }
        LabCleanup.deleteTree(names.runDir());
        if (first != null) {
            throw first;
        }
    }

    private void addNamespace(String ns) {
        synchronized (making) {
            refuseIfClosed();
            namespaces.add(ns);
            run(ip, "netns", "add", ns);
        }
    }

    private void refuseIfClosed() {
        if (closed) {
            throw new LabException("the lab run was interrupted");
        }
    }

    private void removeNamespace(String ns) {
        LabCleanup.removeNamespace(ns);
        namespaces.remove(ns);
    }


    private void batch(String ns, String... lines) {
        Commands.check(List.of(ip, "-n", ns, "-batch", "-"), String.join("\n", lines) + "\n");
    }

    private static void run(String... argv) {
        Commands.check(List.of(argv));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }
}
