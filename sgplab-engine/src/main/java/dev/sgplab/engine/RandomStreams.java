package dev.sgplab.engine;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One master seed, one independent stream per named component. A stream's seed depends only on
 * the master seed and the component's name, so adding a component shifts nobody else's draws.
 */
public final class RandomStreams {
    private final long masterSeed;

    public RandomStreams(long masterSeed) {
        this.masterSeed = masterSeed;
    }

    public long masterSeed() {
        return masterSeed;
    }

    public SplittableRandom stream(String component) {
        return new SplittableRandom(seedFor(masterSeed, component));
    }

    /** Streams for a sub-run (e.g. replication 17) derived the same way. */
    public RandomStreams child(String name) {
        return new RandomStreams(seedFor(masterSeed, name));
    }

    static long seedFor(long master, String name) {
        long h = mix(master ^ 0x9E3779B97F4A7C15L);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        return h;
    }

    /** SplitMix64's finaliser: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
