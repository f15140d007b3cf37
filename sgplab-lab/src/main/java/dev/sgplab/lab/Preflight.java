package dev.sgplab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Can this machine run the lab? Root, and each tool the scenario needs, with how to install it. */
public final class Preflight {
    /** A tool, and the Debian package that brings it. */
    public record Tool(String command, String debianPackage) {
    }

    public static final Tool IP = new Tool("ip", "iproute2");
    public static final Tool DNSMASQ = new Tool("dnsmasq", "dnsmasq-base");
    public static final Tool DIG = new Tool("dig", "bind9-dnsutils");
    public static final Tool GETENT = new Tool("getent", "libc-bin");
    public static final Tool BUSYBOX = new Tool("busybox", "busybox");
    public static final Tool NFT = new Tool("nft", "nftables");

    private Preflight() {
    }

    /** Fails with one line naming what is missing and the apt-get line that installs it. */
    public static void require(Set<Tool> tools) {
        if (!isRoot()) {
            throw new LabException.Unusable("the lab needs root (network namespaces, /proc/sys): run it as root");
        }
        List<Tool> missing = new ArrayList<>();
        for (Tool tool : tools) {
            if (find(tool.command()) == null) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            Set<String> packages = new LinkedHashSet<>();
            List<String> commands = new ArrayList<>();
            missing.forEach(t -> {
                packages.add(t.debianPackage());
                commands.add(t.command());
            });
            throw new LabException.Unusable("the lab needs " + String.join(", ", commands)
                    + ": install with apt-get install -y " + String.join(" ", packages));
        }
    }

    /** Why the lab cannot run here (null when it can): for tests that must say so. */
    public static String whyUnavailable() {
        try {
            require(Set.of(IP, DNSMASQ, DIG, GETENT));
            return null;
        } catch (LabException e) {
            return e.getMessage();
        }
    }

    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The command's path on PATH or in the sbin directories (root's tools live there). */
    static Path find(String command) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, command);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    public static String path(Tool tool) {
        Path found = find(tool.command());
        return found == null ? tool.command() : found.toString();
    }
}
