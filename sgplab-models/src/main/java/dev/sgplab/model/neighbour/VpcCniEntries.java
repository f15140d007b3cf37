package dev.sgplab.model.neighbour;

/**
 * The arp-table entries the Amazon VPC CNI's pod networking puts in a node's one table (arp_tbl is
 * shared by every network namespace, so a pod's namespace counts towards the node's gc_thresh1).
 *
 * <p>Source: aws/amazon-vpc-cni-k8s cmd/routed-eni-cni-plugin/driver/driver.go (read at b5218838,
 * August 2026). For every pod, {@code createVethPairContext.run()} adds in the pod's namespace a
 * static entry for its gateway 169.254.1.1 on the container veth, {@code NUD_PERMANENT}, pointing at
 * the host veth's MAC: GC never removes it; it goes with the namespace. The plugin adds no entry in
 * the host namespace. The host learns, as ordinary dynamic entries, the pod's IP on the host veth
 * once traffic is routed to the pod, and for a branch-ENI (security groups for pods) pod the subnet
 * gateway on its vlan device {@code vlan.eth.N}, the next hop of the pod's route table (vlanID + 100)
 * once the pod sends. Both go when their device is deleted at CNI DEL (neigh_ifdown).
 *
 * <p>Deviation: the dynamic entries are counted from the pod's first lookup to its end; a regular
 * pod's host-side entry is counted for the whole run (kubelet probes or clients keep it in use).
 */
public final class VpcCniEntries {
    /** 169.254.1.1 in the pod's namespace, PERMANENT, from CNI ADD to the namespace's deletion. */
    public static final int PERMANENT_PER_POD = 1;
    /** The host's entry for a regular pod's IP on its host veth. */
    public static final int HOST_PER_POD = 1;
    /** A branch-ENI pod's IP on its host veth, and the subnet gateway on its vlan device. */
    public static final int HOST_PER_BRANCH_POD = 2;

    private VpcCniEntries() {
    }

    /** Entries of one regular (not branch-ENI, not hostNetwork) pod while it runs. */
    public static int perRegularPod() {
        return PERMANENT_PER_POD + HOST_PER_POD;
    }
}
