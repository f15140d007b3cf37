package dev.sgplab.engine;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A scheduler on a real clock, for driving the models against real systems (the kernel lab).
 * Model time runs {@code 1 / timeScale} times as fast as the real clock: with a time scale of 0.2,
 * five model seconds pass in one real second. All actions run on the thread that calls
 * {@link #runUntil}; other threads hand work to it with {@link #post}.
 */
public final class RealTimeScheduler implements Scheduler {
    private final LongSupplier nanoTime;
    private final double timeScale;
    private final long origin;
    private final PriorityQueue<TimedEvent> queue = new PriorityQueue<>(
            (a, b) -> a.before(b) ? -1 : b.before(a) ? 1 : 0);
    private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
    private volatile Thread loopThread;
    private long sequence;
    private volatile long maxLateness;

    public RealTimeScheduler(double timeScale) {
        this(System::nanoTime, timeScale);
    }

    public RealTimeScheduler(LongSupplier nanoTime, double timeScale) {
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("time scale must be positive, got " + timeScale);
        }
        this.nanoTime = nanoTime;
        this.timeScale = timeScale;
        this.origin = nanoTime.getAsLong();
    }

    /** Model time in nanoseconds since the scheduler was made. */
    @Override
    public long now() {
        return (long) ((nanoTime.getAsLong() - origin) / timeScale);
    }

    public double timeScale() {
        return timeScale;
    }

    /** The latest any event has run after its time so far, in model nanoseconds: how well the clock kept up. */
    public long maxLatenessNanos() {
        return maxLateness;
    }

    /** Real nanoseconds for a model duration. */
    public long toRealNanos(long modelNanos) {
        return (long) (modelNanos * timeScale);
    }

    /** Only from the loop thread (as models do from their actions), or before the loop runs. */
    @Override
    public Cancellable scheduleAt(long at, Runnable action) {
        TimedEvent event = new TimedEvent(at, sequence++, action);
        queue.add(event);
        return event;
    }

    /** From any thread: runs {@code action} on the loop thread as soon as it can. */
    public void post(Runnable action) {
        posted.add(action);
        Thread loop = loopThread;
        if (loop != null) {
            LockSupport.unpark(loop);
        }
    }

    /**
     * Runs due actions until {@code done} holds, the real-time limit passes (returns false) or the
     * thread is interrupted (returns false, interrupt flag kept).
     */
    public boolean runUntil(BooleanSupplier done, long realLimitNanos) {
        loopThread = Thread.currentThread();
        long deadline = nanoTime.getAsLong() + realLimitNanos;
        try {
            while (!done.getAsBoolean()) {
                if (Thread.currentThread().isInterrupted() || nanoTime.getAsLong() > deadline) {
                    return false;
                }
                Runnable action = posted.poll();
                if (action != null) {
                    action.run();
                    continue;
                }
                TimedEvent next = queue.peek();
                long now = now();
                if (next != null && next.time <= now) {
                    queue.poll();
                    if (!next.isCancelled()) {
                        maxLateness = Math.max(maxLateness, now - next.time);
                        next.action.run();
                    }
                    continue;
                }
                long waitModel = next == null ? TimeUnit.MILLISECONDS.toNanos(100) : next.time - now;
                long waitReal = Math.min(toRealNanos(waitModel), TimeUnit.MILLISECONDS.toNanos(100));
                if (posted.isEmpty()) {
                    LockSupport.parkNanos(this, Math.max(waitReal, 1_000));
                }
            }
            return true;
        } finally {
            loopThread = null;
        }
    }
}
