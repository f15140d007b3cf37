package dev.sgplab.model.neighbour;

import dev.sgplab.model.address.IpSlots;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A device's entries by IP on primitive keys ({@link IpSlots}): looked up for every packet sent and
 * ARP reply. Listing them keeps the order they were added in, as the {@code LinkedHashMap} this
 * replaces did (a guard's sweep and {@code ip neigh} dumps walk them in that order).
 */
final class DeviceEntries extends IpSlots {
    private NeighbourEntry[] entries = new NeighbourEntry[capacity()];
    /** When each slot's entry was added, by a counter: the listing's order. */
    private long[] added = new long[capacity()];
    private long additions;

    NeighbourEntry get(int ip) {
        int slot = slot(ip);
        return used(slot) ? entries[slot] : null;
    }

    /** Sets the entry for its IP; one that replaces another keeps that one's place in the listing. */
    void put(NeighbourEntry entry) {
        int slot = slot(entry.ip());
        if (!used(slot)) {
            slot = claim(entry.ip());
            added[slot] = additions++;
        }
        entries[slot] = entry;
    }

    void remove(int ip) {
        int slot = slot(ip);
        if (used(slot)) {
            release(slot);
        }
    }

    /** The entries in the order they were added. */
    List<NeighbourEntry> inOrderAdded() {
        long[] keys = new long[size()];
        int n = 0;
        for (int slot = 0; slot < entries.length; slot++) {
            if (used(slot)) {
                keys[n++] = added[slot] * entries.length + slot; // sorts by addition; the slot rides along
            }
        }
        Arrays.sort(keys);
        List<NeighbourEntry> list = new ArrayList<>(n);
        for (long key : keys) {
            list.add(entries[(int) (key % entries.length)]);
        }
        return list;
    }

    @Override
    protected void moveValue(int from, int to) {
        entries[to] = entries[from];
        added[to] = added[from];
    }

    @Override
    protected void clearValue(int slot) {
        entries[slot] = null;
    }

    @Override
    protected void resizeValues(int capacity, int[] newSlots) {
        NeighbourEntry[] oldEntries = entries;
        long[] oldAdded = added;
        entries = new NeighbourEntry[capacity];
        added = new long[capacity];
        copyToNewSlots(oldEntries, entries, newSlots);
        copyToNewSlots(oldAdded, added, newSlots);
    }
}
