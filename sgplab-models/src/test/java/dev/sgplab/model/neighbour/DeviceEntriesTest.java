package dev.sgplab.model.neighbour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceEntriesTest {

    /**
     * Against the LinkedHashMap it replaces: random adds, replacements and removals over 1,024
     * addresses (long probe runs, backward shifts across the table's end, growth), the same entry
     * for every probed address and the same listing order throughout.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void agreesWithALinkedHashMap(long seed) {
        NeighbourDevice device = new NeighbourHarness().eth0;
        DeviceEntries entries = new DeviceEntries();
        Map<Integer, NeighbourEntry> reference = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        int network = 0xC612_0000; // 198.18.0.0
        for (int op = 0; op < 100_000; op++) {
            int ip = network + random.nextInt(1024);
            if (random.nextInt(3) == 0) {
                entries.remove(ip);
                reference.remove(ip);
            } else {
                NeighbourEntry entry = new NeighbourEntry(device, ip, 0);
                entries.put(entry);
                reference.put(ip, entry);
            }
            int probe = network + random.nextInt(1024);
            assertThat(entries.get(probe)).isSameAs(reference.get(probe));
            if (op % 5_000 == 0) {
                assertThat(entries.inOrderAdded()).containsExactlyElementsOf(new ArrayList<>(reference.values()));
            }
        }
        assertThat(entries.size()).isEqualTo(reference.size());
        assertThat(entries.inOrderAdded()).containsExactlyElementsOf(new ArrayList<>(reference.values()));
    }
}
