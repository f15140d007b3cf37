package dev.sgplab.model.neighbour;

import dev.sgplab.engine.Cancellable;
import dev.sgplab.model.address.MacAddress;
import java.util.ArrayDeque;

/**
 * One neighbour entry (struct neighbour) and its NUD state machine.
 *
 * <p>Source: torvalds/linux net/core/neighbour.c — neigh_timer_handler(), __neigh_event_send(),
 * neigh_update(), neigh_probe(); net/ipv4/arp.c arp_solicit(). Each transition is one method that
 * asserts the state it leaves, so that a reader can hold this file and neighbour.c side by side.
 *
 * <p>Read against torvalds/linux v6.x net/core/neighbour.c and include/net/neighbour.h (a tree in
 * which neigh_add_timer() already lifts {@code used} to {@code confirmed}, a 2023 change;
 * docs/calibration.md lists each decision). {@code used} moves only on the slow path: neigh_event_send() from
 * neigh_resolve_output(). A REACHABLE entry transmits through neigh_output() -> neigh_hh_output()
 * once its header is cached, so packets in steady use never touch {@code used}, and
 * neigh_timer_handler() moves it REACHABLE -> STALE at confirmed + reachable_time even while
 * traffic flows; the next packet starts DELAY. The first REACHABLE packet may still take the slow
 * path (no cached header yet); a device without a header cache (arp_generic_ops) sends through
 * neigh_connected_output(), which does not touch {@code used} either. Both leave {@code used} at
 * the confirmation time, which neigh_add_timer() already set, so one model serves both.
 *
 * <p>Deviations: time is continuous (no jiffies) and timers fire on time, while the kernel's timer
 * wheel rounds a 30 s expiry up by as much as its level granularity (0.5 s at HZ=1000, 2 s at
 * HZ=250); the kernel's HZ/100 minimum re-arm is taken as 10 ms (8 ms at HZ=250); refcounts are not
 * modelled: an entry is referenced exactly when its timer runs; app_solicit probes (to a user-space
 * daemon) are counted but not sent.
 */
public final class NeighbourEntry {
    /** neigh_timer_handler(): a timer is never re-armed closer than HZ/100 jiffies (10 ms). */
    static final long MIN_REARM = dev.sgplab.engine.Time.millis(10);

    private final NeighbourDevice device;
    private final int ip;
    private NudState state = NudState.NONE;
    private long mac = MacAddress.NONE;
    private long confirmed;
    private long used;
    private long updated;
    /** hh.hh_len != 0: neigh_resolve_output() has filled the cached header (neigh_hh_init()). */
    private boolean headerCached;
    private int probes;
    private Cancellable timer;
    /** The timer's action, made once: entries re-arm their timer on most state changes. */
    private final Runnable expire = this::timerExpired;
    private final ArrayDeque<Packet> arpQueue = new ArrayDeque<>(2);
    private int arpQueueBytes;
    private final long created;

    NeighbourEntry(NeighbourDevice device, int ip, long now) {
        this.device = device;
        this.ip = ip;
        this.created = now;
        this.updated = now;
        // neigh_alloc(): updated = used = now. ___neigh_create(): confirmed = now - 2 x
        // base_reachable_time, so that a new entry is never taken as recently confirmed.
        this.used = now;
        this.confirmed = unconfirmed(now);
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

    private long unconfirmed(long now) {
        return now - 2 * device.params().baseReachableTime();
    }

    private NeighbourParams params() {
        return device.params();
    }

    private long now() {
        return device.table().scheduler().now();
    }

    // ---- output: neigh_resolve_output() / __neigh_event_send() -------------------------------

    /**
     * A packet wants this entry: neigh_output(). A connected entry (REACHABLE) with a cached
     * header goes out through neigh_hh_output() and touches nothing; everything else takes the
     * slow path, neigh_resolve_output() -> neigh_event_send(), which sets {@code used} and applies
     * the decision table of __neigh_event_send():
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
        if (state.connected() && headerCached) {
            packet.transmitted(now(), mac); // neigh_hh_output(): used is not refreshed
            return;
        }
        resolveOutput(packet);
    }

    /** neigh_resolve_output(): neigh_event_send(), then neigh_hh_init() once the packet can go. */
    private void resolveOutput(Packet packet) {
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
                return;
            }
            case INCOMPLETE -> {
                enqueue(packet, now);
                return;
            }
            case STALE -> toDelay(now);
            default -> { }
        }
        headerCached = true;
        packet.transmitted(now, mac);
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
        addTimer(now + params().retransInterval());
    }

    private void toDelay(long now) {
        assertFrom(NudState.STALE, NudState.REACHABLE);
        long at = now + params().delayFirstProbeTime();
        if (state == NudState.STALE) {
            addTimer(at);     // __neigh_event_send()
        } else {
            rearm(now, at);   // neigh_timer_handler()
        }
        setState(NudState.DELAY, now);
    }

    private void toProbe(long now) {
        assertFrom(NudState.DELAY);
        probes = 0;
        setState(NudState.PROBE, now);
        rearm(now, now + params().retransInterval());
    }

    private void toStale(long now) {
        assertFrom(NudState.REACHABLE);
        setState(NudState.STALE, now);
        cancelTimer();
    }

    private void toReachableFromDelay(long now) {
        assertFrom(NudState.DELAY);
        setState(NudState.REACHABLE, now);
        rearm(now, confirmed + device.reachableTime());
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
                // time_before_eq(now, confirmed + reachable_time): "still alive". A timer armed at
                // exactly that instant lands here and is pushed HZ/100 on by rearm().
                if (now <= confirmed + device.reachableTime()) {
                    rearm(now, confirmed + device.reachableTime());
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
                rearm(now, now + params().retransInterval());
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
        boolean override = now > updated + params().locktime(); // time_after(jiffies, updated + locktime)
        update(senderMac, NudState.REACHABLE, override, false, now);
    }

    /** An ARP request from this address reached us (neigh_event_ns -> neigh_update(STALE, override)). */
    void arpRequestSeen(long senderMac) {
        update(senderMac, NudState.STALE, true, false, now());
    }

    /**
     * An administrator writes {@code mac} as STALE (neigh_update(STALE, ADMIN | OVERRIDE)): the timer
     * stops, queued packets go to it. PERMANENT and NOARP entries are left alone (the kernel would
     * replace them; nothing in sgplab asks it to).
     */
    void adminStale(long newMac) {
        if (state == NudState.PERMANENT || state == NudState.NOARP) {
            return;
        }
        update(newMac, NudState.STALE, true, true, now());
    }

    /** Upper-layer confirmation (neigh_confirm(), e.g. TCP making progress). */
    void confirm() {
        long now = now();
        if (confirmed != now) {
            confirmed = now;
        }
    }

    /** __neigh_update() for a valid new state, in the kernel's order. */
    private void update(long newMac, NudState newState, boolean override, boolean admin, long now) {
        NudState old = state;
        if (!admin && (old == NudState.PERMANENT || old == NudState.NOARP)) {
            return; // only an administrator changes these
        }
        boolean macChanges = !old.valid() || newMac != mac;
        // "Update confirmed timestamp ... even if it doesn't change IP to MAC binding": set before the
        // override test, so a reply that locktime rejects still counts as a confirmation.
        if (newState.connected()) {
            confirmed = now;
        }
        if (old.valid()) {
            if (macChanges && !override) {
                return; // a different answer inside locktime: keep the first
            }
            if (!macChanges && newState == NudState.STALE && !admin) {
                newState = old; // a request from a known address does not demote the entry
            }
        }
        if (macChanges) {
            mac = newMac;
            updated = now;
        }
        if (newState != old) {
            cancelTimer();
            if (newState == NudState.PROBE) {
                probes = 0;
            }
            if (newState.inTimer()) {
                addTimer(now + (newState == NudState.REACHABLE ? device.reachableTime() : 0));
            }
            setState(newState, now);
        }
        // REACHABLE -> REACHABLE keeps its timer: it fires at the old expiry, finds the new
        // confirmation and re-arms ("still alive").
        if (macChanges && !newState.connected()) {
            confirmed = unconfirmed(now); // a new address is not a confirmed one
        }
        if (newState != old && !old.valid()) {
            flushQueue();
        }
    }

    /** __neigh_update() sends the queue through n->output: neigh_resolve_output() on Ethernet. */
    private void flushQueue() {
        while (!arpQueue.isEmpty() && state.valid()) {
            Packet packet = arpQueue.removeFirst();
            arpQueueBytes -= packet.sizeBytes();
            resolveOutput(packet);
        }
    }

    void makePermanent(long permanentMac) {
        NudState old = state;
        cancelTimer();
        mac = permanentMac;
        setState(NudState.PERMANENT, now());
        if (!old.valid()) {
            flushQueue();
        }
    }

    /**
     * neigh_periodic_work() before its test: "if (time_before(n->used, n->confirmed) &&
     * time_is_before_eq_jiffies(n->confirmed)) n->used = n->confirmed" — written back, as the kernel does.
     */
    void liftUsedToConfirmed(long now) {
        if (used < confirmed && confirmed <= now) {
            used = confirmed;
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------------

    private void setState(NudState to, long now) {
        NudState from = state;
        state = to;
        updated = now;
        device.table().stateChanged(this, from, to, now);
    }

    /**
     * neigh_add_timer(), used when a state is entered from outside the timer: it first lifts
     * {@code used} to {@code confirmed} (a 2023 change), so a fresh confirmation counts as use.
     */
    private void addTimer(long at) {
        used = Math.max(used, confirmed);
        schedule(at);
    }

    /** neigh_timer_handler()'s mod_timer(): never closer than HZ/100 from now. */
    private void rearm(long now, long at) {
        schedule(Math.max(at, now + MIN_REARM));
    }

    private void schedule(long at) {
        cancelTimer();
        timer = device.table().scheduler().scheduleAt(at, expire);
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
        throw new IllegalStateException("transition from " + state + " not allowed for " + dev.sgplab.model.address.Ipv4.format(ip));
    }
}
