package dev.sgplab.model.probe;

import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.controller.BranchEni;

/**
 * The probe, described once for {@code simulate probe} and {@code lab probe}: pod A (IP X, MAC A)
 * resolves, so the DNS node learns X -> A; A's interface is deleted; after a gap pod B (IP X, MAC B)
 * resolves. X is the subnet's first address not used by others (the DNS node holds the lowest of
 * those); the MACs are fixed locally administered addresses, so both sides report the same ones.
 *
 * <p>Not a model of a system: the controlled experiment the report's failure reduces to.
 */
public record ProbeSetup(int ip) {
    public static final long MAC_A = 0x0200_0000_0a01L;
    public static final long MAC_B = 0x0200_0000_0b02L;

    /** The probe in a subnet whose first {@code usedByOthers} addresses after AWS's four are taken. */
    public static ProbeSetup in(Cidr subnet, int usedByOthers) {
        return new ProbeSetup(subnet.address(4 + Math.max(1, usedByOthers)));
    }

    /** Pod A, the address's first owner. */
    public BranchEni oldOwner() {
        return new BranchEni("eni-probe-a", MAC_A, ip, 1, "probe-1");
    }

    /** Pod B, which gets the address after the gap with a new MAC. */
    public BranchEni newOwner() {
        return new BranchEni("eni-probe-b", MAC_B, ip, 2, "probe-2");
    }
}
