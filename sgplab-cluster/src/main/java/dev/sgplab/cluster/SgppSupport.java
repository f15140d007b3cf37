package dev.sgplab.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a cluster can run security groups for pods: the SecurityGroupPolicy CRD
 * (vpcresources.k8s.aws/v1beta1, installed by EKS with the VPC Resource Controller) and nodes whose
 * trunk ENI is up, which they show by advertising the extended resource vpc.amazonaws.com/pod-eni
 * (the VPC CNI with ENABLE_POD_ENI=true on a trunk-capable instance type).
 */
public final class SgppSupport {
    public static final String GROUP = "vpcresources.k8s.aws";
    public static final String VERSION = "v1beta1";
    public static final String CRD_NAME = "securitygrouppolicies." + GROUP;
    public static final String POD_ENI_RESOURCE = "vpc.amazonaws.com/pod-eni";

    /** The nodes that can take SGPP pods, and how many branch ENIs each advertises. */
    public record Node(String name, int podEniCapacity) {
    }

    private SgppSupport() {
    }

    /** The nodes that can run SGPP pods; a ClusterException naming everything missing otherwise. */
    public static List<Node> check(KubernetesClient client, Retries retries) {
        List<String> missing = new ArrayList<>();
        CustomResourceDefinition crd = retries.call("read CRD " + CRD_NAME,
                () -> client.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).get());
        if (crd == null) {
            missing.add("the SecurityGroupPolicy CRD (" + CRD_NAME + ") is not installed");
        } else if (crd.getSpec().getVersions().stream().noneMatch(SgppSupport::servesV1beta1)) {
            missing.add("the SecurityGroupPolicy CRD does not serve " + GROUP + "/" + VERSION);
        }
        List<io.fabric8.kubernetes.api.model.Node> nodes = retries.call("list nodes", () -> client.nodes().list().getItems());
        List<Node> capable = new ArrayList<>();
        for (io.fabric8.kubernetes.api.model.Node node : nodes) {
            int capacity = podEniCapacity(node);
            if (capacity > 0) {
                capable.add(new Node(node.getMetadata().getName(), capacity));
            }
        }
        if (capable.isEmpty()) {
            missing.add("no node advertises " + POD_ENI_RESOURCE + " (" + nodes.size() + " nodes; set ENABLE_POD_ENI=true "
                    + "on the aws-node DaemonSet and use a trunk-capable instance type, e.g. m5.large)");
        }
        if (!missing.isEmpty()) {
            throw new ClusterException("this cluster cannot run security groups for pods: " + String.join("; ", missing));
        }
        return capable;
    }

    private static boolean servesV1beta1(CustomResourceDefinitionVersion version) {
        return VERSION.equals(version.getName()) && Boolean.TRUE.equals(version.getServed());
    }

    public static int podEniCapacity(io.fabric8.kubernetes.api.model.Node node) {
        if (node.getStatus() == null || node.getStatus().getAllocatable() == null) {
            return 0;
        }
        Quantity quantity = node.getStatus().getAllocatable().get(POD_ENI_RESOURCE);
        return quantity == null ? 0 : quantity.getNumericalAmount().intValue();
    }
}
