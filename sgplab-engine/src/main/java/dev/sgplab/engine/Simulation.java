package dev.sgplab.engine;

/**
 * A single-threaded discrete-event run on a virtual clock. Deterministic: the same schedule of
 * actions and the same random streams give the same run, whatever else the JVM is doing.
 */
public final class Simulation implements Scheduler {
    /** What {@link #recordQueueOperations} reports for a removal from the queue. */
    public static final long POP = -1;

    private final EventQueue queue = new EventQueue();
    private long now;
    private long sequence;
    private long executed;
    private java.util.function.LongConsumer recorder;

    @Override
    public long now() {
        return now;
    }

    @Override
    public Cancellable scheduleAt(long at, Runnable action) {
        return enqueue(new ScheduledEvent(Math.max(at, now), sequence++, action));
    }

    private ScheduledEvent enqueue(ScheduledEvent event) {
        queue.add(event);
        if (recorder != null) {
            recorder.accept(event.time);
        }
        return event;
    }

    /** Reserves {@code count} sequence numbers now: the series' events order as if all queued now. */
    @Override
    public Series series(int count) {
        ReservedSeries series = new ReservedSeries(sequence, count);
        sequence += count;
        return series;
    }

    /** A block of reserved sequence numbers, handed out in order. */
    private final class ReservedSeries implements Series {
        private final int count;
        private final long end;
        private long next;

        ReservedSeries(long first, int count) {
            this.count = count;
            this.next = first;
            this.end = first + count;
        }

        @Override
        public Cancellable scheduleNext(long at, Runnable action) {
            if (next == end) {
                throw new IllegalStateException("series of " + count + " events already fully scheduled");
            }
            return enqueue(new ScheduledEvent(Math.max(at, now), next++, action));
        }
    }

    /** Runs events until the queue is empty or the next event lies after {@code until}. */
    public void runUntil(long until) {
        while (runNextUpTo(until)) {
            // each turn ran one live event
        }
        if (until != Long.MAX_VALUE && now < until) {
            now = until;
        }
    }

    public void run() {
        runUntil(Long.MAX_VALUE);
    }

    /** Runs exactly one live event; returns false when there was none. */
    public boolean step() {
        return runNextUpTo(Long.MAX_VALUE);
    }

    /**
     * Runs the first live event if it lies at or before {@code until}, dropping the cancelled events
     * ahead of it; returns false when there was none.
     */
    private boolean runNextUpTo(long until) {
        while (!queue.isEmpty() && queue.firstTime() <= until) {
            ScheduledEvent next = queue.poll();
            if (recorder != null) {
                recorder.accept(POP);
            }
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

    /**
     * Reports every queue operation: the time of each scheduled event, {@link #POP} for each removal
     * (cancelled events included). For benchmarks that replay a run's exact queue traffic.
     */
    public void recordQueueOperations(java.util.function.LongConsumer recorder) {
        this.recorder = recorder;
    }

    /** Events run so far (cancelled ones are not counted). */
    public long executedEvents() {
        return executed;
    }

    public int pendingEvents() {
        return queue.size();
    }
}
