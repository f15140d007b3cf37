package dev.sgplab.model.neighbour;

import dev.sgplab.engine.Cancellable;
import dev.sgplab.model.vpc.MacAddress;
import java.util.ArrayDeque;

/**
 * One neighbour entry (struct neighbour) and its NUD state machine.
 *
 * <p>Source: torvalds/linux net/core/neighbour.c — neigh_timer_handler(), __neigh_event_send(),
 * neigh_update(), neigh_probe(); net/ipv4/arp.c arp_solicit(). Each transition is one method that
 * asserts the state it leaves, so that a reader can hold this file and neighbour.c side by side.
 *
 * <p>Deviations: time is continuous (no jiffies rounding); {@code used} is refreshed on every
 * transmit, while the kernel's REACHABLE fast path (hh cache) may skip it — periodic GC takes
 * max(used, confirmed) anyway, so GC timing only differs when a REACHABLE entry carries traffic
 * long after its last confirmation; refcounts are not modelled: an entry is referenced exactly
 * when its timer runs; app_solicit probes (to a user-space daemon) are counted but not sent.
 */
public final class NeighbourEntry {
    private final NeighbourDevice device;
    private final int ip;
    private NudState state = NudState.NONE;
    private long mac = MacAddress.NONE;
    private long confirmed;
    private long used;
    private long updated;
    private int probes;
    private Cancellable timer;
    private final ArrayDeque<Packet> arpQueue = new ArrayDeque<>(2);
    private int arpQueueBytes;
    private final long created;

    NeighbourEntry(NeighbourDevice device, int ip, long now) {
        this.device = device;
        this.ip = ip;
        this.created = now;
        this.updated = now;
        // The kernel backdates confirmed so that a new entry is not taken as recently confirmed.
        this.confirmed = now - device.params().baseReachableTime();
        this.used = now;
    }

    public int ip() {
        return ip;
    }

    public NeighbourDevice device() {
        return device;
    }

    public NudState state() {
        return state;
    }

    public long mac() {
        return mac;
    }

    public long confirmed() {
        return confirmed;
    }

    public long used() {
        return used;
    }

    public long updated() {
        return updated;
    }

    public long created() {
        return created;
    }

    int probes() {
        return probes;
    }

    private NeighbourParams params() {
        return device.params();
    }

    private long now() {
        return device.table().scheduler().now();
    }

    // ---- output: neigh_resolve_output() / __neigh_event_send() -------------------------------

    /**
     * A packet wants this entry. The decision table of __neigh_event_send():
     * <pre>
     *   NONE, FAILED        -> INCOMPLETE, broadcast probe now, queue the packet
     *   INCOMPLETE          -> queue the packet
     *   STALE               -> DELAY, transmit now to the cached address
     *   REACHABLE, DELAY,
     *   PROBE, NOARP,
     *   PERMANENT           -> transmit now to the cached address
     * </pre>
     */
    void output(Packet packet) {
        long now = now();
        used = now;
        switch (state) {
            case NONE, FAILED -> {
                if (params().mcastSolicit() + params().appSolicit() == 0) {
                    // No way to resolve: the kernel goes straight to FAILED and frees the packet.
                    setState(NudState.FAILED, now);
                    packet.dropped(now, Packet.DropReason.RESOLUTION_FAILED);
                    return;
                }
                toIncomplete(now);
                enqueue(packet, now);
                probe();
            }
            case INCOMPLETE -> enqueue(packet, now);
            case STALE -> {
                toDelay(now);
                packet.transmitted(now, mac);
            }
            default -> packet.transmitted(now, mac);
        }
    }

    private void enqueue(Packet packet, long now) {
        arpQueue.addLast(packet);
        arpQueueBytes += packet.sizeBytes();
        while (arpQueueBytes > params().unresQlenBytes() && !arpQueue.isEmpty()) {
            Packet oldest = arpQueue.removeFirst();
            arpQueueBytes -= oldest.sizeBytes();
            oldest.dropped(now, Packet.DropReason.QUEUE_OVERFLOW);
        }
    }

    // ---- the state changes ------------------------------------------------------------------------

    private void toIncomplete(long now) {
        assertFrom(NudState.NONE, NudState.FAILED);
        probes = params().ucastSolicit();
        setState(NudState.INCOMPLETE, now);
        armTimer(now + params().retransInterval());
    }

    private void toDelay(long now) {
        assertFrom(NudState.STALE, NudState.REACHABLE);
        setState(NudState.DELAY, now);
        armTimer(now + params().delayFirstProbeTime());
    }

    private void toProbe(long now) {
        assertFrom(NudState.DELAY);
        probes = 0;
        setState(NudState.PROBE, now);
        armTimer(now + params().retransInterval());
    }

    private void toStale(long now) {
        assertFrom(NudState.REACHABLE);
        setState(NudState.STALE, now);
        cancelTimer();
    }

    private void toReachableFromDelay(long now) {
        assertFrom(NudState.DELAY);
        setState(NudState.REACHABLE, now);
        armTimer(confirmed + device.reachableTime());
    }

    private void toFailed(long now) {
        assertFrom(NudState.INCOMPLETE, NudState.PROBE);
        setState(NudState.FAILED, now);
        cancelTimer();
        // neigh_invalidate(): every queued packet is lost.
        while (!arpQueue.isEmpty()) {
            arpQueue.removeFirst().dropped(now, Packet.DropReason.RESOLUTION_FAILED);
        }
        arpQueueBytes = 0;
    }

    // ---- neigh_timer_handler() ---------------------------------------------------------------------

    private void timerExpired() {
        timer = null;
        long now = now();
        switch (state) {
            case REACHABLE -> {
                if (now < confirmed + device.reachableTime()) {
                    armTimer(confirmed + device.reachableTime());
                } else if (now <= used + params().delayFirstProbeTime()) {
                    toDelay(now);
                } else {
                    toStale(now);
                }
                return;
            }
            case DELAY -> {
                if (now <= confirmed + params().delayFirstProbeTime()) {
                    toReachableFromDelay(now);
                } else {
                    toProbe(now);
                    probe();
                }
                return;
            }
            case INCOMPLETE, PROBE -> {
                if (probes >= params().maxProbes(state)) {
                    toFailed(now);
                    return;
                }
                armTimer(now + params().retransInterval());
                probe();
                return;
            }
            default -> throw new IllegalStateException("timer fired in state " + state);
        }
    }

    /** neigh_probe() -> arp_solicit(): unicast to the cached address first, then broadcast. */
    private void probe() {
        int sent = probes++;
        long destination;
        if (sent < params().ucastSolicit()) {
            destination = mac;
        } else if (sent < params().ucastSolicit() + params().appSolicit()) {
            return; // neigh_app_ns(): a user-space daemon would be asked; not modelled
        } else {
            destination = MacAddress.BROADCAST;
        }
        device.table().solicitor().solicit(device, ip, destination);
    }

    // ---- neigh_update() ------------------------------------------------------------------------------

    /**
     * An ARP reply for this address (arp_process() -> neigh_update(REACHABLE)). Within locktime of
     * the last update a reply may not replace a valid address: the kernel keeps the first answer.
     */
    void arpReply(long senderMac) {
        long now = now();
        boolean override = now > updated + params().locktime();
        update(senderMac, NudState.REACHABLE, override, now);
    }

    /** An ARP request from this address reached us (neigh_event_ns -> neigh_update(STALE, override)). */
    void arpRequestSeen(long senderMac) {
        update(senderMac, NudState.STALE, true, now());
    }

    /** An administrator writes {@code mac} as STALE: the timer stops, queued packets go to it. */
    void adminStale(long newMac) {
        long now = now();
        if (state == NudState.PERMANENT || state == NudState.NOARP) {
            return;
        }
        cancelTimer();
        mac = newMac;
        updated = now;
        if (state != NudState.STALE) {
            setState(NudState.STALE, now);
        }
        flushQueue(now);
    }

    /** Upper-layer confirmation (neigh_confirm(), e.g. TCP making progress). */
    void confirm() {
        long now = now();
        if (confirmed != now) {
            confirmed = now;
        }
    }

    private void update(long newMac, NudState newState, boolean override, long now) {
        NudState old = state;
        if (old == NudState.PERMANENT || old == NudState.NOARP) {
            return; // only an administrator changes these
        }
        boolean macChanges = !old.valid() || newMac != mac;
        if (old.valid() && macChanges && !override) {
            return; // a different answer inside locktime: keep the first
        }
        if (old.valid() && !macChanges && newState == NudState.STALE) {
            newState = old; // a request from a known address does not demote the entry
        }
        if (newState.connected()) {
            confirmed = now;
        }
        if (macChanges) {
            mac = newMac;
            updated = now;
        }
        if (newState != old) {
            cancelTimer();
            if (old == NudState.INCOMPLETE || old == NudState.PROBE) {
                probes = 0;
            }
            setState(newState, now);
            if (newState == NudState.REACHABLE) {
                armTimer(now + device.reachableTime());
            }
        } else if (newState == NudState.REACHABLE) {
            cancelTimer();
            armTimer(now + device.reachableTime());
        }
        if (newState.valid()) {
            flushQueue(now);
        }
    }

    private void flushQueue(long now) {
        while (!arpQueue.isEmpty()) {
            arpQueue.removeFirst().transmitted(now, mac);
        }
        arpQueueBytes = 0;
    }

    void makePermanent(long permanentMac) {
        cancelTimer();
        mac = permanentMac;
        setState(NudState.PERMANENT, now());
        flushQueue(now());
    }

    // ---- plumbing ----------------------------------------------------------------------------------

    private void setState(NudState to, long now) {
        NudState from = state;
        state = to;
        updated = now;
        device.table().stateChanged(this, from, to, now);
    }

    private void armTimer(long at) {
        cancelTimer();
        timer = device.table().scheduler().scheduleAt(at, this::timerExpired);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** Called when the entry is removed from the table. */
    void destroy() {
        cancelTimer();
        long now = now();
        while (!arpQueue.isEmpty()) {
            arpQueue.removeFirst().dropped(now, Packet.DropReason.RESOLUTION_FAILED);
        }
        arpQueueBytes = 0;
    }

    boolean hasTimer() {
        return timer != null;
    }

    private void assertFrom(NudState... allowed) {
        for (NudState s : allowed) {
            if (state == s) {
                return;
            }
        }
        throw new IllegalStateException("transition from " + state + " not allowed for " + dev.sgplab.model.vpc.Ipv4.format(ip));
    }
}
