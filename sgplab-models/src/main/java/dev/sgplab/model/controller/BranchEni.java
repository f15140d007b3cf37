package dev.sgplab.model.controller;

/**
 * A branch network interface (ENIDetails in pkg/provider/branch/trunk/trunk.go): one per SGPP pod,
 * with its own MAC and IP, attached to the node's trunk ENI on a VLAN.
 */
public final class BranchEni {
    private final String id;
    private final long mac;
    private final int ip;
    private final int vlanId;
    private final String podUid;
    /** deletionTimeStamp; 0 means "delete at once" as in the controller. */
    private long deletionTimeStamp;
    private int deleteRetryCount;

    public BranchEni(String id, long mac, int ip, int vlanId, String podUid) {
        this.id = id;
        this.mac = mac;
        this.ip = ip;
        this.vlanId = vlanId;
        this.podUid = podUid;
    }

    public String id() {
        return id;
    }

    public long mac() {
        return mac;
    }

    public int ip() {
        return ip;
    }

    public int vlanId() {
        return vlanId;
    }

    public String podUid() {
        return podUid;
    }

    public long deletionTimeStamp() {
        return deletionTimeStamp;
    }

    void stampDeletion(long now) {
        deletionTimeStamp = now;
    }

    int incrementDeleteRetry() {
        return ++deleteRetryCount;
    }
}
