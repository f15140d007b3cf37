package dev.sgplab.guard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the node's arp table state from the kernel: the {@code entries} and
 * {@code periodic_gc_runs} columns of /proc/net/stat/arp_cache (neigh_stat_seq_show(): a header,
 * then one line of hexadecimal counters per CPU; entries is the table-wide atomic count, repeated
 * on every line; the run counter is per CPU and summed here), and
 * /proc/sys/net/ipv4/neigh/default/gc_thresh1..3. The stat file exists only in the host's network
 * namespace, so the guard must run with hostNetwork (its DaemonSet does).
 */
public final class ArpTableStats {
    private final Path proc;

    public ArpTableStats(Path proc) {
        this.proc = proc;
    }

    /** The running kernel's /proc. */
    public static ArpTableStats host() {
        return new ArpTableStats(Path.of("/proc"));
    }

    public ArpTableState read() {
        Path stat = proc.resolve("net/stat/arp_cache");
        long[] counts;
        try {
            counts = parseStat(readProcFile(stat));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(stat + " does not exist: not the host's network namespace "
                    + "(run the guard with hostNetwork)");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + stat + ": " + e.getMessage());
        }
        return new ArpTableState(counts[0], thresh(1), thresh(2), thresh(3), counts[1]);
    }

    private long thresh(int level) {
        Path file = proc.resolve("sys/net/ipv4/neigh/default/gc_thresh" + level);
        try {
            return parseNumber(readProcFile(file), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * One read(2) of a whole buffer. Files.readString() would not do: /proc files report size 0, so
     * it reads one byte first, and a sysctl's integer handler answers a read at a non-zero offset
     * with end of file — gc_thresh1 128 would read as "1".
     */
    static String readProcFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    static long parseNumber(String text, String source) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(source + ": expected a number, got '" + text.strip() + "'");
        }
    }

    /** {entries, periodic_gc_runs summed over CPUs} from the text of /proc/net/stat/arp_cache. */
    static long[] parseStat(String text) {
        String[] lines = text.strip().split("\n");
        String[] header = lines[0].trim().split("\\s+");
        int entriesColumn = column(header, "entries");
        int runsColumn = column(header, "periodic_gc_runs");
        if (lines.length < 2) {
            throw new IllegalStateException("arp_cache: no counter lines under the header");
        }
        long entries = -1;
        long runs = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].trim().split("\\s+");
            if (fields.length != header.length) {
                throw new IllegalStateException("arp_cache: line " + (i + 1) + " has " + fields.length
                        + " columns, the header " + header.length);
            }
            try {
                entries = Long.parseLong(fields[entriesColumn], 16);
                runs += Long.parseLong(fields[runsColumn], 16);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("arp_cache: line " + (i + 1) + " is not hexadecimal counters");
            }
        }
        return new long[] {entries, runs};
    }

    private static int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("arp_cache: no '" + name + "' column in the header");
    }
}
