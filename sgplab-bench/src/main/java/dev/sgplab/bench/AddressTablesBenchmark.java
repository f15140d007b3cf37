package dev.sgplab.bench;

import dev.sgplab.engine.Simulation;
import dev.sgplab.model.address.IpLongTable;
import dev.sgplab.model.vpc.VpcFabric;
import java.util.SplittableRandom;
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
 * The address tables a large run reads per pod, with the large scenario's addresses (random
 * addresses of a /16): the VPC fabric's owner MACs (an open-addressing table, {@code IpSlots}) as
 * EC2 attaches and detaches branch ENIs and replies are delivered, and the workload's "when did the
 * address's last owner end" table ({@link IpLongTable}, an array over the /16). Nanoseconds per pod:
 * one attach, three owner lookups and one detach; one read and two writes of the last-owner table.
 * Run: {@code java -jar sgplab-bench/target/benchmarks.jar AddressTables}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AddressTablesBenchmark {
    static final int PODS = 4_096;
    private static final int NETWORK = 0xC612_0000; // 198.18.0.0/16

    /** Branch ENIs attached at a time (the large run holds about 1,000: live pods and delete queues). */
    @Param({"1000", "18000"})
    public int attached;

    VpcFabric fabric;
    IpLongTable lastOwnerEndedAt;
    /** Attached addresses in the order they were attached (a ring: the oldest is detached next). */
    private int[] ring;
    private int oldest;
    private boolean[] inUse;
    private SplittableRandom random;
    private long now;

    @Setup
    public void setUp() {
        fabric = new VpcFabric(new Simulation(), VpcFabric.Options.DEFAULTS);
        lastOwnerEndedAt = new IpLongTable(Long.MIN_VALUE);
        random = new SplittableRandom(1);
        inUse = new boolean[1 << 16];
        ring = new int[attached];
        for (int i = 0; i < attached; i++) {
            ring[i] = attachFree();
        }
    }

    /** Attaches a random free address of the /16 (random-free, as the large scenario's subnet). */
    private int attachFree() {
        int offset;
        do {
            offset = random.nextInt(1 << 16);
        } while (inUse[offset]);
        inUse[offset] = true;
        int ip = NETWORK + offset;
        fabric.attach(ip, 0x0200_0000_0000L | offset);
        return ip;
    }

    /** A pod's ENI: attached, its replies delivered (owner lookups), and the oldest ENI deleted. */
    @Benchmark
    @OperationsPerInvocation(PODS)
    public long fabric() {
        long delivered = 0;
        for (int pod = 0; pod < PODS; pod++) {
            int ip = attachFree();
            long mac = 0x0200_0000_0000L | (ip - NETWORK);
            for (int reply = 0; reply < 3; reply++) {
                delivered += fabric.delivers(ip, mac) ? 1 : 0;
            }
            int old = ring[oldest];
            fabric.detach(old);
            inUse[old - NETWORK] = false;
            ring[oldest] = ip;
            oldest = (oldest + 1) % attached;
        }
        return delivered;
    }

    /** A pod's reuse gap: its address's last end read and marked running, then its own end written. */
    @Benchmark
    @OperationsPerInvocation(PODS)
    public long lastOwner() {
        long gaps = 0;
        for (int pod = 0; pod < PODS; pod++) {
            int ip = NETWORK + random.nextInt(1 << 16);
            now += 86_400_000L;
            long ended = lastOwnerEndedAt.get(ip);
            if (ended != Long.MIN_VALUE) {
                gaps += now - ended;
            }
            lastOwnerEndedAt.put(ip, -1);
            lastOwnerEndedAt.put(ip, now + 1);
        }
        return gaps;
    }
}
