package dev.sgplab.model.vpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpMacTableTest {

    /** Puts and removes on a few hundred addresses of one /22 (long probe runs, shifts across the wrap) match a HashMap. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void behavesAsAMapUnderRandomPutsAndRemoves(long seed) {
        Random random = new Random(seed);
        IpMacTable table = new IpMacTable();
        Map<Integer, Long> reference = new HashMap<>();
        int base = 0xC612_0000; // 198.18.0.0
        for (int op = 0; op < 200_000; op++) {
            int ip = base + random.nextInt(1024);
            if (random.nextInt(3) == 0) {
                table.remove(ip);
                reference.remove(ip);
            } else {
                long mac = random.nextLong() & 0xFFFF_FFFF_FFFFL;
                table.put(ip, mac);
                reference.put(ip, mac);
            }
            int probe = base + random.nextInt(1024);
            assertThat(table.get(probe, -1)).isEqualTo(reference.getOrDefault(probe, -1L));
            assertThat(table.contains(probe)).isEqualTo(reference.containsKey(probe));
        }
        assertThat(table.size()).isEqualTo(reference.size());
        for (int i = 0; i < 1024; i++) {
            assertThat(table.get(base + i, -1)).isEqualTo(reference.getOrDefault(base + i, -1L));
        }
    }
}
