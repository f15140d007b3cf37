package dev.sgplab.engine;

import java.util.Arrays;

/**
 * A 4-ary min-heap of events keyed by (time, sequence): the event with the smallest time comes
 * first, and among equal times the smallest sequence. Sequences are unique, so no two keys tie and
 * any correct heap pops exactly the same order ({@code EventQueueTest} replays random traffic against
 * the binary heap this replaced).
 *
 * <p>Why this shape, measured on the 1,000-node scenario (docs/scale.md): about 1,000 events are
 * queued at a time, and the queue was 40 % of a long run's CPU samples.
 * <ul>
 *   <li>The keys live in two primitive arrays beside the events: a sift compares keys that lie side
 *       by side in memory instead of following a pointer to a scattered event object per comparison.
 *   <li>Four children per node instead of two: half the levels to sift through (5 instead of 10 at
 *       1,000 events), so half the moves, and a node's four child times share one or two cache lines.
 *   <li>A cancelled event leaves the heap at once ({@link #remove}), so a pop never meets one. A
 *       neighbour timer is cancelled and re-armed often: lazily, 18 % of the pops of a long run were
 *       cancelled events, each paying a full sift from the root. Removal from the middle costs a
 *       short sift instead, as most events sit near the leaves. For that each event keeps its slot.
 * </ul>
 */
final class EventQueue {
    /** log2 of the number of children per node. */
    private static final int SHIFT = 2;
    private static final int INITIAL_CAPACITY = 256;

    private long[] times = new long[INITIAL_CAPACITY];
    private long[] sequences = new long[INITIAL_CAPACITY];
    private ScheduledEvent[] events = new ScheduledEvent[INITIAL_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long time, long sequence, ScheduledEvent event) {
        if (size == events.length) {
            grow();
        }
        siftUp(size++, time, sequence, event);
    }

    /** The time of the first event; only when not empty. */
    long firstTime() {
        return times[0];
    }

    /** Removes and returns the first event; only when not empty. */
    ScheduledEvent poll() {
        ScheduledEvent first = events[0];
        first.slot = ScheduledEvent.NOT_QUEUED;
        fillHole(0);
        return first;
    }

    /** Removes a queued event wherever it sits (a cancelled one). */
    void remove(ScheduledEvent event) {
        int slot = event.slot;
        event.slot = ScheduledEvent.NOT_QUEUED;
        fillHole(slot);
    }

    /** Moves the last event into the emptied slot {@code hole} and restores the heap order around it. */
    private void fillHole(int hole) {
        int last = --size;
        ScheduledEvent moved = events[last];
        events[last] = null;
        if (hole == last) {
            return;
        }
        long time = times[last];
        long sequence = sequences[last];
        if (hole > 0 && before(time, sequence, (hole - 1) >>> SHIFT)) {
            siftUp(hole, time, sequence, moved);
        } else {
            siftDown(hole, time, sequence, moved);
        }
    }

    private void siftUp(int hole, long time, long sequence, ScheduledEvent event) {
        while (hole > 0) {
            int parent = (hole - 1) >>> SHIFT;
            if (!before(time, sequence, parent)) {
                break;
            }
            move(parent, hole);
            hole = parent;
        }
        set(hole, time, sequence, event);
    }

    private void siftDown(int hole, long time, long sequence, ScheduledEvent event) {
        while (true) {
            int first = (hole << SHIFT) + 1;
            if (first >= size) {
                break;
            }
            int end = Math.min(first + (1 << SHIFT), size);
            int least = first;
            long leastTime = times[first];
            for (int child = first + 1; child < end; child++) {
                long childTime = times[child];
                if (childTime < leastTime || (childTime == leastTime && sequences[child] < sequences[least])) {
                    least = child;
                    leastTime = childTime;
                }
            }
            if (before(time, sequence, least)) {
                break;
            }
            move(least, hole);
            hole = least;
        }
        set(hole, time, sequence, event);
    }

    /** Whether the key (time, sequence) ranks before the event in slot {@code at}. */
    private boolean before(long time, long sequence, int at) {
        long atTime = times[at];
        return time < atTime || (time == atTime && sequence < sequences[at]);
    }

    private void move(int from, int to) {
        set(to, times[from], sequences[from], events[from]);
    }

    private void set(int at, long time, long sequence, ScheduledEvent event) {
        times[at] = time;
        sequences[at] = sequence;
        events[at] = event;
        event.slot = at;
    }

    private void grow() {
        int capacity = events.length * 2;
        times = Arrays.copyOf(times, capacity);
        sequences = Arrays.copyOf(sequences, capacity);
        events = Arrays.copyOf(events, capacity);
    }
}
