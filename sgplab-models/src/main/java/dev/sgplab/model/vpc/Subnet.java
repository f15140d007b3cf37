package dev.sgplab.model.vpc;

import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.address.Ipv4;

import java.util.random.RandomGenerator;

/**
 * An EC2 subnet as a pool of private IPv4 addresses.
 *
 * <p>Source: AWS VPC user guide, "Subnet CIDR blocks": the first four addresses (network, VPC
 * router, DNS, reserved) and the last (broadcast) are never assigned. Addresses used by others
 * (nodes, load balancers, other ENIs) are taken from the lowest usable ones, since those were
 * typically assigned first; which free address a new interface gets is an {@link AllocationPolicy}.
 */
public final class Subnet {
    public static final int RESERVED_ADDRESSES = 5;
    /**
     * What {@link #allocate()} returns when no address is free. 255.255.255.255 can never be
     * assigned (it would be its subnet's broadcast address); addresses are unsigned, so no "< 0" test.
     */
    public static final int NO_ADDRESS = -1;

    private final Cidr cidr;
    private final AllocationPolicy policy;
    private final AllocationPolicy.FreePool free;
    private final long[] releasedAt;
    private final boolean[] inUse;
    private final int usable;

    public Subnet(Cidr cidr, int usedByOthers, AllocationPolicy policy, RandomGenerator random) {
        if (cidr.prefixLength() > 28) {
            throw new IllegalArgumentException("subnet " + cidr + " is smaller than /28, the smallest EC2 allows");
        }
        if (cidr.prefixLength() < 16) {
            throw new IllegalArgumentException("subnet " + cidr + " is larger than /16, the largest EC2 allows");
        }
        this.cidr = cidr;
        this.policy = policy;
        int size = (int) cidr.size();
        this.usable = size - RESERVED_ADDRESSES;
        if (usedByOthers < 0 || usedByOthers >= usable) {
            throw new IllegalArgumentException("used-by-others must be 0.." + (usable - 1) + " for " + cidr + ", got "
                    + usedByOthers);
        }
        this.free = policy.newPool(random);
        this.releasedAt = new long[size];
        this.inUse = new boolean[size];
        java.util.Arrays.fill(releasedAt, Long.MIN_VALUE);
        int firstUsable = 4;
        for (int offset = firstUsable; offset < size - 1; offset++) {
            if (offset < firstUsable + usedByOthers) {
                inUse[offset] = true;
            } else {
                free.add(offset);
            }
        }
        AllocationPolicy.seedingDone(free);
    }

    public Cidr cidr() {
        return cidr;
    }

    public AllocationPolicy policy() {
        return policy;
    }

    public int freeAddresses() {
        return free.size();
    }

    public int usableAddresses() {
        return usable;
    }

    /** Assigns an address to a new interface, or returns {@link #NO_ADDRESS}: InsufficientFreeAddressesInSubnet. */
    public int allocate() {
        int offset = free.take();
        if (offset < 0) {
            return NO_ADDRESS;
        }
        inUse[offset] = true;
        return cidr.address(offset);
    }

    /** The interface holding {@code ip} was deleted at {@code now}. */
    public void release(int ip, long now) {
        int offset = ip - cidr.network();
        if (!cidr.contains(ip) || !inUse[offset]) {
            throw new IllegalStateException(Ipv4.format(ip) + " is not in use in " + cidr);
        }
        inUse[offset] = false;
        releasedAt[offset] = now;
        free.add(offset);
    }

    /** When {@code ip} was last released, or {@link Long#MIN_VALUE} if never. */
    public long releasedAt(int ip) {
        return releasedAt[ip - cidr.network()];
    }
}
