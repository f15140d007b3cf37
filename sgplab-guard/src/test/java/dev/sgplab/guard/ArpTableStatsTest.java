package dev.sgplab.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sgplab.model.guard.GuardRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArpTableStatsTest {

    /** Captured on a 2-CPU machine (kernel 6.18): entries 10 on both lines, GC runs 0x2c1 + 3. */
    static String captured() throws IOException {
        try (InputStream in = ArpTableStatsTest.class.getResourceAsStream("arp_cache.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theStatFileGivesTheTableWideCountAndTheRunsOfAllCpus() throws IOException {
        long[] counts = ArpTableStats.parseStat(captured());
        assertThat(counts[0]).isEqualTo(10);
        assertThat(counts[1]).isEqualTo(0x2c1 + 3);
    }

    @Test
    void aStatFileOfAnotherShapeIsNamedNotGuessed() {
        assertThatThrownBy(() -> ArpTableStats.parseStat("allocs destroys\n00000001 00000002\n"))
                .hasMessage("arp_cache: no 'entries' column in the header");
        assertThatThrownBy(() -> ArpTableStats.parseStat("entries periodic_gc_runs\n0000000a\n"))
                .hasMessage("arp_cache: line 2 has 1 columns, the header 2");
        assertThatThrownBy(() -> ArpTableStats.parseStat("entries periodic_gc_runs\nzz 01\n"))
                .hasMessage("arp_cache: line 2 is not hexadecimal counters");
    }

    @Test
    void belowGcThresh1PeriodicGcIsSkippedAndTheMetricsSayIt(@TempDir Path proc) throws IOException {
        fakeProc(proc, captured(), 128, 512, 1024);
        ArpTableState state = new ArpTableStats(proc).read();
        assertThat(state).isEqualTo(new ArpTableState(10, 128, 512, 1024, 0x2c1 + 3));
        assertThat(state.periodicGcSkipped()).isTrue();
        assertThat(state.describe()).isEqualTo("arp table 10 entries, gc_thresh1/2/3 128/512/1024: periodic GC "
                + "skipped (entries < gc_thresh1): STALE entries are not removed");
        fakeProc(proc, captured(), 10, 512, 1024);
        assertThat(new ArpTableStats(proc).read().periodicGcSkipped()).isFalse(); // 10 >= 10: scans

        GuardMetrics metrics = new GuardMetrics(() -> 0);
        metrics.watchArpTable(new ArpTableStats(proc)::read);
        assertThat(metrics.prometheus()).contains("sgplab_guard_arp_table_entries 10\n",
                "sgplab_guard_arp_gc_thresh{level=\"1\"} 10\n", "sgplab_guard_arp_gc_thresh{level=\"3\"} 1024\n",
                "sgplab_guard_arp_periodic_gc_skipped 0\n", "sgplab_guard_arp_periodic_gc_runs_total 708\n");
    }

    @Test
    void outsideTheHostNamespaceTheGuardSaysWhy(@TempDir Path proc) {
        assertThatThrownBy(() -> new ArpTableStats(proc).read())
                .hasMessageContaining("does not exist: not the host's network namespace (run the guard with hostNetwork)");
        GuardMetrics metrics = new GuardMetrics(() -> 0);
        metrics.watchArpTable(new ArpTableStats(proc)::read);
        assertThat(metrics.prometheus()).doesNotContain("sgplab_guard_arp").contains("sgplab_guard_errors_total 1");
    }

    /** The agent logs the regime at start and again only when it switches. */
    @Test
    void theLogSaysWhenPeriodicGcStartsAndStops() {
        AtomicReference<ArpTableState> state = new AtomicReference<>(new ArpTableState(127, 128, 512, 1024, 5));
        List<String> log = new ArrayList<>();
        try (GuardAgent agent = new GuardAgent(List.of(), GuardRules.Action.REPLACE, System::nanoTime, log::add)) {
            agent.watchArpTable(state::get);
            agent.sweep();                                            // unchanged: no line
            state.set(new ArpTableState(128, 128, 512, 1024, 6));
            agent.sweep();
            state.set(new ArpTableState(120, 128, 512, 1024, 7));
            agent.sweep();
        }
        assertThat(log).containsExactly(
                "guard: arp table 127 entries, gc_thresh1/2/3 128/512/1024: periodic GC skipped (entries < gc_thresh1): "
                        + "STALE entries are not removed",
                "guard: arp table 128 entries, gc_thresh1/2/3 128/512/1024: periodic GC scanning (entries >= gc_thresh1): "
                        + "entries unused for gc_stale_time are removed",
                "guard: arp table 120 entries, gc_thresh1/2/3 128/512/1024: periodic GC skipped (entries < gc_thresh1): "
                        + "STALE entries are not removed");
    }

    /**
     * On this machine (root): the reader agrees with iproute2's view of the same table. Other
     * processes (kernel lab runs) may change the sysctls and the table between the reads, so a
     * read is retried until nothing moved during it.
     */
    @Test
    void readsTheRunningKernelLikeIpNtable() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "reads the host's /proc as root");
        assumeTrue(Files.exists(Path.of("/proc/net/stat/arp_cache")), "not in the host's network namespace");
        for (int attempt = 1; ; attempt++) {
            ArpTableState before = ArpTableStats.host().read();
            Process ip = new ProcessBuilder("ip", "-s", "ntable", "show", "name", "arp_cache")
                    .redirectErrorStream(true).start();
            String text = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ip.waitFor()).isZero();
            ArpTableState after = ArpTableStats.host().read();
            boolean steady = before.entries() == after.entries() && before.gcThresh1() == after.gcThresh1()
                    && before.gcThresh2() == after.gcThresh2() && before.gcThresh3() == after.gcThresh3();
            if (!steady && attempt < 20) {
                Thread.sleep(100);
                continue;
            }
            assertThat(text).contains("thresh1 " + before.gcThresh1() + " thresh2 " + before.gcThresh2()
                    + " thresh3 " + before.gcThresh3() + " ");
            assertThat(text).containsPattern("\\bentries " + before.entries() + "\\b");
            assertThat(before.periodicGcSkipped()).isEqualTo(before.entries() < before.gcThresh1());
            return;
        }
    }

    private static void fakeProc(Path proc, String stat, long t1, long t2, long t3) throws IOException {
        Files.createDirectories(proc.resolve("net/stat"));
        Files.writeString(proc.resolve("net/stat/arp_cache"), stat);
        Path neigh = Files.createDirectories(proc.resolve("sys/net/ipv4/neigh/default"));
        Files.writeString(neigh.resolve("gc_thresh1"), t1 + "\n");
        Files.writeString(neigh.resolve("gc_thresh2"), t2 + "\n");
        Files.writeString(neigh.resolve("gc_thresh3"), t3 + "\n");
    }
}
