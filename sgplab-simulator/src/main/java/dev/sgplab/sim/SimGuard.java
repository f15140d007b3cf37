package dev.sgplab.sim;

import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.model.dist.Distribution;
import dev.sgplab.model.guard.GuardRules;
import dev.sgplab.model.neighbour.NeighbourEntry;
import dev.sgplab.observe.IpNeighEntry;
import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * sgplab's guard in the simulator: it learns a pod's IP and MAC when the controller annotates the
 * pod, and {@code reaction-latency} later applies {@link GuardRules} to that IP's entry on every
 * CoreDNS node; every {@code sweep-interval} it checks every entry. The same rules as the real agent.
 */
final class SimGuard {
    private final Scheduler scheduler;
    private final List<SimNode> nodes;
    private final Distribution latency;
    private final RandomGenerator random;
    private final GuardRules.Action action;
    private final Map<Integer, Long> ownerMacByIp = new HashMap<>();
    private int repairs;

    SimGuard(Scheduler scheduler, List<SimNode> nodes, dev.sgplab.scenario.Scenario.Guard guard, RandomGenerator random) {
        this.scheduler = scheduler;
        this.nodes = List.copyOf(nodes);
        this.latency = guard.latency();
        this.random = random;
        this.action = guard.guardAction();
        long interval = Time.seconds(guard.sweepInterval());
        scheduler.scheduleAfter(interval, new Runnable() {
            @Override
            public void run() {
                sweep();
                scheduler.scheduleAfter(interval, this);
            }
        });
    }

    /** The pod-eni annotation appeared: the owner is known, and its entries are checked shortly. */
    void annotated(int ip, long mac) {
        ownerMacByIp.put(ip, mac);
        scheduler.scheduleAfter(Time.seconds(latency.sample(random)), () -> check(ip));
    }

    /** The pod is gone: its IP is no longer known (so its entries are left alone). */
    void podGone(int ip, long mac) {
        ownerMacByIp.remove(ip, mac);
    }

    int repairs() {
        return repairs;
    }

    private void check(int ip) {
        for (SimNode node : nodes) {
            NeighbourEntry entry = node.eth0.lookup(ip);
            if (entry != null) {
                repair(node, entry);
            }
        }
    }

    private void sweep() {
        for (SimNode node : nodes) {
            for (NeighbourEntry entry : new ArrayList<>(node.eth0.entries())) {
                repair(node, entry);
            }
        }
    }

    private void repair(SimNode node, NeighbourEntry entry) {
        Long owner = ownerMacByIp.get(entry.ip());
        IpNeighEntry seen = new IpNeighEntry(Ipv4.format(entry.ip()), "eth0", entry.state(),
                entry.state().valid() ? MacAddress.format(entry.mac()) : null);
        GuardRules.Repair repair = GuardRules.decide(owner == null ? null : MacAddress.format(owner), seen, action);
        if (repair == null) {
            return;
        }
        repairs++;
        if (repair.action() == GuardRules.Action.REPLACE) {
            node.eth0.adminReplaceStale(entry.ip(), owner);
        } else {
            node.eth0.adminDelete(entry.ip());
        }
    }
}
