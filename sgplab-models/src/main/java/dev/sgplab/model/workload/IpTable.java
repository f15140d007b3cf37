package dev.sgplab.model.workload;

import dev.sgplab.model.address.IpSlots;

/**
 * A map from IPv4 address to a value on primitive keys ({@link IpSlots}): a run that keeps its pods
 * looks up the last owner of an address for every new branch ENI. Entries are replaced, never
 * removed: a subnet holds at most 65,536 addresses, so the table stays bounded however long the run.
 */
final class IpTable<V> extends IpSlots {
    private Object[] values = new Object[capacity()];

    /** Sets {@code ip}'s value and returns the one it replaces (null when none). */
    @SuppressWarnings("unchecked")
    V put(int ip, V value) {
        int slot = slot(ip);
        if (!used(slot)) {
            slot = claim(ip);
        }
        V previous = (V) values[slot];
        values[slot] = value;
        return previous;
    }

    @Override
    protected void moveValue(int from, int to) {
        values[to] = values[from];
    }

    @Override
    protected void clearValue(int slot) {
        values[slot] = null;
    }

    @Override
    protected void resizeValues(int capacity, int[] newSlots) {
        Object[] old = values;
        values = new Object[capacity];
        copyToNewSlots(old, values, newSlots);
    }
}
