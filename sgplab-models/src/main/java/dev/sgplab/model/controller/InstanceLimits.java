package dev.sgplab.model.controller;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Branch ENI limits per instance type, copied as data from aws/amazon-vpc-resource-controller-k8s
 * pkg/aws/vpc/limits.go (BranchInterface, IsTrunkingCompatible). Only a few common types are listed;
 * a scenario can give {@code branch-interface-limit} for any other.
 */
public final class InstanceLimits {
    private static final Map<String, Integer> BRANCH_INTERFACES = new TreeMap<>();

    static {
        for (String family : new String[] {"c5", "c5a", "c5ad", "m5"}) {
            BRANCH_INTERFACES.put(family + ".large", 9);
            BRANCH_INTERFACES.put(family + ".xlarge", 18);
            BRANCH_INTERFACES.put(family + ".2xlarge", 38);
            BRANCH_INTERFACES.put(family + ".4xlarge", 54);
        }
        BRANCH_INTERFACES.put("a1.medium", 10);
        BRANCH_INTERFACES.put("a1.large", 9);
        BRANCH_INTERFACES.put("a1.xlarge", 18);
        BRANCH_INTERFACES.put("a1.2xlarge", 38);
        BRANCH_INTERFACES.put("a1.4xlarge", 54);
        BRANCH_INTERFACES.put("c5.9xlarge", 54);
        BRANCH_INTERFACES.put("c5.12xlarge", 54);
        BRANCH_INTERFACES.put("c5.18xlarge", 107);
        BRANCH_INTERFACES.put("c5.24xlarge", 107);
        // Not trunking compatible (IsTrunkingCompatible: false): SGPP cannot run there.
        for (String type : new String[] {"c1.medium", "c3.large", "c4.large", "c4.xlarge"}) {
            BRANCH_INTERFACES.put(type, 0);
        }
    }

    private InstanceLimits() {
    }

    /** The branch limit, empty when the type is not in the table. 0 means not trunking compatible. */
    public static Optional<Integer> branchInterfaces(String instanceType) {
        return Optional.ofNullable(BRANCH_INTERFACES.get(instanceType));
    }

    public static Iterable<String> knownTypes() {
        return BRANCH_INTERFACES.keySet();
    }
}
