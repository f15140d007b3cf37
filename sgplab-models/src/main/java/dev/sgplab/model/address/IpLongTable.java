package dev.sgplab.model.address;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A map from IPv4 address to a {@code long}, for tables that end up holding most addresses of a
 * subnet (one value per address ever used, kept for the whole run): the addresses of the /16 that
 * holds the first key put are an array index ({@code ip - base}), with no hashing and no probing,
 * and a lookup reads one array element. An EC2 subnet is at most a /16, so all its addresses fall
 * in that window; keys outside it (another subnet) go to a {@link HashMap}.
 *
 * <p>The window's array grows to the highest offset put (a /25 needs 128 elements, a /16 65,536).
 * Entries are set, never removed: an absent key reads as the {@code absent} value given at
 * construction, which cannot be stored.
 */
public final class IpLongTable {
    private static final int WINDOW_BITS = 16;

    private final long absent;
    private boolean anchored;
    /** The first address of the window: the /16 of the first key put. */
    private int base;
    private long[] window = new long[0];
    private Map<Integer, Long> outsideWindow;
    private int size;

    public IpLongTable(long absent) {
        this.absent = absent;
    }

    /** {@code ip}'s value, or the absent value. */
    public long get(int ip) {
        int offset = ip - base;
        if (anchored && offset >>> WINDOW_BITS == 0) {
            return offset < window.length ? window[offset] : absent;
        }
        if (outsideWindow == null) {
            return absent;
        }
        Long value = outsideWindow.get(ip);
        return value == null ? absent : value;
    }

    /** Sets {@code ip}'s value (not the absent value). */
    public void put(int ip, long value) {
        if (value == absent) {
            throw new IllegalArgumentException("the absent value " + value + " cannot be stored");
        }
        if (!anchored) {
            anchored = true;
            base = ip & -(1 << WINDOW_BITS);
        }
        int offset = ip - base;
        if (offset >>> WINDOW_BITS != 0) {
            if (outsideWindow == null) {
                outsideWindow = new HashMap<>();
            }
            if (outsideWindow.put(ip, value) == null) {
                size++;
            }
            return;
        }
        if (offset >= window.length) {
            grow(offset);
        }
        if (window[offset] == absent) {
            size++;
        }
        window[offset] = value;
    }

    /** Addresses with a value. */
    public int size() {
        return size;
    }

    private void grow(int offset) {
        int length = Math.max(64, Integer.highestOneBit(offset) << 1);
        int old = window.length;
        window = Arrays.copyOf(window, length);
        Arrays.fill(window, old, length, absent);
    }
}
