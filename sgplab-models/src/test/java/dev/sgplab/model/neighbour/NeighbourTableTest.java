package dev.sgplab.model.neighbour;

import static dev.sgplab.model.neighbour.NeighbourHarness.NEW_MAC;
import static dev.sgplab.model.neighbour.NeighbourHarness.OLD_MAC;
import static dev.sgplab.model.neighbour.NeighbourHarness.POD_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.engine.Time;
import dev.sgplab.model.vpc.VpcFabric;
import org.junit.jupiter.api.Test;

/**
 * Scripted sequences through one kernel's neighbour table. Defaults unless said: reachable_time is
 * pinned to 30 s, delay_first_probe_time 5 s, retrans_time 1 s, ucast_solicit 3, mcast_solicit 3,
 * gc_stale_time 60 s, locktime 1 s; the VPC answers ARP 0.1 ms after a request; GC runs at 7.5 s and
 * every 15 s after.
 */
class NeighbourTableTest {

    /** The whole failure: an entry outlives its IP's owner and takes 8 s to notice. */
    @Test
    void staleEntryLosesRepliesUntilProbesFailThenRelearns() {
        NeighbourHarness h = new NeighbourHarness();
        h.fabric.attach(POD_IP, OLD_MAC);
        h.sendAt(0);            // NONE -> INCOMPLETE, broadcast; the reply at 0.0001 makes it REACHABLE
        h.runTo(10);
        assertThat(h.dump()).containsExactly("198.18.0.10 dev eth0 lladdr 02:00:00:00:00:01 REACHABLE");
        h.runTo(40);            // confirmed 0.0001 + 30 = 30.0001: "still alive" (<=), re-armed HZ/100
                                // later; at 30.0101 used (0.0001) + 5 < now: STALE
        assertThat(h.dump()).containsExactly("198.18.0.10 dev eth0 lladdr 02:00:00:00:00:01 STALE");

        h.fabric.detach(POD_IP);       // the old pod's branch ENI is deleted,
        h.fabric.attach(POD_IP, NEW_MAC); // the IP comes back on a new ENI with a new MAC

        h.sendAt(50);           // STALE -> DELAY, sent at once to the old MAC: lost
        h.sendAt(52);           // DELAY: still the old MAC: lost
        h.runTo(53);
        assertThat(h.dump()).containsExactly("198.18.0.10 dev eth0 lladdr 02:00:00:00:00:01 DELAY");
        h.runTo(56.5);          // 50 + 5 = 55: PROBE, unicast probes at 55, 56, 57 to the old MAC
        assertThat(h.dump()).containsExactly("198.18.0.10 dev eth0 lladdr 02:00:00:00:00:01 PROBE");
        h.runTo(58.2);          // at 58 probes = 3 = ucast_solicit: FAILED
        assertThat(h.dump()).containsExactly("198.18.0.10 dev eth0 FAILED");
        h.sendAt(58.5);         // FAILED -> INCOMPLETE, broadcast, answered with the new MAC
        h.runTo(59);
        assertThat(h.dump()).containsExactly("198.18.0.10 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE");

        assertThat(h.transitions).containsExactly(
                "0.0000 NONE->INCOMPLETE", "0.0001 INCOMPLETE->REACHABLE", "30.0101 REACHABLE->STALE",
                "50.0000 STALE->DELAY", "55.0000 DELAY->PROBE", "58.0000 PROBE->FAILED",
                "58.5000 FAILED->INCOMPLETE", "58.5001 INCOMPLETE->REACHABLE");
        assertThat(h.outcomes).containsExactly(
                "0.0001 02:00:00:00:00:01 delivered", "50.0000 02:00:00:00:00:01 lost",
                "52.0000 02:00:00:00:00:01 lost", "58.5001 02:00:00:00:00:02 delivered");
        // 1 broadcast + 3 unicast probes + 1 broadcast; only the broadcasts are answered.
        assertThat(h.fabric.arpRequests()).isEqualTo(5);
        assertThat(h.fabric.arpReplies()).isEqualTo(2);
    }

    /** With unicast probes answered, the first answer falls inside locktime and is ignored. */
    @Test
    void answeredUnicastProbeReplacesTheMacOnlyAfterLocktime() {
        NeighbourHarness h = new NeighbourHarness(NeighbourParams.LINUX_DEFAULTS, TableParams.LINUX_DEFAULTS,
                new VpcFabric.Options(true, false, Time.millis(0.1)));
        h.resolveOldMacAtZero();
        h.runTo(40);
        h.ipMovesToNewMac();
        h.sendAt(50);   // lost, DELAY
        h.runTo(55.5);  // PROBE entered at 55 (updated = 55); answer at 55.0001 < 55 + 1 s: kept the old MAC
        assertThat(h.state()).isEqualTo(NudState.PROBE);
        h.sendAt(56.5); // the second probe at 56 was answered at 56.0001 > 56: REACHABLE with the new MAC
        assertThat(h.transitions).endsWith("55.0000 DELAY->PROBE", "56.0001 PROBE->REACHABLE");
        assertThat(h.outcomes).endsWith("50.0000 02:00:00:00:00:01 lost", "56.5000 02:00:00:00:00:02 delivered");
    }

    /**
     * A packet through a REACHABLE entry goes out on the cached header (neigh_hh_output) and does not
     * refresh used, so the entry goes STALE at expiry although it was used 3 s before; the next packet
     * starts DELAY, and an upper-layer confirmation inside delay_first_probe_time brings it back.
     */
    @Test
    void reachableInUseGoesStaleAndDelayReturnsToReachableWhenConfirmed() {
        NeighbourHarness h = new NeighbourHarness();
        h.resolveOldMacAtZero();
        h.sendAt(27);   // neigh_hh_output: used stays 0.0001
        h.sendAt(32);   // 30.0001 still alive, 30.0101 STALE (used + 5 < now); 32 STALE -> DELAY, timer 37
        h.runTo(33);
        h.eth0.confirm(POD_IP); // confirmed = 33
        h.runTo(70);    // 37 <= 33 + 5 -> REACHABLE, next 33 + 30 = 63: still alive -> 63.01 STALE
        assertThat(h.transitions).containsExactly("0.0000 NONE->INCOMPLETE", "0.0001 INCOMPLETE->REACHABLE",
                "30.0101 REACHABLE->STALE", "32.0000 STALE->DELAY", "37.0000 DELAY->REACHABLE",
                "63.0100 REACHABLE->STALE");
    }

    @Test
    void unansweredResolutionFailsAfterMcastSolicitBroadcastsAndDropsTheQueue() {
        NeighbourHarness h = new NeighbourHarness();
        h.sendAt(0);   // nobody owns the IP: broadcasts at 0, 1, 2; at 3 probes = 3 + 3 -> FAILED
        h.runTo(10);
        assertThat(h.transitions).containsExactly("0.0000 NONE->INCOMPLETE", "3.0000 INCOMPLETE->FAILED");
        assertThat(h.outcomes).containsExactly("3.0000 dropped RESOLUTION_FAILED");
        assertThat(h.fabric.arpRequests()).isEqualTo(3);
    }

    @Test
    void incompleteQueueDropsTheOldestPastUnresQlenBytes() {
        NeighbourParams small = new NeighbourParams(Time.seconds(30), Time.seconds(5), Time.seconds(1), 3, 3, 0, 0,
                Time.seconds(60), Time.seconds(1), 200);
        NeighbourHarness h = new NeighbourHarness(small, TableParams.LINUX_DEFAULTS, VpcFabric.Options.DEFAULTS);
        h.sendAt(0);
        h.sendAt(0.5); // 2 x 128 bytes > 200: the first packet goes
        assertThat(h.outcomes).containsExactly("0.5000 dropped QUEUE_OVERFLOW");
    }

    /** neigh_event_ns: an ARP request from the address replaces the MAC and marks the entry STALE. */
    @Test
    void arpRequestFromTheAddressUpdatesTheEntry() {
        NeighbourHarness h = new NeighbourHarness();
        h.resolveOldMacAtZero();
        h.runTo(10);
        h.ipMovesToNewMac();
        h.eth0.arpRequestReceived(POD_IP, NEW_MAC, true);
        assertThat(h.dump()).containsExactly("198.18.0.10 dev eth0 lladdr 02:00:00:00:00:02 STALE");
        h.sendAt(11);
        assertThat(h.outcomes).endsWith("11.0000 02:00:00:00:00:02 delivered");
    }

    /** Periodic GC removes an entry unused for gc_stale_time at the first run after that. */
    @Test
    void periodicGcRemovesUnusedStaleEntries() {
        NeighbourHarness h = new NeighbourHarness(NeighbourParams.LINUX_DEFAULTS,
                new TableParams(128, 512, 1024, GcRegime.GC, 0), VpcFabric.Options.DEFAULTS);
        h.fabric.attach(POD_IP, OLD_MAC);
        h.sendAt(0);   // used = confirmed = 0.0001 (neigh_add_timer lifts used): GC counts from 0.0001
        h.runTo(60);   // runs at 7.5 .. 52.5 keep it (in timer, or used < 60 s ago)
        assertThat(h.state()).isEqualTo(NudState.STALE);
        h.runTo(70);   // run at 67.5 >= 0.0001 + 60: removed
        assertThat(h.state()).isNull();
        assertThat(h.transitions).endsWith("30.0101 REACHABLE->STALE", "67.5000 removed");
    }

    /** Below gc_thresh1 the periodic work does not scan: a STALE entry lives on (the quiet node). */
    @Test
    void autoRegimeScansOnlyFromGcThresh1Entries() {
        NeighbourHarness quiet = new NeighbourHarness(NeighbourParams.LINUX_DEFAULTS,
                new TableParams(128, 512, 1024, GcRegime.AUTO, 126), VpcFabric.Options.DEFAULTS);
        NeighbourHarness busy = new NeighbourHarness(NeighbourParams.LINUX_DEFAULTS,
                new TableParams(128, 512, 1024, GcRegime.AUTO, 127), VpcFabric.Options.DEFAULTS);
        for (NeighbourHarness h : new NeighbourHarness[] {quiet, busy}) {
            h.resolveOldMacAtZero();
            h.runTo(1000);
        }
        assertThat(quiet.table.entries()).isEqualTo(127); // 126 + 1 < 128
        assertThat(quiet.dump()).containsExactly("198.18.0.10 dev eth0 lladdr 02:00:00:00:00:01 STALE");
        assertThat(quiet.table.periodicScans()).isZero();
        assertThat(busy.dump()).isEmpty();                // 127 + 1 = 128: scanned, removed at 67.5
    }

    /**
     * The population crosses gc_thresh1 both ways: a second entry lifts the table to 128 and GC
     * starts; GC removes the first entry, the table is back at 127 and GC stops, so the second
     * entry outlives its gc_stale_time; one more entry elsewhere on the node (a pod's PERMANENT
     * gateway entry) lifts it to 128 again and the next run removes it.
     */
    @Test
    void gcStartsAtGcThresh1AndStopsWhenItShrinksTheTableBelow() {
        NeighbourHarness h = new NeighbourHarness(NeighbourParams.LINUX_DEFAULTS,
                new TableParams(128, 512, 1024, GcRegime.AUTO, 126), VpcFabric.Options.DEFAULTS);
        int second = POD_IP + 1;
        h.fabric.attach(second, NEW_MAC);
        h.resolveOldMacAtZero();                              // 127 entries: runs at 7.5, 22.5, 37.5 do not scan
        h.runTo(50);
        assertThat(h.table.periodicScans()).isZero();
        h.eth0.output(second, new CountingPacket());          // 128: GC active
        assertThat(h.table.entries()).isEqualTo(128);
        h.runTo(68);                                          // 52.5 scans (keeps both), 67.5 removes the first
        assertThat(h.table.periodicScans()).isEqualTo(2);
        assertThat(h.state()).isNull();
        assertThat(h.table.entries()).isEqualTo(127);
        h.runTo(300);                                         // the second is unused since 50 s, yet never removed
        assertThat(h.table.periodicScans()).isEqualTo(2);
        assertThat(h.eth0.lookup(second).state()).isEqualTo(NudState.STALE);
        h.table.addEntriesOutsideModel(1);                    // a pod starts on the node: 128 again
        h.runTo(308);                                         // the run at 307.5 scans and removes it
        assertThat(h.eth0.lookup(second)).isNull();
        assertThat(h.table.entries()).isEqualTo(127);
        h.runTo(400);
        GcActivity activity = h.table.gcActivity();
        assertThat(activity.periodicRuns()).isEqualTo(27);   // 7.5, 22.5, ..., 397.5
        assertThat(activity.scans()).isEqualTo(3);
        assertThat(activity.minEntries()).isEqualTo(126);
        assertThat(activity.maxEntries()).isEqualTo(128);
        assertThat(activity.entriesAtEnd()).isEqualTo(127);
        assertThat(activity.scannedFraction()).isEqualTo(3.0 / 27);
    }

    /** The entry count follows creations and removals of every kind, and the outside population. */
    @Test
    void entryCountFollowsEveryChange() {
        NeighbourHarness h = new NeighbourHarness(NeighbourParams.LINUX_DEFAULTS,
                new TableParams(128, 2, 3, GcRegime.AUTO, 5), VpcFabric.Options.DEFAULTS);
        for (int i = 1; i <= 3; i++) {
            h.eth0.output(POD_IP + i, new CountingPacket());   // unowned: INCOMPLETE, FAILED at 3 s
        }
        assertThat(h.table.entries()).isEqualTo(8);
        h.runTo(10);
        h.eth0.output(POD_IP + 5, new CountingPacket());       // forced GC removes one FAILED entry
        assertThat(h.table.entries()).isEqualTo(5 + 3);
        h.table.addEntriesOutsideModel(-5);
        assertThat(h.table.entries()).isEqualTo(3);
        assertThatThrownBy(() -> h.table.addEntriesOutsideModel(-1)).isInstanceOf(IllegalStateException.class);
        assertThat(h.table.gcActivity().minEntries()).isEqualTo(3);
        assertThat(h.table.gcActivity().maxEntries()).isEqualTo(8);
    }

    @Test
    void noGcRegimeNeverScans() {
        NeighbourHarness h = new NeighbourHarness(NeighbourParams.LINUX_DEFAULTS,
                new TableParams(0, 512, 1024, GcRegime.NO_GC, 5000), VpcFabric.Options.DEFAULTS);
        h.resolveOldMacAtZero();
        h.runTo(5000);
        assertThat(h.state()).isEqualTo(NudState.STALE);
    }

    /** Forced GC at gc_thresh3 frees FAILED entries; if nothing can go, the table overflows. */
    @Test
    void forcedGcAtThresh3AndTableOverflow() {
        NeighbourHarness h = new NeighbourHarness(NeighbourParams.LINUX_DEFAULTS,
                new TableParams(128, 2, 3, GcRegime.AUTO, 0), VpcFabric.Options.DEFAULTS);
        int base = POD_IP;
        for (int i = 1; i <= 3; i++) {
            h.eth0.output(base + i, new CountingPacket());  // unowned: INCOMPLETE, a timer each
        }
        CountingPacket overflow = new CountingPacket();
        h.eth0.output(base + 4, overflow);                  // 3 >= gc_thresh3, nothing removable
        assertThat(overflow.dropped).isEqualTo(Packet.DropReason.TABLE_OVERFLOW);
        h.runTo(10);                                         // all three FAILED at 3 s
        CountingPacket later = new CountingPacket();
        h.eth0.output(base + 5, later);                      // forced GC removes 3 - 2 = 1 FAILED entry
        assertThat(later.dropped).isNull();
        assertThat(h.table.entries()).isEqualTo(3);
    }

    /** reachable_time is per device, drawn in [base/2, 3 base/2), re-drawn by the GC run after 300 s. */
    @Test
    void reachableTimeIsRedrawnEvery300Seconds() {
        dev.sgplab.engine.Simulation sim = new dev.sgplab.engine.Simulation();
        double[] draws = {0.0, 0.0, 0.0, 0.999};
        java.util.random.RandomGenerator sequence = new java.util.random.RandomGenerator() {
            int next;

            @Override
            public long nextLong() {
                return ((long) (draws[Math.min(next++, draws.length - 1)] * (1L << 53))) << 11;
            }
        };
        NeighbourTable table = new NeighbourTable("n", NeighbourParams.LINUX_DEFAULTS, TableParams.LINUX_DEFAULTS,
                sim, sequence, (d, ip, mac) -> { });
        NeighbourDevice eth0 = table.addDevice("eth0", NeighbourParams.LINUX_DEFAULTS); // draw 0.0: 15 s
        table.start();  // last re-draw at 0 - 0.0 x 300 = 0; first run at 0.0 x 15 s = 0
        sim.runUntil(Time.seconds(310)); // runs at 0, 15, ..., 300: 300 is not after 0 + 300
        assertThat(eth0.reachableTime()).isEqualTo(Time.seconds(15));
        sim.runUntil(Time.seconds(320)); // run at 315 re-draws: 15 + 0.999 x 30
        assertThat(Time.toSeconds(eth0.reachableTime())).isCloseTo(44.97, org.assertj.core.data.Offset.offset(0.01));
    }

    private static final class CountingPacket implements Packet {
        Packet.DropReason dropped;

        @Override
        public int sizeBytes() {
            return 64;
        }

        @Override
        public void transmitted(long now, long destinationMac) {
        }

        @Override
        public void dropped(long now, DropReason reason) {
            dropped = reason;
        }
    }
}
