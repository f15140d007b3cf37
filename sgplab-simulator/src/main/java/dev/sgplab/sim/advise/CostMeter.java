package dev.sgplab.sim.advise;

import dev.sgplab.model.dns.NodeLocalCache;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.ClusterSimulation;
import dev.sgplab.sim.Replications;
import dev.sgplab.sim.RunCosts;
import dev.sgplab.sim.SimulationPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each change costs, as comment lines to go above its text to paste. Measured costs come from
 * simulation — the unchanged scenario and the changed one, at the current cooldown, on the same
 * seeds (common random numbers) — : ARP requests the CoreDNS nodes send (the sysctls), lookups that
 * needed a retry and the start latency it added (the resolver options), the node-local caches' hit
 * share. Fixed costs come from the manifests: the DaemonSets' requests per node, the guard's watch.
 * The cooldown's own cost (branch ENIs held, pods waiting) is the recommendation's capacity figures.
 */
final class CostMeter {
    /** Runs per measurement: costs are means per run, not rare events, so a few runs settle them. */
    static final int RUNS = 10;

    /** What a change costs, by kind. */
    enum Kind {
        NONE, ARP_REQUESTS, LOOKUP_RETRIES, NODE_LOCAL_CACHE, GUARD
    }

    /** Means per run of the measured costs. */
    record Means(double retriedLookups, double retryWaitSeconds, double arpRequests, double cacheHitShare) {
        double waitPerRetried() {
            return retriedLookups == 0 ? 0 : retryWaitSeconds / retriedLookups;
        }
    }

    private final long seed;
    private final int cooldownSeconds;
    private final Map<String, Means> cache = new LinkedHashMap<>();

    CostMeter(long seed, int cooldownSeconds) {
        this.seed = seed;
        this.cooldownSeconds = cooldownSeconds;
    }

    /** The change's cost lines followed by its text to paste. */
    List<String> withCost(Change change, ScenarioTree base, ScenarioTree changed) {
        List<String> out = new ArrayList<>(costLines(change.costKind(), base, changed));
        out.addAll(change.howTo());
        return out;
    }

    List<String> costLines(Kind kind, ScenarioTree base, ScenarioTree changed) {
        Scenario scenario = changed.bind();
        int nodes = scenario.cluster().nodes();
        String perRun = "mean per run of " + (scenario.singleChurnTest() ? scenario.workload().pods() + " pods"
                : "the workloads' pods") + ", " + RUNS + " runs at " + cooldownSeconds
                + " s, same seeds as without the change";
        return switch (kind) {
            case NONE -> List.of();
            case ARP_REQUESTS -> {
                Means before = measure(base);
                Means after = measure(changed);
                yield List.of(String.format(Locale.ROOT, "# cost (simulated, %s): the CoreDNS nodes send %.1f ARP "
                        + "requests instead of %.1f (%s; an entry GC removed is resolved by broadcast, a stale one kept "
                        + "is probed by unicast first)", perRun,
                        after.arpRequests(), before.arpRequests(), change(before.arpRequests(), after.arpRequests())));
            }
            case LOOKUP_RETRIES -> {
                Means before = measure(base);
                Means after = measure(changed);
                if (after.retriedLookups() == 0 && before.retriedLookups() == 0) {
                    yield List.of("# cost (simulated, " + perRun + "): none: no pod starts after a resolver retry, "
                            + "with or without the change");
                }
                yield List.of(String.format(Locale.ROOT, "# cost (simulated, %s): %.1f pods start only after a "
                        + "resolver retry (%.1f without the change), each %.1f s later than without loss (%.1f s "
                        + "without the change)", perRun, after.retriedLookups(), before.retriedLookups(),
                        after.waitPerRetried(), before.waitPerRetried()));
            }
            case NODE_LOCAL_CACHE -> {
                Means after = measure(changed);
                yield List.of(String.format(Locale.ROOT, "# cost: one node-local-dns pod on each of the %d nodes, "
                        + "requesting cpu %s and memory %s each (the manifest's requests): %s CPU and %s memory in all",
                        nodes, NodeLocalCache.CPU_REQUEST, NodeLocalCache.MEMORY_REQUEST,
                        times(NodeLocalCache.CPU_REQUEST, nodes), times(NodeLocalCache.MEMORY_REQUEST, nodes)),
                        String.format(Locale.ROOT, "# (simulated, %s: the caches answer %.0f %% of the pods' queries "
                                + "themselves; CoreDNS answers the rest over TCP from the nodes' own addresses)", perRun,
                                100 * after.cacheHitShare()));
            }
            case GUARD -> List.of(String.format(Locale.ROOT, "# cost: one guard pod on each of the %d nodes, requesting "
                    + "cpu %s and memory %s each (%sdaemonset.yaml): %s CPU and %s memory in all; each lists and "
                    + "watches every pod of the cluster, so the API server keeps %d pod watches more", nodes,
                    HowToApply.GUARD_CPU_REQUEST, HowToApply.GUARD_MEMORY_REQUEST, HowToApply.GUARD_MANIFESTS,
                    times(HowToApply.GUARD_CPU_REQUEST, nodes), times(HowToApply.GUARD_MEMORY_REQUEST, nodes), nodes));
        };
    }

    /** The scenario's costs at the current cooldown over {@link #RUNS} fixed seeds, memoised. */
    Means measure(ScenarioTree tree) {
        ScenarioTree atCooldown = tree.with(Advisor.COOLDOWN, Integer.toString(cooldownSeconds));
        return cache.computeIfAbsent(atCooldown.hashKey(), k -> {
            SimulationPlan plan = SimulationPlan.of(atCooldown.bind());
            double retried = 0;
            double wait = 0;
            double arp = 0;
            long hits = 0;
            long asked = 0;
            for (int r = 0; r < RUNS; r++) {
                ClusterSimulation run = new ClusterSimulation(plan, Replications.seedOf(seed, r),
                        ClusterSimulation.Detail.COUNTS);
                run.run();
                RunCosts costs = run.costs();
                retried += costs.retriedLookups();
                wait += costs.retryWaitSeconds();
                arp += costs.arpRequests();
                hits += costs.cacheHits();
                asked += costs.cacheHits() + costs.cacheMisses();
            }
            return new Means(retried / RUNS, wait / RUNS, arp / RUNS, asked == 0 ? 0 : (double) hits / asked);
        });
    }

    private static String change(double before, double after) {
        if (before == 0) {
            return after == 0 ? "no change" : "none before";
        }
        return String.format(Locale.ROOT, "%+.0f %%", 100 * (after - before) / before);
    }

    /** A Kubernetes quantity such as 25m or 5Mi times a count, in the same unit. */
    static String times(String quantity, int count) {
        int unit = 0;
        while (unit < quantity.length() && (Character.isDigit(quantity.charAt(unit)))) {
            unit++;
        }
        return Long.parseLong(quantity.substring(0, unit)) * count + quantity.substring(unit);
    }
}
