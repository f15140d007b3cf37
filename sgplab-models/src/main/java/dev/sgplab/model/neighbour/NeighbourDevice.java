package dev.sgplab.model.neighbour;

import java.util.Collection;
import java.util.Collections;

/**
 * A device's view of the arp table with its own neigh_parms (/proc/sys/net/ipv4/neigh/DEV/).
 * reachable_time belongs to the parms, not to an entry: it is drawn uniformly in
 * [base/2, 3*base/2] when the device appears and re-drawn every 300 s by the table's periodic work.
 */
public final class NeighbourDevice {
    private final NeighbourTable table;
    private final String name;
    private final NeighbourParams params;
    private long reachableTime;
    private final DeviceEntries entries = new DeviceEntries();

    NeighbourDevice(NeighbourTable table, String name, NeighbourParams params) {
        this.table = table;
        this.name = name;
        this.params = params;
        redrawReachableTime();
    }

    public String name() {
        return name;
    }

    public NeighbourParams params() {
        return params;
    }

    public NeighbourTable table() {
        return table;
    }

    /** The current reachable_time in nanoseconds. */
    public long reachableTime() {
        return reachableTime;
    }

    /** neigh_rand_reach_time(): uniform in [base/2, 3*base/2). */
    void redrawReachableTime() {
        long base = params.baseReachableTime();
        reachableTime = base / 2 + (long) (table.random().nextDouble() * base);
    }

    /** Sends a packet to an on-link address through this device (neigh_resolve_output). */
    public void output(int ip, Packet packet) {
        NeighbourEntry entry = entries.get(ip);
        if (entry == null) {
            entry = table.create(this, ip);
            if (entry == null) {
                packet.dropped(table.scheduler().now(), Packet.DropReason.TABLE_OVERFLOW);
                return;
            }
        }
        entry.output(packet);
    }

    /** An ARP reply arrived. Without an entry it is ignored (arp_accept=0). */
    public void arpReply(int ip, long senderMac) {
        NeighbourEntry entry = entries.get(ip);
        if (entry != null) {
            entry.arpReply(senderMac);
        }
    }

    /**
     * An ARP request from {@code ip} arrived (arp_process()). A request for one of our addresses
     * creates or updates the sender's entry (neigh_event_ns); a broadcast for someone else only
     * updates an entry we already have — that is what repairs caches on an ordinary LAN.
     */
    public void arpRequestReceived(int ip, long senderMac, boolean targetsUs) {
        NeighbourEntry entry = entries.get(ip);
        if (entry == null) {
            if (!targetsUs) {
                return;
            }
            entry = table.create(this, ip);
            if (entry == null) {
                return;
            }
        }
        entry.arpRequestSeen(senderMac);
    }

    /** An upper layer (e.g. TCP) confirmed the neighbour is reachable. */
    public void confirm(int ip) {
        NeighbourEntry entry = entries.get(ip);
        if (entry != null) {
            entry.confirm();
        }
    }

    /** {@code ip neigh replace IP lladdr MAC nud permanent dev DEV}. */
    public void addPermanent(int ip, long mac) {
        NeighbourEntry entry = entries.get(ip);
        if (entry == null) {
            entry = table.create(this, ip);
        }
        if (entry != null) {
            entry.makePermanent(mac);
        }
    }

    /**
     * {@code ip neigh replace IP lladdr MAC nud stale dev DEV}: an administrator's update
     * (neigh_update with NEIGH_UPDATE_F_ADMIN | OVERRIDE). Returns false when there is no entry.
     */
    public boolean adminReplaceStale(int ip, long mac) {
        NeighbourEntry entry = entries.get(ip);
        if (entry == null) {
            return false;
        }
        entry.adminStale(mac);
        return true;
    }

    /** {@code ip neigh del IP dev DEV}. Returns false when there is no entry. */
    public boolean adminDelete(int ip) {
        NeighbourEntry entry = entries.get(ip);
        if (entry == null) {
            return false;
        }
        table.remove(entry);
        return true;
    }

    public NeighbourEntry lookup(int ip) {
        return entries.get(ip);
    }

    /** The device's entries in the order they were created (a copy: the table may change while it is walked). */
    public Collection<NeighbourEntry> entries() {
        return Collections.unmodifiableCollection(entries.inOrderAdded());
    }

    void put(NeighbourEntry entry) {
        entries.put(entry);
    }

    void remove(NeighbourEntry entry) {
        entries.remove(entry.ip());
    }
}
