package dev.sgplab.sim.advise;

import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.vpc.Subnet;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An alternative to a longer cooldown: one or more settings changed together, and what it means. */
record Change(String setting, String name, String what, Map<String, String> values, List<String> howTo) {
    static final int COUNT = 6;

    ScenarioTree apply(ScenarioTree tree) {
        ScenarioTree changed = tree;
        for (Map.Entry<String, String> value : values.entrySet()) {
            changed = changed.with(value.getKey(), value.getValue());
        }
        return changed;
    }

    static List<Change> alternatives(Scenario base) {
        List<Change> changes = new ArrayList<>();
        long stale = base.kernel().gcStaleTime();
        long shorter = Math.max(1, stale / 2);
        changes.add(new Change("kernel.gc_stale_time=" + shorter,
                "net.ipv4.neigh.default.gc_stale_time = " + shorter, "on the CoreDNS nodes: GC removes an unused entry "
                + shorter + " s after its last use instead of " + stale + " s", Map.of("kernel.gc_stale_time",
                        Long.toString(shorter)), HowToApply.sysctl("gc_stale_time", Long.toString(shorter))));
        changes.add(new Change("kernel.gc_thresh1=0", "net.ipv4.neigh.default.gc_thresh1 = 0",
                "on the CoreDNS nodes: periodic GC runs whatever the table's size"
                + " (it does nothing below gc_thresh1)", Map.of("kernel.gc-regime", "auto", "kernel.gc_thresh1", "0"),
                HowToApply.sysctl("gc_thresh1", "0")));
        long base2 = base.kernel().baseReachableTimeMs() / 2;
        changes.add(new Change("kernel.base_reachable_time_ms=" + base2,
                "net.ipv4.neigh.default.base_reachable_time_ms = " + base2, "on the CoreDNS nodes: entries turn STALE "
                + "sooner and GC runs twice as often", Map.of("kernel.base_reachable_time_ms", Long.toString(base2)),
                HowToApply.sysctl("base_reachable_time_ms", Long.toString(base2))));
        changes.add(biggerSubnet(base));
        int attempts = base.dns().attempts() + 1;
        changes.add(new Change("dns.attempts=" + attempts, "pod dnsConfig option attempts: " + attempts,
                "in the pods' resolv.conf (options attempts:" + attempts
                + "): one more try, later than the 8 s in which replies go to the old MAC",
                Map.of("dns.attempts", Integer.toString(attempts)),
                HowToApply.attempts(attempts, base.dns().resolver(), base.dns().timeout())));
        if (!base.guard().enabled()) {
            changes.add(new Change("guard.enabled=true", "sgplab guard DaemonSet",
                    "sgplab guard on every node: repairs the entries of an IP as "
                    + "soon as its new owner's pod is annotated", Map.of("guard.enabled", "true"), HowToApply.guard()));
        }
        return changes;
    }

    /** Twice the free addresses: fewer held by others, or a subnet one bit larger. */
    private static Change biggerSubnet(Scenario base) {
        Cidr cidr = base.subnet().cidrBlock();
        int usable = (int) cidr.size() - Subnet.RESERVED_ADDRESSES;
        int free = usable - base.subnet().usedByOthers();
        if (base.subnet().usedByOthers() >= free) {
            int used = base.subnet().usedByOthers() - free;
            return new Change("subnet.used-by-others=" + used, "twice the free addresses in the pods' subnet",
                    "twice the free addresses for branch ENIs (" + 2 * free
                    + "): the subnet keeps its size, others hold fewer of its addresses",
                    Map.of("subnet.used-by-others", Integer.toString(used)),
                    HowToApply.freeAddresses(base.subnet().usedByOthers()));
        }
        Cidr wider = new Cidr(cidr.network() & (cidr.prefixLength() == 16 ? -1 << 16 : -1 << (33 - cidr.prefixLength())),
                Math.max(16, cidr.prefixLength() - 1));
        return new Change("subnet.cidr=" + wider, "a new pods' subnet twice the size",
                "a new subnet twice the size (" + wider + "), so more than twice the "
                + "free addresses (a subnet cannot grow)", Map.of("subnet.cidr", wider.toString()),
                HowToApply.largerSubnet(wider.toString()));
    }
}
