package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LabThreadsTest {

    @Test
    void workersAreNamedDaemons() {
        Thread thread = LabThreads.daemons("sgplab-lab-test").newThread(() -> { });
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("sgplab-lab-test");
    }

    @Test
    void stopInterruptsTheRunningTaskAndWaitsForIt() throws Exception {
        ExecutorService workers = Executors.newSingleThreadExecutor(LabThreads.daemons("sgplab-lab-test"));
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        workers.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        LabThreads.stop(workers);
        assertThat(workers.isTerminated()).isTrue();
        assertThat(interrupted).isTrue();
    }

    @Test
    void anInterruptedCallerKeepsItsInterrupt() {
        ExecutorService workers = Executors.newSingleThreadExecutor(LabThreads.daemons("sgplab-lab-test"));
        Semaphore release = new Semaphore(0);
        workers.execute(release::acquireUninterruptibly); // deaf to the stop's interrupt: the stop has to wait
        Thread.currentThread().interrupt();
        try {
            LabThreads.stop(workers);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
            release.release();
        }
    }
}
