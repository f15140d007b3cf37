package dev.sgplab.model.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IpTableTest {
    /** Against a HashMap: 200,000 puts over a /16 (so the table grows and keys repeat). */
    @Test
    void agreesWithAHashMap() {
        IpTable<Integer> table = new IpTable<>();
        Map<Integer, Integer> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        int network = 0xC612_0000; // 198.18.0.0
        for (int i = 0; i < 200_000; i++) {
            int ip = network + random.nextInt(65_536);
            assertThat(table.put(ip, i)).isEqualTo(reference.put(ip, i));
        }
        assertThat(table.size()).isEqualTo(reference.size());
    }
}
