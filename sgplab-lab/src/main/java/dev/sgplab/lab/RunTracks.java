package dev.sgplab.lab;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one lab run made, as seen from outside while it runs: the network namespaces with its
 * prefix (and their inode numbers, which outlive the names when a namespace is deleted with a
 * process still in it), the processes it started (the JVM's descendants, and dnsmasq's pid files),
 * each with its start time so that a recycled pid is not mistaken for one of ours. Never by name.
 */
final class RunTracks {
    private final LabNames names;
    private final Set<Long> namespaceInodes = new LinkedHashSet<>();
    /** pid -> start time, of every process the run started that was ever seen. */
    private final Map<Long, Optional<Instant>> processes = new LinkedHashMap<>();

    RunTracks(LabNames names) {
        this.names = names;
    }

    LabNames names() {
        return names;
    }

    /** One look: called every few tens of milliseconds while the run lives. */
    synchronized void look(ProcessHandle run) {
        for (Path mount : list(Path.of("/run/netns"), names.prefix() + "-*")) {
            inode(mount).ifPresent(namespaceInodes::add);
        }
        run.descendants().forEach(this::remember);
        for (Path pidFile : list(names.runDir(), "*.pid")) {
            try {
                String text = Files.readString(pidFile).strip();
                if (text.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(text)).ifPresent(this::remember);
                }
            } catch (IOException gone) {
                // the run removed it meanwhile
            }
        }
    }

    private void remember(ProcessHandle process) {
        processes.putIfAbsent(process.pid(), process.info().startInstant());
    }

    /** The processes the run started that still live (same pid, same start time). */
    synchronized Set<String> liveProcesses() {
        Set<String> live = new LinkedHashSet<>();
        processes.forEach((pid, started) -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().equals(started))
                .ifPresent(p -> live.add(describe(p))));
        for (Path proc : list(Path.of("/proc"), "[0-9]*")) {
            Optional<Long> inode = netInode(proc);
            if (inode.isPresent() && namespaceInodes.contains(inode.get())) {
                ProcessHandle.of(Long.parseLong(proc.getFileName().toString())).ifPresent(p -> live.add(describe(p)));
            }
        }
        return live;
    }

    static String describe(ProcessHandle process) {
        return "pid " + process.pid() + " " + process.info().commandLine().orElse(
                process.info().command().orElse("?"));
    }

    /** The inode of the network namespace a process is in, from its /proc/PID/ns/net link ("net:[N]"). */
    static Optional<Long> netInode(Path proc) {
        try {
            String link = Files.readSymbolicLink(proc.resolve("ns/net")).toString();
            return link.startsWith("net:[") ? Optional.of(Long.parseLong(link.substring(5, link.length() - 1)))
                    : Optional.empty();
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    private static Optional<Long> inode(Path path) {
        try {
            return Optional.of(((Number) Files.getAttribute(path, "unix:ino")).longValue());
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    static List<Path> list(Path dir, String glob) {
        List<Path> entries = new java.util.ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            // a directory that vanished is empty
        }
        return entries;
    }
}
