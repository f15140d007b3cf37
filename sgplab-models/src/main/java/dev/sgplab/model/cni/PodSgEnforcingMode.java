package dev.sgplab.model.cni;

import dev.sgplab.model.names.KebabNames;

/**
 * The VPC CNI's {@code POD_SECURITY_GROUP_ENFORCING_MODE} (aws-node env, v1.11.0+; default strict):
 * how a branch-ENI pod's traffic is routed on its node, which decides whether the pod can reach an
 * address of its own node such as NodeLocal DNSCache's 169.254.20.10.
 *
 * <p>Sources (aws/amazon-vpc-cni-k8s): README.md, "POD_SECURITY_GROUP_ENFORCING_MODE";
 * cmd/routed-eni-cni-plugin/driver/driver.go SetupBranchENIPodNetwork (strict:
 * setupIIFBasedContainerRouteRules, standard: setupIPBasedContainerRouteRules);
 * pkg/networkutils/network.go (strict moves the rule "lookup local" from priority 0 to
 * localRulePriority 20, below VlanRulePriority 10).
 *
 * <p>Deviation: that the VPC drops a branch ENI's packet for a link-local destination is deduced
 * (link-local addresses are not forwarded, RFC 3927 section 2.6.2; the VPC routes only its CIDRs and
 * its route tables' targets), not stated by AWS for this case; the istio EKS platform notes and the
 * VPC CNI README ("traffic from another service on the same host (such as kubelet/nodeLocalDNS)")
 * say the same in other words.
 */
public enum PodSgEnforcingMode {
    /**
     * Every packet from the pod's host veth is looked up in the branch ENI's table (rule priority 10)
     * before the local table (moved to 20): it leaves through the VLAN to the VPC, even when its
     * destination is an address of the pod's own node. Security groups see all the pod's traffic.
     */
    STRICT,
    /**
     * "to pod IP" uses the main table (priority 512), "from pod IP" the branch ENI's table (1536),
     * and the local table keeps priority 0: a destination on the node itself is delivered locally,
     * unseen by security groups; everything else leaves through the branch ENI as in strict.
     */
    STANDARD;

    /** Whether the pod's packets to an address on its own node (a hostNetwork listener) arrive. */
    public boolean reachesNodeLocal() {
        return this == STANDARD;
    }

    /** As a scenario names it ({@code cni.pod-security-group-enforcing-mode}), in {@link KebabNames} spelling. */
    public static PodSgEnforcingMode fromKey(String key) {
        return KebabNames.find(PodSgEnforcingMode.class, key).orElseThrow(() -> new IllegalArgumentException(
                "must be " + KebabNames.allowed(PodSgEnforcingMode.class) + " (the VPC CNI's values), got '" + key
                        + "'"));
    }
}
