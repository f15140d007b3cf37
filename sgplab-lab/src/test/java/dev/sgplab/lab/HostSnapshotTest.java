package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSnapshotTest {

    @Test
    void namesEverySettingThatChangedSinceTheSnapshot(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("gc_thresh1"), "128\n");
        Files.writeString(dir.resolve("gc_thresh3"), "1024\n");
        Files.writeString(dir.resolve("base_reachable_time_ms"), "30000\n");
        HostSnapshot before = HostSnapshot.take(dir);
        assertThat(before.differences(HostSnapshot.take(dir))).isEmpty();
        Files.writeString(dir.resolve("gc_thresh1"), "0\n");
        Files.delete(dir.resolve("gc_thresh3"));
        assertThat(before.differences(HostSnapshot.take(dir)))
                .containsExactlyInAnyOrder("gc_thresh1: 128 -> 0", "gc_thresh3: 1024 -> null");
    }

    @Test
    void readsTheKernelsOwnSettings() {
        HostSnapshot host = HostSnapshot.take(HostSettings.DEFAULT_NEIGH);
        assertThat(host.values()).containsKeys("gc_thresh1", "base_reachable_time_ms");
        assertThat(host.values().get("base_reachable_time_ms")).matches("\\d+");
    }
}
