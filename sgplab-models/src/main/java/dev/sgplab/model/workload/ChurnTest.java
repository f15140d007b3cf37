package dev.sgplab.model.workload;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.controller.BranchEniProvider;
import dev.sgplab.model.controller.Cooldown;
import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.RunObservations;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
    private final ChurnPod[] pods;
    private final Map<String, ChurnPod> podByName = new HashMap<>();
    private final Map<Integer, ChurnPod> lastOwnerByIp = new HashMap<>();
    private final ArrayDeque<ChurnPod> unscheduled = new ArrayDeque<>();
    private final RandomGenerator createRandom;
    private final RandomGenerator startRandom;
    private final RandomGenerator runRandom;
    private int ended;
    private int roundRobinNext;
    private int maxDeleteQueue;
    private int queuedNow;
    private double queuedArea;
    private long queuedSince;

    public ChurnTest(Scheduler scheduler, ChurnSpec spec, int nodeCount, int branchLimit, Cooldown cooldown,
            BranchEniProvider.Ec2 ec2, RandomStreams streams, Backend backend) {
        this.scheduler = scheduler;
        this.spec = spec;
        this.branchLimit = branchLimit;
        this.backend = backend;
        this.createRandom = streams.stream("workload/create");
        this.startRandom = streams.stream("workload/start");
        this.runRandom = streams.stream("workload/run");
        this.provider = new BranchEniProvider(scheduler, cooldown, ec2, new ControllerEvents());
        this.nodes = new ChurnNode[nodeCount];
        RandomGenerator phases = streams.stream("controller/delete-job-phase");
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new ChurnNode(i);
            provider.addTrunk(nodes[i].name(), branchLimit,
                    (long) (phases.nextDouble() * BranchEniProvider.DELETE_QUEUE_REQUEUE));
        }
        this.pods = new ChurnPod[spec.pods()];
        for (int i = 0; i < pods.length; i++) {
            pods[i] = new ChurnPod(i);
            podByName.put(pods[i].name(), pods[i]);
        }
    }

    /** Schedules every pod's creation, the first now. */
    public void start() {
        long at = scheduler.now();
        for (ChurnPod pod : pods) {
            scheduler.scheduleAt(at, () -> create(pod));
            at += Time.seconds(spec.createInterval().sample(createRandom));
        }
    }

    public boolean finished() {
        return ended == pods.length;
    }

    public int podsNotEnded() {
        return pods.length - ended;
    }

    public ChurnNode[] nodes() {
        return nodes.clone();
    }

    public BranchEniProvider provider() {
        return provider;
    }

    // ---- pod lifecycle ---------------------------------------------------------------------------

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
            node.sgppPods++;
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
        ChurnNode best = null;
        for (ChurnNode node : nodes) {
            if (node.sgppPods < branchLimit && (best == null || node.sgppPods < best.sgppPods)) {
                best = node;
            }
        }
        return best;
    }

    private void branchReady(ChurnPod pod, BranchEni eni) {
        long now = scheduler.now();
        pod.eni = eni;
        pod.branchReadyAt = now;
        pod.previousOwner = lastOwnerByIp.put(eni.ip(), pod);
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
        backend.podEnded(pod);
        provider.releaseBranch(pod.name(), pod.node.name());
        pod.node.sgppPods--;
        scheduleWaitingPods();
    }

    // ---- observations ----------------------------------------------------------------------------

    /** What the run showed; pod details only when asked (they cost time in replications). */
    public RunObservations observations(String scenario, long seed, boolean podDetails, long events) {
        List<PodObservation> details = new ArrayList<>(podDetails ? pods.length : 0);
        List<Double> gaps = new ArrayList<>();
        int errors = 0;
        int waited = 0;
        long waitedTotal = 0;
        recountQueued();
        for (ChurnPod pod : pods) {
            waitedTotal += pod.waited;
            if (podDetails) {
                details.add(pod.toObservation());
            }
            errors += pod.failed ? 1 : 0;
            waited += pod.everWaited ? 1 : 0;
            if (pod.previousOwner != null) {
                gaps.add(pod.reuseGapSeconds());
            }
        }
        double duration = Time.toSeconds(scheduler.now());
        return new RunObservations(scenario, seed, provider.cooldown().periodSeconds(), pods.length, errors,
                gaps.size(), gaps, waited, maxDeleteQueue, duration > 0 ? queuedArea / duration : 0,
                Time.toSeconds(waitedTotal) / pods.length, duration, events, details);
    }

    /** Integrates the ENIs held in all delete queues over time (for the time average). */
    private void recountQueued() {
        long now = scheduler.now();
        queuedArea += queuedNow * Time.toSeconds(now - queuedSince);
        queuedSince = now;
        int total = 0;
        for (ChurnNode node : nodes) {
            total += provider.trunk(node.name()).deleteQueue().size();
        }
        queuedNow = total;
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
            recountQueued();
        }

        @Override
        public void branchDeleted(BranchEni eni, String nodeName, long now) {
            podByName.get(eni.podUid()).eniDeletedAt = now;
            recountQueued();
        }
    }
}
