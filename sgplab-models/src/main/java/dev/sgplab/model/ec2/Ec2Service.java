package dev.sgplab.model.ec2;

import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.controller.BranchEniProvider;
import dev.sgplab.model.dist.Distribution;
import dev.sgplab.model.vpc.Subnet;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * EC2's network-interface calls as the controller sees them: CreateNetworkInterface takes an
 * address from the subnet at once and the interface is usable after the creation latency;
 * DeleteNetworkInterface frees the address, or fails with a given probability. Every interface gets
 * a new random MAC, as EC2's do.
 *
 * <p>Deviation: the creation latency is one distribution for the whole call sequence (create and
 * associate with the trunk); EC2's throttling is not modelled.
 */
public final class Ec2Service implements BranchEniProvider.Ec2 {

    /** Where interfaces appear and disappear: the VPC fabric in the simulator, namespaces in the lab. */
    public interface Listener {
        void attached(BranchEni eni, String nodeName);

        void detached(BranchEni eni);
    }

    private final Scheduler scheduler;
    private final Subnet subnet;
    private final Listener listener;
    private final Distribution createLatency;
    private final double deleteFailureProbability;
    private final RandomGenerator latencyRandom;
    private final RandomGenerator macRandom;
    private final RandomGenerator deleteRandom;

    public Ec2Service(Scheduler scheduler, Subnet subnet, Listener listener, Distribution createLatency,
            double deleteFailureProbability, RandomGenerator latencyRandom, RandomGenerator macRandom,
            RandomGenerator deleteRandom) {
        this.scheduler = scheduler;
        this.subnet = subnet;
        this.listener = listener;
        this.createLatency = createLatency;
        this.deleteFailureProbability = deleteFailureProbability;
        this.latencyRandom = latencyRandom;
        this.macRandom = macRandom;
        this.deleteRandom = deleteRandom;
    }

    public Subnet subnet() {
        return subnet;
    }

    @Override
    public void createNetworkInterface(String nodeName, int vlanId, String podUid, Consumer<BranchEni> created,
            Runnable failed) {
        long latency = Time.seconds(createLatency.sample(latencyRandom));
        int ip = subnet.allocate();
        if (ip == Subnet.NO_ADDRESS) {
            scheduler.scheduleAfter(latency, failed);
            return;
        }
        // Locally administered unicast, as EC2's MACs are (02:..., 06:..., 0a:..., 0e:...).
        long mac = 0x0200_0000_0000L | (macRandom.nextLong() & 0x00FF_FFFF_FFFFL);
        BranchEni eni = BranchEni.created(macRandom.nextLong(), mac, ip, vlanId, podUid); // id formatted when shown
        listener.attached(eni, nodeName);
        scheduler.scheduleAfter(latency, () -> created.accept(eni));
    }

    @Override
    public boolean deleteNetworkInterface(BranchEni eni) {
        if (deleteFailureProbability > 0 && deleteRandom.nextDouble() < deleteFailureProbability) {
            return false;
        }
        listener.detached(eni);
        subnet.release(eni.ip(), scheduler.now());
        return true;
    }
}
