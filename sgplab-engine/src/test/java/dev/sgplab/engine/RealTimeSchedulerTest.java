package dev.sgplab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RealTimeSchedulerTest {

    /** A fake clock that jumps 25 ms at every read, so the test waits little (the loop parks at most 100 ms). */
    @Test
    void modelTimeRunsFasterByTheTimeScaleAndActionsRunInOrder() {
        AtomicLong real = new AtomicLong(1_000);
        RealTimeScheduler scheduler = new RealTimeScheduler(() -> real.addAndGet(25_000_000), 0.2);
        List<String> ran = new ArrayList<>();
        scheduler.scheduleAt(Time.seconds(5), () -> ran.add("b@" + Math.round(Time.toSeconds(scheduler.now()))));
        scheduler.scheduleAt(Time.seconds(1), () -> ran.add("a@" + Math.round(Time.toSeconds(scheduler.now()))));
        boolean finished = scheduler.runUntil(() -> ran.size() == 2, Time.seconds(10));
        assertThat(finished).isTrue();
        assertThat(ran).containsExactly("a@1", "b@5");
        // 5 model seconds at scale 0.2 take 1 real second: the fake clock advanced about that much
        assertThat(real.get()).isBetween(1_000_000_000L, 1_100_000_000L);
        assertThat(scheduler.toRealNanos(Time.seconds(5))).isEqualTo(Time.seconds(1));
    }

    @Test
    void postedActionsRunOnTheLoopAndTheLimitStopsIt() throws Exception {
        RealTimeScheduler scheduler = new RealTimeScheduler(1.0);
        List<String> ran = new ArrayList<>();
        Thread other = new Thread(() -> scheduler.post(() -> ran.add(Thread.currentThread().getName())));
        Thread.currentThread().setName("loop");
        other.start();
        scheduler.runUntil(() -> !ran.isEmpty(), Time.seconds(5));
        other.join();
        assertThat(ran).containsExactly("loop");
        assertThat(scheduler.runUntil(() -> false, Time.millis(50))).isFalse();
    }

    /** An action that holds the loop makes the next event late; the scheduler says by how much. */
    @Test
    void itMeasuresHowLateEventsRan() {
        AtomicLong real = new AtomicLong(0);
        RealTimeScheduler scheduler = new RealTimeScheduler(real::get, 0.5);
        List<String> ran = new ArrayList<>();
        scheduler.scheduleAt(Time.seconds(1), () -> {
            ran.add("busy");
            real.addAndGet(Time.seconds(3)); // 3 real s = 6 model s spent in this action
        });
        scheduler.scheduleAt(Time.seconds(2), () -> ran.add("late"));
        real.set(Time.millis(500)); // exactly on time for the first event
        scheduler.runUntil(() -> ran.size() == 2, Time.seconds(10));
        assertThat(ran).containsExactly("busy", "late");
        // the second event was due at model 2 s and ran at model 1 s + 6 s = 7 s
        assertThat(scheduler.maxLatenessNanos()).isEqualTo(Time.seconds(5));
    }
}
