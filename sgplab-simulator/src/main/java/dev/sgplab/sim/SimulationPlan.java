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
import dev.sgplab.model.assembly.ControlPlane;
import dev.sgplab.model.workload.ChurnSpec;
import dev.sgplab.model.workload.WorkloadSpec;
import java.util.List;
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
        List<WorkloadSpec> workloads,
        boolean roundRobin,
        Scenario.Guard guard,
        NodeLocalCache.Config nodeLocalCache,
        PodSgEnforcingMode enforcingMode) {

    /** What the subnet, EC2 and the controller are assembled from ({@link ControlPlane}). */
    public ControlPlane.Settings controlPlane() {
        return new ControlPlane.Settings(cidr, usedByOthers, allocationPolicy, cooldown, eniCreateLatency,
                eniDeleteFailureProbability, nodes, branchLimit);
    }

    /** The scenario's churn test when it is its only workload (the report's scenario, the sweeps). */
    public ChurnSpec churn() {
        if (workloads.size() != 1 || !(workloads.get(0) instanceof WorkloadSpec.ChurnTest test)) {
            throw new IllegalStateException("scenario " + scenarioName + " is not a single churn test");
        }
        return test.churn();
    }

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
                s.workloadSpecs(),
                s.workload().roundRobin(),
                s.guard(),
                s.dns().nodeLocalCacheConfig(),
                s.cni().enforcingMode());
    }
}

