package dev.sgplab.cluster.describe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Locale;

/**
 * The VPC CNI's settings that change a branch-ENI pod's DNS path, from the aws-node DaemonSet in
 * kube-system (its container aws-node's env). POD_SECURITY_GROUP_ENFORCING_MODE: strict when unset
 * (amazon-vpc-cni-k8s README, "POD_SECURITY_GROUP_ENFORCING_MODE ... Default: strict"); a value set
 * through valueFrom is not visible to a read of the DaemonSet, so it is written as assumed.
 */
final class AwsNodeEnv {
    static final String NAME = "aws-node";
    static final String ENFORCING_MODE = "POD_SECURITY_GROUP_ENFORCING_MODE";

    /** A scenario value and the comment saying where it came from. */
    record Sourced(String value, String source) {
    }

    private AwsNodeEnv() {
    }

    static Sourced enforcingMode(List<DaemonSet> kubeSystemDaemonSets) {
        DaemonSet awsNode = kubeSystemDaemonSets.stream().filter(AwsNodeEnv::isAwsNode).findFirst().orElse(null);
        if (awsNode == null) {
            return new Sourced("strict", "assumed: no DaemonSet kube-system/aws-node (named aws-node or labelled "
                    + "k8s-app=aws-node); the VPC CNI's default");
        }
        String where = "DaemonSet kube-system/" + awsNode.getMetadata().getName();
        Container container = container(awsNode);
        if (container == null) {
            return new Sourced("strict", "assumed: " + where + " has no container; the VPC CNI's default");
        }
        String field = where + " container " + container.getName() + " env " + ENFORCING_MODE;
        EnvVar env = container.getEnv() == null ? null : container.getEnv().stream()
                .filter(e -> ENFORCING_MODE.equals(e.getName())).findFirst().orElse(null);
        if (env == null) {
            return new Sourced("strict", field + " unset: the VPC CNI's default");
        }
        if (env.getValue() == null) {
            return new Sourced("strict", "assumed: " + field + " is set through valueFrom, which the DaemonSet does "
                    + "not show; the VPC CNI's default");
        }
        String value = env.getValue().trim().toLowerCase(Locale.ROOT);
        if (!value.equals("strict") && !value.equals("standard")) {
            return new Sourced("strict", "assumed: " + field + " is \"" + env.getValue() + "\", neither strict nor "
                    + "standard; the VPC CNI's default");
        }
        return new Sourced(value, field);
    }

    static boolean isAwsNode(DaemonSet daemonSet) {
        return ClusterDescriber.isKubeSystemApp(daemonSet, NAME);
    }

    /** The container named aws-node, else the first (the CNI's own; its init container sets no mode). */
    private static Container container(DaemonSet awsNode) {
        if (awsNode.getSpec() == null || awsNode.getSpec().getTemplate() == null
                || awsNode.getSpec().getTemplate().getSpec() == null) {
            return null;
        }
        List<Container> containers = awsNode.getSpec().getTemplate().getSpec().getContainers();
        if (containers == null || containers.isEmpty()) {
            return null;
        }
        return containers.stream().filter(c -> NAME.equals(c.getName())).findFirst().orElse(containers.get(0));
    }
}
