package dev.sgplab.model.assembly;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Scheduler;
import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.controller.BranchEniProvider;
import dev.sgplab.model.controller.Cooldown;
import dev.sgplab.model.dist.Distribution;
import dev.sgplab.model.ec2.Ec2Service;
import dev.sgplab.model.vpc.AllocationPolicy;
import dev.sgplab.model.vpc.Subnet;
import java.util.random.RandomGenerator;

/**
 * The pods' subnet, EC2 and the VPC Resource Controller with a trunk ENI on every node, assembled
 * once for the simulator and the kernel lab alike, each part with its own named random stream of
 * the run's seed ("ec2/subnet", "ec2/create-latency", "ec2/mac", "ec2/delete",
 * "controller/delete-job-phase"), so that a change in one part does not move another's draws.
 * Nodes are named node-0, node-1, ... as the scheduler names them.
 */
public final class ControlPlane {

    /** What the assembly needs of a scenario. */
    public record Settings(Cidr cidr, int usedByOthers, AllocationPolicy allocationPolicy, Cooldown cooldown,
            Distribution eniCreateLatency, double eniDeleteFailureProbability, int nodes, int branchLimit) {
    }

    private final Subnet subnet;
    private final BranchEniProvider provider;

    /**
     * @param attachments where EC2's interfaces appear: the VPC fabric, or the lab's namespaces
     */
    public ControlPlane(Scheduler scheduler, Settings settings, RandomStreams streams, Ec2Service.Listener attachments) {
        this.subnet = new Subnet(settings.cidr(), settings.usedByOthers(), settings.allocationPolicy(),
                streams.stream("ec2/subnet"));
        Ec2Service ec2 = new Ec2Service(scheduler, subnet, attachments, settings.eniCreateLatency(),
                settings.eniDeleteFailureProbability(), streams.stream("ec2/create-latency"), streams.stream("ec2/mac"),
                streams.stream("ec2/delete"));
        this.provider = new BranchEniProvider(scheduler, settings.cooldown(), ec2, new BranchEniProvider.Listener() {
        });
        // Upstream a node's delete job runs on a phase set by when the node registered: drawn here.
        RandomGenerator phases = streams.stream("controller/delete-job-phase");
        for (int i = 0; i < settings.nodes(); i++) {
            // interned: the scheduler's WorkerNode names are the same objects, so the controller's
            // maps find a node by reference instead of comparing (cold) name strings per pod
            provider.addTrunk(("node-" + i).intern(), settings.branchLimit(),
                    (long) (phases.nextDouble() * BranchEniProvider.DELETE_QUEUE_REQUEUE));
        }
    }

    public Subnet subnet() {
        return subnet;
    }

    public BranchEniProvider provider() {
        return provider;
    }

    /** Who hears what the controller does (one listener: the pods' bookkeeping). */
    public void listen(BranchEniProvider.Listener listener) {
        provider.listen(listener);
    }
}
