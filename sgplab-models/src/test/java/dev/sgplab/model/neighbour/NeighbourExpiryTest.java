package dev.sgplab.model.neighbour;

import static dev.sgplab.model.neighbour.NeighbourHarness.NEW_MAC;
import static dev.sgplab.model.neighbour.NeighbourHarness.OLD_MAC;
import static dev.sgplab.model.neighbour.NeighbourHarness.POD_IP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.engine.Time;
import dev.sgplab.model.vpc.VpcFabric;
import org.junit.jupiter.api.Test;

/**
 * Hand-traced timelines of neighbour expiry, each step with the kernel function that takes it
 * (torvalds/linux v6.x net/core/neighbour.c, include/net/neighbour.h, net/ipv4/arp.c).
 * reachable_time is pinned to 30 s, delay_first_probe_time 5 s, retrans_time 1 s, ucast_solicit 3,
 * locktime 1 s; the VPC answers an ARP request 0.1 ms after it is sent, a unicast probe only when it
 * goes to the owner's MAC. "+10 ms" is neigh_timer_handler()'s minimum re-arm of HZ/100 jiffies.
 */
class NeighbourExpiryTest {

    /** The case: steady traffic through a REACHABLE entry does not hold it off STALE. */
    @Test
    void steadyTrafficDoesNotKeepAReachableEntryFromGoingStale() {
        NeighbourHarness h = new NeighbourHarness();
        h.fabric.attach(POD_IP, OLD_MAC);
        h.sendAt(0);     // __neigh_event_send: NONE -> INCOMPLETE, broadcast now
                         // 0.0001 reply: __neigh_update -> REACHABLE, confirmed 0.0001, timer 30.0001;
                         // the queued packet leaves through neigh_resolve_output (used = 0.0001)
        for (int t = 5; t <= 30; t += 5) {
            h.sendAt(t); // neigh_output -> neigh_hh_output: used is not touched
        }
        assertThat(h.eth0.lookup(POD_IP).used()).isEqualTo(Time.millis(0.1));
        h.sendAt(32);    // 30.0001: now <= confirmed + reachable_time ("still alive"), re-armed at
                         // 30.0101; there used + 5 < now: STALE. At 32 __neigh_event_send: DELAY
        h.runTo(40);     // 37: confirmed + 5 < now: PROBE, unicast probe to the owner, answered at
                         // 37.0001 with the same address (no override needed): REACHABLE
        assertThat(h.transitions).containsExactly("0.0000 NONE->INCOMPLETE", "0.0001 INCOMPLETE->REACHABLE",
                "30.0101 REACHABLE->STALE", "32.0000 STALE->DELAY", "37.0000 DELAY->PROBE",
                "37.0001 PROBE->REACHABLE");
        assertThat(h.outcomes).hasSize(8).allSatisfy(o -> assertThat(o).endsWith("delivered"));
    }

    /**
     * The failure with the entry still REACHABLE when the address changes hands at 10 s: replies go
     * to the old MAC through the cached header until the entry goes STALE, and detection starts only
     * with the first packet after that. (With used refreshed on every transmit the entry went
     * REACHABLE -> DELAY at 30 and the new MAC was learnt at 38.)
     */
    @Test
    void aReachableEntryKeepsTheOldMacUntilTheFirstPacketAfterItGoesStale() {
        NeighbourHarness h = new NeighbourHarness();
        h.resolveOldMacAtZero();
        h.runTo(10);
        h.ipMovesToNewMac();
        for (double t : new double[] {10, 15, 20, 25, 30, 34, 38, 42.5}) {
            h.sendAt(t);
        }
        h.runTo(43);
        // 30.0101 STALE (as above); 34 DELAY, timer 39; 39 PROBE: unicast probes at 39, 40, 41 to the
        // old MAC go unanswered; 42: probes = 3 >= ucast_solicit: FAILED (neigh_invalidate).
        // 42.5: FAILED -> INCOMPLETE, broadcast, answered with the new MAC at 42.5001.
        assertThat(h.transitions).containsExactly("0.0000 NONE->INCOMPLETE", "0.0001 INCOMPLETE->REACHABLE",
                "30.0101 REACHABLE->STALE", "34.0000 STALE->DELAY", "39.0000 DELAY->PROBE",
                "42.0000 PROBE->FAILED", "42.5000 FAILED->INCOMPLETE", "42.5001 INCOMPLETE->REACHABLE");
        assertThat(h.outcomes).containsExactly("0.0001 02:00:00:00:00:01 delivered",
                "10.0000 02:00:00:00:00:01 lost", "15.0000 02:00:00:00:00:01 lost",
                "20.0000 02:00:00:00:00:01 lost", "25.0000 02:00:00:00:00:01 lost",
                "30.0000 02:00:00:00:00:01 lost", "34.0000 02:00:00:00:00:01 lost",
                "38.0000 02:00:00:00:00:01 lost", "42.5001 02:00:00:00:00:02 delivered");
    }

    /**
     * The one slow-path transmit in REACHABLE: an entry that became REACHABLE before any packet went
     * through it has no cached header, so its first packet takes neigh_resolve_output(), sets used
     * and fills the header (neigh_hh_init); used then decides DELAY at expiry.
     */
    @Test
    void theFirstPacketWithoutACachedHeaderSetsUsedAndLeadsToDelay() {
        NeighbourHarness h = new NeighbourHarness(NeighbourParams.LINUX_DEFAULTS, TableParams.LINUX_DEFAULTS,
                VpcFabric.Options.DEFAULTS);
        h.fabric.attach(POD_IP, OLD_MAC);
        h.eth0.arpRequestReceived(POD_IP, OLD_MAC, true); // neigh_event_ns: NONE -> STALE
        h.runTo(1);
        h.eth0.arpReply(POD_IP, OLD_MAC);  // same address: REACHABLE, confirmed 1, timer 31
        h.sendAt(28);   // neigh_resolve_output: used = 28, header cached
        h.sendAt(29);   // neigh_hh_output: used stays 28
        assertThat(h.eth0.lookup(POD_IP).used()).isEqualTo(Time.seconds(28));
        h.runTo(40);    // 31 still alive -> 31.01: used + 5 >= now: DELAY, timer 36.01; 36.01 PROBE,
                        // the unicast probe is answered at 36.0101: REACHABLE
        assertThat(h.transitions).containsExactly("0.0000 NONE->STALE", "1.0000 STALE->REACHABLE",
                "31.0100 REACHABLE->DELAY", "36.0100 DELAY->PROBE", "36.0101 PROBE->REACHABLE");
    }

    /**
     * arp_process() computes override = time_after(jiffies, updated + locktime); __neigh_update() sets
     * confirmed for a CONNECTED new state before it tests override. So a different answer inside
     * locktime keeps the old MAC but still counts as a confirmation: DELAY returns to REACHABLE.
     */
    @Test
    void aReplyRejectedInsideLocktimeStillConfirmsTheEntry() {
        NeighbourHarness h = new NeighbourHarness();
        h.resolveOldMacAtZero();
        h.sendAt(40);   // 30.0101 STALE; 40 DELAY (updated = 40), timer 45
        h.runTo(40.5);
        h.eth0.arpReply(POD_IP, NEW_MAC);  // 40.5 <= 40 + 1: rejected, confirmed = 40.5
        assertThat(h.eth0.lookup(POD_IP).mac()).isEqualTo(OLD_MAC);
        assertThat(h.eth0.lookup(POD_IP).confirmed()).isEqualTo(Time.seconds(40.5));
        h.runTo(80);    // 45 <= 40.5 + 5: REACHABLE (old MAC), next 70.5; still alive there -> 70.51 STALE
        assertThat(h.transitions).endsWith("30.0101 REACHABLE->STALE", "40.0000 STALE->DELAY",
                "45.0000 DELAY->REACHABLE", "70.5100 REACHABLE->STALE");
        assertThat(h.eth0.lookup(POD_IP).mac()).isEqualTo(OLD_MAC);
    }

    /** Past locktime the same answer replaces the address (override). */
    @Test
    void aDifferentReplyAfterLocktimeReplacesTheAddress() {
        NeighbourHarness h = new NeighbourHarness();
        h.resolveOldMacAtZero();
        h.sendAt(40);
        h.runTo(41.5);
        h.eth0.arpReply(POD_IP, NEW_MAC);  // 41.5 > 40 + 1: DELAY -> REACHABLE with the new MAC
        assertThat(h.transitions).endsWith("40.0000 STALE->DELAY", "41.5000 DELAY->REACHABLE");
        assertThat(h.eth0.lookup(POD_IP).mac()).isEqualTo(NEW_MAC);
    }

    /**
     * __neigh_update() sends the packets queued in INCOMPLETE through n->output, which is
     * neigh_resolve_output() on Ethernet: when the entry becomes STALE (here an administrator's
     * `ip neigh replace ... nud stale`), the first queued packet takes it on to DELAY.
     */
    @Test
    void packetsQueuedWhileIncompleteLeaveThroughTheSlowPath() {
        NeighbourHarness h = new NeighbourHarness();
        h.sendAt(0);     // nobody owns the IP: INCOMPLETE, broadcasts at 0, 1, 2
        h.sendAt(0.5);   // queued too
        h.runTo(1.5);
        h.eth0.adminReplaceStale(POD_IP, NEW_MAC); // STALE; the queue is flushed: STALE -> DELAY, timer 6.5
        h.runTo(10);     // 6.5: confirmed (backdated) + 5 < now: PROBE; unicast probes to NEW_MAC unanswered
                         // (nobody owns the IP); 9.5: FAILED
        assertThat(h.transitions).containsExactly("0.0000 NONE->INCOMPLETE", "1.5000 INCOMPLETE->STALE",
                "1.5000 STALE->DELAY", "6.5000 DELAY->PROBE", "9.5000 PROBE->FAILED");
        assertThat(h.outcomes).containsExactly("1.5000 02:00:00:00:00:02 lost", "1.5000 02:00:00:00:00:02 lost");
    }

    /**
     * ___neigh_create(): confirmed = now - (base_reachable_time << 1); __neigh_update() backdates the
     * same way when a new address arrives in a state that is not CONNECTED (neigh_event_ns -> STALE).
     * Not visible in the state timeline (confirmed + delay_first_probe_time is always in the past by
     * then); `ip -s neigh` shows it as the entry's confirmed age.
     */
    @Test
    void newAndReaddressedEntriesAreBackdatedByTwiceBaseReachableTime() {
        NeighbourHarness h = new NeighbourHarness();
        h.sendAt(3);    // nobody answers: INCOMPLETE
        assertThat(h.eth0.lookup(POD_IP).confirmed()).isEqualTo(Time.seconds(3 - 60));
        h.fabric.attach(POD_IP, OLD_MAC);
        h.runTo(10);    // re-broadcast at 4 answered at 4.0001: confirmed 4.0001
        assertThat(h.eth0.lookup(POD_IP).confirmed()).isEqualTo(Time.seconds(4) + Time.millis(0.1));
        h.runTo(12);
        h.eth0.arpRequestReceived(POD_IP, NEW_MAC, true); // new MAC, STALE: confirmed = 12 - 60
        assertThat(h.eth0.lookup(POD_IP).confirmed()).isEqualTo(Time.seconds(12 - 60));
        assertThat(h.state()).isEqualTo(NudState.STALE);
    }

    /**
     * neigh_periodic_work(): used is lifted to confirmed and written back; the entry goes when jiffies
     * is not in [used, used + gc_stale_time), so exactly at used + gc_stale_time it goes. GC runs at
     * 7.5 s and every 15 s; gc_stale_time is 17.5 s here.
     */
    @Test
    void periodicGcLiftsUsedToConfirmedAndRemovesAtExactlyGcStaleTime() {
        NeighbourHarness exact = gcHarness();
        exact.runTo(35);
        exact.eth0.confirm(POD_IP);  // neigh_confirm on the STALE entry: confirmed = 35
        exact.runTo(40);             // GC 37.5: used 0.0001 < confirmed 35 <= now: used = 35; kept
        assertThat(exact.eth0.lookup(POD_IP).used()).isEqualTo(Time.seconds(35));
        exact.runTo(70);             // GC 52.5 = 35 + 17.5: not in [35, 52.5): removed
        assertThat(exact.transitions).endsWith("30.0101 REACHABLE->STALE", "52.5000 removed");

        NeighbourHarness later = gcHarness();
        later.runTo(35.001);
        later.eth0.confirm(POD_IP);  // 52.5 < 35.001 + 17.5: kept until the run at 67.5
        later.runTo(70);
        assertThat(later.transitions).endsWith("30.0101 REACHABLE->STALE", "67.5000 removed");
    }

    /** Resolved at 0 (used = confirmed = 0.0001), STALE at 30.0101, never used again. */
    private static NeighbourHarness gcHarness() {
        NeighbourParams params = new NeighbourParams(Time.seconds(30), Time.seconds(5), Time.seconds(1), 3, 3, 0, 0,
                Time.seconds(17.5), Time.seconds(1), 212_992);
        NeighbourHarness h = new NeighbourHarness(params, new TableParams(128, 512, 1024, GcRegime.GC, 0),
                VpcFabric.Options.DEFAULTS);
        h.resolveOldMacAtZero();
        return h;
    }
}
