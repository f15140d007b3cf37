package dev.sgplab.model.controller;

/**
 * A branch network interface (ENIDetails in pkg/provider/branch/trunk/trunk.go): one per SGPP pod,
 * with its own MAC and IP, attached to the node's trunk ENI on a VLAN.
 */
public final class BranchEni {
    /** Null until first shown for an EC2-created interface (see {@link #created}). */
    private String id;
    private final long ec2IdNumber;
    private final long mac;
    private final int ip;
    private final int vlanId;
    private final String podUid;
    /** deletionTimeStamp; 0 means "delete at once" as in the controller. */
    private long deletionTimeStamp;
    private int deleteRetryCount;

    public BranchEni(String id, long mac, int ip, int vlanId, String podUid) {
        this(id, 0, mac, ip, vlanId, podUid);
    }

    private BranchEni(String id, long ec2IdNumber, long mac, int ip, int vlanId, String podUid) {
        this.id = id;
        this.ec2IdNumber = ec2IdNumber;
        this.mac = mac;
        this.ip = ip;
        this.vlanId = vlanId;
        this.podUid = podUid;
    }

    /**
     * An interface EC2 created, its id given as the number behind it: most ids are never shown, so
     * the text is written on first use (a run of a million pods would format a million ids).
     */
    public static BranchEni created(long ec2IdNumber, long mac, int ip, int vlanId, String podUid) {
        return new BranchEni(null, ec2IdNumber, mac, ip, vlanId, podUid);
    }

    /** eni- and 17 hex digits, as EC2 writes them, of the low 60 bits of {@code number}. */
    public static String ec2Id(long number) {
        String hex = Long.toHexString(number & 0x0FFF_FFFF_FFFF_FFFFL);
        return "eni-" + "0".repeat(17 - hex.length()) + hex;
    }

    public String id() {
        if (id == null) {
            id = ec2Id(ec2IdNumber);
        }
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
