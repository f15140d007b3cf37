package dev.sgplab.sim;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Simulation;
import dev.sgplab.engine.Time;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.assembly.ControlPlane;
import dev.sgplab.model.ec2.Ec2Service;
import dev.sgplab.model.neighbour.GcActivity;
import dev.sgplab.model.neighbour.NeighbourTable;
import dev.sgplab.model.neighbour.VpcCniEntries;
import dev.sgplab.model.scheduling.NodeScheduler;
import dev.sgplab.model.vpc.Subnet;
import dev.sgplab.model.vpc.VpcFabric;
import dev.sgplab.model.workload.SgppPods;
import dev.sgplab.model.workload.WorkloadPod;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.ScenarioException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One run of a scenario's workloads on the virtual clock: the scenario's CoreDNS nodes with their
 * kernels' neighbour tables, the VPC fabric, the subnet, EC2 and the branch ENI controller
 * ({@link ControlPlane}), and the workloads' pods ({@link SgppPods}) whose lookups go through
 * {@link DnsLookup}.
 *
 * <p>Each component draws from its own named random stream of the run's seed, so a change in one
 * (say, the resolver) does not move another's draws (say, the MACs EC2 hands out).
 */
public final class ClusterSimulation implements SgppPods.Backend {
    /** A run that has not ended after this much simulated time is stuck (e.g. no free address). */
    static final long TIME_LIMIT = Time.seconds(7 * 24 * 3600);

    /** How much a run keeps beyond the counts. */
    public enum Detail {
        /** Counts and reuse gaps only: for replications. */
        COUNTS,
        /** Every pod's record, with the entry on the answering CoreDNS node at each try. */
        PODS,
        /** As PODS, plus the entry on every other CoreDNS node at each try. */
        TRACE
    }

    private final SimulationPlan plan;
    private final long seed;
    private final Detail detail;
    private final Simulation sim = new Simulation();
    private final VpcFabric fabric;
    private final Map<String, SimNode> corednsNodes = new LinkedHashMap<>();
    /** The CoreDNS nodes by worker node index (null for the others): a pod's node without hashing its name. */
    private final SimNode[] corednsNodeByIndex;
    private final DnsPath dns;
    private final Subnet subnet;
    private final SgppPods churn;
    private final SimGuard guard;

    public ClusterSimulation(SimulationPlan plan, long seed, Detail detail) {
        this.plan = plan;
        this.seed = seed;
        this.detail = detail;
        RandomStreams streams = new RandomStreams(seed);
        this.fabric = new VpcFabric(sim, plan.fabric());
        ControlPlane controlPlane = new ControlPlane(sim, plan.controlPlane(), streams, new FabricAttachments());
        this.subnet = controlPlane.subnet();
        SimNode[] replicaNodes = new SimNode[plan.corednsNodes().length];
        int indices = plan.nodes();
        for (int index : plan.corednsNodes()) {
            indices = Math.max(indices, index + 1);
        }
        this.corednsNodeByIndex = new SimNode[indices];
        for (int replica = 0; replica < replicaNodes.length; replica++) {
            String name = "node-" + plan.corednsNodes()[replica];
            replicaNodes[replica] = corednsNodes.computeIfAbsent(name, n -> {
                NeighbourTable table = new NeighbourTable(n, plan.neighbourParams(), plan.tableParams(), sim,
                        streams.stream("kernel/" + n), fabric); // the fabric counts the ARP requests, a cost of GC settings
                return new SimNode(n, table);
            });
            corednsNodeByIndex[plan.corednsNodes()[replica]] = replicaNodes[replica];
        }
        this.dns = new DnsPath(plan, sim, fabric, replicaNodes, List.copyOf(corednsNodes.values()),
                streams.stream("kube-proxy"), detail);
        this.guard = plan.guard().enabled()
                ? new SimGuard(sim, List.copyOf(corednsNodes.values()), plan.guard(), streams.stream("guard/latency"))
                : null;
        this.churn = new SgppPods(sim, plan.workloads(),
                new NodeScheduler(plan.nodes(), plan.branchLimit(), plan.roundRobin()), controlPlane.provider(),
                streams, this, detail != Detail.COUNTS);
        controlPlane.listen(churn.controllerEvents());
    }

    /** For benchmarks: see {@link Simulation#recordQueueOperations}. Call before {@link #run()}. */
    public void recordQueueOperations(java.util.function.LongConsumer recorder) {
        sim.recordQueueOperations(recorder);
    }

    /** How far a long run has come, in simulated time (called from the running thread); pods -1: not known ahead. */
    public interface Progress {
        void at(double simulatedSeconds, int podsCreated, int pods);
    }

    /** Steps between looks at the wall clock for progress: cheap, and often enough at any speed. */
    private static final int PROGRESS_STEPS = 1 << 14;

    /** Runs the workloads to their end and returns what they showed. */
    public RunObservations run() {
        return run(null, 0);
    }

    /** As {@link #run()}, telling {@code progress} every {@code everyNanos} of wall time. */
    public RunObservations run(Progress progress, long everyNanos) {
        churn.start();
        long nextReport = progress == null ? Long.MAX_VALUE : System.nanoTime() + everyNanos;
        int steps = 0;
        while (!churn.finished()) {
            if (++steps == PROGRESS_STEPS) {
                steps = 0;
                if (System.nanoTime() >= nextReport) {
                    progress.at(Time.toSeconds(sim.now()), churn.podsCreated(), churn.plannedPods());
                    nextReport = System.nanoTime() + everyNanos;
                }
            }
            if (!sim.step() || sim.now() > TIME_LIMIT) {
                throw new ScenarioException("the run did not finish: " + churn.podsNotEnded()
                        + " pods never ended (is the subnet out of free addresses? it has "
                        + subnet.freeAddresses() + " free)");
            }
        }
        List<GcActivity> activity = new ArrayList<>(corednsNodes.size());
        for (SimNode node : corednsNodes.values()) {
            activity.add(node.table.gcActivity());
        }
        return churn.observations(plan.scenarioName(), seed, detail != Detail.COUNTS, sim.executedEvents())
                .withGcActivity(activity);
    }

    /** What the run's mitigations cost (after {@link #run()}): retried lookups, cache hits, ARP requests. */
    public RunCosts costs() {
        return dns.costs(fabric.arpRequests()); // only the CoreDNS nodes' tables solicit through this run's fabric
    }

    @Override
    public void lookup(WorkloadPod pod, Consumer<Boolean> done) {
        // the pod's first traffic: the host learns the vlan's gateway and the pod's IP on its veth
        addPodEntries(pod, VpcCniEntries.HOST_PER_BRANCH_POD);
        new DnsLookup(dns, pod, pod.node().name(), done).start();
    }

    @Override
    public void branchReady(WorkloadPod pod) {
        addPodEntries(pod, VpcCniEntries.PERMANENT_PER_POD); // CNI ADD: 169.254.1.1 in the pod's namespace
        if (guard != null) {
            guard.annotated(pod.eni().ip(), pod.eni().mac());
        }
    }

    @Override
    public void podEnded(WorkloadPod pod) {
        // CNI DEL: the vlan device, the veth and the namespace go, and their entries with them
        addPodEntries(pod, -(VpcCniEntries.PERMANENT_PER_POD + VpcCniEntries.HOST_PER_BRANCH_POD));
        if (guard != null) {
            guard.podGone(pod.eni().ip(), pod.eni().mac());
        }
    }

    /** A test pod's VPC CNI entries count on its node's arp table when that node runs CoreDNS. */
    private void addPodEntries(WorkloadPod pod, int delta) {
        int index = pod.node().index(); // a WorkerNode's name is "node-" + its index, as the CoreDNS nodes'
        SimNode node = index < corednsNodeByIndex.length ? corednsNodeByIndex[index] : null;
        if (node != null) {
            node.table.addEntriesOutsideModel(delta);
        }
    }

    /** Interfaces appear on the VPC fabric; a new one's ARP broadcast may reach other hosts (an option). */
    private final class FabricAttachments implements Ec2Service.Listener {
        @Override
        public void attached(BranchEni eni, String nodeName) {
            fabric.attach(eni.ip(), eni.mac());
            if (plan.fabric().deliverArpRequestsBetweenHosts()) {
                for (SimNode node : corednsNodes.values()) {
                    fabric.broadcastSeenBy(eni.ip(), eni.mac(), node.eth0);
                }
            }
        }

        @Override
        public void detached(BranchEni eni) {
            fabric.detach(eni.ip());
        }
    }
}
