package dev.sgplab.model.workload;

import dev.sgplab.engine.Time;
import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.dns.ResolverProfile;
import dev.sgplab.model.scheduling.WorkerNode;
import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.PreviousOwner;
import dev.sgplab.observe.TryObservation;
import java.util.ArrayList;
import java.util.List;

/** One SGPP pod of a workload during a run; becomes a {@link PodObservation} at the end. */
public final class WorkloadPod implements ResolvingPod {
    private final String name;
    final WorkloadRun owner;
    /** The rollout revision that made it (Deployments), else 0. */
    final int revision;
    WorkerNode node;
    BranchEni eni;
    WorkloadPod previousOwner;
    long createdAt = -1;
    long branchReadyAt = -1;
    long firstLookupAt = -1;
    /** When the lookup that succeeded began: the pod's container is ready (Running, passes). */
    long readyAt = -1;
    /** When the container's (or the process's retried) run of lookups began: the last one is the one that counts. */
    long sequenceStartedAt = -1;
    long endedAt = -1;
    long eniDeletedAt = -1;
    long waitingSince = -1;
    long waited;
    boolean everWaited;
    boolean failed;
    /** Ended by completing (phase Succeeded), not by its controller's deletion. */
    boolean completed;
    /** The start (first container) failed its lookups. */
    boolean startFailed;
    int containerRestarts;
    /** Which of the template's names the current lookup resolves, and retries of it by the process. */
    int nameIndex;
    int processRetriesLeft;
    /** The controller asked for the pod's deletion before it had its branch ENI: done when it comes. */
    boolean deleteRequested;
    final dev.sgplab.model.kubernetes.CrashLoopBackOff backOff = new dev.sgplab.model.kubernetes.CrashLoopBackOff();
    private final List<TryObservation> tries = new ArrayList<>(2);

    WorkloadPod(String name, WorkloadRun owner, int revision) {
        this.name = name;
        this.owner = owner;
        this.revision = revision;
    }

    /** churn-001, churn-002, ... as the report's test names its pods. */
    static String churnName(int index) {
        String number = Integer.toString(index + 1);
        return number.length() >= 3 ? "churn-" + number : "churn-" + "0".repeat(3 - number.length()) + number;
    }

    public String name() {
        return name;
    }

    /** The workload that made the pod, by its scenario name. */
    public String workload() {
        return owner.template().workload();
    }

    public WorkerNode node() {
        return node;
    }

    @Override
    public BranchEni eni() {
        return eni;
    }

    public WorkloadPod previousOwner() {
        return previousOwner;
    }

    public long firstLookupAt() {
        return firstLookupAt;
    }

    /** The pod has its branch ENI and has not ended. */
    @Override
    public boolean running() {
        return branchReadyAt >= 0 && endedAt < 0;
    }

    public boolean ended() {
        return endedAt >= 0;
    }

    /** Ready: its lookups succeeded and it has not ended (counts as available to a Deployment). */
    boolean ready() {
        return readyAt >= 0 && endedAt < 0;
    }

    @Override
    public ResolverProfile resolver() {
        return owner.template().resolver();
    }

    @Override
    public String lookupName() {
        return owner.template().names().get(nameIndex);
    }

    /** Backends record each DNS try here, in order. */
    @Override
    public void addTry(TryObservation attempt) {
        tries.add(attempt);
    }

    double reuseGapSeconds() {
        return Time.toSeconds(branchReadyAt - previousOwner.endedAt);
    }

    PodObservation toObservation() {
        PreviousOwner previous = previousOwner == null ? null
                : new PreviousOwner(previousOwner.name, MacAddress.format(previousOwner.eni.mac()),
                        seconds(previousOwner.endedAt), seconds(previousOwner.eniDeletedAt), reuseGapSeconds());
        return new PodObservation(name, node == null ? null : node.name(),
                eni == null ? null : Ipv4.format(eni.ip()), eni == null ? null : MacAddress.format(eni.mac()),
                eni == null ? null : eni.id(), seconds(createdAt), seconds(branchReadyAt), seconds(firstLookupAt),
                seconds(endedAt), failed ? PodObservation.ERROR : completed ? PodObservation.SUCCEEDED
                        : PodObservation.RUNNING, Time.toSeconds(waited), previous, List.copyOf(tries), workload(),
                startFailed, containerRestarts);
    }

    private static double seconds(long t) {
        return t < 0 ? Double.NaN : Time.toSeconds(t);
    }
}
