package dev.sgplab.engine;

import java.util.Arrays;

/**
 * A 4-ary min-heap of actions keyed by (time, sequence): the smallest time comes first, and among
 * equal times the smallest sequence. Sequences are unique, so no two keys tie and any correct heap
 * pops exactly the same order ({@code EventQueueTest} replays random traffic on the engine before,
 * a binary heap, and on this one).
 *
 * <p>Why this shape, measured on the 1,000-node scenario (docs/scale.md): about 1,000 events are
 * queued at a time, the queue was 40 % of a long run's CPU samples, and 18 % of what it popped were
 * cancelled events (neighbour timers are cancelled and re-armed often).
 * <ul>
 *   <li>Everything lives in primitive arrays (and one array of actions): a sift, a pop and a cancel
 *       never read an event object, which in a long run lies scattered in memory, out of the cache.
 *   <li>Four children per node instead of two: half the levels to sift through (5 instead of 10 at
 *       1,000 events), so half the moves, and a node's four child times share one or two cache lines.
 *   <li>A cancelled event leaves the heap at once ({@link #remove}), so a pop never meets one: it
 *       used to cost a full sift from the root each; removal from the middle costs a short sift, as
 *       most events sit near the leaves.
 * </ul>
 *
 * <p>Each queued action has an id, its row in the per-id arrays: where it sits in the heap, its action
 * and its sequence. Ids are reused (the last freed first, so the rows in use stay few and cached),
 * and the sequence tells a handle whether the row is still its event's ({@link #holds}).
 */
final class EventQueue {
    /** log2 of the number of children per node. */
    private static final int SHIFT = 2;
    private static final int INITIAL_CAPACITY = 256;
    /** The sequence of a free id: sequences are never negative. */
    private static final long FREE = -1;

    // by slot in the heap
    private long[] times = new long[INITIAL_CAPACITY];
    private long[] sequences = new long[INITIAL_CAPACITY];
    private int[] ids = new int[INITIAL_CAPACITY];
    private int size;

    // by id
    private int[] slots = new int[INITIAL_CAPACITY];
    private Runnable[] actions = new Runnable[INITIAL_CAPACITY];
    private long[] sequenceOfId = new long[INITIAL_CAPACITY];
    private int[] freeIds = new int[INITIAL_CAPACITY];
    private int freeCount;
    private int idsUsed;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Queues {@code action}; returns its id. */
    int add(long time, long sequence, Runnable action) {
        int id = takeId();
        actions[id] = action;
        sequenceOfId[id] = sequence;
        siftUp(size++, time, sequence, id);
        return id;
    }

    /** The time of the first event; only when not empty. */
    long firstTime() {
        return times[0];
    }

    /** Removes the first event and returns its action; only when not empty. */
    Runnable poll() {
        Runnable action = release(ids[0]);
        fillHole(0);
        return action;
    }

    /** Whether the event queued with this id and sequence is still queued. */
    boolean holds(int id, long sequence) {
        return sequenceOfId[id] == sequence;
    }

    /** Removes the queued event with this id wherever it sits (a cancelled one). */
    void remove(int id) {
        int slot = slots[id];
        release(id);
        fillHole(slot);
    }

    private int takeId() {
        if (freeCount > 0) {
            return freeIds[--freeCount];
        }
        if (idsUsed == ids.length) {
            grow(); // the heap holds no more events than there are ids: it grows with them
        }
        return idsUsed++;
    }

    private Runnable release(int id) {
        Runnable action = actions[id];
        actions[id] = null;
        sequenceOfId[id] = FREE;
        freeIds[freeCount++] = id;
        return action;
    }

    /** Moves the last event into the emptied slot {@code hole} and restores the heap order around it. */
    private void fillHole(int hole) {
        int last = --size;
        if (hole == last) {
            return;
        }
        long time = times[last];
        long sequence = sequences[last];
        int id = ids[last];
        if (hole > 0 && before(time, sequence, (hole - 1) >>> SHIFT)) {
            siftUp(hole, time, sequence, id);
        } else {
            siftDown(hole, time, sequence, id);
        }
    }

    private void siftUp(int hole, long time, long sequence, int id) {
        while (hole > 0) {
            int parent = (hole - 1) >>> SHIFT;
            if (!before(time, sequence, parent)) {
                break;
            }
            move(parent, hole);
            hole = parent;
        }
        set(hole, time, sequence, id);
    }

    private void siftDown(int hole, long time, long sequence, int id) {
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
        set(hole, time, sequence, id);
    }

    /** Whether the key (time, sequence) ranks before the event in slot {@code at}. */
    private boolean before(long time, long sequence, int at) {
        long atTime = times[at];
        return time < atTime || (time == atTime && sequence < sequences[at]);
    }

    private void move(int from, int to) {
        set(to, times[from], sequences[from], ids[from]);
    }

    private void set(int at, long time, long sequence, int id) {
        times[at] = time;
        sequences[at] = sequence;
        ids[at] = id;
        slots[id] = at;
    }

    private void grow() {
        int capacity = ids.length * 2;
        times = Arrays.copyOf(times, capacity);
        sequences = Arrays.copyOf(sequences, capacity);
        ids = Arrays.copyOf(ids, capacity);
        slots = Arrays.copyOf(slots, capacity);
        actions = Arrays.copyOf(actions, capacity);
        sequenceOfId = Arrays.copyOf(sequenceOfId, capacity);
        freeIds = Arrays.copyOf(freeIds, capacity);
    }
}
