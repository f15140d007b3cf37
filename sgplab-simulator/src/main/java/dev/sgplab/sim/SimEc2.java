package dev.sgplab.sim;

import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.controller.BranchEniProvider;
import dev.sgplab.model.dist.Distribution;
import dev.sgplab.model.vpc.Subnet;
import dev.sgplab.model.vpc.VpcFabric;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * EC2 for the simulator: CreateNetworkInterface takes an address from the subnet at once and the
 * interface is usable after the creation latency; DeleteNetworkInterface frees the address (or
 * fails with the scenario's probability). Every new interface gets a new random MAC, as EC2 does.
 */
final class SimEc2 implements BranchEniProvider.Ec2 {
    private final Scheduler scheduler;
    private final Subnet subnet;
    private final VpcFabric fabric;
    private final Distribution createLatency;
    private final double deleteFailureProbability;
    private final SplittableRandom latencyRandom;
    private final SplittableRandom macRandom;
    private final SplittableRandom deleteRandom;

    SimEc2(Scheduler scheduler, Subnet subnet, VpcFabric fabric, Distribution createLatency,
            double deleteFailureProbability, SplittableRandom latencyRandom, SplittableRandom macRandom,
            SplittableRandom deleteRandom) {
        this.scheduler = scheduler;
        this.subnet = subnet;
        this.fabric = fabric;
        this.createLatency = createLatency;
        this.deleteFailureProbability = deleteFailureProbability;
        this.latencyRandom = latencyRandom;
        this.macRandom = macRandom;
        this.deleteRandom = deleteRandom;
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
        String id = eniId(macRandom.nextLong());
        BranchEni eni = new BranchEni(id, mac, ip, vlanId, podUid);
        fabric.attach(ip, mac);
        scheduler.scheduleAfter(latency, () -> created.accept(eni));
    }

    /** eni- and 17 hex digits, as EC2 writes them. */
    static String eniId(long random) {
        String hex = Long.toHexString(random & 0x0FFF_FFFF_FFFF_FFFFL);
        return "eni-" + "0".repeat(17 - hex.length()) + hex;
    }

    @Override
    public boolean deleteNetworkInterface(BranchEni eni) {
        if (deleteFailureProbability > 0 && deleteRandom.nextDouble() < deleteFailureProbability) {
            return false;
        }
        fabric.detach(eni.ip());
        subnet.release(eni.ip(), scheduler.now());
        return true;
    }
}
