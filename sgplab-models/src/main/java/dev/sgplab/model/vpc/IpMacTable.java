package dev.sgplab.model.vpc;

import dev.sgplab.model.address.IpSlots;

/** IPv4 address to owner MAC, both primitive: the fabric looks the owner up for every reply and ARP request. */
final class IpMacTable extends IpSlots {
    private long[] macs = new long[capacity()];

    /** Whether {@code ip} has an owner. */
    boolean contains(int ip) {
        return used(slot(ip));
    }

    /** The owner of {@code ip}, or {@code absent}. */
    long get(int ip, long absent) {
        int slot = slot(ip);
        return used(slot) ? macs[slot] : absent;
    }

    /** Sets {@code ip}'s owner. */
    void put(int ip, long mac) {
        int slot = slot(ip);
        if (!used(slot)) {
            slot = claim(ip);
        }
        macs[slot] = mac;
    }

    /** Forgets {@code ip}'s owner (nothing when it has none). */
    void remove(int ip) {
        int slot = slot(ip);
        if (used(slot)) {
            release(slot);
        }
    }

    @Override
    protected void moveValue(int from, int to) {
        macs[to] = macs[from];
    }

    @Override
    protected void clearValue(int slot) {
        macs[slot] = 0;
    }

    @Override
    protected void resizeValues(int capacity, int[] newSlots) {
        long[] old = macs;
        macs = new long[capacity];
        copyToNewSlots(old, macs, newSlots);
    }
}
