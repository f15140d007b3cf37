package dev.sgplab.model.neighbour;

import dev.sgplab.engine.Simulation;
import dev.sgplab.engine.Time;
import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import dev.sgplab.model.vpc.VpcFabric;
import java.util.ArrayList;
import java.util.List;

/**
 * One kernel with eth0 on a VPC fabric, on a virtual clock. nextDouble() is pinned to 0.5, so
 * reachable_time is exactly base_reachable_time (30 s by default) and GC runs at 7.5 s, 22.5 s, ...
 * (phase 0.5 x 15 s), and the 300 s re-draw clock starts 150 s in the past.
 */
final class NeighbourHarness {
    static final int POD_IP = Ipv4.parse("198.18.0.10");
    static final long OLD_MAC = MacAddress.parse("02:00:00:00:00:01");
    static final long NEW_MAC = MacAddress.parse("02:00:00:00:00:02");

    final Simulation sim = new Simulation();
    final VpcFabric fabric;
    final NeighbourTable table;
    final NeighbourDevice eth0;
    final List<String> outcomes = new ArrayList<>();
    final List<String> transitions = new ArrayList<>();

    NeighbourHarness() {
        this(NeighbourParams.LINUX_DEFAULTS, TableParams.LINUX_DEFAULTS, VpcFabric.Options.DEFAULTS);
    }

    NeighbourHarness(NeighbourParams params, TableParams tableParams, VpcFabric.Options options) {
        fabric = new VpcFabric(sim, options);
        table = new NeighbourTable("node-0", params, tableParams, sim, new FixedRandom(0.5), fabric);
        eth0 = table.addDevice("eth0", params);
        table.addListener(new NeighbourListener() {
            @Override
            public void stateChanged(NeighbourEntry entry, NudState from, NudState to, long now) {
                transitions.add(String.format("%.4f %s->%s", Time.toSeconds(now), from, to));
            }

            @Override
            public void removed(NeighbourEntry entry, long now) {
                transitions.add(String.format("%.4f removed", Time.toSeconds(now)));
            }
        });
        table.start();
    }

    /** Runs the clock to {@code seconds}, then sends one packet to the pod's IP. */
    void sendAt(double seconds) {
        sim.runUntil(Time.seconds(seconds));
        eth0.output(POD_IP, new Packet() {
            @Override
            public int sizeBytes() {
                return 128;
            }

            @Override
            public void transmitted(long now, long destinationMac) {
                String fate = fabric.delivers(POD_IP, destinationMac) ? "delivered" : "lost";
                outcomes.add(String.format("%.4f %s %s", Time.toSeconds(now), MacAddress.format(destinationMac), fate));
            }

            @Override
            public void dropped(long now, DropReason reason) {
                outcomes.add(String.format("%.4f dropped %s", Time.toSeconds(now), reason));
            }
        });
    }

    /** The pod (OLD_MAC) owns the IP and a packet at 0 resolves it: REACHABLE from 0.0001. */
    void resolveOldMacAtZero() {
        fabric.attach(POD_IP, OLD_MAC);
        sendAt(0);
    }

    /** The old pod's branch ENI is deleted and the IP comes back on a new ENI with NEW_MAC. */
    void ipMovesToNewMac() {
        fabric.detach(POD_IP);
        fabric.attach(POD_IP, NEW_MAC);
    }

    void runTo(double seconds) {
        sim.runUntil(Time.seconds(seconds));
    }

    NudState state() {
        NeighbourEntry entry = eth0.lookup(POD_IP);
        return entry == null ? null : entry.state();
    }

    List<String> dump() {
        return NeighbourDump.lines(table);
    }
}
