package dev.sgplab.model.workload;

import dev.sgplab.engine.Time;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.PreviousOwner;
import dev.sgplab.observe.TryObservation;
import java.util.ArrayList;
import java.util.List;

/** One churn pod's state during a run; becomes a {@link PodObservation} at the end. */
public final class ChurnPod implements ResolvingPod {
    private final int index;
    private final String name;
    ChurnNode node;
    BranchEni eni;
    ChurnPod previousOwner;
    long createdAt = -1;
    long branchReadyAt = -1;
    long firstLookupAt = -1;
    long endedAt = -1;
    long eniDeletedAt = -1;
    long waitingSince = -1;
    long waited;
    boolean everWaited;
    boolean failed;
    private final List<TryObservation> tries = new ArrayList<>(2);

    ChurnPod(int index) {
        this.index = index;
        this.name = name(index);
    }

    /** churn-001, churn-002, ... as the report's test names its pods. */
    static String name(int index) {
        String number = Integer.toString(index + 1);
        return number.length() >= 3 ? "churn-" + number : "churn-" + "0".repeat(3 - number.length()) + number;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public ChurnNode node() {
        return node;
    }

    @Override
    public BranchEni eni() {
        return eni;
    }

    public ChurnPod previousOwner() {
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
                seconds(endedAt), failed ? PodObservation.ERROR : PodObservation.SUCCEEDED,
                Time.toSeconds(waited), previous, List.copyOf(tries));
    }

    private static double seconds(long t) {
        return t < 0 ? Double.NaN : Time.toSeconds(t);
    }
}
