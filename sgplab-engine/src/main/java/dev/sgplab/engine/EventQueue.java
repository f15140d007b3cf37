package dev.sgplab.engine;

import java.util.Arrays;

/**
 * A binary min-heap of events keyed by (time, sequence). Written out rather than using
 * {@link java.util.PriorityQueue} so that the comparison is two primitive compares with no
 * Comparator indirection; {@code sgplab bench} measures the ratio between the two.
 */
final class EventQueue {
    private ScheduledEvent[] heap = new ScheduledEvent[256];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(ScheduledEvent event) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int child = size++;
        while (child > 0) {
            int parent = (child - 1) >>> 1;
            ScheduledEvent up = heap[parent];
            if (!event.before(up)) {
                break;
            }
            heap[child] = up;
            child = parent;
        }
        heap[child] = event;
    }

    ScheduledEvent peek() {
        return size == 0 ? null : heap[0];
    }

    ScheduledEvent poll() {
        if (size == 0) {
            return null;
        }
        ScheduledEvent first = heap[0];
        ScheduledEvent last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDownFromRoot(last);
        }
        return first;
    }

    private void siftDownFromRoot(ScheduledEvent event) {
        int parent = 0;
        int half = size >>> 1;
        while (parent < half) {
            int child = 2 * parent + 1;
            ScheduledEvent smaller = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(smaller)) {
                child = right;
                smaller = heap[child];
            }
            if (!smaller.before(event)) {
                break;
            }
            heap[parent] = smaller;
            parent = child;
        }
        heap[parent] = event;
    }

    void clear() {
        Arrays.fill(heap, 0, size, null);
        size = 0;
    }
}
