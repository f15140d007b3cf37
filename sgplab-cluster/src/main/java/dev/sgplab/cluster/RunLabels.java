package dev.sgplab.cluster;

import java.util.Map;

/**
 * The marks sgplab puts on everything it creates in a cluster, so that it deletes only its own
 * objects and `cluster cleanup` finds what a killed run left.
 */
public final class RunLabels {
    /** The run id on every namespace, SecurityGroupPolicy and pod sgplab creates. */
    public static final String RUN = "sgplab.dev/run";
    /** The cooldown a churn pod was created under. */
    public static final String COOLDOWN = "sgplab.dev/cooldown";
    /** Selects the churn pods for the SecurityGroupPolicy (deploy/k8s uses the same). */
    public static final String APP = "app.kubernetes.io/name";
    public static final String APP_VALUE = "sgplab-churn";
    /** On the controller's ConfigMap while a run has changed it: the run, and the value to put back. */
    public static final String CONFIG_MAP_RUN = "sgplab.dev/changed-by-run";
    public static final String CONFIG_MAP_PREVIOUS = "sgplab.dev/previous-branch-eni-cooldown";
    /** Written as the previous value when the key was absent. */
    public static final String ABSENT = "<absent>";

    private RunLabels() {
    }

    public static Map<String, String> of(String runId) {
        return Map.of(RUN, runId, APP, APP_VALUE);
    }

    /** Run ids are label values: short, lower case, [a-z0-9-]. */
    public static String requireValidRunId(String runId) {
        if (runId == null || !runId.matches("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?")) {
            throw new ClusterException("not a usable run id: '" + runId + "' (lower-case letters, digits and '-')");
        }
        return runId;
    }
}
