package dev.sgplab.model.workload;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.controller.BranchEniProvider;
import dev.sgplab.model.controller.Cooldown;
import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.observe.ReuseGapStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The report's churn test, independent of how pods resolve names: creates pods, schedules them to
 * nodes (kube-scheduler's view: a node offers its branch limit of vpc.amazonaws.com/pod-eni),
 * asks the VPC Resource Controller for their branch ENIs, starts each pod's lookup, ends it
 * Succeeded or Error, and records what every backend reports.
 *
 * <p>The simulator and the kernel lab both run this class; they differ only in their
 * {@link Backend} (how a lookup is done) and their EC2 listener (where interfaces appear).
 *
 * <p>Cost: each pod is created when its turn comes (not all scheduled up front), and without
 * {@code keepPods} a pod is forgotten when it ends: what a run holds is bounded by the pods alive,
 * the subnet's addresses (the last owner of each) and the nodes, not by the pods so far. The
 * least-allocated node is found from per-count sets of nodes, not by scanning every node.
 */
public final class ChurnTest {

    /** How one backend carries out the pods' lookups. */
    public interface Backend {
        /** Resolve the scenario's name from the pod; call {@code done} with true on success. */
        void lookup(ChurnPod pod, Consumer<Boolean> done);

        /** The controller annotated the pod with its branch ENI (vpc.amazonaws.com/pod-eni). */
        default void branchReady(ChurnPod pod) {
        }

        /** The pod ended: its annotation is gone with it. */
        default void podEnded(ChurnPod pod) {
        }
    }

    private final Scheduler scheduler;
    private final ChurnSpec spec;
    private final int branchLimit;
    private final BranchEniProvider provider;
    private final Backend backend;
    private final ChurnNode[] nodes;
    private final Map<String, ChurnNode> nodeByName = new HashMap<>();
    /** Nodes by their SGPP pod count: nodesWithPods[c] holds the indices of nodes with c pods. */
    private final BitSet[] nodesWithPods;
    private final int podCount;
    private final boolean keepPods;
    /** Every pod, in creation order, when kept (traces, the lab); otherwise empty. */
    private final List<ChurnPod> pods = new ArrayList<>();
    /** Pods by name: all of them when kept, otherwise only those not yet ended. */
    private final Map<String, ChurnPod> podByName = new HashMap<>();
    private final IpTable<ChurnPod> lastOwnerByIp = new IpTable<>();
    private final ReuseGapStats reuseGaps;
    private final ArrayDeque<ChurnPod> unscheduled = new ArrayDeque<>();
    private final RandomGenerator createRandom;
    private final RandomGenerator startRandom;
    private final RandomGenerator runRandom;
    /** Pod creations rank as if all were scheduled at the start (as they once were): same runs. */
    private Scheduler.Series creations;
    private int created;
    private long nextCreateAt;
    private int ended;
    private int errors;
    private int waitedPods;
    private long waitedTotal;
    private int roundRobinNext;
    private int maxDeleteQueue;
    private int queuedNow;
    private double queuedArea;
    private long queuedSince;

    /** Keeps every pod for {@link #observations}' details (the lab's runs are small). */
    public ChurnTest(Scheduler scheduler, ChurnSpec spec, int nodeCount, int branchLimit, Cooldown cooldown,
            BranchEniProvider.Ec2 ec2, RandomStreams streams, Backend backend) {
        this(scheduler, spec, nodeCount, branchLimit, cooldown, ec2, streams, backend, true);
    }

    /**
     * @param keepPods keep every pod (and every reuse gap) for the observations' details; without,
     *                 memory stays flat however long the run
     */
    public ChurnTest(Scheduler scheduler, ChurnSpec spec, int nodeCount, int branchLimit, Cooldown cooldown,
            BranchEniProvider.Ec2 ec2, RandomStreams streams, Backend backend, boolean keepPods) {
        this.scheduler = scheduler;
        this.keepPods = keepPods;
        this.reuseGaps = new ReuseGapStats(keepPods);
        this.spec = spec;
        this.branchLimit = branchLimit;
        this.backend = backend;
        this.createRandom = streams.stream("workload/create");
        this.startRandom = streams.stream("workload/start");
        this.runRandom = streams.stream("workload/run");
        this.provider = new BranchEniProvider(scheduler, cooldown, ec2, new ControllerEvents());
        this.nodes = new ChurnNode[nodeCount];
        this.nodesWithPods = new BitSet[branchLimit + 1];
        for (int c = 0; c <= branchLimit; c++) {
            nodesWithPods[c] = new BitSet(c == 0 ? nodeCount : 0);
        }
        RandomGenerator phases = streams.stream("controller/delete-job-phase");
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new ChurnNode(i);
            nodeByName.put(nodes[i].name(), nodes[i]);
            nodesWithPods[0].set(i);
            provider.addTrunk(nodes[i].name(), branchLimit,
                    (long) (phases.nextDouble() * BranchEniProvider.DELETE_QUEUE_REQUEUE));
        }
        this.podCount = spec.pods();
    }

    /** Starts the pods' creation, the first now; each creation schedules the next. */
    public void start() {
        nextCreateAt = scheduler.now();
        creations = scheduler.series(podCount);
        creations.scheduleNext(nextCreateAt, this::createNext);
    }

    public boolean finished() {
        return ended == podCount;
    }

    public int podsNotEnded() {
        return podCount - ended;
    }

    /** Pods created so far (for progress). */
    public int podsCreated() {
        return created;
    }

    public int pods() {
        return podCount;
    }

    public ChurnNode[] nodes() {
        return nodes.clone();
    }

    public BranchEniProvider provider() {
        return provider;
    }

    // ---- pod lifecycle ---------------------------------------------------------------------------

    private void createNext() {
        ChurnPod pod = new ChurnPod(created++);
        podByName.put(pod.name(), pod);
        if (keepPods) {
            pods.add(pod);
        }
        if (created < podCount) {
            nextCreateAt += Time.seconds(spec.createInterval().sample(createRandom));
            creations.scheduleNext(nextCreateAt, this::createNext);
        }
        create(pod);
    }

    private void create(ChurnPod pod) {
        pod.createdAt = scheduler.now();
        unscheduled.addLast(pod);
        scheduleWaitingPods();
    }

    private void scheduleWaitingPods() {
        while (!unscheduled.isEmpty()) {
            ChurnNode node = pickNode();
            if (node == null) {
                return;
            }
            ChurnPod pod = unscheduled.removeFirst();
            pod.node = node;
            countPods(node, +1);
            provider.createBranch(pod.name(), node.name(), eni -> branchReady(pod, eni));
        }
    }

    private ChurnNode pickNode() {
        if (spec.roundRobin()) {
            for (int i = 0; i < nodes.length; i++) {
                ChurnNode node = nodes[(roundRobinNext + i) % nodes.length];
                if (node.sgppPods < branchLimit) {
                    roundRobinNext = (node.index() + 1) % nodes.length;
                    return node;
                }
            }
            return null;
        }
        // The node with the fewest SGPP pods, the lowest index among equals.
        for (int c = 0; c < branchLimit; c++) {
            int index = nodesWithPods[c].nextSetBit(0);
            if (index >= 0) {
                return nodes[index];
            }
        }
        return null;
    }

    private void countPods(ChurnNode node, int change) {
        nodesWithPods[node.sgppPods].clear(node.index());
        node.sgppPods += change;
        nodesWithPods[node.sgppPods].set(node.index());
    }

    private void branchReady(ChurnPod pod, BranchEni eni) {
        long now = scheduler.now();
        pod.eni = eni;
        pod.branchReadyAt = now;
        ChurnPod previous = lastOwnerByIp.put(eni.ip(), pod);
        if (previous != null) {
            reuseGaps.record(Time.toSeconds(now - previous.endedAt));
            if (keepPods) {
                pod.previousOwner = previous; // without, a chain of owners would keep every pod alive
            }
        }
        backend.branchReady(pod);
        long start = Time.seconds(spec.podStartLatency().sample(startRandom));
        scheduler.scheduleAfter(start, () -> {
            pod.firstLookupAt = scheduler.now();
            backend.lookup(pod, ok -> lookupFinished(pod, ok));
        });
    }

    private void lookupFinished(ChurnPod pod, boolean ok) {
        if (ok) {
            long runTime = Time.seconds(spec.runTime().sample(runRandom));
            scheduler.scheduleAfter(runTime, () -> end(pod, false));
        } else {
            end(pod, true); // the container exits non-zero: pod phase Failed, reason Error
        }
    }

    private void end(ChurnPod pod, boolean failed) {
        pod.failed = failed;
        pod.endedAt = scheduler.now();
        ended++;
        errors += failed ? 1 : 0;
        waitedPods += pod.everWaited ? 1 : 0;
        waitedTotal += pod.waited;
        backend.podEnded(pod);
        provider.releaseBranch(pod.name(), pod.node.name());
        if (!keepPods) {
            podByName.remove(pod.name());
        }
        countPods(pod.node, -1);
        scheduleWaitingPods();
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
                .map(ChurnPod::reuseGapSeconds).toList()) : reuseGaps;
        integrateQueued(scheduler.now());
        double duration = Time.toSeconds(scheduler.now());
        return new RunObservations(scenario, seed, provider.cooldown().periodSeconds(), podCount, errors,
                (int) gaps.count(), gaps, waitedPods, maxDeleteQueue,
                duration > 0 ? queuedArea / duration : 0, Time.toSeconds(waitedTotal) / podCount, duration, events,
                details);
    }

    /** Adds the ENIs held in all delete queues since the last change to the time integral. */
    private void integrateQueued(long now) {
        queuedArea += queuedNow * Time.toSeconds(now - queuedSince);
        queuedSince = now;
    }

    /** One node's delete queue changed: the total over all nodes moves by its difference. */
    private void recountQueued(String nodeName) {
        ChurnNode node = nodeByName.get(nodeName);
        int size = provider.trunk(nodeName).deleteQueue().size();
        if (size == node.deleteQueue) {
            return; // nothing to integrate: the sum stays as it was (and so do its rounding errors)
        }
        integrateQueued(scheduler.now());
        queuedNow += size - node.deleteQueue;
        node.deleteQueue = size;
    }

    /** Bookkeeping of what the controller did, for the observations. */
    private final class ControllerEvents implements BranchEniProvider.Listener {
        @Override
        public void waitingForBranch(String podUid, String nodeName, long now, String reason) {
            ChurnPod pod = podByName.get(podUid);
            pod.everWaited = true;
            if (pod.waitingSince < 0) {
                pod.waitingSince = now;
            }
        }

        /** The wait for a branch ENI ends when the controller asks EC2 for it (creation takes its own time). */
        @Override
        public void creatingBranch(String podUid, String nodeName, long now) {
            ChurnPod pod = podByName.get(podUid);
            if (pod.waitingSince >= 0) {
                pod.waited += now - pod.waitingSince;
                pod.waitingSince = -1;
            }
        }

        @Override
        public void branchQueued(BranchEni eni, String nodeName, long now) {
            maxDeleteQueue = Math.max(maxDeleteQueue, provider.trunk(nodeName).deleteQueue().size());
            recountQueued(nodeName);
        }

        @Override
        public void branchDeleted(BranchEni eni, String nodeName, long now) {
            ChurnPod pod = podByName.get(eni.podUid()); // gone already unless pods are kept
            if (pod != null) {
                pod.eniDeletedAt = now;
            }
        }

        @Override
        public void deleteJobRan(String nodeName, long now) {
            recountQueued(nodeName);
        }
    }
}
