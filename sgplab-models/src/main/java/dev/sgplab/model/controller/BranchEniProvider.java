package dev.sgplab.model.controller;

import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The branch ENI provider of the VPC Resource Controller: one trunk per node, a delete job per node
 * every 30 s, and pod requests that wait one cooldown period when the trunk is full.
 *
 * <p>Source: aws/amazon-vpc-resource-controller-k8s pkg/provider/branch/provider.go
 * (deleteQueueRequeueRequest = 30 s; CreateAndAnnotateResources; DeleteBranchUsedByPods) and
 * trunk/trunk.go. A pod's branch ENI goes to the cooldown queue when the pod is deleted or
 * completes (Succeeded or Failed).
 *
 * <p>Deviations: requests are handled one at a time per node without the controller's worker pool;
 * when EC2 has no free address the request is retried after one cooldown period, like a full
 * trunk (upstream the reconciler's backoff decides); the phase of each node's delete job is given
 * by the caller (upstream it depends on when the node was registered).
 */
public final class BranchEniProvider {
    public static final long DELETE_QUEUE_REQUEUE = Time.seconds(30);

    /** EC2 as the provider needs it: creation is asynchronous (it takes a while). */
    public interface Ec2 extends Ec2NetworkInterfaces {
        /**
         * CreateNetworkInterface + AssociateTrunkInterface. Calls exactly one of the two callbacks,
         * later: {@code created} with the new interface, or {@code failed} (e.g. no free address).
         */
        void createNetworkInterface(String nodeName, int vlanId, String podUid, Consumer<BranchEni> created,
                Runnable failed);
    }

    /** What the provider did, for observations. */
    public interface Listener {
        default void waitingForBranch(String podUid, String nodeName, long now, String reason) {
        }

        /** The trunk had room: EC2 is asked for the pod's interface now. */
        default void creatingBranch(String podUid, String nodeName, long now) {
        }

        default void branchCreated(BranchEni eni, String nodeName, long now) {
        }

        default void branchQueued(BranchEni eni, String nodeName, long now) {
        }

        default void branchDeleted(BranchEni eni, String nodeName, long now) {
        }

        /** A node's delete job made its pass (its queue may have shrunk, also by ENIs given up on). */
        default void deleteJobRan(String nodeName, long now) {
        }
    }

    private final Scheduler scheduler;
    private final Cooldown cooldown;
    private final Ec2 ec2;
    private Listener listener;
    private final Map<String, TrunkEni> trunks = new LinkedHashMap<>();
    private final Map<String, DeleteJob> deleteJobs = new java.util.HashMap<>();

    /** One node's delete loop: when it last ran (its 30 s grid) and whether its next pass is scheduled. */
    private static final class DeleteJob {
        final TrunkEni trunk;
        long lastRun;
        boolean scheduled = true;

        DeleteJob(TrunkEni trunk, long firstRun) {
            this.trunk = trunk;
            this.lastRun = firstRun - DELETE_QUEUE_REQUEUE;
        }
    }

    public BranchEniProvider(Scheduler scheduler, Cooldown cooldown, Ec2 ec2, Listener listener) {
        this.scheduler = scheduler;
        this.cooldown = cooldown;
        this.ec2 = ec2;
        this.listener = listener;
    }

    /**
     * Who hears what the controller does from now on. An assembly builds the provider before the
     * pods' bookkeeping that listens to it (that bookkeeping needs the provider), then sets it here.
     */
    public void listen(Listener listener) {
        this.listener = listener;
    }

    public Cooldown cooldown() {
        return cooldown;
    }

    /** Registers a node's trunk; its delete job first runs {@code deleteJobPhase} from now. */
    public TrunkEni addTrunk(String nodeName, int branchLimit, long deleteJobPhase) {
        TrunkEni trunk = new TrunkEni(nodeName, branchLimit);
        trunks.put(nodeName, trunk);
        DeleteJob job = new DeleteJob(trunk, scheduler.now() + deleteJobPhase);
        deleteJobs.put(nodeName, job);
        scheduler.scheduleAfter(deleteJobPhase, () -> deleteJob(job));
        return trunk;
    }

    public TrunkEni trunk(String nodeName) {
        return trunks.get(nodeName);
    }

    public Iterable<TrunkEni> trunks() {
        return trunks.values();
    }

    private void deleteJob(DeleteJob job) {
        long now = scheduler.now();
        TrunkEni trunk = job.trunk;
        for (BranchEni eni : trunk.deleteCooledDownEnis(now, cooldown, ec2)) {
            listener.branchDeleted(eni, trunk.nodeName(), now);
        }
        listener.deleteJobRan(trunk.nodeName(), now);
        job.lastRun = now;
        if (trunk.deleteQueue().size() > 0) {
            scheduler.scheduleAfter(DELETE_QUEUE_REQUEUE, () -> deleteJob(job));
        } else {
            job.scheduled = false;
        }
    }

    /** Wakes a sleeping delete job at its next tick after now (a pass at now would find nothing cooled down). */
    private void wake(DeleteJob job) {
        if (job.scheduled) {
            return;
        }
        long now = scheduler.now();
        long next = job.lastRun + ((now - job.lastRun) / DELETE_QUEUE_REQUEUE + 1) * DELETE_QUEUE_REQUEUE;
        job.scheduled = true;
        scheduler.scheduleAt(next, () -> deleteJob(job));
    }

    /** CreateAndAnnotateResources: gives the pod a branch ENI, now or after waiting. */
    public void createBranch(String podUid, String nodeName, Consumer<BranchEni> ready) {
        TrunkEni trunk = trunks.get(nodeName);
        if (trunk == null) {
            throw new IllegalArgumentException("no trunk ENI on node " + nodeName);
        }
        if (!trunk.canCreateMore()) {
            retryLater(podUid, nodeName, ready, "trunk full (in use + delete queue = limit "
                    + trunk.branchLimit() + ")");
            return;
        }
        int vlan = trunk.reserveBranch();
        listener.creatingBranch(podUid, nodeName, scheduler.now());
        ec2.createNetworkInterface(nodeName, vlan, podUid, eni -> {
            trunk.addBranch(eni);
            listener.branchCreated(eni, nodeName, scheduler.now());
            ready.accept(eni);
        }, () -> {
            trunk.cancelReservation(vlan);
            retryLater(podUid, nodeName, ready, "no free address in the subnet");
        });
    }

    private void retryLater(String podUid, String nodeName, Consumer<BranchEni> ready, String reason) {
        listener.waitingForBranch(podUid, nodeName, scheduler.now(), reason);
        scheduler.scheduleAfter(cooldown.period(), () -> createBranch(podUid, nodeName, ready));
    }

    /** The pod was deleted or completed: its branch ENI starts cooling down. */
    public void releaseBranch(String podUid, String nodeName) {
        DeleteJob job = deleteJobs.get(nodeName); // one lookup of the node (its trunk comes with its job)
        BranchEni eni = job.trunk.pushBranchEnisToCoolDownQueue(podUid, scheduler.now());
        if (eni != null) {
            listener.branchQueued(eni, nodeName, scheduler.now());
            wake(job);
        }
    }
}
