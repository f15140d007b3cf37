package dev.sgplab.lab;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    public static Report run() {
        if (!Preflight.isRoot()) {
            throw new LabException.Unusable("lab cleanup needs root: run it as root");
        }
        List<String> skipped = new ArrayList<>();
        List<String> restored = new ArrayList<>();
        List<String> livePrefixes = new ArrayList<>();
        for (Path stateFile : stateFiles()) {
            HostSettings.SavedState state = HostSettings.SavedState.read(stateFile);
            String prefix = new LabNames(state.runId()).prefix();
            if (ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                skipped.add(prefix + " (pid " + state.pid() + " is still running)");
                livePrefixes.add(prefix);
                continue;
            }
            state.restore();
            delete(stateFile);
            LabNetwork.deleteTree(LabNames.STATE_DIR.resolve(prefix));
            restored.add(prefix);
        }
        List<String> removed = new ArrayList<>();
        for (String ns : labNamespaces()) {
            if (livePrefixes.stream().noneMatch(p -> ns.startsWith(p + "-"))) {
                removeNamespace(ns);
                removed.add(ns);
            }
        }
        removeOrphanEtc(livePrefixes);
        return new Report(removed, restored, skipped);
    }

    /** Namespaces whose name has the lab prefix. */
    static List<String> labNamespaces() {
        String out = Commands.check(List.of(Preflight.path(Preflight.IP), "netns", "list"));
        List<String> found = new ArrayList<>();
        for (String line : out.split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (name.startsWith(LabNames.NAMESPACE_PREFIX)) {
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
        LabNetwork.deleteTree(LabNames.netnsEtc(ns));
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
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(LabNames.STATE_DIR)) {
            return files;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(LabNames.STATE_DIR, LabNames.NAMESPACE_PREFIX + "*.json")) {
            dir.forEach(files::add);
        } catch (IOException e) {
            throw new LabException("cannot list " + LabNames.STATE_DIR + ": " + e.getMessage());
        }
        return files;
    }

    private static void removeOrphanEtc(List<String> livePrefixes) {
        if (!Files.isDirectory(LabNames.NETNS_ETC)) {
            return;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(LabNames.NETNS_ETC, LabNames.NAMESPACE_PREFIX + "*")) {
            for (Path entry : dir) {
                String name = entry.getFileName().toString();
                if (livePrefixes.stream().noneMatch(p -> name.startsWith(p + "-"))) {
                    LabNetwork.deleteTree(entry);
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot list " + LabNames.NETNS_ETC + ": " + e.getMessage());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new LabException("cannot remove " + file + ": " + e.getMessage());
        }
    }
}
