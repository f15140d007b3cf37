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
}
