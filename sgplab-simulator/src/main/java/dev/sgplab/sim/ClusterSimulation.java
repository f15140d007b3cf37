package dev.sgplab.sim;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Simulation;
import dev.sgplab.engine.Time;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.controller.BranchEniProvider;
import dev.sgplab.model.controller.TrunkEni;
import dev.sgplab.model.neighbour.NeighbourTable;
import dev.sgplab.model.vpc.Subnet;
import dev.sgplab.model.vpc.VpcFabric;
import dev.sgplab.observe.EntrySnapshot;
import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.ScenarioException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One run of the churn test on the virtual clock: the scenario's nodes, CoreDNS replicas, subnet,
 * VPC fabric and branch ENI controller, and its pods from creation to Succeeded or Error.
 *
 * <p>Each component draws from its own named random stream of the run's seed, so a change in one
 * (say, the resolver) does not move another's draws (say, the MACs EC2 hands out).
 */
public final class ClusterSimulation {
    /** A run that has not ended after this much simulated time is stuck (e.g. no free address). */
    static final long TIME_LIMIT = Time.seconds(7 * 24 * 3600);

    private final SimulationPlan plan;
    private final long seed;
    private final Detail detail;
    private final Simulation sim = new Simulation();
    private final VpcFabric fabric;
    private final Subnet subnet;
    private final BranchEniProvider provider;
    private final SimNode[] nodes;
    private final SimPod[] pods;
    private final Map<String, SimPod> podByName = new HashMap<>();
    private final Map<Integer, SimPod> lastOwnerByIp = new HashMap<>();
    private final ArrayDeque<SimPod> unscheduled = new ArrayDeque<>();
    private final SplittableRandom createRandom;
    private final SplittableRandom startRandom;
    private final SplittableRandom runRandom;
    private final SplittableRandom replicaRandom;
    private int ended;
    private int roundRobinNext;
    private int maxDeleteQueue;

    /** How much a run keeps beyond the counts. */
    public enum Detail {
        /** Counts and reuse gaps only: for replications. */
        COUNTS,
        /** Every pod's record, with the entry on the answering CoreDNS node at each try. */
        PODS,
        /** As PODS, plus the entry on every other CoreDNS node at each try. */
        TRACE
    }

    public ClusterSimulation(SimulationPlan plan, long seed, Detail detail) {
        this.plan = plan;
        this.seed = seed;
        this.detail = detail;
        RandomStreams streams = new RandomStreams(seed);
        this.createRandom = streams.stream("workload/create");
        this.startRandom = streams.stream("workload/start");
        this.runRandom = streams.stream("workload/run");
        this.replicaRandom = streams.stream("kube-proxy");
        this.fabric = new VpcFabric(sim, plan.fabric());
        this.subnet = new Subnet(plan.cidr(), plan.usedByOthers(), plan.allocationPolicy(),
                streams.stream("ec2/subnet"));
        SimEc2 ec2 = new SimEc2(sim, subnet, fabric, plan.eniCreateLatency(), plan.eniDeleteFailureProbability(),
                streams.stream("ec2/create-latency"), streams.stream("ec2/mac"), streams.stream("ec2/delete"));
        this.provider = new BranchEniProvider(sim, plan.cooldown(), ec2, new ControllerEvents());
        this.nodes = new SimNode[plan.nodes()];
        SplittableRandom phases = streams.stream("controller/delete-job-phase");
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new SimNode(i);
            provider.addTrunk(nodes[i].name, plan.branchLimit(),
                    (long) (phases.nextDouble() * BranchEniProvider.DELETE_QUEUE_REQUEUE));
        }
        for (int index : plan.corednsNodes()) {
            SimNode node = nodes[index];
            if (node.table == null) {
                node.table = new NeighbourTable(node.name, plan.neighbourParams(), plan.tableParams(), sim,
                        streams.stream("kernel/" + node.name), fabric);
                node.eth0 = node.table.addDevice("eth0", plan.neighbourParams());
                node.table.start();
            }
        }
        this.pods = new SimPod[plan.pods()];
        for (int i = 0; i < pods.length; i++) {
            pods[i] = new SimPod(i);
            podByName.put(pods[i].name, pods[i]);
        }
    }

    /** For benchmarks: see {@link Simulation#recordQueueOperations}. Call before {@link #run()}. */
    public void recordQueueOperations(java.util.function.LongConsumer recorder) {
        sim.recordQueueOperations(recorder);
    }

    /** Runs the churn test to its end and returns what it showed. */
    public RunObservations run() {
        long at = 0;
        for (SimPod pod : pods) {
            sim.scheduleAt(at, () -> create(pod));
            at += Time.seconds(plan.createInterval().sample(createRandom));
        }
        while (ended < pods.length) {
            if (!sim.step() || sim.now() > TIME_LIMIT) {
                throw new ScenarioException("the run did not finish: " + (pods.length - ended)
                        + " pods never ended (is the subnet out of free addresses? it has "
                        + subnet.freeAddresses() + " free)");
            }
        }
        return observations();
    }

    // ---- pod lifecycle ---------------------------------------------------------------------------

    private void create(SimPod pod) {
        pod.createdAt = sim.now();
        unscheduled.addLast(pod);
        scheduleWaitingPods();
    }

    /** kube-scheduler: a pod needs one vpc.amazonaws.com/pod-eni, of which a node has its branch limit. */
    private void scheduleWaitingPods() {
        while (!unscheduled.isEmpty()) {
            SimNode node = pickNode();
            if (node == null) {
                return;
            }
            SimPod pod = unscheduled.removeFirst();
            pod.node = node;
            node.sgppPods++;
            provider.createBranch(pod.name, node.name, eni -> branchReady(pod, eni));
        }
    }

    private SimNode pickNode() {
        if (plan.roundRobin()) {
            for (int i = 0; i < nodes.length; i++) {
                SimNode node = nodes[(roundRobinNext + i) % nodes.length];
                if (node.sgppPods < plan.branchLimit()) {
                    roundRobinNext = (node.index + 1) % nodes.length;
                    return node;
                }
            }
            return null;
        }
        SimNode best = null;
        for (SimNode node : nodes) {
            if (node.sgppPods < plan.branchLimit() && (best == null || node.sgppPods < best.sgppPods)) {
                best = node;
            }
        }
        return best;
    }

    private void branchReady(SimPod pod, BranchEni eni) {
        long now = sim.now();
        pod.eni = eni;
        pod.branchReadyAt = now;
        if (pod.waitingSince >= 0) {
            pod.waited += now - pod.waitingSince;
            pod.waitingSince = -1;
        }
        SimPod previous = lastOwnerByIp.put(eni.ip(), pod);
        pod.previousOwner = previous;
        announce(eni);
        long start = Time.seconds(plan.podStartLatency().sample(startRandom));
        sim.scheduleAfter(start, () -> {
            pod.firstLookupAt = sim.now();
            new DnsLookup(this, pod).start();
        });
    }

    /** The new interface's first ARP broadcast; in a VPC no other host sees it (a fabric option). */
    private void announce(BranchEni eni) {
        if (plan.fabric().deliverArpRequestsBetweenHosts()) {
            for (SimNode node : nodes) {
                if (node.eth0 != null) {
                    fabric.broadcastSeenBy(eni.ip(), eni.mac(), node.eth0);
                }
            }
        }
    }

    void lookupFinished(SimPod pod, boolean ok) {
        if (ok) {
            long runTime = Time.seconds(plan.runTime().sample(runRandom));
            sim.scheduleAfter(runTime, () -> end(pod, false));
        } else {
            end(pod, true); // the container exits non-zero: pod phase Failed, reason Error
        }
    }

    private void end(SimPod pod, boolean failed) {
        pod.failed = failed;
        pod.endedAt = sim.now();
        ended++;
        provider.releaseBranch(pod.name, pod.node.name);
        pod.node.sgppPods--;
        scheduleWaitingPods();
    }

    // ---- what DnsLookup needs --------------------------------------------------------------------

    SimulationPlan plan() {
        return plan;
    }

    Scheduler scheduler() {
        return sim;
    }

    VpcFabric fabric() {
        return fabric;
    }

    boolean tracing() {
        return detail == Detail.TRACE;
    }

    boolean keepsPodDetails() {
        return detail != Detail.COUNTS;
    }

    int pickReplica() {
        int replicas = plan.corednsNodes().length;
        return replicas == 1 ? 0 : replicaRandom.nextInt(replicas);
    }

    SimNode corednsNode(int replica) {
        return nodes[plan.corednsNodes()[replica]];
    }

    List<EntrySnapshot> otherCorednsSnapshots(SimNode except, int ip) {
        List<EntrySnapshot> snapshots = new ArrayList<>();
        for (SimNode node : nodes) {
            if (node.table != null && node != except) {
                snapshots.add(DnsLookup.snapshot(node, node.eth0.lookup(ip)));
            }
        }
        return snapshots;
    }

    // ---- observations ----------------------------------------------------------------------------

    private RunObservations observations() {
        List<PodObservation> details = new ArrayList<>(keepsPodDetails() ? pods.length : 0);
        List<Double> gaps = new ArrayList<>();
        int errors = 0;
        int waited = 0;
        for (SimPod pod : pods) {
            if (keepsPodDetails()) {
                details.add(pod.toObservation());
            }
            errors += pod.failed ? 1 : 0;
            waited += pod.everWaited ? 1 : 0;
            if (pod.previousOwner != null) {
                gaps.add(pod.reuseGapSeconds());
            }
        }
        return new RunObservations(plan.scenarioName(), seed, plan.cooldown().periodSeconds(), pods.length, errors,
                gaps.size(), gaps, waited, maxDeleteQueue, Time.toSeconds(sim.now()), sim.executedEvents(), details);
    }

    /** Bookkeeping of what the controller did, for the observations. */
    private final class ControllerEvents implements BranchEniProvider.Listener {
        @Override
        public void waitingForBranch(String podUid, String nodeName, long now, String reason) {
            SimPod pod = podByName.get(podUid);
            pod.everWaited = true;
            if (pod.waitingSince < 0) {
                pod.waitingSince = now;
            }
        }

        @Override
        public void branchQueued(BranchEni eni, String nodeName, long now) {
            TrunkEni trunk = provider.trunk(nodeName);
            maxDeleteQueue = Math.max(maxDeleteQueue, trunk.deleteQueue().size());
        }

        @Override
        public void branchDeleted(BranchEni eni, String nodeName, long now) {
            podByName.get(eni.podUid()).eniDeletedAt = now;
        }
    }
}
