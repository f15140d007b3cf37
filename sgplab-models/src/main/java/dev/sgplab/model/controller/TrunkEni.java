package dev.sgplab.model.controller;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One node's trunk ENI with its branch ENIs and cooldown delete queue.
 *
 * <p>Source: aws/amazon-vpc-resource-controller-k8s pkg/provider/branch/trunk/trunk.go —
 * PushBranchENIsToCoolDownQueue() stamps each of the pod's branch ENIs with the time and appends
 * it; DeleteCooledDownENIs() deletes from the head while now is after stamp + cooldown, stops at
 * the first ENI not yet cooled down, and on a failed delete puts the ENI back at the front, forgetting it
 * after MaxDeleteRetries (3). A node may hold a new branch only while branches in use plus the
 * delete queue stay under the instance type's branch limit (pkg/aws/vpc/limits.go).
 *
 * <p>Deviations: one branch ENI per pod (the controller allows several); VLAN IDs are the lowest
 * free ones; a forgotten ENI keeps its IP (upstream the dangling-ENI cleaner removes it later).
 */
public final class TrunkEni {
    public static final int MAX_DELETE_RETRIES = 3;

    private final String nodeName;
    private final int branchLimit;
    /**
     * Not ordered (nothing walks it): a linked map would also touch its neighbours' entries on every
     * put and remove, and those belong to pods long gone, out of the CPU's caches.
     */
    private final Map<String, BranchEni> uidToBranchEni = new HashMap<>();
    private final DeleteQueue deleteQueue = new DeleteQueue();
    private final BitSet usedVlanIds = new BitSet();
    private int creating;
    private int forgotten;

    public TrunkEni(String nodeName, int branchLimit) {
        if (branchLimit <= 0) {
            throw new IllegalArgumentException(nodeName + ": branch limit must be positive, got " + branchLimit);
        }
        this.nodeName = nodeName;
        this.branchLimit = branchLimit;
    }

    public String nodeName() {
        return nodeName;
    }

    public int branchLimit() {
        return branchLimit;
    }

    /** Branch ENIs in use by pods, plus those being created. */
    public int branchesInUse() {
        return uidToBranchEni.size() + creating;
    }

    public DeleteQueue deleteQueue() {
        return deleteQueue;
    }

    public int forgottenEnis() {
        return forgotten;
    }

    /** canCreateMore: queued ENIs still count against the limit. */
    public boolean canCreateMore() {
        return branchesInUse() + deleteQueue.size() < branchLimit;
    }

    /** Reserves a slot while EC2 creates the interface; returns the VLAN ID to use. */
    public int reserveBranch() {
        if (!canCreateMore()) {
            throw new IllegalStateException(nodeName + " has no room for another branch ENI");
        }
        creating++;
        int vlan = usedVlanIds.nextClearBit(1);
        usedVlanIds.set(vlan);
        return vlan;
    }

    /** The reserved creation failed: give the slot and VLAN back. */
    public void cancelReservation(int vlanId) {
        creating--;
        usedVlanIds.clear(vlanId);
    }

    /** addBranchToCache: the created interface now belongs to the pod. */
    public void addBranch(BranchEni eni) {
        creating--;
        uidToBranchEni.put(eni.podUid(), eni);
    }

    public BranchEni branchOf(String podUid) {
        return uidToBranchEni.get(podUid);
    }

    /** PushBranchENIsToCoolDownQueue(UID): on pod deletion or completion. */
    public BranchEni pushBranchEnisToCoolDownQueue(String podUid, long now) {
        BranchEni eni = uidToBranchEni.remove(podUid);
        if (eni == null) {
            return null; // already released when the pod completed
        }
        eni.stampDeletion(now);
        deleteQueue.push(eni);
        return eni;
    }

    /** DeleteCooledDownENIs(): returns the ENIs deleted in this pass, in order. */
    public List<BranchEni> deleteCooledDownEnis(long now, Cooldown cooldown, Ec2NetworkInterfaces ec2) {
        List<BranchEni> deleted = List.of(); // most passes delete nothing: no list for them
        while (deleteQueue.size() > 0) {
            long stamp = deleteQueue.headStamp();
            boolean cooledDown = stamp == 0 || now > stamp + cooldown.period();
            if (!cooledDown) {
                // Since the current item is not cooled down, the items added after it are not either.
                // (Upstream pops it and pushes it back to the front: the same queue, without the moves.)
                return deleted;
            }
            BranchEni eni = deleteQueue.pop();
            if (ec2.deleteNetworkInterface(eni)) {
                if (deleted.isEmpty()) {
                    deleted = new ArrayList<>(2);
                }
                usedVlanIds.clear(eni.vlanId());
                deleted.add(eni);
                continue;
            }
            if (eni.incrementDeleteRetry() >= MAX_DELETE_RETRIES) {
                forgotten++;
                usedVlanIds.clear(eni.vlanId());
                continue;
            }
            deleteQueue.pushFront(eni);
        }
        return deleted;
    }
}
