package dev.sgplab.model.address;

/**
 * The keys of a table from IPv4 address to a value, open addressing on primitive {@code int}s:
 * the simulator looks addresses up for every reply, ARP request and branch ENI, and a boxed
 * {@code HashMap<Integer, ...>} spent more there than the models did on the packet. Subclasses
 * hold the values in arrays of their own, indexed by the same slots.
 *
 * <p>Linear probing; removal shifts later entries of the probe run back (no tombstones), so the
 * table is never fuller than the addresses it holds, however long the run. Half full at most.
 *
 * <p>Nothing iterates the slots in slot order to decide a result ({@code DeviceEntries} lists by
 * the order of addition), so where an address lands does not change what a run does.
 */
public abstract class IpSlots {
    private static final long USED = 1L << 32;
    /**
     * Each slot's key and whether it is used, in one {@code long} ({@link #USED} | the address; 0:
     * free): a probe reads one array, not a key array and a flag array (a cache line fewer a lookup).
     */
    private long[] keys;
    private int size;
    /** 32 - log2(capacity): {@link #home} keeps the product's top bits. */
    private int shift;

    protected IpSlots() {
        keys = new long[64];
        shift = 32 - 6;
    }

    /** The slot holding {@code ip}, or the free slot where it would go. */
    protected final int slot(int ip) {
        int mask = keys.length - 1;
        int slot = home(ip);
        long key = USED | (ip & 0xFFFF_FFFFL);
        for (long k = keys[slot]; k != 0 && k != key; k = keys[slot]) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    protected final boolean used(int slot) {
        return keys[slot] != 0;
    }

    /** The number of slots: value arrays are this long. */
    protected final int capacity() {
        return keys.length;
    }

    /** Takes a slot for {@code ip}, which the table does not hold; grows first if it must. */
    protected final int claim(int ip) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int slot = slot(ip);
        keys[slot] = USED | (ip & 0xFFFF_FFFFL);
        size++;
        return slot;
    }

    /** Frees a used slot; entries moved into the hole are told by {@link #moveValue}. */
    protected final void release(int slot) {
        int mask = keys.length - 1;
        int hole = slot;
        keys[hole] = 0;
        clearValue(hole);
        size--;
        // backward shift: an entry later in the run moves into the hole unless its home lies in (hole, next]
        for (int next = (hole + 1) & mask; keys[next] != 0; next = (next + 1) & mask) {
            int home = home((int) keys[next]);
            boolean homeAfterHole = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!homeAfterHole) {
                keys[hole] = keys[next];
                moveValue(next, hole);
                keys[next] = 0;
                clearValue(next);
                hole = next;
            }
        }
    }

    public final int size() {
        return size;
    }

    /** Moves the value in slot {@code from} to slot {@code to}. */
    protected abstract void moveValue(int from, int to);

    /** Forgets the value in {@code slot} (e.g. nulls a reference, so the table holds no garbage). */
    protected abstract void clearValue(int slot);

    /** Makes value arrays of {@code capacity} and copies each old slot {@code i}'s value to {@code newSlots[i]} (-1: unused). */
    protected abstract void resizeValues(int capacity, int[] newSlots);

    /** For {@link #resizeValues}: copies each slot {@code i} of array {@code from} to slot {@code newSlots[i]} of {@code to}. */
    protected static void copyToNewSlots(Object from, Object to, int[] newSlots) {
        for (int i = 0; i < newSlots.length; i++) {
            if (newSlots[i] >= 0) {
                System.arraycopy(from, i, to, newSlots[i], 1);
            }
        }
    }

    /**
     * Where {@code ip}'s probe starts: Fibonacci hashing, the top log2(capacity) bits of ip * 2^32/phi.
     * Addresses of one subnet differ in their low bits, which the product's top bits mix best (the
     * middle bits this used before gave 1.3 probes a hit instead of 1.0 with 61,531 addresses of a
     * /16 in 131,072 slots, 2.6 instead of 2.1 a miss; no difference at a few hundred: docs/scale.md).
     */
    private int home(int ip) {
        return (ip * 0x9E3779B9) >>> shift;
    }

    private void grow() {
        long[] oldKeys = keys;
        keys = new long[oldKeys.length * 2];
        shift--;
        int[] newSlots = new int[oldKeys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            newSlots[i] = -1;
            if (oldKeys[i] != 0) {
                int slot = slot((int) oldKeys[i]);
                keys[slot] = oldKeys[i];
                newSlots[i] = slot;
            }
        }
        resizeValues(keys.length, newSlots);
    }
}
