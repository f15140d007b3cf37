package dev.sgplab.model.kubernetes;

/**
 * The Deployment controller's rolling-update arithmetic (kubernetes pkg/controller/deployment:
 * rolling.go {@code reconcileNewReplicaSet}, {@code reconcileOldReplicaSets},
 * {@code scaleDownOldReplicaSetsForRollingUpdate}; util/deployment_util.go
 * {@code ResolveFenceposts}, {@code NewRSNewReplicas}). A percentage of maxSurge rounds up, one
 * of maxUnavailable down; both resolving to 0 makes maxUnavailable 1 (the API refuses 0/0).
 *
 * <p>Deviation: the ReplicaSet controller chooses which pods to delete on a scale-down by a
 * ranking (unscheduled, pending, not ready first); here unavailable old pods go first, then the
 * oldest available ones, which is what that ranking gives for the pods modelled.
 */
public record RollingUpdate(int replicas, int maxSurge, int maxUnavailable) {

    public RollingUpdate {
        if (replicas < 0 || maxSurge < 0 || maxUnavailable < 0) {
            throw new IllegalArgumentException("replicas, maxSurge and maxUnavailable must not be negative");
        }
    }

    /** Kubernetes' defaults for a Deployment's rolling update: 25% and 25%. */
    public static RollingUpdate of(int replicas, String maxSurge, String maxUnavailable) {
        int surge = resolve(maxSurge, replicas, true);
        int unavailable = resolve(maxUnavailable, replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1; // ResolveFenceposts: "Validation should never allow the user to explicitly use zero values for both"
        }
        return new RollingUpdate(replicas, surge, unavailable);
    }

    /** An IntOrString: a whole number, or a percentage of replicas (surge rounds up, unavailable down). */
    public static int resolve(String value, int replicas, boolean roundUp) {
        String text = value.trim();
        if (text.endsWith("%")) {
            int percent = parse(text.substring(0, text.length() - 1), value);
            if (percent > 100 && !roundUp) {
                throw new IllegalArgumentException("maxUnavailable '" + value + "' is over 100%");
            }
            long scaled = (long) percent * replicas;
            return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
        }
        return parse(text, value);
    }

    private static int parse(String digits, String value) {
        if (!digits.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("'" + value + "' is neither a whole number nor a percentage like 25%");
        }
        return Integer.parseInt(digits);
    }

    /** The lowest number of available pods the rollout keeps. */
    public int minAvailable() {
        return replicas - maxUnavailable;
    }

    /**
     * How many pods of the new revision to add now: up to replicas + maxSurge pods in all, never
     * more new pods than replicas.
     */
    public int newPodsToCreate(int allPods, int newPods) {
        if (newPods >= replicas) {
            return 0;
        }
        int room = replicas + maxSurge - allPods;
        return Math.max(0, Math.min(room, replicas - newPods));
    }

    /**
     * Old pods that are not available, to delete now (cleanupUnhealthyReplicas): at most
     * {@code allPods - minAvailable - newUnavailable}.
     */
    public int unhealthyOldPodsToDelete(int allPods, int newUnavailable, int oldUnavailable) {
        int maxScaledDown = allPods - minAvailable() - newUnavailable;
        return maxScaledDown <= 0 ? 0 : Math.min(maxScaledDown, oldUnavailable);
    }

    /**
     * Available old pods to delete next (scaleDownOldReplicaSetsForRollingUpdate): as many as
     * keep minAvailable pods available, once the unhealthy ones are gone. Nothing while new pods
     * are unavailable beyond what the budget allows.
     */
    public int availableOldPodsToDelete(int allPods, int newUnavailable, int allAvailable, int oldAvailable) {
        if (allPods - minAvailable() - newUnavailable <= 0) {
            return 0;
        }
        int excess = allAvailable - minAvailable();
        return excess <= 0 ? 0 : Math.min(excess, oldAvailable);
    }
}
