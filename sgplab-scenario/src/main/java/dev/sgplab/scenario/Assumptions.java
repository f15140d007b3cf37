package dev.sgplab.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings that stand for undocumented behaviour (the controller's cooldown, the subnet's
 * allocation order, the kernel's GC regime, ...): every result of simulate and lab run names the
 * value it assumed for each, so that two results can be told apart by what they assumed.
 */
public final class Assumptions {
    /** The keys, in the order results list them. */
    public static final List<String> KEYS = List.of("controller.branch-eni-cooldown", "subnet.allocation-policy",
            "kernel.gc-regime", "vpc.answer-unicast-probes-to-stale-mac", "dns.resolver",
            "cluster.coredns.replica-choice", "kernel.gc_stale_time", "kernel.base_reachable_time_ms",
            "population.pods-per-node", "population.coredns-clients", "population.node-peers", "kernel.other-arp-entries");

    private Assumptions() {
    }

    /**
     * Each key's value in this scenario, then the cooldown the run actually used, in whole seconds
     * (the controller raises a cooldown under its floor, so it may differ from the one asked for).
     */
    public static Map<String, String> of(ScenarioTree tree, double effectiveCooldownSeconds) {
        Map<String, String> assumptions = new LinkedHashMap<>();
        for (String key : KEYS) {
            assumptions.put(key, tree.get(key));
        }
        assumptions.put("effective-cooldown-seconds", Long.toString(Math.round(effectiveCooldownSeconds)));
        return assumptions;
    }
}
