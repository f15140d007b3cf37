package dev.sgplab.model.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Simulation;
import dev.sgplab.engine.Time;
import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.controller.BranchEniProvider;
import dev.sgplab.model.controller.Cooldown;
import dev.sgplab.model.dist.Distribution;
import dev.sgplab.model.ec2.Ec2Service;
import dev.sgplab.model.vpc.AllocationPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller's events reach the listener given after the assembly, each one, unchanged. */
class ControlPlaneTest {
    private final Simulation sim = new Simulation();
    /** One node with room for one branch ENI: the second pod has to wait. */
    private final ControlPlane plane = new ControlPlane(sim, new ControlPlane.Settings(Cidr.parse("198.18.0.0/24"), 0,
            AllocationPolicy.LOWEST_FREE, Cooldown.ofSeconds(30), Distribution.parse("fixed(1)"), 0, 1, 1),
            new RandomStreams(1), new Ec2Service.Listener() {
                @Override
                public void attached(BranchEni eni, String nodeName) {
                }

                @Override
                public void detached(BranchEni eni) {
                }
            });

    /** Every event as "what pod-or-ENI node", in order. */
    private static final class Recorder implements BranchEniProvider.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void waitingForBranch(String podUid, String nodeName, long now, String reason) {
            events.add("waiting " + podUid + " " + nodeName);
        }

        @Override
        public void creatingBranch(String podUid, String nodeName, long now) {
            events.add("creating " + podUid + " " + nodeName);
        }

        @Override
        public void branchCreated(BranchEni eni, String nodeName, long now) {
            events.add("created " + eni.podUid() + " " + nodeName);
        }

        @Override
        public void branchQueued(BranchEni eni, String nodeName, long now) {
            events.add("queued " + eni.podUid() + " " + nodeName);
        }

        @Override
        public void branchDeleted(BranchEni eni, String nodeName, long now) {
            events.add("deleted " + eni.podUid() + " " + nodeName);
        }

        @Override
        public void deleteJobRan(String nodeName, long now) {
            if (events.isEmpty() || !events.get(events.size() - 1).equals("delete job " + nodeName)) {
                events.add("delete job " + nodeName);
            }
        }
    }

    @Test
    void everyEventKindReachesTheListenerGivenLater() {
        BranchEniProvider provider = plane.provider();
        provider.createBranch("pod-a", "node-0", eni -> { }); // no listener yet: heard by nobody, and no failure
        sim.runUntil(Time.seconds(2));
        Recorder recorder = new Recorder();
        plane.listen(recorder);
        provider.createBranch("pod-b", "node-0", eni -> { });
        provider.releaseBranch("pod-a", "node-0");
        sim.runUntil(Time.seconds(200));
        assertThat(recorder.events).startsWith("waiting pod-b node-0", "queued pod-a node-0")
                .contains("deleted pod-a node-0", "delete job node-0", "creating pod-b node-0", "created pod-b node-0")
                .doesNotContain("creating pod-a node-0");
    }

    @Test
    void aListenersExceptionReachesTheControllerUnwrapped() {
        plane.listen(new BranchEniProvider.Listener() {
            @Override
            public void creatingBranch(String podUid, String nodeName, long now) {
                throw new IllegalStateException("refused " + podUid);
            }
        });
        assertThatThrownBy(() -> plane.provider().createBranch("pod-a", "node-0", eni -> { }))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessage("refused pod-a");
    }
}
