package dev.sgplab.sim;

import dev.sgplab.engine.Time;
import dev.sgplab.model.controller.Cooldown;
import dev.sgplab.model.dist.Distribution;
import dev.sgplab.model.cni.PodSgEnforcingMode;
import dev.sgplab.model.dns.NodeLocalCache;
import dev.sgplab.model.dns.ResolverProfile;
import dev.sgplab.model.neighbour.NeighbourParams;
import dev.sgplab.model.neighbour.TableParams;
import dev.sgplab.model.vpc.AllocationPolicy;
import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.vpc.VpcFabric;
import dev.sgplab.model.workload.ChurnSpec;
import dev.sgplab.scenario.Scenario;

/**
 * A scenario turned into the values the simulator needs, parsed once and shared (read-only) by all
 * replications and threads.
 */
public record SimulationPlan(
        String scenarioName,
        int nodes,
        int branchLimit,
        int[] corednsNodes,
        Scenario.ReplicaChoice replicaChoice,
        Cidr cidr,
        int usedByOthers,
        AllocationPolicy allocationPolicy,
        VpcFabric.Options fabric,
        long networkLatency,
        NeighbourParams neighbourParams,
        TableParams tableParams,
        Cooldown cooldown,
        Distribution eniCreateLatency,
        double eniDeleteFailureProbability,
        ResolverProfile resolver,
        String lookupName,
        long serverLatency,
        boolean tcp,
        ChurnSpec churn,
        Scenario.Guard guard,
        NodeLocalCache.Config nodeLocalCache,
        PodSgEnforcingMode enforcingMode) {

    public static SimulationPlan of(Scenario s) {
        ResolverProfile resolver = s.dns().profile();
        return new SimulationPlan(
                s.name(),
                s.cluster().nodes(),
                s.cluster().branchLimit(),
                s.cluster().corednsNodes(),
                s.cluster().coredns().choice(),
                s.subnet().cidrBlock(),
                s.subnet().usedByOthers(),
                s.subnet().policy(),
                s.vpc().fabricOptions(),
                Time.millis(s.vpc().networkLatencyMs()),
                s.kernel().neighbourParams(),
                s.corednsNodeTableParams(),
                s.controller().cooldown().cooldown(),
                s.controller().createLatency(),
                s.controller().eniDeleteFailureProbability(),
                resolver,
                s.dns().name(),
                Time.millis(s.dns().serverLatencyMs()),
                s.dns().tcp(),
                s.workload().spec(),
                s.guard(),
                s.dns().nodeLocalCacheConfig(),
                s.cni().enforcingMode());
    }
}

