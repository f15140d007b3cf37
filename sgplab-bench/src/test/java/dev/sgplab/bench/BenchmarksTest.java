package dev.sgplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.sim.ClusterSimulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each benchmark's state builds as JMH builds it (parameters set, then {@code @Setup}) and one
 * invocation returns what it should, at the smallest of its sizes: a broken benchmark fails here,
 * not after minutes of JMH. Timing is JMH's business, not this test's.
 */
class BenchmarksTest {
    /** The repository's scenario files: surefire runs in this module's directory. */
    private static final Path SCENARIOS = Files.isDirectory(Path.of("../scenarios")) ? Path.of("../scenarios")
            : Path.of("scenarios");

    /** Both queues run the hold model to the same count: the events first queued plus one per re-queue. */
    @ParameterizedTest
    @ValueSource(ints = {16, 256})
    void eventQueueBenchmarkRunsEveryOperation(int queueSize) {
        EventQueueBenchmark benchmark = new EventQueueBenchmark();
        benchmark.queueSize = queueSize;
        benchmark.setUp();
        long expected = queueSize + EventQueueBenchmark.OPERATIONS - 1L;
        assertThat(benchmark.engine()).isEqualTo(expected);
        assertThat(benchmark.engineBefore()).isEqualTo(expected);
        assertThat(benchmark.priorityQueue()).isEqualTo(expected);
        // the timers left armed at the end run too; both engines run the same events
        long rearming = benchmark.engineRearming();
        assertThat(rearming).isGreaterThan(expected).isEqualTo(benchmark.engineBeforeRearming());
    }

    @Test
    void largeClusterBenchmarkRunsItsScenarioAtTheNodeCountGiven() {
        LargeClusterBenchmark benchmark = withProperty("sgplab.large-scenario", "large-cluster.yaml", () -> {
            LargeClusterBenchmark b = new LargeClusterBenchmark();
            b.nodes = 10;
            b.setUp();
            return b;
        });
        assertThat(benchmark.plan.nodes()).isEqualTo(10);
        assertThat(benchmark.plan.churn().pods()).isEqualTo(LargeClusterBenchmark.PODS);
        int errorPods = benchmark.run();
        assertThat(errorPods).isBetween(0, LargeClusterBenchmark.PODS);
    }

    /**
     * Every reply to an attached ENI's own MAC is delivered, the fabric keeps exactly the ENIs attached
     * at a time, and the second pass over the last-owner table finds earlier owners (gaps).
     */
    @ParameterizedTest
    @ValueSource(ints = {1000, 18000})
    void addressTablesBenchmarkDeliversEveryReplyAndFindsEarlierOwners(int attached) {
        AddressTablesBenchmark benchmark = new AddressTablesBenchmark();
        benchmark.attached = attached;
        benchmark.setUp();
        assertThat(benchmark.fabric()).isEqualTo(3L * AddressTablesBenchmark.PODS);
        int owned = 0;
        for (int offset = 0; offset < 1 << 16; offset++) {
            owned += benchmark.fabric.ownerMac(0xC612_0000 + offset) != 0 ? 1 : 0;
        }
        assertThat(owned).isEqualTo(attached);
        benchmark.lastOwner();
        assertThat(benchmark.lastOwnerEndedAt.size()).isBetween(1, AddressTablesBenchmark.PODS);
        assertThat(benchmark.lastOwner()).isPositive();
    }

    /** Counting only and tracing every pod are two views of one run: the same seed, the same failed pods. */
    @Test
    void replicationBenchmarkCountsAndTracesTheSameRun() {
        int counted = replication(ClusterSimulation.Detail.COUNTS);
        int traced = replication(ClusterSimulation.Detail.TRACE);
        assertThat(counted).isBetween(0, 200).isEqualTo(traced);
    }

    private static int replication(ClusterSimulation.Detail detail) {
        ReplicationBenchmark benchmark = withProperty("sgplab.scenario", "report-200-pods.yaml", () -> {
            ReplicationBenchmark b = new ReplicationBenchmark();
            b.cooldown = 30;
            b.detail = detail;
            b.setUp();
            return b;
        });
        assertThat(benchmark.plan.churn().pods()).isEqualTo(200);
        return benchmark.replication();
    }

    private static <T> T withProperty(String property, String scenario, Supplier<T> build) {
        String before = System.getProperty(property);
        System.setProperty(property, SCENARIOS.resolve(scenario).toString());
        try {
            return build.get();
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }
}
