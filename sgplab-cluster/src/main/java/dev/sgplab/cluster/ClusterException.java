package dev.sgplab.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Something about the cluster the user must fix, in one line, and what kind of trouble it is, so
 * that the command line can give scripts an exit code to act on.
 */
public final class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as a script needs to know. */
    public enum Kind {
        /** Bad input, or a cluster not as the command needs it (no CRD, no ConfigMap, 404, 409, 422). */
        INPUT,
        /** No usable answer: no connection, TLS failure, timeout, or 429/5xx after the retries. */
        UNREACHABLE,
        /** The API server refused: 401 (credentials) or 403 (RBAC). */
        REFUSED,
        /** Stopped by Ctrl-C, SIGTERM or a thread interrupt. */
        INTERRUPTED
    }

    private final Kind kind;

    public ClusterException(String message) {
        this(Kind.INPUT, message);
    }

    public ClusterException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** "cannot WHAT: why" for a failed API call, of the kind its HTTP status says. */
    public static ClusterException of(String what, KubernetesClientException e) {
        return new ClusterException(kindOf(e), "cannot " + what + ": " + KubeClients.explain(e));
    }

    public static Kind kindOf(KubernetesClientException e) {
        int code = e.getCode();
        if (code <= 0 || code == 429 || code >= 500) {
            return Kind.UNREACHABLE;
        }
        return code == 401 || code == 403 ? Kind.REFUSED : Kind.INPUT;
    }

    public Kind kind() {
        return kind;
    }

    /** The same trouble, its message ending with where it happened: "(cluster URL, context NAME)". */
    public ClusterException at(KubeTarget target) {
        ClusterException named = new ClusterException(kind, getMessage() + " (" + target.where() + ")");
        named.setStackTrace(getStackTrace());
        return named;
    }
}
