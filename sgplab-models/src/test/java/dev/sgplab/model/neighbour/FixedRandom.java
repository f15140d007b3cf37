package dev.sgplab.model.neighbour;

import java.util.random.RandomGenerator;

/** A "random" source whose nextDouble() is always the given value, to pin reachable_time in tests. */
final class FixedRandom implements RandomGenerator {
    private final long bits;

    FixedRandom(double value) {
        this.bits = ((long) (value * (1L << 53))) << 11;
    }

    @Override
    public long nextLong() {
        return bits;
    }
}
