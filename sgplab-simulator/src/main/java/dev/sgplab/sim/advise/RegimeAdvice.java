package dev.sgplab.sim.advise;

import dev.sgplab.model.neighbour.GcRegime;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.sim.GcSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CoreDNS nodes' periodic-GC regime behind an advice. The kernel's neigh_periodic_work()
 * (net/core/neighbour.c) scans only while tbl->entries >= gc_thresh1; below it a STALE entry holding
 * an old MAC is never removed, so no cooldown can outlast it. Whether the nodes are below is read
 * from the runs (the share of periodic GC runs that scanned), not guessed from the setting.
 */
final class RegimeAdvice {
    /** The guard's /metrics port (sgplab guard --metrics-address default; docs/guard.md). */
    static final int GUARD_METRICS_PORT = 9108;

    private RegimeAdvice() {
    }

    static Advice.Regime of(Scenario base, Evaluation current, Advice.Recommendation recommendation,
            List<Advice.Alternative> alternatives) {
        GcRegime regime = base.kernel().regime();
        int thresh1 = base.kernel().gcThresh1();
        int standing = base.standingEntries();
        List<GcSummary> nodes = current.corednsGc();
        boolean below = regime == GcRegime.NO_GC
                || regime == GcRegime.AUTO && nodes.stream().anyMatch(n -> n.meanScannedFraction() < 1);
        // the GC regime is not why no cooldown helps when the SGPP pods cannot reach their DNS at all
        boolean noCooldownHelps = below && recommendation.cooldownSeconds() == null && !cacheUnreachable(base);
        List<String> nodeSide = below ? nodeSideChanges(alternatives) : List.of();
        return new Advice.Regime(base.kernel().gcRegime(), standing, thresh1, nodes, below, noCooldownHelps,
                summary(regime, standing, thresh1, nodes, below, nodeSide, noCooldownHelps, current), nodeSide,
                readTheGuard(standing, thresh1));
    }

    /** NodeLocal DNSCache on, and the VPC CNI's strict mode sending the SGPP pods' queries past it. */
    static boolean cacheUnreachable(Scenario base) {
        return base.dns().nodeLocalCacheConfig().enabled() && !base.cni().enforcingMode().reachesNodeLocal();
    }

    private static String summary(GcRegime regime, int standing, int thresh1, List<GcSummary> nodes, boolean below,
            List<String> nodeSideChanges, boolean noCooldownHelps, Evaluation current) {
        StringBuilder s = new StringBuilder(switch (regime) {
            case GC -> "assumed: periodic GC scans on every run on the CoreDNS nodes (kernel.gc-regime: gc, a busy node)";
            case NO_GC -> "assumed: periodic GC never scans on the CoreDNS nodes (kernel.gc-regime: no-gc, a quiet node)";
            case AUTO -> String.format(Locale.ROOT, "assumed: the kernel's rule (kernel.gc-regime: auto): periodic GC "
                    + "scans only while a node's arp table holds gc_thresh1 (%d) entries or more; the population keys "
                    + "put %d entries in each CoreDNS node's table besides the churn's own", thresh1, standing);
        });
        for (GcSummary node : nodes) {
            s.append(String.format(Locale.ROOT, "; %s: GC scanned in %s of its periodic runs at %s s, %d..%d entries",
                    node.node(), percent(node.meanScannedFraction()), Advisor.fmt(current.cooldownSeconds()), node.minEntries(),
                    node.maxEntries()));
            if (node.runsNeverScanned() > 0) {
                s.append(String.format(Locale.ROOT, " (never in %.0f %% of the runs)", 100 * node.runsNeverScanned()));
            }
        }
        if (below && nodeSideChanges.isEmpty()) {
            // "below" means some periodic runs skipped the scan, not that a table never reached gc_thresh1
            s.append("; in the periodic runs that did not scan, the tables were under gc_thresh1, yet at this churn no "
                    + "node-side change (gc_thresh1 = 0, the guard) has an effect here");
        }
        if (noCooldownHelps) {
            s.append("; no cooldown helps: while a CoreDNS node's table is under gc_thresh1 its periodic GC removes no "
                    + "STALE entry, so the old MAC outlives any cooldown; change the nodes (or run the guard) instead");
        }
        return s.toString();
    }

    /**
     * The node-side changes for nodes under gc_thresh1, each with its simulated effect: the sysctl
     * that makes GC scan whatever the count, and the guard, as the alternatives computed them; one
     * with no effect here is not listed (the alternatives say "no effect here" for it).
     */
    private static List<String> nodeSideChanges(List<Advice.Alternative> alternatives) {
        List<String> out = new ArrayList<>();
        for (Advice.Alternative a : alternatives) {
            if (a.noEffectHere() || !a.change().startsWith("kernel.gc_thresh1=") && !a.change().startsWith("guard.enabled=")) {
                continue;
            }
            Evaluation at = a.atCurrentCooldown();
            out.add(String.format(Locale.ROOT, "# %s: %s failed pod starts per day at the current cooldown (95 %%: %s..%s)"
                    + ", %s", a.name(), number(at.perDay().failed()), number(at.perDay().failedLow()),
                    number(at.perDay().failedHigh()), a.smallestCooldownSeconds() == null ? "no cooldown up to " + Advisor.MAX_COOLDOWN
                            + " s meets the target with it" : "with it " + a.smallestCooldownSeconds()
                            + " s meets the target"));
            out.addAll(a.howToApply());
        }
        return out;
    }

    /** How the guard's ARP-table metrics show, on the real nodes, which regime they are in. */
    static List<String> readTheGuard(int standing, int thresh1) {
        return List.of(
                "# the guard (deploy/k8s/guard/) exports each node's regime; on every node that may run CoreDNS:",
                "curl -s http://NODE_IP:" + GUARD_METRICS_PORT + "/metrics | grep sgplab_guard_arp",
                "# sgplab_guard_arp_table_entries: the node's one arp table (every namespace, the VPC CNI's PERMANENT",
                "#   entries included); advise assumed " + standing + " besides the churn's own (population.* keys)",
                "# sgplab_guard_arp_gc_thresh{level=\"1\"}: below it periodic GC does not scan (advise assumed "
                        + thresh1 + ")",
                "# sgplab_guard_arp_periodic_gc_skipped 1: entries < gc_thresh1 now, STALE entries are not removed",
                "#   (the regime where no cooldown helps); 0: GC scans, an unused entry goes gc_stale_time after use",
                "# the guard logs the same at start: \"guard: arp table N entries, gc_thresh1/2/3 ...\";",
                "# if a node's entries differ from what advise assumed, set population.pods-per-node,",
                "# population.coredns-clients and population.node-peers to match and run advise again");
    }

    /** A share as a percentage; never "0 %" or "100 %" for a share that is not exactly that. */
    private static String percent(double share) {
        if (share > 0 && share < 0.005) {
            return "under 1 %";
        }
        if (share < 1 && share > 0.995) {
            return "over 99 %";
        }
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }

    private static String number(double value) {
        if (value == 0) {
            return "0";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2g", value);
    }
}
