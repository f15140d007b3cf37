package dev.sgplab.model.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLongTableTest {
    private static final long ABSENT = Long.MIN_VALUE;

    /**
     * Against a HashMap: puts and reads over a /16 (the window, which grows as higher offsets come),
     * with a few addresses of other /16s mixed in (outside the window, on both sides of it).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void agreesWithAHashMap(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        IpLongTable table = new IpLongTable(ABSENT);
        Map<Integer, Long> reference = new HashMap<>();
        int network = 0xC612_0000; // 198.18.0.0/16
        for (int i = 0; i < 100_000; i++) {
            int ip = i % 50 == 0 ? 0xC611_FF00 + random.nextInt(512) // 198.17.255.0 .. 198.18.0.255
                    : i % 51 == 0 ? random.nextInt() // anywhere
                    : network + Math.min(65_535, random.nextInt(1 + i)); // offsets creep up: the window grows
            long value = random.nextLong(-1, Long.MAX_VALUE);
            table.put(ip, value);
            reference.put(ip, value);
            int probe = random.nextBoolean() ? network + random.nextInt(65_536) : random.nextInt();
            assertThat(table.get(probe)).isEqualTo(reference.getOrDefault(probe, ABSENT));
        }
        assertThat(table.size()).isEqualTo(reference.size());
        reference.forEach((ip, value) -> assertThat(table.get(ip)).isEqualTo(value));
    }

    /** Before any put every address is absent; the absent value itself is refused. */
    @ParameterizedTest
    @ValueSource(ints = {0, 0xC612_0005, -1})
    void emptyAndTheAbsentValue(int ip) {
        IpLongTable table = new IpLongTable(ABSENT);
        assertThat(table.get(ip)).isEqualTo(ABSENT);
        assertThatThrownBy(() -> table.put(ip, ABSENT)).isInstanceOf(IllegalArgumentException.class);
        table.put(ip, 0);
        assertThat(table.get(ip)).isZero();
        assertThat(table.get(ip + 1)).isEqualTo(ABSENT);
        assertThat(table.size()).isEqualTo(1);
    }
}
