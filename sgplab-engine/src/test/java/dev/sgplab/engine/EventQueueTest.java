package dev.sgplab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's event queue pops exactly the order the binary heap it replaced popped
 * ({@link BinaryHeapBefore}): a trace of queue traffic is recorded once from a seed, then replayed
 * against the simulation and against the old heap. The trace has what a long run has: the queue
 * growing to thousands of events and draining, times that tie, reserved series whose sequences rank
 * before events queued earlier, cancels (most of still-queued events, some of events already run,
 * some twice), and events that cancel others while they run, as a DNS lookup cancels its timers.
 */
class EventQueueTest {
    private static final int OPERATIONS = 30_000;

    static long[] seeds() {
        long[] seeds = new long[24];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = 1000 + 7919L * i;
        }
        return seeds;
    }

    /** One operation of a trace. */
    private record Op(Kind kind, long delay, int target) {
    }

    private enum Kind {
        /** Queue an event {@code delay} after now; when it runs it cancels event {@code target} (or none, -1). */
        ADD,
        /** Reserve a series of {@code target} sequence numbers. */
        SERIES,
        /** Queue the next event of series {@code target}, {@code delay} after now. */
        NEXT,
        /** Cancel the {@code target}-th event queued. */
        CANCEL,
        /** Run (pop) the first event. */
        POP
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void popsExactlyTheOrderOfTheBinaryHeapItReplaced(long seed) {
        List<Op> trace = record(seed);
        List<Integer> engine = replayOnSimulation(trace);
        List<Integer> before = replayOnBinaryHeap(trace);
        assertThat(engine).hasSizeGreaterThan(OPERATIONS / 4);
        assertThat(engine).containsExactlyElementsOf(before);
    }

    /**
     * The trace: adds outnumber pops for a while (the queue grows to thousands), then pops
     * outnumber adds (it drains), three times over. Delays are drawn from a narrow range at times, so
     * that many times tie and only the sequence decides.
     */
    private static List<Op> record(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Op> trace = new ArrayList<>();
        int events = 0;
        int series = 0;
        for (int i = 0; i < OPERATIONS; i++) {
            int phase = i / (OPERATIONS / 6);
            int addPercent = phase % 2 == 0 ? 70 : 35;
            long range = random.nextInt(10) == 0 ? 3 : 1_000_000;
            int roll = random.nextInt(100);
            if (roll < addPercent) {
                int target = events > 0 && random.nextInt(10) == 0 ? random.nextInt(events) : -1;
                trace.add(new Op(Kind.ADD, random.nextLong(range), target));
                events++;
            } else if (roll < addPercent + 2) {
                trace.add(new Op(Kind.SERIES, 0, 1 + random.nextInt(4)));
                series++;
            } else if (roll < addPercent + 6 && series > 0) {
                trace.add(new Op(Kind.NEXT, random.nextLong(range), series - 1 - random.nextInt(Math.min(series, 5))));
                events++;
            } else if (roll < addPercent + 20 && events > 0) {
                // mostly recent events, which are likely still queued
                trace.add(new Op(Kind.CANCEL, 0, events - 1 - random.nextInt(Math.min(events, 200))));
            } else {
                trace.add(new Op(Kind.POP, 0, -1));
            }
        }
        return trace;
    }

    /** Ordinals of the events run, in order. */
    private static List<Integer> replayOnSimulation(List<Op> trace) {
        Simulation sim = new Simulation();
        List<Integer> ran = new ArrayList<>();
        List<Cancellable> handles = new ArrayList<>();
        List<Scheduler.Series> series = new ArrayList<>();
        List<Integer> seriesLeft = new ArrayList<>();
        for (Op op : trace) {
            switch (op.kind()) {
                case ADD -> {
                    int ordinal = handles.size();
                    handles.add(sim.scheduleAt(sim.now() + op.delay(), () -> {
                        ran.add(ordinal);
                        if (op.target() >= 0 && handles.get(op.target()) != null) {
                            handles.get(op.target()).cancel();
                        }
                    }));
                }
                case SERIES -> {
                    series.add(sim.series(op.target()));
                    seriesLeft.add(op.target());
                }
                case NEXT -> {
                    int ordinal = handles.size();
                    if (seriesLeft.get(op.target()) == 0) {
                        handles.add(null);
                        continue;
                    }
                    seriesLeft.set(op.target(), seriesLeft.get(op.target()) - 1);
                    handles.add(series.get(op.target()).scheduleNext(sim.now() + op.delay(), () -> ran.add(ordinal)));
                }
                case CANCEL -> {
                    Cancellable handle = handles.get(op.target());
                    if (handle != null) {
                        handle.cancel();
                    }
                }
                case POP -> sim.step();
            }
        }
        while (sim.step()) {
            // drain
        }
        return ran;
    }

    /** The same trace on the old binary heap, sequences numbered as the simulation numbers them. */
    private static List<Integer> replayOnBinaryHeap(List<Op> trace) {
        BinaryHeapBefore heap = new BinaryHeapBefore();
        List<Integer> ran = new ArrayList<>();
        List<Boolean> cancelled = new ArrayList<>();
        List<Integer> cancelsOnRun = new ArrayList<>();
        List<long[]> series = new ArrayList<>(); // next sequence, end
        long sequence = 0;
        long now = 0;
        for (Op op : trace) {
            switch (op.kind()) {
                case ADD -> {
                    heap.add(now + op.delay(), sequence++, cancelled.size());
                    cancelled.add(false);
                    cancelsOnRun.add(op.target());
                }
                case SERIES -> {
                    series.add(new long[] {sequence, sequence + op.target()});
                    sequence += op.target();
                }
                case NEXT -> {
                    long[] reserved = series.get(op.target());
                    if (reserved[0] < reserved[1]) { // a NEXT past the series' end queues nothing
                        heap.add(now + op.delay(), reserved[0]++, cancelled.size());
                    }
                    cancelled.add(false);
                    cancelsOnRun.add(-1);
                }
                case CANCEL -> cancelled.set(op.target(), true);
                case POP -> now = runNextLive(heap, now, cancelled, cancelsOnRun, ran);
            }
        }
        while (heap.size() > 0) {
            now = runNextLive(heap, now, cancelled, cancelsOnRun, ran);
        }
        return ran;
    }

    /** Pops until a live event, runs it (its cancel included); returns the new time. */
    private static long runNextLive(BinaryHeapBefore heap, long now, List<Boolean> cancelled, List<Integer> cancelsOnRun,
            List<Integer> ran) {
        while (heap.size() > 0) {
            long time = heap.firstTime();
            int event = heap.poll();
            if (cancelled.get(event)) {
                continue;
            }
            ran.add(event);
            if (cancelsOnRun.get(event) >= 0) {
                cancelled.set(cancelsOnRun.get(event), true);
            }
            return time;
        }
        return now;
    }
}
