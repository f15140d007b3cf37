package dev.sgplab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one lab run left on the machine, found by its prefix only: network namespaces, links in the
 * initial namespace, processes it started (see {@link RunTracks}), /etc/netns entries, its state
 * file and run directory, and every host neighbour setting that differs from the snapshot taken
 * before it started.
 */
final class LabLeftovers {
    /** The kinds of leftover, in the order the soak reports them. */
    static final List<String> KINDS = List.of("namespaces", "links", "processes", "etc-netns", "state-files",
            "host-settings");

    private LabLeftovers() {
    }

    /** Kind -> what was found (only kinds with something). */
    static Map<String, List<String>> find(RunTracks tracks, HostSnapshot before) {
        LabNames names = tracks.names();
        Map<String, List<String>> found = new LinkedHashMap<>();
        put(found, "namespaces", LabCleanup.labNamespaces().stream()
                .filter(ns -> names.prefix().equals(LabNames.prefixOf(ns))).toList());
        put(found, "links", rootLinks(names.linkPrefix()));
        put(found, "processes", new ArrayList<>(tracks.liveProcesses()));
        put(found, "etc-netns", RunTracks.list(LabNames.NETNS_ETC, names.prefix() + "-*").stream()
                .map(Path::toString).toList());
        List<String> files = new ArrayList<>();
        for (Path path : List.of(names.stateFile(), names.runDir())) {
            if (Files.exists(path)) {
                files.add(path.toString());
            }
        }
        put(found, "state-files", files);
        put(found, "host-settings", before.differences(HostSnapshot.take(before.dir())));
        return found;
    }

    /** Links of the initial namespace whose name starts with the run's link prefix (sgRID). */
    static List<String> rootLinks(String linkPrefix) {
        String out = Commands.check(List.of(Preflight.path(Preflight.IP), "-o", "link", "show"));
        List<String> links = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] fields = line.split(":\\s+", 3); // "7: sg1a2bbr@if6: <...>"
            if (fields.length >= 2) {
                String name = fields[1].split("@")[0];
                if (name.startsWith(linkPrefix)) {
                    links.add(name);
                }
            }
        }
        return links;
    }

    private static void put(Map<String, List<String>> found, String kind, List<String> items) {
        if (!items.isEmpty()) {
            found.put(kind, List.copyOf(items));
        }
    }

    static int count(Map<String, List<String>> found) {
        return found.values().stream().mapToInt(List::size).sum();
    }

    static Set<String> kinds(Map<String, List<String>> found) {
        return found.keySet();
    }
}
