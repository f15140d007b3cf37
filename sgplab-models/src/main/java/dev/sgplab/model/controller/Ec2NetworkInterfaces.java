package dev.sgplab.model.controller;

/** The EC2 calls the trunk makes to delete a branch interface. */
@FunctionalInterface
public interface Ec2NetworkInterfaces {
    /** DeleteNetworkInterface; false when the call failed. */
    boolean deleteNetworkInterface(BranchEni eni);
}
