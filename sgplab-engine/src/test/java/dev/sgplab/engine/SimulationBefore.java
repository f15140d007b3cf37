package dev.sgplab.engine;

import java.util.Arrays;

/**
 * The engine as it was before issue #13's event queue, its heap and pop loop unchanged: a binary heap
 * (keys in primitive arrays beside the events) and lazy cancel (a cancelled event stays queued, is
 * popped when its time comes, and skipped). {@code EventQueueTest} replays traffic against it; the
 * JMH {@code EventQueueBenchmark} measures it beside {@link Simulation} (this class reaches the
 * benchmarks through the engine's test jar). Its events are {@link TimedEvent}, which is what its
 * ScheduledEvent was.
 */
public final class SimulationBefore implements Scheduler {
    private final BinaryHeap queue = new BinaryHeap();
    private long now;
    private long sequence;
    private long executed;

    @Override
    public long now() {
        return now;
    }

    @Override
    public Cancellable scheduleAt(long at, Runnable action) {
        TimedEvent event = new TimedEvent(Math.max(at, now), sequence++, action);
        queue.add(event);
        return event;
    }

    @Override
    public Series series(int count) {
        long[] next = {sequence};
        long end = sequence + count;
        sequence += count;
        return (at, action) -> {
            if (next[0] == end) {
                throw new IllegalStateException("series of " + count + " events already fully scheduled");
            }
            TimedEvent event = new TimedEvent(Math.max(at, now), next[0]++, action);
            queue.add(event);
            return event;
        };
    }

    public void run() {
        while (step()) {
            // each turn ran one live event
        }
    }

    /** Runs exactly one live event; returns false when there was none. */
    public boolean step() {
        while (!queue.isEmpty()) {
            TimedEvent next = queue.poll();
            if (next.isCancelled()) {
                continue;
            }
            now = next.time;
            executed++;
            next.action.run();
            return true;
        }
        return false;
    }

    public long executedEvents() {
        return executed;
    }

    /** The binary min-heap of events keyed by (time, sequence), as it was (its unused methods left out). */
    private static final class BinaryHeap {
        private long[] times = new long[256];
        private long[] sequences = new long[256];
        private TimedEvent[] events = new TimedEvent[256];
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        void add(TimedEvent event) {
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

        TimedEvent poll() {
            if (size == 0) {
                return null;
            }
            TimedEvent first = events[0];
            int last = --size;
            TimedEvent moved = events[last];
            events[last] = null;
            if (last > 0) {
                siftDownFromRoot(times[last], sequences[last], moved);
            }
            return first;
        }

        private void siftDownFromRoot(long time, long sequence, TimedEvent event) {
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

        private void set(int at, long time, long sequence, TimedEvent event) {
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
}
