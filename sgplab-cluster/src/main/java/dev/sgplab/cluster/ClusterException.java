package dev.sgplab.cluster;

/** Something about the cluster the user must fix (unreachable, forbidden, missing); one line. */
public final class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }
}
