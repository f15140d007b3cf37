package dev.sgplab.engine;

import java.util.Arrays;

/**
 * The engine's event queue before issue #13 (a binary heap, keys in primitive arrays, lazy cancel:
 * a cancelled event stays queued until popped), kept as the reference {@code EventQueueTest}
 * replays traffic against. Events are trace ordinals here; the heap code is the old one unchanged.
 */
final class BinaryHeapBefore {
    private long[] times = new long[256];
    private long[] sequences = new long[256];
    private int[] events = new int[256];
    private int size;

    int size() {
        return size;
    }

    void add(long time, long sequence, int event) {
        if (size == events.length) {
            grow();
        }
        int child = size++;
        while (child > 0) {
            int parent = (child - 1) >>> 1;
            long parentTime = times[parent];
            if (parentTime < time || (parentTime == time && sequences[parent] < sequence)) {
                break;
            }
            move(parent, child);
            child = parent;
        }
        set(child, time, sequence, event);
    }

    long firstTime() {
        return times[0];
    }

    /** The first event; only when not empty. */
    int poll() {
        int first = events[0];
        int last = --size;
        if (last > 0) {
            siftDownFromRoot(times[last], sequences[last], events[last]);
        }
        return first;
    }

    private void siftDownFromRoot(long time, long sequence, int event) {
        int parent = 0;
        int half = size >>> 1;
        while (parent < half) {
            int child = 2 * parent + 1;
            int right = child + 1;
            if (right < size && before(right, child)) {
                child = right;
            }
            long childTime = times[child];
            if (time < childTime || (time == childTime && sequence < sequences[child])) {
                break;
            }
            move(child, parent);
            parent = child;
        }
        set(parent, time, sequence, event);
    }

    private boolean before(int a, int b) {
        long timeA = times[a];
        long timeB = times[b];
        return timeA < timeB || (timeA == timeB && sequences[a] < sequences[b]);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        sequences[to] = sequences[from];
        events[to] = events[from];
    }

    private void set(int at, long time, long sequence, int event) {
        times[at] = time;
        sequences[at] = sequence;
        events[at] = event;
    }

    private void grow() {
        int capacity = events.length * 2;
        times = Arrays.copyOf(times, capacity);
        sequences = Arrays.copyOf(sequences, capacity);
        events = Arrays.copyOf(events, capacity);
    }
}
