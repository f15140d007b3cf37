package dev.sgplab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's arp table entry count, tbl->entries: the {@code entries} column of
 * /proc/net/stat/arp_cache (net/core/neighbour.c neigh_stat_seq_show, in hex; the same value on every
 * CPU's row). One table for the whole kernel: every network namespace counts, the host's own
 * entries included. It is the count neigh_periodic_work() compares with gc_thresh1.
 */
final class ArpCacheStat {
    static final Path FILE = Path.of("/proc/net/stat/arp_cache");

    private ArpCacheStat() {
    }

    /** tbl->entries now. */
    static int entries() {
        try {
            return parseEntries(Files.readString(FILE));
        } catch (IOException e) {
            throw new LabException("cannot read the kernel's arp entry count from " + FILE + ": " + e.getMessage());
        }
    }

    /** The first CPU row's {@code entries} column of the file's text. */
    static int parseEntries(String text) {
        String[] lines = text.strip().split("\\R");
        if (lines.length < 2 || !lines[0].strip().startsWith("entries")) {
            throw new LabException("unexpected format of " + FILE + ": no entries column");
        }
        String first = lines[1].strip().split("\\s+")[0];
        try {
            return Integer.parseInt(first, 16);
        } catch (NumberFormatException e) {
            throw new LabException("unexpected format of " + FILE + ": entries is '" + first + "'");
        }
    }
}
