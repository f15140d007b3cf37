package dev.sgplab.model.workload;

import java.util.Arrays;

/**
 * A map from IPv4 address to a value with open addressing on primitive keys: the churn test looks
 * up the last owner of an address for every new branch ENI, and a boxed {@code HashMap} spends
 * more on the lookup than the model does on the pod. Entries are replaced, never removed: a subnet
 * holds at most 65,536 addresses, so the table stays bounded however long the run.
 */
final class IpTable<V> {
    private int[] keys = new int[64];
    private Object[] values = new Object[64];
    private boolean[] used = new boolean[64];
    private int size;

    /** Sets {@code ip}'s value and returns the one it replaces (null when none). */
    @SuppressWarnings("unchecked")
    V put(int ip, V value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int slot = slot(ip);
        V previous = (V) values[slot];
        if (!used[slot]) {
            used[slot] = true;
            keys[slot] = ip;
            size++;
        }
        values[slot] = value;
        return previous;
    }

    private int slot(int ip) {
        int mask = keys.length - 1;
        int slot = mix(ip) & mask;
        while (used[slot] && keys[slot] != ip) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Addresses of one subnet differ in their low bits: spread them over the table (Fibonacci hashing). */
    private static int mix(int ip) {
        return (ip * 0x9E3779B9) >>> 7;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        boolean[] oldUsed = used;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                int slot = slot(oldKeys[i]);
                used[slot] = true;
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
                size++;
            }
        }
        Arrays.fill(oldValues, null);
    }

    int size() {
        return size;
    }
}
