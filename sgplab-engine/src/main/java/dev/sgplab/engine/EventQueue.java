package dev.sgplab.engine;

import java.util.Arrays;

/**
 * A binary min-heap of events keyed by (time, sequence). Written out rather than using
 * {@link java.util.PriorityQueue} so that the comparison is two primitive compares with no
 * Comparator indirection; {@code sgplab bench} measures the ratio between the two.
 *
 * <p>The keys live in two primitive arrays beside the events, not only in the event objects: a sift
 * compares keys that lie side by side in memory instead of following a pointer to an event object
 * per comparison. In a long run the events are scattered over the heap and the rest of the model's
 * state pushes them out of the CPU caches between two pops; the key arrays (16 bytes an event)
 * stay cached. Which event ranks first is unchanged: the same (time, sequence) order.
 */
final class EventQueue {
    private long[] times = new long[256];
    private long[] sequences = new long[256];
    private ScheduledEvent[] events = new ScheduledEvent[256];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(ScheduledEvent event) {
        if (size == events.length) {
            grow();
        }
        long time = event.time;
        long sequence = event.sequence;
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

    /** The time of the first event; only when not empty. */
    long firstTime() {
        return times[0];
    }

    ScheduledEvent peek() {
        return size == 0 ? null : events[0];
    }

    ScheduledEvent poll() {
        if (size == 0) {
            return null;
        }
        ScheduledEvent first = events[0];
        int last = --size;
        ScheduledEvent moved = events[last];
        events[last] = null;
        if (last > 0) {
            siftDownFromRoot(times[last], sequences[last], moved);
        }
        return first;
    }

    private void siftDownFromRoot(long time, long sequence, ScheduledEvent event) {
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

    private void set(int at, long time, long sequence, ScheduledEvent event) {
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

    void clear() {
        Arrays.fill(events, 0, size, null);
        size = 0;
    }
}
