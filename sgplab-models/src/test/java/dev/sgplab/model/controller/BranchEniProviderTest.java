package dev.sgplab.model.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.engine.Simulation;
import dev.sgplab.engine.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BranchEniProviderTest {

    /** EC2 that creates in 1 s and records deletions. */
    private static final class FakeEc2 implements BranchEniProvider.Ec2 {
        final Simulation sim;
        final List<String> deleted = new ArrayList<>();
        int next;

        FakeEc2(Simulation sim) {
            this.sim = sim;
        }

        @Override
        public void createNetworkInterface(String nodeName, int vlanId, String podUid, Consumer<BranchEni> created,
                Runnable failed) {
            int ip = ++next;
            sim.scheduleAfter(Time.seconds(1), () -> created.accept(new BranchEni("eni-" + ip, ip, ip, vlanId, podUid)));
        }

        @Override
        public boolean deleteNetworkInterface(BranchEni eni) {
            deleted.add(String.format("%s@%.0f", eni.id(), Time.toSeconds(sim.now())));
            return true;
        }
    }

    /**
     * The IP is held for the cooldown plus up to one delete-job period: released at 3 s with a 30 s
     * cooldown, the job (every 30 s from 10 s) deletes at the first run after 33 s, i.e. 40 s.
     */
    @Test
    void deleteJobEvery30SecondsHoldsTheIpForCooldownPlusUpTo30Seconds() {
        Simulation sim = new Simulation();
        FakeEc2 ec2 = new FakeEc2(sim);
        BranchEniProvider provider = new BranchEniProvider(sim, Cooldown.ofSeconds(30), ec2, new BranchEniProvider.Listener() { });
        provider.addTrunk("node-0", 9, Time.seconds(10));
        provider.createBranch("pod-a", "node-0", eni -> { });
        sim.runUntil(Time.seconds(3));
        provider.releaseBranch("pod-a", "node-0");
        sim.runUntil(Time.seconds(100));
        assertThat(ec2.deleted).containsExactly("eni-1@40");
    }

    /** A full trunk makes the pod wait one cooldown period before the controller tries again. */
    @Test
    void aFullTrunkRetriesAfterOneCooldown() {
        Simulation sim = new Simulation();
        FakeEc2 ec2 = new FakeEc2(sim);
        List<String> events = new ArrayList<>();
        BranchEniProvider provider = new BranchEniProvider(sim, Cooldown.ofSeconds(60), ec2, new BranchEniProvider.Listener() {
            @Override
            public void waitingForBranch(String podUid, String nodeName, long now, String reason) {
                events.add(String.format("%s waits@%.0f", podUid, Time.toSeconds(now)));
            }
        });
        provider.addTrunk("node-0", 1, Time.seconds(0));
        provider.createBranch("a", "node-0", eni -> events.add(String.format("a ready@%.0f", Time.toSeconds(sim.now()))));
        sim.runUntil(Time.seconds(2));
        provider.releaseBranch("a", "node-0"); // queued at 2 s: in the queue until the job at 90 s (> 62)
        provider.createBranch("b", "node-0", eni -> events.add(String.format("b ready@%.0f", Time.toSeconds(sim.now()))));
        sim.runUntil(Time.seconds(200));
        // b: full at 2 s -> retry at 62 s, still full (a deleted only at 90 s) -> retry at 122 s -> ready at 123 s.
        assertThat(events).containsExactly("a ready@1", "b waits@2", "b waits@62", "b ready@123");
        assertThat(ec2.deleted).containsExactly("eni-1@90");
    }
}
