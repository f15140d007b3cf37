package dev.sgplab.lab;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** A run's prefix: the only names cleanup may touch ("sgplab-guardtest-1" is not one). */
    private static final Pattern PREFIX = Pattern.compile("sgplab-[0-9a-f]{4}");
    /** A namespace (and /etc/netns entry) this scheme makes: fabric, nodeN or pN after a prefix. */
    private static final Pattern NAMESPACE = Pattern.compile("(sgplab-[0-9a-f]{4})-(fabric|node\\d+|p\\d+)");

    public static LabNames random() {
        byte[] bytes = new byte[2];
        new SecureRandom().nextBytes(bytes);
        return new LabNames(HexFormat.of().formatHex(bytes));
    }

    /** The names of a prefix such as {@code sgplab-1a2b}, or a one-line error for anything else. */
    public static LabNames ofPrefix(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new LabException.Unusable("'" + prefix + "' is not a lab run's prefix (sgplab- and 4 hex digits)");
        }
        return new LabNames(prefix.substring(NAMESPACE_PREFIX.length()));
    }

    /** The prefix of a namespace made by a lab run, or null when the name is not one of ours. */
    static String prefixOf(String namespace) {
        Matcher m = NAMESPACE.matcher(namespace);
        return m.matches() ? m.group(1) : null;
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

    /** Every link this run makes starts so (the kernel keeps them inside the run's namespaces). */
    String linkPrefix() {
        return "sg" + runId;
    }

    String padding() {
        return "sg" + runId + "pad";
    }

    public Path stateFile() {
        return STATE_DIR.resolve(prefix() + ".json");
    }

    public Path runDir() {
        return STATE_DIR.resolve(prefix());
    }

    static Path netnsEtc(String namespace) {
        return NETNS_ETC.resolve(namespace);
    }
}
