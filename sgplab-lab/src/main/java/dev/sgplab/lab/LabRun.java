package dev.sgplab.lab;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.RealTimeScheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.ec2.Ec2Service;
import dev.sgplab.model.vpc.Cidr;
import dev.sgplab.model.vpc.Subnet;
import dev.sgplab.model.workload.ChurnTest;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;

/**
 * One run of a scenario in the kernel lab: the same churn test, controller, EC2 and subnet classes
 * as the simulator, on a real clock, with pods that are namespaces and DNS nodes whose kernels keep
 * the neighbour entries. {@link #close()} removes everything the run made and restores the host's
 * settings; it runs on normal exit, on an exception and (from the CLI's shutdown hook) on Ctrl-C.
 */
public final class LabRun implements AutoCloseable {
    /** The lab's addresses must lie in the benchmarking range, with no route out. */
    static final Cidr ALLOWED = Cidr.parse("198.18.0.0/15");

    public record Result(RunObservations observations, LabFacts facts) {
    }

    private final Scenario scenario;
    private final LabTiming timing;
    private final long seed;
    private final LabNames names;
    private final HostSettings host;
    private final LabNetwork network;
    private final Effects effects = new Effects();
    private final ScheduledExecutorService observer;
    private volatile boolean closed;
    private boolean tornDown;

    public LabRun(Scenario scenario, double timeScale, long seed) {
        checkUsable(scenario);
        this.timing = LabTiming.of(scenario, timeScale);
        Preflight.require(toolsFor(scenario));
        refuseIfAnotherRunIsLive();
        this.scenario = scenario;
        this.seed = seed;
        this.names = LabNames.random();
        this.host = new HostSettings(HostSettings.DEFAULT_NEIGH, names.stateFile());
        this.network = new LabNetwork(names, scenario, timing);
        this.observer = Executors.newScheduledThreadPool(2, daemon("sgplab-lab-observer"));
    }

    public String prefix() {
        return names.prefix();
    }

    /** Builds the network, runs the churn test in real time, and returns what it showed. */
    public Result run(IntConsumer podsEnded) {
        host.apply(timing.hostSysctls(), ProcessHandle.current().pid(), names.runId());
        network.build();
        RealTimeScheduler scheduler = new RealTimeScheduler(timing.scale());
        RandomStreams streams = new RandomStreams(seed);
        Subnet subnet = new Subnet(scenario.subnet().cidrBlock(), scenario.subnet().usedByOthers(),
                scenario.subnet().policy(), streams.stream("ec2/subnet"));
        Ec2Service ec2 = new Ec2Service(scheduler, subnet, new NamespaceAttachments(),
                scenario.controller().createLatency(), scenario.controller().eniDeleteFailureProbability(),
                streams.stream("ec2/create-latency"), streams.stream("ec2/mac"), streams.stream("ec2/delete"));
        LabLookups lookups = new LabLookups(scheduler, network, effects, observer, scenario, timing);
        ChurnTest churn = new ChurnTest(scheduler, scenario.workload().spec(), scenario.cluster().nodes(),
                scenario.cluster().branchLimit(), scenario.controller().cooldown().cooldown(), ec2, streams, lookups);
        churn.start();
        int[] reported = {-1};
        boolean finished = scheduler.runUntil(() -> {
            int ended = scenario.workload().pods() - churn.podsNotEnded();
            if (podsEnded != null && ended != reported[0]) {
                reported[0] = ended;
                podsEnded.accept(ended);
            }
            return churn.finished() || closed || effects.failure() != null;
        }, realLimitNanos());
        if (effects.failure() != null) {
            throw effects.failure();
        }
        if (closed || Thread.currentThread().isInterrupted()) {
            throw new LabException("the lab run was interrupted");
        }
        if (!finished) {
            throw new LabException("the lab run did not finish in time: " + churn.podsNotEnded() + " pods never ended");
        }
        RunObservations observations = churn.observations(scenario.name(), seed, true, 0);
        return new Result(observations, facts());
    }

    private long realLimitNanos() {
        double modelSeconds = scenario.workload().pods() * scenario.workload().createIntervalDistribution().mean()
                + scenario.controller().cooldown().cooldown().periodSeconds() * 4 + 300;
        return Time.seconds(modelSeconds * timing.scale() * 3 + 60);
    }

    private LabFacts facts() {
        Map<String, String> nodeSettings = new LinkedHashMap<>();
        DnsNode first = network.dnsNodes().get(0);
        for (String key : LabTiming.NODE_KEYS) {
            nodeSettings.put(key, Commands.check(List.of(Preflight.path(Preflight.IP), "netns", "exec", first.namespace(),
                    "cat", "/proc/sys/net/ipv4/neigh/" + first.link() + "/" + key)).strip());
        }
        return new LabFacts(kernelVersion(), timing.scale(), names.prefix(), host.inForce(LabTiming.HOST_KEYS),
                nodeSettings, network.entriesOnDnsNodes(), firstLine(List.of(Preflight.path(Preflight.DNSMASQ), "--version")),
                resolverDescription(), timing.notes());
    }

    private String resolverDescription() {
        return switch (scenario.dns().profile().kind()) {
            case GLIBC -> "glibc getent ahosts (" + firstLine(List.of(Preflight.path(Preflight.GETENT), "--version")) + ")";
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
        effects.stop();
        observer.shutdownNow();
        LabException failure = null;
        try {
            network.close();
        } catch (LabException e) {
            failure = e;
        }
        try {
            host.restore();
        } catch (LabException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ---- checks ----------------------------------------------------------------------------------

    static void checkUsable(Scenario scenario) {
        Cidr cidr = scenario.subnet().cidrBlock();
        if (cidr.prefixLength() < ALLOWED.prefixLength() || !ALLOWED.contains(cidr.network())) {
            throw new LabException.Unusable("the lab only uses addresses in " + ALLOWED + ": subnet.cidr " + cidr
                    + " is outside it");
        }
        int dnsNodes = (int) java.util.Arrays.stream(scenario.cluster().corednsNodes()).distinct().count();
        if (scenario.subnet().usedByOthers() < dnsNodes) {
            throw new LabException.Unusable("the lab gives each DNS node one of the addresses used by others: "
                    + "subnet.used-by-others must be at least " + dnsNodes);
        }
        if (scenario.dns().profile().kind() == dev.sgplab.model.dns.ResolverKind.MUSL) {
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
        tools.add(scenario.dns().profile().kind() == dev.sgplab.model.dns.ResolverKind.BUSYBOX
                ? Preflight.BUSYBOX : Preflight.GETENT);
        if (java.util.Arrays.stream(scenario.cluster().corednsNodes()).distinct().count() > 1) {
            tools.add(Preflight.NFT);
        }
        return tools;
    }

    private static void refuseIfAnotherRunIsLive() {
        if (!Files.isDirectory(LabNames.STATE_DIR)) {
            return;
        }
        try (var files = Files.newDirectoryStream(LabNames.STATE_DIR, LabNames.NAMESPACE_PREFIX + "*.json")) {
            for (Path file : files) {
                HostSettings.SavedState state = HostSettings.SavedState.read(file);
                if (ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new LabException.Unusable("another lab run (" + new LabNames(state.runId()).prefix()
                            + ", pid " + state.pid() + ") holds the host's neighbour settings: wait for it");
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot read " + LabNames.STATE_DIR + ": " + e.getMessage());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** EC2's interfaces become namespaces, in order, off the clock's thread. */
    private final class NamespaceAttachments implements Ec2Service.Listener {
        @Override
        public void attached(BranchEni eni, String nodeName) {
            submit(() -> network.attach(eni));
        }

        @Override
        public void detached(BranchEni eni) {
            submit(() -> network.detach(eni));
        }

        private void submit(Runnable effect) {
            effects.submit(effect);
        }
    }

}
