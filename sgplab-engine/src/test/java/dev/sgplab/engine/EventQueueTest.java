package dev.sgplab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's event queue pops exactly the order the binary heap it replaced popped
 * ({@link SimulationBefore}): a trace of queue traffic is recorded once from a seed, then replayed
 * on the simulation and on the engine before. The trace has what a long run has: the queue
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
        Simulation now = new Simulation();
        SimulationBefore before = new SimulationBefore();
        List<Integer> ranNow = replay(trace, now, now::step);
        List<Integer> ranBefore = replay(trace, before, before::step);
        long added = trace.stream().filter(op -> op.kind() == Kind.ADD).count();
        // the trace cancels many events while they are queued: at least 2 % of the operations
        assertThat((long) ranNow.size()).isGreaterThan(OPERATIONS / 4).isLessThan(added - OPERATIONS / 50);
        assertThat(ranNow).containsExactlyElementsOf(ranBefore);
        assertThat(now.executedEvents()).isEqualTo(before.executedEvents()).isEqualTo(ranNow.size());
        assertThat(now.now()).isEqualTo(before.now());
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

    /** Ordinals of the events run, in order, replaying {@code trace} on {@code scheduler}; {@code step} runs one. */
    private static List<Integer> replay(List<Op> trace, Scheduler scheduler, BooleanSupplier step) {
        List<Integer> ran = new ArrayList<>();
        List<Cancellable> handles = new ArrayList<>();
        List<Scheduler.Series> series = new ArrayList<>();
        List<Integer> seriesLeft = new ArrayList<>();
        for (Op op : trace) {
            switch (op.kind()) {
                case ADD -> {
                    int ordinal = handles.size();
                    handles.add(scheduler.scheduleAt(scheduler.now() + op.delay(), () -> {
                        ran.add(ordinal);
                        if (op.target() >= 0 && handles.get(op.target()) != null) {
                            handles.get(op.target()).cancel();
                        }
                    }));
                }
                case SERIES -> {
                    series.add(scheduler.series(op.target()));
                    seriesLeft.add(op.target());
                }
                case NEXT -> {
                    int ordinal = handles.size();
                    int left = seriesLeft.get(op.target());
                    if (left == 0) { // a NEXT past the series' end queues nothing
                        handles.add(null);
                        continue;
                    }
                    seriesLeft.set(op.target(), left - 1);
                    handles.add(series.get(op.target()).scheduleNext(scheduler.now() + op.delay(), () -> ran.add(ordinal)));
                }
                case CANCEL -> {
                    Cancellable handle = handles.get(op.target());
                    if (handle != null) {
                        handle.cancel();
                    }
                }
                case POP -> step.getAsBoolean();
            }
        }
        while (step.getAsBoolean()) {
            // drain
        }
        return ran;
    }
}
