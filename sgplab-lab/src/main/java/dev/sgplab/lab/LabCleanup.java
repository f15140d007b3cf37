package dev.sgplab.lab;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Removes what lab runs left behind — after a crash or SIGKILL — by their prefix only: namespaces
 * named {@code sgplab-*} and the processes inside them (found with {@code ip netns pids}, never by
 * process name), their /etc/netns entries, and the host settings recorded in /run/sgplab/*.json,
 * which are put back. A run whose owning process is still alive is left alone.
 */
public final class LabCleanup {
    /** What a cleanup did, for the user. */
    public record Report(List<String> namespaces, List<String> restoredRuns, List<String> skippedLiveRuns) {
    }

    private LabCleanup() {
    }

    /** Cleans up after every dead run. */
    public static Report run() {
        return run(null);
    }

    /**
     * Cleans up after the dead run with this prefix only ({@code sgplab-RID}), or after every dead
     * run when it is null: another run's leftovers that someone is still looking at stay.
     */
    public static Report run(String onlyPrefix) {
        if (!Preflight.isRoot()) {
            throw new LabException.Unusable("lab cleanup needs root: run it as root");
        }
        if (onlyPrefix != null) {
            LabNames.ofPrefix(onlyPrefix); // a one-line error for anything that is not a prefix
        }
        Predicate<String> chosen = prefix -> onlyPrefix == null || onlyPrefix.equals(prefix);
        List<String> skipped = new ArrayList<>();
        List<String> restored = new ArrayList<>();
        List<String> livePrefixes = new ArrayList<>();
        for (Path stateFile : stateFiles()) {
            HostSettings.SavedState state = HostSettings.SavedState.read(stateFile);
            String prefix = new LabNames(state.runId()).prefix();
            if (ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                if (chosen.test(prefix)) {
                    skipped.add(prefix + " (pid " + state.pid() + " is still running)");
                }
                livePrefixes.add(prefix);
                continue;
            }
            if (!chosen.test(prefix)) {
                continue;
            }
            state.restore();
            delete(stateFile);
            restored.add(prefix);
        }
        List<String> removed = new ArrayList<>();
        for (String ns : labNamespaces()) {
            String prefix = LabNames.prefixOf(ns);
            if (chosen.test(prefix) && !livePrefixes.contains(prefix)) {
                removeNamespace(ns);
                removed.add(ns);
            }
        }
        removeOrphanFiles(chosen, livePrefixes);
        return new Report(removed, restored, skipped);
    }

    /** Namespaces named by a lab run ({@link LabNames}), of any run. */
    static List<String> labNamespaces() {
        String out = Commands.check(List.of(Preflight.path(Preflight.IP), "netns", "list"));
        List<String> found = new ArrayList<>();
        for (String line : out.split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (LabNames.prefixOf(name) != null) {
                found.add(name);
            }
        }
        return found;
    }

    /** Kills what runs inside the namespace (it is ours), then deletes it and its /etc/netns entry. */
    static void removeNamespace(String ns) {
        String ip = Preflight.path(Preflight.IP);
        Commands.Result pids = Commands.run(List.of(ip, "netns", "pids", ns), null);
        if (pids.ok()) {
            for (String pid : pids.out().split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(LabCleanup::kill);
                }
            }
        }
        Commands.Result deleted = Commands.run(List.of(ip, "netns", "delete", ns), null);
        if (!deleted.ok() && !deleted.err().contains("No such file")) {
            throw new LabException("ip netns delete " + ns + ": " + Commands.firstLine(deleted.err()));
        }
        deleteTree(LabNames.netnsEtc(ns));
    }

    private static void kill(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static List<Path> stateFiles() {
        return list(LabNames.STATE_DIR, LabNames.NAMESPACE_PREFIX + "*.json");
    }

    /**
     * /etc/netns entries whose namespace is gone, and run directories (logs, pid files) whose run
     * left no state file: what a run killed during its teardown may leave.
     */
    private static void removeOrphanFiles(Predicate<String> chosen, List<String> livePrefixes) {
        for (Path entry : list(LabNames.NETNS_ETC, LabNames.NAMESPACE_PREFIX + "*")) {
            String prefix = LabNames.prefixOf(entry.getFileName().toString());
            if (prefix != null && chosen.test(prefix) && !livePrefixes.contains(prefix)) {
                deleteTree(entry);
            }
        }
        for (Path dir : list(LabNames.STATE_DIR, LabNames.NAMESPACE_PREFIX + "*")) {
            String name = dir.getFileName().toString();
            if (Files.isDirectory(dir) && name.matches("sgplab-[0-9a-f]{4}") && chosen.test(name)
                    && !livePrefixes.contains(name) && !Files.exists(LabNames.STATE_DIR.resolve(name + ".json"))) {
                deleteTree(dir);
            }
        }
    }

    private static List<Path> list(Path dir, String glob) {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw new LabException("cannot list " + dir + ": " + e.getMessage());
        }
        return entries;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new LabException("cannot remove " + file + ": " + e.getMessage());
        }
    }

    /** Removes a directory and everything in it (nothing if it is not there). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new LabException("cannot remove " + dir + ": " + e.getMessage());
        }
    }
}
