package dev.sgplab.bench;

import dev.sgplab.scenario.ScenarioLoader;
import dev.sgplab.sim.ClusterSimulation;
import dev.sgplab.sim.Replications;
import dev.sgplab.sim.SimulationPlan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per pod of the large-cluster scenario (scenarios/large-cluster.yaml, 20,000 pods a run) at
 * 10, 100 and 1,000 nodes: the hot paths of a long run (pod creation, node choice, branch ENIs,
 * delete queues, lookups). A pod's cost should not depend on the node count. Run from the
 * repository root: {@code java -jar sgplab-bench/target/benchmarks.jar LargeCluster}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class LargeClusterBenchmark {
    static final int PODS = 20_000;

    @Param({"10", "100", "1000"})
    public int nodes;

    SimulationPlan plan;
    private int replication;

    @Setup
    public void setUp() {
        String scenario = System.getProperty("sgplab.large-scenario", "scenarios/large-cluster.yaml");
        plan = SimulationPlan.of(ScenarioLoader.loadFileOrBundled(scenario)
                .with("workload.pods", Integer.toString(PODS))
                .with("cluster.nodes", Integer.toString(nodes)).bind());
    }

    /** One run; JMH divides by {@link #PODS}: microseconds per pod. */
    @Benchmark
    @OperationsPerInvocation(PODS)
    public int run() {
        return new ClusterSimulation(plan, Replications.seedOf(1, replication++ & 1023),
                ClusterSimulation.Detail.COUNTS).run().errorPods();
    }
}
