package dev.sgplab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole-kernel neighbour settings the lab changes in the initial network namespace
 * (/proc/sys/net/ipv4/neigh/default/: gc_thresh1..3 and base_reachable_time_ms, whose half is the
 * periodic GC interval of the one arp table all namespaces share). The original values are written
 * to the run's state file before anything changes, so that a run killed with SIGKILL can still be
 * restored by {@code sgplab lab cleanup}.
 */
final class HostSettings {
    static final Path DEFAULT_NEIGH = Path.of("/proc/sys/net/ipv4/neigh/default");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path neighDefault;
    private final Path stateFile;
    private final Map<String, String> originals = new LinkedHashMap<>();
    /** Set by the first restore: a Ctrl-C teardown may restore before the run's thread applies. */
    private boolean restored;

    HostSettings(Path neighDefault, Path stateFile) {
        this.neighDefault = neighDefault;
        this.stateFile = stateFile;
    }

    String read(String key) {
        try {
            return ProcFiles.read(neighDefault.resolve(key));
        } catch (IOException e) {
            throw new LabException("cannot read " + neighDefault.resolve(key) + ": " + e.getMessage());
        }
    }

    /** Records every original first (in the state file), then writes the new values. */
    synchronized void apply(Map<String, String> values, long ownerPid, String runId) {
        if (restored) {
            throw new LabException("the lab run was interrupted");
        }
        for (String key : values.keySet()) {
            String original = read(key);
            if (!original.matches("-?\\d+")) {
                throw new LabException("unexpected value '" + original + "' in " + neighDefault.resolve(key)
                        + ": not changing the host");
            }
            originals.putIfAbsent(key, original);
        }
        writeState(ownerPid, runId);
        values.forEach(this::write);
    }

    /** Puts back what {@link #apply} found, then removes the state file. */
    synchronized void restore() {
        restored = true;
        originals.forEach(this::write);
        originals.forEach((key, value) -> {
            String now = read(key);
            if (!now.equals(value)) {
                throw new LabException("restoring " + neighDefault.resolve(key) + " to " + value + " left " + now
                        + " (the state file " + stateFile + " is kept for lab cleanup)");
            }
        });
        originals.clear();
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            throw new LabException("cannot remove " + stateFile + ": " + e.getMessage());
        }
    }

    Map<String, String> inForce(Iterable<String> keys) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys) {
            values.put(key, read(key));
        }
        return values;
    }

    private void write(String key, String value) {
        try {
            ProcFiles.write(neighDefault.resolve(key), value);
        } catch (IOException e) {
            throw new LabException("cannot write " + neighDefault.resolve(key) + ": " + e.getMessage());
        }
    }

    private void writeState(long ownerPid, String runId) {
        ObjectNode state = JSON.createObjectNode();
        state.put("runId", runId);
        state.put("pid", ownerPid);
        state.put("neighDefault", neighDefault.toString());
        ObjectNode saved = state.putObject("originals");
        originals.forEach(saved::put);
        try {
            Files.createDirectories(stateFile.getParent());
            Files.writeString(stateFile, JSON.writeValueAsString(state), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot write " + stateFile + ": " + e.getMessage());
        }
    }

    /** A state file left by a run: who made it and what to put back. */
    record SavedState(String runId, long pid, Path neighDefault, Map<String, String> originals) {
        static SavedState read(Path file) {
            try {
                JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
                Map<String, String> originals = new LinkedHashMap<>();
                node.get("originals").properties().forEach(e -> originals.put(e.getKey(), e.getValue().asString()));
                return new SavedState(node.get("runId").asString(), node.get("pid").asLong(),
                        Path.of(node.get("neighDefault").asString()), originals);
            } catch (IOException | RuntimeException e) {
                throw new LabException("cannot read lab state " + file + ": " + e.getMessage());
            }
        }

        void restore() {
            HostSettings settings = new HostSettings(neighDefault, null);
            originals.forEach(settings::write);
        }
    }
}
