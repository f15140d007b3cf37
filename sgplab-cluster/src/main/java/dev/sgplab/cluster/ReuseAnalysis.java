package dev.sgplab.cluster;

import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.PreviousOwner;
import dev.sgplab.observe.RunObservations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the records of one cooldown's churn into the observations the simulator and the lab
 * report: Error pods, IP reuses and their gaps (previous owner's end to the new owner's branch ENI
 * being ready), each pod's previous owner. Earlier rounds' pods count as previous owners too: an IP
 * does not forget who had it because the cooldown changed. Owners the harness did not create
 * (other workloads in the subnet) are invisible to it.
 *
 * <p>Not observable through the Kubernetes API, so reported as unknown (-1 / NaN): the controller's
 * delete queues, when EC2 deleted an ENI, and each lookup's tries. "Waited for a branch ENI" means
 * the annotation came more than {@link #CAPACITY_WAIT_SECONDS} after creation: creating an ENI
 * takes seconds, while a pod refused for capacity waits at least one cooldown (30 s or more).
 */
public final class ReuseAnalysis {
    public static final double CAPACITY_WAIT_SECONDS = 10;

    private ReuseAnalysis() {
    }

    /**
     * @param round   the pods of this cooldown, in creation order
     * @param history every pod recorded in the run (this round's included)
     * @param origin  the round's start on the records' clock: the observations count from it
     */
    public static RunObservations observe(String scenario, long cooldownSeconds, List<ChurnPodRecord> round,
            List<ChurnPodRecord> history, double origin, long notifications) {
        List<ChurnPodRecord> owners = history.stream().filter(ChurnPodRecord::hasBranchEni)
                .sorted(Comparator.comparingDouble(ChurnPodRecord::branchReadyAt)).toList();
        List<PodObservation> pods = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        int errors = 0;
        int waited = 0;
        double waitSum = 0;
        int withBranch = 0;
        double lastEnd = 0;
        for (ChurnPodRecord pod : round) {
            PreviousOwner previous = pod.hasBranchEni() ? previousOwner(pod, owners, origin) : null;
            if (previous != null && !Double.isNaN(previous.gapSeconds())) {
                gaps.add(previous.gapSeconds());
            }
            if (PodObservation.ERROR.equals(pod.status())) {
                errors++;
            }
            double branchWait = pod.branchReadyAt() - pod.createdAt();
            if (pod.hasBranchEni()) {
                withBranch++;
                waitSum += branchWait;
                if (branchWait > CAPACITY_WAIT_SECONDS) {
                    waited++;
                }
            }
            if (pod.ended()) {
                lastEnd = Math.max(lastEnd, pod.endedAt() - origin);
            }
            double lookupAt = pod.endedAt() - pod.containerRunSeconds();
            pods.add(new PodObservation(pod.name(), pod.node(), pod.ip(), pod.mac(), pod.eniId(), pod.createdAt() - origin,
                    pod.branchReadyAt() - origin, lookupAt - origin, pod.endedAt() - origin,
                    pod.status() == null ? "NotEnded" : pod.status(), pod.hasBranchEni() ? branchWait : Double.NaN,
                    previous, List.of()));
        }
        int reuses = (int) pods.stream().filter(p -> p.previousOwner() != null).count();
        return new RunObservations(scenario, 0, cooldownSeconds, round.size(), errors, reuses, gaps, waited, -1,
                Double.NaN, withBranch == 0 ? Double.NaN : waitSum / withBranch, lastEnd, notifications, pods);
    }

    /** The pod that held this IP last before this one got it. */
    private static PreviousOwner previousOwner(ChurnPodRecord pod, List<ChurnPodRecord> owners, double origin) {
        ChurnPodRecord previous = null;
        for (ChurnPodRecord other : owners) {
            if (other.branchReadyAt() >= pod.branchReadyAt()) {
                break;
            }
            if (other.ip().equals(pod.ip()) && !other.name().equals(pod.name())) {
                previous = other;
            }
        }
        if (previous == null) {
            return null;
        }
        return new PreviousOwner(previous.name(), previous.mac(), previous.endedAt() - origin, Double.NaN,
                pod.branchReadyAt() - previous.endedAt());
    }
}
