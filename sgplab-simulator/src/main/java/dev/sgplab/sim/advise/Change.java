package dev.sgplab.sim.advise;

import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.vpc.Subnet;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An alternative to a longer cooldown: one or more settings changed together, what it means, and which
 * of its costs {@link CostMeter} states.
 */
record Change(String setting, String name, String what, Map<String, String> values, List<String> howTo,
        CostMeter.Kind costKind) {
    /** The most alternatives {@link #alternatives} gives (for progress bars). */
    static final int COUNT = 9;

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
                        Long.toString(shorter)), HowToApply.sysctl("gc_stale_time", Long.toString(shorter)), CostMeter.Kind.ARP_REQUESTS));
        changes.add(new Change("kernel.gc_thresh1=0", "net.ipv4.neigh.default.gc_thresh1 = 0",
                "on the CoreDNS nodes: periodic GC runs whatever the table's size"
                + " (it does nothing below gc_thresh1)", Map.of("kernel.gc-regime", "auto", "kernel.gc_thresh1", "0"),
                HowToApply.sysctl("gc_thresh1", "0"), CostMeter.Kind.ARP_REQUESTS));
        long base2 = base.kernel().baseReachableTimeMs() / 2;
        changes.add(new Change("kernel.base_reachable_time_ms=" + base2,
                "net.ipv4.neigh.default.base_reachable_time_ms = " + base2, "on the CoreDNS nodes: entries turn STALE "
                + "sooner and GC runs twice as often", Map.of("kernel.base_reachable_time_ms", Long.toString(base2)),
                HowToApply.sysctl("base_reachable_time_ms", Long.toString(base2)), CostMeter.Kind.ARP_REQUESTS));
        changes.add(biggerSubnet(base));
        int attempts = base.dns().attempts() + 1;
        changes.add(new Change("dns.attempts=" + attempts, "pod dnsConfig option attempts: " + attempts,
                "in the pods' resolv.conf (options attempts:" + attempts
                + "): one more try, later than the 8 s in which replies go to the old MAC",
                Map.of("dns.attempts", Integer.toString(attempts)),
                HowToApply.attempts(attempts, base.dns().resolver(), base.dns().timeout()),
                CostMeter.Kind.LOOKUP_RETRIES));
        changes.add(longerTimeout(base));
        if (!base.dns().singleRequest()) {
            changes.add(new Change("dns.single-request=true", "pod dnsConfig option single-request",
                    "in the pods' resolv.conf (options single-request): A and AAAA one after the other, one reply per "
                    + "try (glibc only)", Map.of("dns.single-request", "true"),
                    HowToApply.dnsOption("single-request", null, "glibc sends the AAAA query only after the A answer; "
                            + "musl and busybox ignore the option"), CostMeter.Kind.LOOKUP_RETRIES));
        }
        if (!base.dns().nodeLocalCacheConfig().enabled()) {
            changes.add(nodeLocalCache(base));
        } else if (!base.cni().enforcingMode().reachesNodeLocal()) {
            changes.add(standardMode());
        }
        if (!base.guard().enabled()) {
            changes.add(new Change("guard.enabled=true", "sgplab guard DaemonSet",
                    "sgplab guard on every node: repairs the entries of an IP as "
                    + "soon as its new owner's pod is annotated", Map.of("guard.enabled", "true"), HowToApply.guard(),
                    CostMeter.Kind.GUARD));
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
                    HowToApply.freeAddresses(base.subnet().usedByOthers()), CostMeter.Kind.NONE);
        }
        Cidr wider = new Cidr(cidr.network() & (cidr.prefixLength() == 16 ? -1 << 16 : -1 << (33 - cidr.prefixLength())),
                Math.max(16, cidr.prefixLength() - 1));
        return new Change("subnet.cidr=" + wider, "a new pods' subnet twice the size",
                "a new subnet twice the size (" + wider + "), so more than twice the "
                + "free addresses (a subnet cannot grow)", Map.of("subnet.cidr", wider.toString()),
                HowToApply.largerSubnet(wider.toString()), CostMeter.Kind.NONE);
    }

    /** Twice the resolver timeout: the retry comes later, after the stale entry had time to be fixed. */
    private static Change longerTimeout(Scenario base) {
        int timeout = base.dns().timeout() * 2;
        return new Change("dns.timeout=" + timeout, "pod dnsConfig option timeout: " + timeout,
                "in the pods' resolv.conf (options timeout:" + timeout + "): each try waits " + timeout + " s instead of "
                + base.dns().timeout() + " s, so a retry comes later", Map.of("dns.timeout", Integer.toString(timeout)),
                HowToApply.dnsOption("timeout", Integer.toString(timeout), "glibc waits up to the timeout per try; musl "
                        + "and busybox spread their tries over it"), CostMeter.Kind.LOOKUP_RETRIES);
    }

    /**
     * The cache runs but the VPC CNI's strict mode keeps the SGPP pods from it (their queries leave
     * through the branch ENI, where the cache never sees them): the standard mode lets them reach it.
     */
    private static Change standardMode() {
        return new Change("cni.pod-security-group-enforcing-mode=standard", "the VPC CNI's standard mode",
                "POD_SECURITY_GROUP_ENFORCING_MODE=standard on aws-node: the SGPP pods' queries reach the "
                + "NodeLocal DNSCache on their own node, which strict mode sends out of their branch ENIs",
                Map.of("cni.pod-security-group-enforcing-mode", "standard"),
                HowToApply.enforcingModeStandard().stream().map(l -> l.replace("# and, first: ", "# ")).toList(),
                CostMeter.Kind.NONE);
    }

    /**
     * NodeLocal DNSCache; under the VPC CNI's strict mode the SGPP pods cannot reach it, so the change
     * includes the standard mode (the cache alone would make every lookup time out: see
     * docs/mitigations.md and the simulator's NodeLocalCacheTest).
     */
    private static Change nodeLocalCache(Scenario base) {
        boolean strict = !base.cni().enforcingMode().reachesNodeLocal();
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("dns.node-local-cache", "on");
        if (strict) {
            values.put("cni.pod-security-group-enforcing-mode", "standard");
        }
        return new Change(strict ? "dns.node-local-cache=on,cni.pod-security-group-enforcing-mode=standard"
                : "dns.node-local-cache=on", "NodeLocal DNSCache" + (strict ? " with the VPC CNI's standard mode" : ""),
                "each pod asks a cache on its own node; only the cache's misses go to CoreDNS, from the node's own "
                + "address, so no DNS reply is sent to a recycled pod IP" + (strict ? " (strict mode would send the "
                + "pods' queries out of their branch ENIs, where the cache never sees them)" : ""),
                values, HowToApply.nodeLocalCache(base.dns().clusterDomain(), strict), CostMeter.Kind.NODE_LOCAL_CACHE);
    }
}
