package dev.sgplab.bench;

import dev.sgplab.scenario.ScenarioLoader;
import dev.sgplab.sim.ClusterSimulation;
import dev.sgplab.sim.OriginalReport;
import dev.sgplab.sim.Replications;
import dev.sgplab.sim.SimulationPlan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One replication of the report scenario at each cooldown. Run from the repository root:
 * {@code mvn -q -pl sgplab-bench -am package -DskipTests && java -jar sgplab-bench/target/benchmarks.jar}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReplicationBenchmark {
    @Param({"30", "60", "70"})
    public int cooldown;

    @Param({"COUNTS", "TRACE"})
    public ClusterSimulation.Detail detail;

    SimulationPlan plan;
    private int replication;

    @Setup
    public void setUp() {
        String scenario = System.getProperty("sgplab.scenario", OriginalReport.SCENARIO);
        plan = SimulationPlan.of(ScenarioLoader.loadFileOrBundled(scenario)
                .with("controller.branch-eni-cooldown", Integer.toString(cooldown)).bind());
    }

    @Benchmark
    public int replication() {
        return new ClusterSimulation(plan, Replications.seedOf(1, replication++ & 1023), detail).run().errorPods();
    }
}
