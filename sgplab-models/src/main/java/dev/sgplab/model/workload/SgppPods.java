package dev.sgplab.model.workload;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.model.address.IpLongTable;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.controller.BranchEniProvider;
import dev.sgplab.model.controller.DeleteQueue;
import dev.sgplab.model.controller.TrunkEni;
import dev.sgplab.model.scheduling.NodeScheduler;
import dev.sgplab.model.scheduling.WorkerNode;
import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.ReuseGapStats;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.observe.WorkloadObservation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The life of a scenario's SGPP pods, whatever workload makes them: a pod is bound to a node by
 * {@link NodeScheduler}, gets its branch ENI from the VPC Resource Controller (the provider it is
 * handed), starts its container, looks up its workload's names, and becomes ready or has its
 * container exit; its workload ({@link WorkloadRun}) decides what follows (the pod ends Error, the
 * kubelet restarts the container, a Job replaces the pod, a rollout waits). Every backend's lookups
 * and what the controller did are recorded here.
 *
 * <p>The simulator and the kernel lab both run this class; they differ only in their
 * {@link Backend} (how a lookup is done) and where EC2's interfaces appear.
 *
 * <p>Cost: workloads create pods when their turn comes (not all scheduled up front), and without
 * {@code keepPods} a pod is forgotten when it ends: what a run holds is bounded by the pods alive,
 * the subnet's addresses (when the last owner of each ended) and the nodes, not by the pods so far.
 */
public final class SgppPods {

    /** How one backend carries out the pods' lookups. */
    public interface Backend {
        /** Resolve the pod's current name ({@link WorkloadPod#lookupName()}); call {@code done} with true on success. */
        void lookup(WorkloadPod pod, Consumer<Boolean> done);

        /** The controller annotated the pod with its branch ENI (vpc.amazonaws.com/pod-eni). */
        default void branchReady(WorkloadPod pod) {
        }

        /** The pod ended: its annotation is gone with it. */
        default void podEnded(WorkloadPod pod) {
        }
    }

    /** {@link #lastOwnerEndedAt} of an address no pod of this run has had. */
    private static final long NEVER_OWNED = Long.MIN_VALUE;
    /** {@link #lastOwnerEndedAt} while the owner runs: a pod's endedAt until it ends. */
    private static final long OWNER_NOT_ENDED = -1;

    private final Scheduler scheduler;
    private final NodeScheduler nodes;
    private final BranchEniProvider provider;
    private final Backend backend;
    private final boolean keepPods;
    private final List<WorkloadRun> runs = new ArrayList<>();
    /** Every pod, in creation order, when kept (traces, the lab); otherwise empty. */
    private final List<WorkloadPod> pods = new ArrayList<>();
    /** Pods by name: all of them when kept, otherwise only those not yet ended. */
    private final Map<String, WorkloadPod> podByName = new HashMap<>();
    /**
     * When the last owner of each address ended ({@link #OWNER_NOT_ENDED} while it runs), for the
     * reuse gaps: a number per address, so no ended pod is kept for it (nor read again, long after).
     */
    private final IpLongTable lastOwnerEndedAt = new IpLongTable(NEVER_OWNED);
    /** The last owner itself, only when pods are kept (their previous owner is part of the details). */
    private final IpTable<WorkloadPod> lastOwnerByIp;
    private final ReuseGapStats reuseGaps;
    private final ArrayDeque<WorkloadPod> unscheduled = new ArrayDeque<>();
    /** Each node's delete queue as last counted, by the trunk's node name (the delete job's events). */
    private final Map<String, CountedQueue> deleteQueueByNode = new HashMap<>();
    /** The same by worker node index: a pod's end finds its node's queue without hashing the node's name. */
    private final CountedQueue[] deleteQueueByNodeIndex;
    private int created;
    private int ended;
    private int errors;
    private int waitedPods;
    private long waitedTotal;
    private int maxDeleteQueue;
    private int queuedNow;
    private double queuedArea;
    private long queuedSince;

    /**
     * @param keepPods keep every pod (and every reuse gap) for the observations' details; without,
     *                 memory stays flat however long the run
     */
    public SgppPods(Scheduler scheduler, List<WorkloadSpec> workloads, NodeScheduler nodes, BranchEniProvider provider,
            RandomStreams streams, Backend backend, boolean keepPods) {
        this.scheduler = scheduler;
        this.nodes = nodes;
        this.provider = provider;
        this.backend = backend;
        this.keepPods = keepPods;
        this.reuseGaps = new ReuseGapStats(keepPods);
        this.lastOwnerByIp = keepPods ? new IpTable<>() : null;
        this.deleteQueueByNodeIndex = new CountedQueue[nodes.nodes().length];
        for (WorkloadSpec spec : workloads) {
            runs.add(WorkloadRun.of(spec, this, scheduler, streams));
        }
    }

    /** The controller's events for the bookkeeping here: pass to the provider's listener. */
    public BranchEniProvider.Listener controllerEvents() {
        return new ControllerEvents();
    }

    /** Starts every workload. */
    public void start() {
        runs.forEach(WorkloadRun::start);
    }

    public boolean finished() {
        for (WorkloadRun run : runs) {
            if (!run.finished()) {
                return false;
            }
        }
        return true;
    }

    /** Pods the workloads will still make or that have not ended; for a workload without an end, its pods alive. */
    public int podsNotEnded() {
        return Math.max(0, pods() - ended);
    }

    /** Pods created so far (for progress). */
    public int podsCreated() {
        return created;
    }

    /** The pods the workloads make in all when known in advance (churn tests), else those made so far. */
    public int pods() {
        int planned = plannedPods();
        return planned < 0 ? created : planned;
    }

    /** The pods the workloads make in all, when every one knows it in advance (churn tests); else -1. */
    public int plannedPods() {
        int planned = 0;
        for (WorkloadRun run : runs) {
            int p = run.plannedPods();
            if (p < 0) {
                return -1;
            }
            planned += p;
        }
        return planned;
    }

    public WorkerNode[] nodes() {
        return nodes.nodes();
    }

    public BranchEniProvider provider() {
        return provider;
    }

    // ---- what workloads ask ----------------------------------------------------------------------

    /** A new pod of {@code owner}, not yet submitted (so a workload can schedule its next step first). */
    WorkloadPod newPod(WorkloadRun owner, String name, int revision) {
        WorkloadPod pod = new WorkloadPod(name, owner, revision);
        created++;
        podByName.put(name, pod);
        if (keepPods) {
            pods.add(pod);
        }
        return pod;
    }

    /** The pod is created in the API: it waits for a node, then for its branch ENI. */
    void submit(WorkloadPod pod) {
        pod.createdAt = scheduler.now();
        unscheduled.addLast(pod);
        scheduleWaitingPods();
    }

    /**
     * The pod's controller deletes it (a scale-down, a failed Job's active pods, a lifetime's end).
     * A pod still waiting for its branch ENI goes when the ENI comes (the controller would release
     * it at once).
     */
    void delete(WorkloadPod pod) {
        if (pod.ended()) {
            return;
        }
        if (pod.node == null) {
            unscheduled.remove(pod);
            finish(pod, false);
            return;
        }
        if (pod.branchReadyAt < 0) {
            pod.deleteRequested = true;
            return;
        }
        end(pod, false);
    }

    /** The pod's container ran and exited non-zero with restartPolicy Never: phase Failed, reason Error. */
    void endError(WorkloadPod pod) {
        end(pod, true);
    }

    /** The pod completed (phase Succeeded). */
    void endSucceeded(WorkloadPod pod) {
        pod.completed = true;
        end(pod, false);
    }

    /** The kubelet restarts the pod's exited container after its CrashLoopBackOff delay. */
    void restartContainer(WorkloadPod pod) {
        double delay = pod.backOff.exited(0);
        scheduler.scheduleAfter(Time.seconds(delay), () -> {
            if (!pod.ended()) {
                pod.containerRestarts++;
                pod.owner.restarts++;
                startLookups(pod);
            }
        });
    }

    // ---- pod lifecycle ---------------------------------------------------------------------------

    private void scheduleWaitingPods() {
        while (!unscheduled.isEmpty()) {
            WorkerNode node = nodes.bind();
            if (node == null) {
                return;
            }
            WorkloadPod pod = unscheduled.removeFirst();
            pod.node = node;
            provider.createBranch(pod.name(), node.name(), eni -> branchReady(pod, eni));
        }
    }

    private void branchReady(WorkloadPod pod, BranchEni eni) {
        long now = scheduler.now();
        pod.eni = eni;
        pod.branchReadyAt = now;
        long previousEndedAt = lastOwnerEndedAt.get(eni.ip());
        lastOwnerEndedAt.put(eni.ip(), OWNER_NOT_ENDED);
        if (previousEndedAt != NEVER_OWNED) {
            reuseGaps.record(Time.toSeconds(now - previousEndedAt));
        }
        if (keepPods) {
            pod.previousOwner = lastOwnerByIp.put(eni.ip(), pod); // without, a chain of owners would keep every pod alive
        }
        backend.branchReady(pod);
        if (pod.deleteRequested) {
            end(pod, false);
            return;
        }
        long start = Time.seconds(pod.owner.template().startLatency().sample(pod.owner.startRandom));
        scheduler.scheduleAfter(start, () -> {
            if (!pod.ended()) {
                pod.firstLookupAt = scheduler.now();
                startLookups(pod);
            }
        });
    }

    /** The container starts: its process looks up the workload's names, one after the other. */
    private void startLookups(WorkloadPod pod) {
        pod.nameIndex = 0;
        pod.processRetriesLeft = pod.owner.template().processRetries();
        pod.sequenceStartedAt = scheduler.now();
        backend.lookup(pod, ok -> lookupFinished(pod, ok));
    }

    private void lookupFinished(WorkloadPod pod, boolean ok) {
        if (pod.ended()) {
            return;
        }
        PodTemplate template = pod.owner.template();
        if (ok && pod.nameIndex + 1 < template.names().size()) {
            pod.nameIndex++;
            backend.lookup(pod, next -> lookupFinished(pod, next));
        } else if (ok) {
            pod.readyAt = scheduler.now();
            pod.owner.ready(pod);
        } else if (pod.processRetriesLeft > 0) {
            pod.processRetriesLeft--;
            pod.owner.processRetries++;
            long delay = Time.seconds(template.processRetryDelay().sample(pod.owner.retryRandom));
            scheduler.scheduleAfter(delay, () -> {
                if (!pod.ended()) {
                    pod.sequenceStartedAt = scheduler.now();
                    backend.lookup(pod, again -> lookupFinished(pod, again));
                }
            });
        } else {
            if (!pod.startFailed) {
                pod.startFailed = true;
                pod.owner.failedStarts++;
            }
            pod.owner.containerExited(pod);
        }
    }

    private void end(WorkloadPod pod, boolean failed) {
        markEnded(pod, failed);
        backend.podEnded(pod);
        provider.releaseBranch(pod.name(), pod.node.name());
        branchQueued(pod.node);
        nodes.release(pod.node);
        scheduleWaitingPods();
        pod.owner.ended(pod);
    }

    /** Ends a pod that never had a node (nothing to give back). */
    private void finish(WorkloadPod pod, boolean failed) {
        markEnded(pod, failed);
        pod.owner.ended(pod);
    }

    private void markEnded(WorkloadPod pod, boolean failed) {
        pod.failed = failed;
        pod.endedAt = scheduler.now();
        if (pod.eni != null) {
            lastOwnerEndedAt.put(pod.eni.ip(), pod.endedAt); // it owns the address until its ENI is deleted, after this
        }
        ended++;
        errors += failed ? 1 : 0;
        pod.owner.errorPods += failed ? 1 : 0;
        waitedPods += pod.everWaited ? 1 : 0;
        waitedTotal += pod.waited;
        if (!keepPods) {
            podByName.remove(pod.name());
        }
    }

    // ---- observations ----------------------------------------------------------------------------

    /** What the run showed; pod details only when asked and kept (they cost time in replications). */
    public RunObservations observations(String scenario, long seed, boolean podDetails, long events) {
        List<PodObservation> details = new ArrayList<>();
        if (podDetails) {
            if (!keepPods) {
                throw new IllegalStateException("pod details asked of a run that did not keep its pods");
            }
            pods.forEach(pod -> details.add(pod.toObservation()));
        }
        // Kept pods list their gaps in pod order, as a reader of the pods would find them.
        ReuseGapStats gaps = keepPods ? ReuseGapStats.of(pods.stream().filter(p -> p.previousOwner != null)
                .map(WorkloadPod::reuseGapSeconds).toList()) : reuseGaps;
        integrateQueued(scheduler.now());
        double duration = Time.toSeconds(scheduler.now());
        List<WorkloadObservation> workloads = new ArrayList<>(runs.size());
        runs.forEach(run -> workloads.add(run.observation()));
        return new RunObservations(scenario, seed, provider.cooldown().periodSeconds(), created, errors,
                (int) gaps.count(), gaps, waitedPods, maxDeleteQueue,
                duration > 0 ? queuedArea / duration : 0, created == 0 ? 0 : Time.toSeconds(waitedTotal) / created,
                duration, events, details).withWorkloads(workloads);
    }

    /** Adds the ENIs held in all delete queues since the last change to the time integral. */
    private void integrateQueued(long now) {
        queuedArea += queuedNow * Time.toSeconds(now - queuedSince);
        queuedSince = now;
    }

    /** A node's delete queue and its size when the total was last moved. */
    private static final class CountedQueue {
        final DeleteQueue queue;
        int counted;

        CountedQueue(DeleteQueue queue) {
            this.queue = queue;
        }
    }

    private CountedQueue countedQueue(String nodeName) {
        CountedQueue queue = deleteQueueByNode.get(nodeName);
        if (queue == null) {
            TrunkEni trunk = provider.trunk(nodeName);
            queue = new CountedQueue(trunk.deleteQueue());
            deleteQueueByNode.put(trunk.nodeName(), queue); // the delete job's own name: found by identity
        }
        return queue;
    }

    /**
     * The pod's branch ENI went to its node's delete queue (the controller's branchQueued, counted
     * here when the release returns, at the same time: a pod already released queues nothing, and
     * then neither the size nor the maximum moves).
     */
    private void branchQueued(WorkerNode node) {
        CountedQueue queue = deleteQueueByNodeIndex[node.index()];
        if (queue == null) {
            queue = countedQueue(node.name());
            deleteQueueByNodeIndex[node.index()] = queue;
        }
        maxDeleteQueue = Math.max(maxDeleteQueue, queue.queue.size());
        recountQueued(queue);
    }

    /** One node's delete queue changed: the total over all nodes moves by its difference. */
    private void recountQueued(CountedQueue queue) {
        int size = queue.queue.size();
        if (size == queue.counted) {
            return; // nothing to integrate: the sum stays as it was (and so do its rounding errors)
        }
        integrateQueued(scheduler.now());
        queuedNow += size - queue.counted;
        queue.counted = size;
    }

    /** Bookkeeping of what the controller did, for the observations. */
    private final class ControllerEvents implements BranchEniProvider.Listener {
        @Override
        public void waitingForBranch(String podUid, String nodeName, long now, String reason) {
            WorkloadPod pod = podByName.get(podUid);
            pod.everWaited = true;
            if (pod.waitingSince < 0) {
                pod.waitingSince = now;
            }
        }

        /** The wait for a branch ENI ends when the controller asks EC2 for it (creation takes its own time). */
        @Override
        public void creatingBranch(String podUid, String nodeName, long now) {
            WorkloadPod pod = podByName.get(podUid);
            if (pod.waitingSince >= 0) {
                pod.waited += now - pod.waitingSince;
                pod.waitingSince = -1;
            }
        }

        @Override
        public void branchDeleted(BranchEni eni, String nodeName, long now) {
            if (!keepPods) {
                return; // its pod ended before its ENI was queued, and was forgotten then
            }
            WorkloadPod pod = podByName.get(eni.podUid());
            if (pod != null) {
                pod.eniDeletedAt = now;
            }
        }

        @Override
        public void deleteJobRan(String nodeName, long now) {
            recountQueued(countedQueue(nodeName));
        }
    }
}
