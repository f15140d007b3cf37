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
        return enqueue(at, sequence++, action);
    }

    private Cancellable enqueue(long at, long rank, Runnable action) {
        long time = Math.max(at, now);
        int id = queue.add(time, rank, action);
        if (recorder != null) {
            recorder.accept(time);
        }
        return new ScheduledEvent(this, id, rank);
    }

    /**
     * A cancelled event leaves the queue at once (see {@link EventQueue}), if it is still queued; the
     * removal is reported as one.
     */
    void dequeue(int id, long rank) {
        if (queue.holds(id, rank)) {
            queue.remove(id);
            if (recorder != null) {
                recorder.accept(POP);
            }
        }
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
            return enqueue(at, next++, action);
        }
    }

    /** Runs events until the queue is empty or the next event lies after {@code until}. */
    public void runUntil(long until) {
        while (runNextUpTo(until)) {
            // each turn ran one event
        }
        if (until != Long.MAX_VALUE && now < until) {
            now = until;
        }
    }

    public void run() {
        runUntil(Long.MAX_VALUE);
    }

    /** Runs exactly one event (cancelled ones are no longer queued); returns false when there was none. */
    public boolean step() {
        return runNextUpTo(Long.MAX_VALUE);
    }

    /** Runs the first event if it lies at or before {@code until}; returns false when there was none. */
    private boolean runNextUpTo(long until) {
        if (queue.isEmpty() || queue.firstTime() > until) {
            return false;
        }
        now = queue.firstTime();
        Runnable action = queue.poll();
        if (recorder != null) {
            recorder.accept(POP);
        }
        executed++;
        action.run();
        return true;
    }

    /**
     * Reports every queue operation: the time of each scheduled event, {@link #POP} for each removal
     * (a cancel included: a cancelled event leaves the queue when cancelled). For benchmarks that replay
     * a run's queue traffic: the replay's queue holds as many events as the run's at every step.
     */
    public void recordQueueOperations(java.util.function.LongConsumer recorder) {
        this.recorder = recorder;
    }

    /** Events run so far (cancelled ones are not counted). */
    public long executedEvents() {
        return executed;
    }

    /** Events queued and not cancelled. */
    public int pendingEvents() {
        return queue.size();
    }
}
