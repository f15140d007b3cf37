package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSettingsTest {

    /** Regression: sysctl files return EOF at any offset but 0; Files.readString saw "3" for 30000. */
    @Test
    void readsAWholeSysctlValueFromProc() throws Exception {
        Path file = Path.of("/proc/sys/net/ipv4/neigh/default/base_reachable_time_ms");
        Process cat = new ProcessBuilder("cat", file.toString()).start();
        String expected = new String(cat.getInputStream().readAllBytes()).strip();
        assertThat(ProcFiles.read(file)).isEqualTo(expected).hasSizeGreaterThan(1);
    }

    @Test
    void recordsOriginalsBeforeChangingAndPutsThemBack(@TempDir Path dir) throws Exception {
        Path neigh = Files.createDirectories(dir.resolve("neigh"));
        Files.writeString(neigh.resolve("gc_thresh1"), "128\n");
        Files.writeString(neigh.resolve("base_reachable_time_ms"), "30000\n");
        Path state = dir.resolve("state/sgplab-abcd.json");
        HostSettings settings = new HostSettings(neigh, state);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("gc_thresh1", "0");
        values.put("base_reachable_time_ms", "6000");
        settings.apply(values, 4242, "abcd");
        assertThat(settings.read("gc_thresh1")).isEqualTo("0");
        HostSettings.SavedState saved = HostSettings.SavedState.read(state);
        assertThat(saved.pid()).isEqualTo(4242);
        assertThat(saved.originals()).containsEntry("gc_thresh1", "128").containsEntry("base_reachable_time_ms", "30000");
        settings.restore();
        assertThat(settings.read("gc_thresh1")).isEqualTo("128");
        assertThat(settings.read("base_reachable_time_ms")).isEqualTo("30000");
        assertThat(state).doesNotExist();
    }

    /** What lab cleanup does after SIGKILL: restore from the state file alone. */
    @Test
    void aSavedStateRestoresWithoutTheRun(@TempDir Path dir) throws Exception {
        Path neigh = Files.createDirectories(dir.resolve("neigh"));
        Files.writeString(neigh.resolve("gc_thresh1"), "128\n");
        Path state = dir.resolve("sgplab-beef.json");
        new HostSettings(neigh, state).apply(Map.of("gc_thresh1", "0"), 1, "beef");
        HostSettings.SavedState.read(state).restore();
        assertThat(Files.readString(neigh.resolve("gc_thresh1")).strip()).isEqualTo("128");
    }

    @Test
    void refusesToTouchAHostWhoseValuesItCannotRead(@TempDir Path dir) throws Exception {
        Path neigh = Files.createDirectories(dir.resolve("neigh"));
        Files.writeString(neigh.resolve("gc_thresh1"), "weird\n");
        HostSettings settings = new HostSettings(neigh, dir.resolve("s.json"));
        assertThatThrownBy(() -> settings.apply(Map.of("gc_thresh1", "0"), 1, "cafe"))
                .hasMessageContaining("not changing the host");
        assertThat(Files.readString(neigh.resolve("gc_thresh1")).strip()).isEqualTo("weird");
    }

    /** A Ctrl-C teardown may restore before the run's thread applies: the late apply must not change the host. */
    @Test
    void anApplyAfterTheRestoreIsRefused(@TempDir Path dir) throws Exception {
        Path neigh = Files.createDirectories(dir.resolve("neigh"));
        Files.writeString(neigh.resolve("gc_thresh1"), "128\n");
        Path state = dir.resolve("sgplab-f00d.json");
        HostSettings settings = new HostSettings(neigh, state);
        settings.restore();
        assertThatThrownBy(() -> settings.apply(Map.of("gc_thresh1", "0"), 1, "f00d")).hasMessageContaining("interrupted");
        assertThat(Files.readString(neigh.resolve("gc_thresh1")).strip()).isEqualTo("128");
        assertThat(state).doesNotExist();
    }
}
