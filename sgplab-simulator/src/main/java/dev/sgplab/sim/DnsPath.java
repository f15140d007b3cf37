package dev.sgplab.sim;

import dev.sgplab.engine.Scheduler;
import dev.sgplab.model.vpc.VpcFabric;
import dev.sgplab.observe.EntrySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What a {@link DnsLookup} runs through in the simulator: the run's plan and clock, the VPC fabric,
 * and the CoreDNS replicas with their nodes' kernels. Which replica answers is drawn per the
 * scenario's replica choice, from the run's own kube-proxy stream.
 */
final class DnsPath {
    private final SimulationPlan plan;
    private final Scheduler scheduler;
    private final VpcFabric fabric;
    private final SimNode[] replicaNodes;
    private final List<SimNode> nodes;
    private final RandomGenerator replicaRandom;
    private final ClusterSimulation.Detail detail;

    DnsPath(SimulationPlan plan, Scheduler scheduler, VpcFabric fabric, SimNode[] replicaNodes, List<SimNode> nodes,
            RandomGenerator replicaRandom, ClusterSimulation.Detail detail) {
        this.plan = plan;
        this.scheduler = scheduler;
        this.fabric = fabric;
        this.replicaNodes = replicaNodes.clone();
        this.nodes = List.copyOf(nodes);
        this.replicaRandom = replicaRandom;
        this.detail = detail;
    }

    private final java.util.Map<String, Boolean> answers = new java.util.HashMap<>();

    SimulationPlan plan() {
        return plan;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    VpcFabric fabric() {
        return fabric;
    }

    boolean tracing() {
        return detail == ClusterSimulation.Detail.TRACE;
    }

    boolean keepsPodDetails() {
        return detail != ClusterSimulation.Detail.COUNTS;
    }

    /**
     * {@link dev.sgplab.model.dns.ResolverProfile#answers} for a pod's name, remembered: every pod
     * asks about the same few search-list names (the answer depends on the cluster's domain and
     * namespaces, the same for every workload).
     */
    boolean answers(dev.sgplab.model.dns.ResolverProfile resolver, String name, String candidate) {
        return answers.computeIfAbsent(name + "\n" + candidate, c -> resolver.answers(name, candidate));
    }

    int pickReplica() {
        return replicaNodes.length == 1 ? 0 : replicaRandom.nextInt(replicaNodes.length);
    }

    SimNode corednsNode(int replica) {
        return replicaNodes[replica];
    }

    /** The pod's entry on every CoreDNS node but the answering one, for traces. */
    List<EntrySnapshot> otherCorednsSnapshots(SimNode except, int ip) {
        List<EntrySnapshot> snapshots = new ArrayList<>();
        for (SimNode node : nodes) {
            if (node != except) {
                snapshots.add(DnsLookup.snapshot(node, node.eth0.lookup(ip)));
            }
        }
        return snapshots;
    }
}
