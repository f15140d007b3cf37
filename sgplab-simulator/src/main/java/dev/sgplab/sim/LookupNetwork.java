package dev.sgplab.sim;

import dev.sgplab.engine.Scheduler;
import dev.sgplab.model.vpc.VpcFabric;
import dev.sgplab.observe.EntrySnapshot;
import java.util.List;

/** What a {@link DnsLookup} needs of the simulated network it runs in. */
interface LookupNetwork {
    SimulationPlan plan();

    Scheduler scheduler();

    VpcFabric fabric();

    boolean tracing();

    boolean keepsPodDetails();

    int pickReplica();

    SimNode corednsNode(int replica);

    List<EntrySnapshot> otherCorednsSnapshots(SimNode except, int ip);
}
