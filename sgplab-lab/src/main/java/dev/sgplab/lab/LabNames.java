package dev.sgplab.lab;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The naming scheme of one lab run. Everything the run makes carries its prefix
 * {@code sgplab-RID} (namespaces, /etc/netns entries, state and log files) or {@code sgRID}
 * (links, which the kernel limits to 15 characters), RID being 4 hex digits drawn at random:
 * <pre>
 *   namespaces  sgplab-RID-fabric          the VPC: one bridge sgRIDbr
 *               sgplab-RID-node0 ...       a node running a DNS server, link sgRIDn0, port sgRIDf0
 *               sgplab-RID-p017 ...        pod 17's branch ENI, link sgRIDe, port sgRIDp17
 *   files       /etc/netns/sgplab-RID-p017/resolv.conf
 *               /run/sgplab/sgplab-RID.json (what to restore), /run/sgplab/sgplab-RID/ (logs)
 * </pre>
 * Cleanup deletes only names with the {@code sgplab-} prefix, and only the processes found inside
 * those namespaces.
 */
public record LabNames(String runId) {
    public static final String NAMESPACE_PREFIX = "sgplab-";
    public static final Path STATE_DIR = Path.of("/run/sgplab");
    static final Path NETNS_ETC = Path.of("/etc/netns");

    public static LabNames random() {
        byte[] bytes = new byte[2];
        new SecureRandom().nextBytes(bytes);
        return new LabNames(HexFormat.of().formatHex(bytes));
    }

    public String prefix() {
        return NAMESPACE_PREFIX + runId;
    }

    String fabric() {
        return prefix() + "-fabric";
    }

    String node(int index) {
        return prefix() + "-node" + index;
    }

    String pod(int index) {
        return prefix() + "-p" + index;
    }

    String bridge() {
        return "sg" + runId + "br";
    }

    String nodeLink(int index) {
        return "sg" + runId + "n" + index;
    }

    String nodePort(int index) {
        return "sg" + runId + "f" + index;
    }

    String podLink() {
        return "sg" + runId + "e";
    }

    String podPort(int index) {
        return "sg" + runId + "p" + index;
    }

    String padding() {
        return "sg" + runId + "pad";
    }

    Path stateFile() {
        return STATE_DIR.resolve(prefix() + ".json");
    }

    Path runDir() {
        return STATE_DIR.resolve(prefix());
    }

    static Path netnsEtc(String namespace) {
        return NETNS_ETC.resolve(namespace);
    }
}
