package dev.sgplab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulationTest {

    @Test
    void runsByTimeThenInSchedulingOrder() {
        Simulation sim = new Simulation();
        List<String> ran = new ArrayList<>();
        sim.scheduleAt(20, () -> ran.add("b@20"));
        sim.scheduleAt(10, () -> ran.add("a@10"));
        sim.scheduleAt(20, () -> ran.add("c@20"));
        sim.scheduleAt(10, () -> ran.add("d@10"));
        sim.run();
        assertThat(ran).containsExactly("a@10", "d@10", "b@20", "c@20");
        assertThat(sim.now()).isEqualTo(20);
    }

    /**
     * A series reserved at time 0 ranks its events as if all were queued then: the arrival at 10,
     * scheduled only at 5, still runs before "other@10", which was scheduled at 0 after the reservation.
     */
    @Test
    void aSeriesRanksAsIfQueuedWhenReserved() {
        Simulation sim = new Simulation();
        List<String> ran = new ArrayList<>();
        Scheduler.Series arrivals = sim.series(2);
        arrivals.scheduleNext(5, () -> {
            ran.add("arrival@5");
            arrivals.scheduleNext(10, () -> ran.add("arrival@10"));
        });
        sim.scheduleAt(10, () -> ran.add("other@10"));
        sim.run();
        assertThat(ran).containsExactly("arrival@5", "arrival@10", "other@10");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> arrivals.scheduleNext(20, () -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cancelledEventsDoNotRunAndAreNotCounted() {
        Simulation sim = new Simulation();
        List<String> ran = new ArrayList<>();
        Cancellable first = sim.scheduleAt(5, () -> ran.add("first"));
        sim.scheduleAt(6, () -> ran.add("second"));
        first.cancel();
        sim.run();
        assertThat(ran).containsExactly("second");
        assertThat(sim.executedEvents()).isEqualTo(1);
        assertThat(first.isCancelled()).isTrue();
    }

    /**
     * A cancel takes the event out of the queue at once and is recorded as a removal; cancelling an
     * event that already ran (its queue slot since reused by another) removes nothing.
     */
    @Test
    void aCancelledEventLeavesTheQueueAtOnceAndALateCancelRemovesNothing() {
        Simulation sim = new Simulation();
        List<Long> ops = new ArrayList<>();
        sim.recordQueueOperations(ops::add);
        List<String> ran = new ArrayList<>();
        Cancellable early = sim.scheduleAt(1, () -> ran.add("early"));
        Cancellable timer = sim.scheduleAt(9, () -> ran.add("timer"));
        assertThat(sim.pendingEvents()).isEqualTo(2);
        timer.cancel();
        assertThat(sim.pendingEvents()).isEqualTo(1);
        assertThat(sim.step()).isTrue();
        sim.scheduleAt(5, () -> ran.add("later"));
        early.cancel();
        timer.cancel();
        assertThat(sim.pendingEvents()).isEqualTo(1);
        sim.run();
        assertThat(ran).containsExactly("early", "later");
        assertThat(early.isCancelled()).isTrue();
        assertThat(ops).containsExactly(1L, 9L, Simulation.POP, Simulation.POP, 5L, Simulation.POP);
    }

    @Test
    void eventsScheduledInThePastRunNowAndActionsMayScheduleMore() {
        Simulation sim = new Simulation();
        List<Long> times = new ArrayList<>();
        sim.scheduleAt(100, () -> {
            times.add(sim.now());
            sim.scheduleAt(50, () -> times.add(sim.now()));
            sim.scheduleAfter(7, () -> times.add(sim.now()));
        });
        sim.run();
        assertThat(times).containsExactly(100L, 100L, 107L);
    }

    @Test
    void runUntilStopsBeforeLaterEventsAndAdvancesTheClock() {
        Simulation sim = new Simulation();
        List<Long> times = new ArrayList<>();
        sim.scheduleAt(10, () -> times.add(sim.now()));
        sim.scheduleAt(30, () -> times.add(sim.now()));
        sim.runUntil(20);
        assertThat(times).containsExactly(10L);
        assertThat(sim.now()).isEqualTo(20);
        assertThat(sim.pendingEvents()).isEqualTo(1);
        assertThat(sim.step()).isTrue();
        assertThat(sim.step()).isFalse();
    }

    /** The heap against a sorted reference on many random times, equal times included. */
    @Test
    void heapOrderMatchesSortedOrderOnRandomLoad() {
        Simulation sim = new Simulation();
        SplittableRandom random = new SplittableRandom(42);
        List<long[]> expected = new ArrayList<>();
        List<long[]> actual = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            long time = random.nextInt(300);
            long id = i;
            expected.add(new long[] {time, id});
            sim.scheduleAt(time, () -> actual.add(new long[] {sim.now(), id}));
        }
        expected.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        sim.run();
        assertThat(actual).usingElementComparator((a, b) -> a[0] == b[0] && a[1] == b[1] ? 0 : 1)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void queueOperationsCanBeRecorded() {
        Simulation sim = new Simulation();
        List<Long> ops = new ArrayList<>();
        sim.recordQueueOperations(ops::add);
        sim.scheduleAt(3, () -> { });
        sim.scheduleAt(1, () -> { });
        sim.run();
        assertThat(ops).containsExactly(3L, 1L, Simulation.POP, Simulation.POP);
    }

    /**
     * Events scheduled while others run (the hold model of a long run), some cancelled, some in
     * reserved series: they run in (time, sequence) order against a reference that sorts every
     * event ever scheduled, whatever the queue's size and growth.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 7, 1234})
    void interleavedSchedulingCancellingAndSeriesRunInKeyOrder(long seed) {
        Simulation sim = new Simulation();
        SplittableRandom random = new SplittableRandom(seed);
        java.util.TreeMap<long[], Integer> reference = new java.util.TreeMap<>(
                (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        List<Integer> ran = new ArrayList<>();
        long[] rank = {0}; // the reference's tie-break: scheduling order, or the series' reserved rank
        int[] ids = {0};
        Runnable[] spawn = new Runnable[1];
        spawn[0] = () -> {
            int children = random.nextInt(4);
            for (int c = 0; c < children && ids[0] < 20_000; c++) {
                long at = sim.now() + random.nextInt(1000);
                int id = ids[0]++;
                Cancellable event = sim.scheduleAt(at, () -> {
                    ran.add(id);
                    spawn[0].run();
                });
                long[] key = {at, rank[0]++};
                reference.put(key, id);
                if (random.nextInt(5) == 0) {
                    event.cancel();
                    reference.remove(key);
                }
            }
            if (random.nextInt(50) == 0 && ids[0] < 20_000) {
                Scheduler.Series series = sim.series(2);
                long first = rank[0];
                rank[0] += 2;
                long at = sim.now() + random.nextInt(1000);
                int id = ids[0]++;
                reference.put(new long[] {at, first}, id);
                series.scheduleNext(at, () -> {
                    ran.add(id);
                    long later = sim.now() + random.nextInt(1000);
                    int next = ids[0]++;
                    reference.put(new long[] {later, first + 1}, next);
                    series.scheduleNext(later, () -> ran.add(next));
                });
            }
        };
        for (int i = 0; i < 300; i++) {
            spawn[0].run();
        }
        sim.run();
        assertThat(ids[0]).isGreaterThan(5_000);
        assertThat(ran).containsExactlyElementsOf(reference.values());
        assertThat(sim.executedEvents()).isEqualTo(reference.size());
    }
}
