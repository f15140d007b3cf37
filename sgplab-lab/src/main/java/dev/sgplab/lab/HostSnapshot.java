package dev.sgplab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every value under /proc/sys/net/ipv4/neigh/default at one moment (the lab changes some of them;
 * the soak checks that all are back, not only those it knows it changes).
 */
record HostSnapshot(Path dir, Map<String, String> values) {
    static HostSnapshot take(Path dir) {
        Map<String, String> values = new TreeMap<>();
        for (Path file : RunTracks.list(dir, "*")) {
            try {
                values.put(file.getFileName().toString(), ProcFiles.read(file));
            } catch (IOException unreadable) {
                // some entries are write-only or vanish; not a setting the lab touches
            }
        }
        return new HostSnapshot(dir, values);
    }

    /** "key: before -> now" for each value that changed. */
    List<String> differences(HostSnapshot now) {
        List<String> changed = new ArrayList<>();
        values.forEach((key, value) -> {
            String current = now.values().get(key);
            if (!value.equals(current)) {
                changed.add(key + ": " + value + " -> " + current);
            }
        });
        return changed;
    }
}
