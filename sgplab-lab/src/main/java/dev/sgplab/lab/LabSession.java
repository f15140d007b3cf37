package dev.sgplab.lab;

import dev.sgplab.guard.GuardAgent;
import dev.sgplab.guard.IpNeighbourTables;
import dev.sgplab.guard.NeighbourTables;
import dev.sgplab.model.dns.ResolverKind;
import dev.sgplab.model.address.Cidr;
import dev.sgplab.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The lab's hold on the machine for one run: the checks, the host's whole-kernel settings (saved,
 * set, restored), the namespaces and servers of the scenario's network, and the background
 * workers. {@link #close()} undoes all of it; it is idempotent and may be called from a shutdown
 * hook while the run is still going.
 */
public final class LabSession implements AutoCloseable {
    /** The lab's addresses must lie in the benchmarking range, with no route out. */
    static final Cidr ALLOWED = Cidr.parse("198.18.0.0/15");
    /** How long a run waits for another that holds the host's settings. */
    static final long HOST_WAIT_NANOS = TimeUnit.MINUTES.toNanos(15);
    /** The phases a session announces ({@link #onPhase}). */
    public static final String BUILDING = "building the network";
    public static final String RUNNING = "running";
    public static final String REMOVING = "removing the network and restoring the host";
    public static final String REMOVED = "removed; host restored";

    private final Scenario scenario;
    private final LabTiming timing;
    private final LabNames names = LabNames.random();
    private final HostSettings host;
    private final LabNetwork network;
    private final Effects effects = new Effects();
    private final HostLock hostLock;
    private volatile boolean closed;
    private boolean tornDown;
    private GuardAgent guard;
    private volatile Consumer<String> phases = phase -> { };

    public LabSession(Scenario scenario, double timeScale) {
        this(scenario, timeScale, message -> { });
    }

    /** A session; {@code waiting} hears once if it must wait for another run to release the host. */
    public LabSession(Scenario scenario, double timeScale, Consumer<String> waiting) {
        this.timing = check(scenario, timeScale);
        this.hostLock = HostLock.acquire(HOST_WAIT_NANOS, waiting);
        this.scenario = scenario;
        this.host = new HostSettings(HostSettings.DEFAULT_NEIGH, names.stateFile());
        this.network = new LabNetwork(names, scenario, timing, effects::fail);
    }

    /**
     * Where the session says which phase it enters, one line each: {@link #BUILDING},
     * {@link #RUNNING}, {@link #REMOVING}, {@link #REMOVED} (for progress on stderr, and for the
     * soak, which aims its signals by them).
     */
    public void onPhase(Consumer<String> listener) {
        this.phases = listener;
    }

    void enter(String phase) {
        phases.accept(phase);
    }

    /** Saves and sets the host's settings, then builds the network (namespaces inherit the defaults). */
    void open() {
        if (closed) {
            throw new LabException("the lab run was interrupted");
        }
        enter(BUILDING);
        host.apply(timing.hostSysctls(), ProcessHandle.current().pid(), names.runId());
        network.build();
        if (scenario.guard().enabled()) {
            startGuard();
        }
    }

    /**
     * The real guard agent on every DNS node's namespace, fed by the lab's ENI events instead of the
     * Kubernetes API. Its sweep interval is scaled like every other timer; its reaction is real.
     */
    private void startGuard() {
        List<NeighbourTables> tables = new java.util.ArrayList<>();
        for (DnsNode node : network.dnsNodes()) {
            tables.add(new IpNeighbourTables(Preflight.path(Preflight.IP), node.namespace()));
        }
        guard = new GuardAgent(tables, scenario.guard().guardAction(), System::nanoTime, message -> { })
                .start(scenario.guard().sweepInterval() * timing.scale());
    }

    /** The guard, when the scenario enables it (else null). */
    GuardAgent guard() {
        return guard;
    }

    public String prefix() {
        return names.prefix();
    }

    Scenario scenario() {
        return scenario;
    }

    LabTiming timing() {
        return timing;
    }

    LabNetwork network() {
        return network;
    }

    Effects effects() {
        return effects;
    }

    boolean closed() {
        return closed;
    }

    /** What the report states about the machine and the settings in force. */
    LabFacts facts(long clockLatenessNanos) {
        Map<String, String> nodeSettings = new LinkedHashMap<>();
        DnsNode first = network.dnsNodes().get(0);
        for (String key : LabTiming.NODE_KEYS) {
            nodeSettings.put(key, Commands.check(List.of(Preflight.path(Preflight.IP), "netns", "exec",
                    first.namespace(), "cat", "/proc/sys/net/ipv4/neigh/" + first.link() + "/" + key)).strip());
        }
        Map<String, String> guardFacts = new LinkedHashMap<>();
        if (guard != null) {
            guard.drain();
            guardFacts.put("repairs", Long.toString(guard.metrics().repairs()));
            guardFacts.put("entriesChecked", Long.toString(guard.metrics().entriesChecked()));
            guardFacts.put("lastRepairLatencySeconds", Double.toString(guard.metrics().lastRepairLatencySeconds()));
        }
        return new LabFacts(kernelVersion(), timing.scale(), names.prefix(), host.inForce(LabTiming.HOST_KEYS),
                nodeSettings, network.neighbours().entriesOnDnsNodes(), firstLine(List.of(Preflight.path(Preflight.DNSMASQ),
                        "--version")), resolverDescription(), guardFacts, lateness(clockLatenessNanos), timing.notes(),
                network.arpCount());
    }

    private LabLateness lateness(long clockLatenessNanos) {
        double[] lag = effects.lagSeconds();
        double scale = timing.scale();
        return new LabLateness(round(lag[0] / scale), round(lag[1] / scale), round(clockLatenessNanos / 1e9));
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private String resolverDescription() {
        return switch (scenario.dns().profile().kind()) {
            case GLIBC -> "glibc getent ahosts (" + firstLine(List.of(Preflight.path(Preflight.GETENT), "--version"))
                    + ")";
            case BUSYBOX -> "busybox nslookup (" + firstLine(List.of(Preflight.path(Preflight.BUSYBOX))) + ")";
            case MUSL -> "musl";
        };
    }

    static String kernelVersion() {
        try {
            return ProcFiles.read(Path.of("/proc/sys/kernel/osrelease"));
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String firstLine(List<String> argv) {
        Commands.Result result = Commands.run(argv, null);
        return Commands.firstLine(result.out().isBlank() ? result.err() : result.out());
    }

    /** Removes everything this run made and restores the host; safe to call twice, from any thread. */
    @Override
    public synchronized void close() {
        closed = true;
        if (tornDown) {
            return;
        }
        tornDown = true;
        RuntimeException failure = null;
        try {
            enter(REMOVING);
            effects.stop();
            if (guard != null) {
                guard.close();
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            network.close();
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        }
        try {
            host.restore();
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        } finally {
            hostLock.close(); // whatever failed: the next run must not wait for this one
        }
        if (failure != null) {
            throw failure;
        }
        enter(REMOVED);
    }

    // ---- checks ----------------------------------------------------------------------------------

    /** Whether the lab can run the scenario here at this scale (one-line error if not), changing nothing. */
    public static LabTiming check(Scenario scenario, double timeScale) {
        checkUsable(scenario);
        LabTiming timing = LabTiming.of(scenario, timeScale);
        Preflight.require(toolsFor(scenario));
        return timing;
    }

    static void checkUsable(Scenario scenario) {
        Cidr cidr = scenario.subnet().cidrBlock();
        if (cidr.prefixLength() < ALLOWED.prefixLength() || !ALLOWED.contains(cidr.network())) {
            throw new LabException.Unusable("the lab only uses addresses in " + ALLOWED + ": subnet.cidr " + cidr
                    + " is outside it");
        }
        int dnsNodes = (int) Arrays.stream(scenario.cluster().corednsNodes()).distinct().count();
        if (scenario.subnet().usedByOthers() < dnsNodes) {
            throw new LabException.Unusable("the lab gives each DNS node one of the addresses used by others: "
                    + "subnet.used-by-others must be at least " + dnsNodes);
        }
        if (scenario.dns().profile().kind() == ResolverKind.MUSL) {
            throw new LabException.Unusable(
                    "the lab has no musl resolver: it runs busybox nslookup for musl-like pods (set dns.resolver=busybox)");
        }
        if (scenario.vpc().answerUnicastProbesToStaleMac() || scenario.vpc().deliverArpRequestsBetweenHosts()) {
            throw new LabException.Unusable("the lab builds the VPC's documented ARP behaviour only: "
                    + "vpc.answer-unicast-probes-to-stale-mac and vpc.deliver-arp-requests-between-hosts must be false");
        }
    }

    static Set<Preflight.Tool> toolsFor(Scenario scenario) {
        Set<Preflight.Tool> tools = new LinkedHashSet<>(List.of(Preflight.IP, Preflight.DNSMASQ, Preflight.DIG));
        tools.add(scenario.dns().profile().kind() == ResolverKind.BUSYBOX ? Preflight.BUSYBOX : Preflight.GETENT);
        if (Arrays.stream(scenario.cluster().corednsNodes()).distinct().count() > 1) {
            tools.add(Preflight.NFT);
        }
        return tools;
    }

}
