package dev.sgplab.model.neighbour;

import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One kernel's arp table (struct neigh_table arp_tbl): the devices of all its network namespaces,
 * one entry count, one periodic GC and the forced GC.
 *
 * <p>Source: torvalds/linux net/core/neighbour.c — neigh_periodic_work(), neigh_forced_gc(),
 * neigh_alloc(). The periodic work runs every base_reachable_time/2 of the table's default
 * parameters, re-draws every device's reachable_time when 300 s have passed, and scans only while
 * the table holds at least gc_thresh1 entries — {@code atomic_read(&tbl->entries) < gc_thresh1} in
 * v6.x: every entry of every network namespace on the node, PERMANENT ones included (forced GC
 * counts gc_entries, which leaves PERMANENT entries out, since a 2018 change) — so GC starts and stops as the
 * node's population moves, and its own removals can take the table back under gc_thresh1; a scan
 * removes unreferenced entries that are FAILED
 * or unused for gc_stale_time. Forced GC runs when an entry is allocated with the table at
 * gc_thresh3, or at gc_thresh2 more than 5 s after the last flush.
 *
 * <p>Deviations: the hash-bucket walk order is replaced by insertion order; the phase of the
 * periodic work and of the 300 s re-draw is drawn at random (the kernel's depends on boot time);
 * {@link GcRegime} can force the scan on or off (a named option, not kernel behaviour).
 */
public final class NeighbourTable {
    static final long FORCED_GC_MIN_INTERVAL = Time.seconds(5);
    static final long REACHABLE_TIME_REDRAW = Time.seconds(300);

    private final String name;
    private final NeighbourParams defaults;
    private final TableParams tableParams;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final ArpSolicitor solicitor;
    private final Map<String, NeighbourDevice> devices = new LinkedHashMap<>();
    /**
     * gc_list: every entry that GC may remove, oldest first (each entry is added once, when
     * created). An array list, not a linked hash set: the periodic scan walks it every 15 s, and
     * walking an array touches each entry once instead of a hash node and then the entry; GC
     * removes with removeIf, one pass. Only the rare explicit removals (ip neigh del, an entry
     * made PERMANENT) search it.
     */
    private final ArrayList<NeighbourEntry> gcList = new ArrayList<>();
    private final List<NeighbourListener> listeners = new ArrayList<>(2);
    private long lastFlush;
    private long lastRand;
    private int periodicRuns;
    private int periodicScans;
    private boolean started;
    /** Entries of this model's devices: kept by create and remove, so entries() is O(1). */
    private int modelledEntries;
    /** Entries that exist on the node but not as objects here (see {@link #addEntriesOutsideModel}). */
    private int entriesOutsideModel;
    private int minEntries;
    private int maxEntries;

    public NeighbourTable(String name, NeighbourParams defaults, TableParams tableParams, Scheduler scheduler,
            RandomGenerator random, ArpSolicitor solicitor) {
        this.name = name;
        this.defaults = defaults;
        this.tableParams = tableParams;
        this.scheduler = scheduler;
        this.random = random;
        this.solicitor = solicitor;
        this.lastFlush = scheduler.now();
        this.entriesOutsideModel = tableParams.entriesOutsideModel();
        this.minEntries = entriesOutsideModel;
        this.maxEntries = entriesOutsideModel;
    }

    /** Starts the periodic work at a random phase within its interval. */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        long interval = periodicInterval();
        long now = scheduler.now();
        lastRand = now - (long) (random.nextDouble() * REACHABLE_TIME_REDRAW);
        scheduler.scheduleAt(now + (long) (random.nextDouble() * interval), this::periodicWork);
    }

    public String name() {
        return name;
    }

    public NeighbourParams defaults() {
        return defaults;
    }

    public TableParams tableParams() {
        return tableParams;
    }

    public NeighbourDevice addDevice(String deviceName, NeighbourParams params) {
        if (devices.containsKey(deviceName)) {
            throw new IllegalArgumentException("device " + deviceName + " already exists in " + name);
        }
        NeighbourDevice device = new NeighbourDevice(this, deviceName, params);
        devices.put(deviceName, device);
        return device;
    }

    public NeighbourDevice device(String deviceName) {
        return devices.get(deviceName);
    }

    public Iterable<NeighbourDevice> devices() {
        return devices.values();
    }

    public void addListener(NeighbourListener listener) {
        listeners.add(listener);
    }

    /**
     * tbl->entries: what neigh_periodic_work() compares with gc_thresh1. Every entry of every
     * namespace counts, PERMANENT ones included (unlike gc_entries, which forced GC uses).
     */
    public int entries() {
        return modelledEntries + entriesOutsideModel;
    }

    /**
     * Entries that come and go on the node without being simulated one by one: the VPC CNI's
     * PERMANENT gateway entry in a pod's namespace, the host's entries on a pod's veth and vlan
     * device. A negative delta removes them (the device or namespace is deleted).
     */
    public void addEntriesOutsideModel(int delta) {
        if (entriesOutsideModel + delta < 0) {
            throw new IllegalStateException(name + ": more entries removed than were added (" + entriesOutsideModel
                    + " + " + delta + ")");
        }
        entriesOutsideModel += delta;
        countChanged();
    }

    private void countChanged() {
        int entries = entries();
        if (entries < minEntries) {
            minEntries = entries;
        }
        if (entries > maxEntries) {
            maxEntries = entries;
        }
    }

    public int periodicScans() {
        return periodicScans;
    }

    /** How much of the time so far periodic GC was active, and the entry count's range. */
    public GcActivity gcActivity() {
        return new GcActivity(name, periodicRuns, periodicScans, minEntries, maxEntries, entries(),
                tableParams.gcThresh1());
    }

    Scheduler scheduler() {
        return scheduler;
    }

    RandomGenerator random() {
        return random;
    }

    ArpSolicitor solicitor() {
        return solicitor;
    }

    long periodicInterval() {
        return defaults.baseReachableTime() / 2;
    }

    // ---- neigh_alloc() with forced GC -------------------------------------------------------------

    NeighbourEntry create(NeighbourDevice device, int ip) {
        int gcEntries = gcList.size();
        long now = scheduler.now();
        if (gcEntries >= tableParams.gcThresh3()
                || (gcEntries >= tableParams.gcThresh2() && now > lastFlush + FORCED_GC_MIN_INTERVAL)) {
            boolean shrunk = forcedGc(now);
            if (!shrunk && gcEntries >= tableParams.gcThresh3()) {
                return null; // "arp_cache: neighbor table overflow!"
            }
        }
        NeighbourEntry entry = new NeighbourEntry(device, ip, now);
        device.put(entry);
        gcList.add(entry);
        modelledEntries++;
        countChanged();
        return entry;
    }

    /**
     * neigh_forced_gc(): walk gc_list oldest first and remove unreferenced entries that are FAILED
     * or NOARP or not updated for 5 s, until the table is back at gc_thresh2.
     */
    private boolean forcedGc(long now) {
        int maxClean = gcList.size() - tableParams.gcThresh2();
        int[] shrunk = {0};
        long tref = now - FORCED_GC_MIN_INTERVAL;
        gcList.removeIf(entry -> {
            if (shrunk[0] >= maxClean || entry.hasTimer()) {
                return false; // done; or a running timer holds a reference
            }
            NudState state = entry.state();
            if (state == NudState.FAILED || state == NudState.NOARP || entry.updated() < tref) {
                removeFromDevice(entry, now);
                shrunk[0]++;
                return true;
            }
            return false;
        });
        lastFlush = now;
        return shrunk[0] > 0;
    }

    // ---- neigh_periodic_work() ---------------------------------------------------------------------

    private void periodicWork() {
        long now = scheduler.now();
        if (now > lastRand + REACHABLE_TIME_REDRAW) {
            lastRand = now;
            for (NeighbourDevice device : devices.values()) {
                device.redrawReachableTime();
            }
        }
        periodicRuns++;
        if (shouldScan()) {
            periodicScans++;
            scan(now);
        }
        scheduler.scheduleAt(now + periodicInterval(), this::periodicWork);
    }

    private boolean shouldScan() {
        return switch (tableParams.regime()) {
            case AUTO -> entries() >= tableParams.gcThresh1();
            case GC -> true;
            case NO_GC -> false;
        };
    }

    private void scan(long now) {
        gcList.removeIf(entry -> {
            NudState state = entry.state();
            if (state == NudState.PERMANENT || state.inTimer()) {
                return false;
            }
            entry.liftUsedToConfirmed(now);
            long used = entry.used();
            long staleTime = entry.device().params().gcStaleTime();
            boolean unusedTooLong = now < used || now >= used + staleTime;
            if (state == NudState.FAILED || unusedTooLong) {
                removeFromDevice(entry, now);
                return true;
            }
            return false;
        });
    }

    /** An administrator's delete (ip neigh del). */
    void remove(NeighbourEntry entry) {
        gcList.remove(entry);
        removeFromDevice(entry, scheduler.now());
    }

    private void removeFromDevice(NeighbourEntry entry, long now) {
        entry.device().remove(entry);
        entry.destroy();
        modelledEntries--;
        countChanged();
        for (NeighbourListener listener : listeners) {
            listener.removed(entry, now);
        }
    }

    void stateChanged(NeighbourEntry entry, NudState from, NudState to, long now) {
        if (to == NudState.PERMANENT) {
            gcList.remove(entry); // exempt from GC, and from gc_entries
        }
        for (NeighbourListener listener : listeners) {
            listener.stateChanged(entry, from, to, now);
        }
    }
}
