package dev.sgplab.observe;

/**
 * The pod that had this IP before: its MAC, when it ended (its branch ENI went to the cooldown
 * queue), when EC2 deleted that ENI, and the reuse gap (previous owner's end to this pod's branch
 * ENI being ready), in seconds.
 */
public record PreviousOwner(String pod, String mac, double endedAt, double eniDeletedAt, double gapSeconds) {
}
