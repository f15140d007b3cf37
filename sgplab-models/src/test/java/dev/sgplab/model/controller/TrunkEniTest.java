package dev.sgplab.model.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.engine.Time;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrunkEniTest {
    private static final Cooldown THIRTY = Cooldown.ofSeconds(30);

    private static BranchEni create(TrunkEni trunk, String pod, int ip) {
        int vlan = trunk.reserveBranch();
        BranchEni eni = new BranchEni("eni-" + pod, 0x0200_0000_0000L + ip, ip, vlan, pod);
        trunk.addBranch(eni);
        return eni;
    }

    private static List<String> ids(List<BranchEni> enis) {
        return enis.stream().map(BranchEni::id).toList();
    }

    @Test
    void deletesInQueueOrderOnlyStrictlyAfterTheCooldownAndStopsAtTheFirstNotCooled() {
        TrunkEni trunk = new TrunkEni("node-0", 9);
        create(trunk, "a", 1);
        create(trunk, "b", 2);
        create(trunk, "c", 3);
        trunk.pushBranchEnisToCoolDownQueue("b", Time.seconds(10));
        trunk.pushBranchEnisToCoolDownQueue("a", Time.seconds(12));
        trunk.pushBranchEnisToCoolDownQueue("c", Time.seconds(5)); // queued last, though stamped earlier
        Ec2NetworkInterfaces ok = eni -> true;
        // At 40 s: b (10 + 30 = 40) is not yet *after* its cooldown: nothing, the queue head blocks.
        assertThat(trunk.deleteCooledDownEnis(Time.seconds(40), THIRTY, ok)).isEmpty();
        // At 42.5 s: b (40) goes, a (42) goes, c (35) would be due but comes after a.
        assertThat(ids(trunk.deleteCooledDownEnis(Time.seconds(42.5), THIRTY, ok))).containsExactly("eni-b", "eni-a",
                "eni-c");
        assertThat(trunk.deleteQueue().size()).isZero();
    }

    @Test
    void headNotCooledBlocksLaterEntriesThatAre() {
        TrunkEni trunk = new TrunkEni("node-0", 9);
        create(trunk, "late", 1);
        create(trunk, "early", 2);
        trunk.pushBranchEnisToCoolDownQueue("late", Time.seconds(20));
        trunk.pushBranchEnisToCoolDownQueue("early", Time.seconds(21));
        assertThat(trunk.deleteCooledDownEnis(Time.seconds(50.5), THIRTY, eni -> true)).extracting(BranchEni::id)
                .containsExactly("eni-late"); // 20 + 30 < 50.5, but 21 + 30 > 50.5
    }

    @Test
    void queuedEnisCountAgainstTheBranchLimit() {
        TrunkEni trunk = new TrunkEni("node-0", 2);
        create(trunk, "a", 1);
        create(trunk, "b", 2);
        assertThat(trunk.canCreateMore()).isFalse();
        trunk.pushBranchEnisToCoolDownQueue("a", 0);
        assertThat(trunk.canCreateMore()).isFalse(); // 1 in use + 1 queued = 2
        trunk.deleteCooledDownEnis(Time.seconds(31), THIRTY, eni -> true);
        assertThat(trunk.canCreateMore()).isTrue();
        assertThatThrownBy(() -> {
            trunk.reserveBranch();
            trunk.reserveBranch();
        }).hasMessageContaining("no room");
    }

    @Test
    void failedDeletesAreRetriedThenForgottenAfterThreeFailures() {
        TrunkEni trunk = new TrunkEni("node-0", 9);
        create(trunk, "a", 1);
        create(trunk, "b", 2);
        trunk.pushBranchEnisToCoolDownQueue("a", 0);
        trunk.pushBranchEnisToCoolDownQueue("b", 0);
        List<String> calls = new ArrayList<>();
        Ec2NetworkInterfaces flaky = eni -> {
            calls.add(eni.id());
            return !eni.id().equals("eni-a");
        };
        List<BranchEni> deleted = trunk.deleteCooledDownEnis(Time.seconds(31), THIRTY, flaky);
        // a goes back to the front after each failure and is retried at once, then forgotten.
        assertThat(calls).containsExactly("eni-a", "eni-a", "eni-a", "eni-b");
        assertThat(ids(deleted)).containsExactly("eni-b");
        assertThat(trunk.forgottenEnis()).isEqualTo(1);
    }

    @Test
    void releasingAPodTwiceQueuesItsEniOnce() {
        TrunkEni trunk = new TrunkEni("node-0", 9);
        create(trunk, "a", 1);
        assertThat(trunk.pushBranchEnisToCoolDownQueue("a", 1)).isNotNull();
        assertThat(trunk.pushBranchEnisToCoolDownQueue("a", 2)).isNull();
        assertThat(trunk.deleteQueue().size()).isEqualTo(1);
    }
}
