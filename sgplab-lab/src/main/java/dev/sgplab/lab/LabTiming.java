package dev.sgplab.lab;

import dev.sgplab.model.dns.ResolverKind;
import dev.sgplab.model.neighbour.GcRegime;
import dev.sgplab.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A scenario's kernel and resolver settings at a time scale. The lab runs the kernel faster by
 * scaling its timers: base_reachable_time_ms and retrans_time_ms (milliseconds), locktime (1/100 s),
 * and delay_first_probe_time and gc_stale_time, which the kernel takes in whole seconds — as does
 * the resolver's timeout. A scale that would make any of those fractional cannot be honoured and is
 * refused. Not scalable at all: the 300 s re-draw of reachable_time (hard-coded in the kernel).
 */
public record LabTiming(double scale, Map<String, String> nodeSysctls, Map<String, String> hostSysctls,
        int resolverTimeoutSeconds, int resolverAttempts, List<String> notes) {

    /** The device-level neighbour sysctls the lab sets on every node's link. */
    static final List<String> NODE_KEYS = List.of("base_reachable_time_ms", "retrans_time_ms",
            "delay_first_probe_time", "gc_stale_time", "locktime", "ucast_solicit", "mcast_solicit",
            "mcast_resolicit", "app_solicit", "unres_qlen_bytes");
    /** The initial namespace's defaults that act on the whole table. */
    static final List<String> HOST_KEYS = List.of("base_reachable_time_ms", "gc_thresh1", "gc_thresh2",
            "gc_thresh3");
    /** gc_thresh1 that no table reaches: the periodic scan never runs. */
    static final int NO_GC_THRESH1 = 1 << 30;

    public static LabTiming of(Scenario scenario, double scale) {
        if (!(scale > 0) || scale > 1) {
            throw new LabException.Unusable("--time-scale must be in (0, 1], got " + fmt(scale));
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> node = scaledNodeSysctls(scenario.kernel(), scale, problems);
        int timeout = (int) whole(problems, "dns.timeout", scenario.dns().timeout(), scale, "s", 1);
        if (!problems.isEmpty()) {
            throw new LabException.Unusable("time scale " + fmt(scale) + " cannot be honoured: " + problems.get(0)
                    + " (scales that work for this scenario: " + workingScales(scenario) + ")");
        }
        Scenario.Kernel k = scenario.kernel();
        Map<String, String> host = new LinkedHashMap<>();
        host.put("base_reachable_time_ms", node.get("base_reachable_time_ms"));
        GcRegime regime = k.regime();
        host.put("gc_thresh1", Integer.toString(switch (regime) {
            case GC -> 0;
            case NO_GC -> NO_GC_THRESH1;
            case AUTO -> k.gcThresh1();
        }));
        host.put("gc_thresh2", Integer.toString(k.gcThresh2()));
        host.put("gc_thresh3", Integer.toString(k.gcThresh3()));
        List<String> notes = new ArrayList<>();
        if (scale != 1) {
            notes.add("reachable_time is re-drawn every 300 real seconds (not scaled): every "
                    + fmt(300 / scale) + " model seconds");
        }
        notes.add("periodic GC every base_reachable_time/2 of the initial namespace: "
                + fmt(Long.parseLong(host.get("base_reachable_time_ms")) / 2000.0) + " real s");
        if (scenario.dns().profile().kind() == ResolverKind.BUSYBOX) {
            notes.add("busybox nslookup ignores resolv.conf options: -timeout=" + timeout + " -retry="
                    + scenario.dns().attempts());
        }
        return new LabTiming(scale, node, host, timeout, scenario.dns().attempts(), notes);
    }

    private static Map<String, String> scaledNodeSysctls(Scenario.Kernel k, double scale, List<String> problems) {
        Map<String, String> node = new LinkedHashMap<>();
        node.put("base_reachable_time_ms",
                Long.toString(whole(problems, "base_reachable_time_ms", k.baseReachableTimeMs(), scale, "ms", 1)));
        node.put("retrans_time_ms", Long.toString(whole(problems, "retrans_time_ms", k.retransTimeMs(), scale, "ms", 10)));
        node.put("delay_first_probe_time",
                Long.toString(whole(problems, "delay_first_probe_time", k.delayFirstProbeTime(), scale, "s", 0)));
        node.put("gc_stale_time", Long.toString(whole(problems, "gc_stale_time", k.gcStaleTime(), scale, "s", 1)));
        node.put("locktime", Long.toString(whole(problems, "locktime", k.locktime(), scale, "1/100 s", 0)));
        node.put("ucast_solicit", Integer.toString(k.ucastSolicit()));
        node.put("mcast_solicit", Integer.toString(k.mcastSolicit()));
        node.put("mcast_resolicit", Integer.toString(k.mcastResolicit()));
        node.put("app_solicit", Integer.toString(k.appSolicit()));
        node.put("unres_qlen_bytes", Integer.toString(k.unresQlenBytes()));
        return node;
    }

    /** value x scale, which must come out whole (and at least {@code min}) in the unit the kernel takes. */
    private static long whole(List<String> problems, String key, long value, double scale, String unit, long min) {
        double scaled = value * scale;
        long rounded = Math.round(scaled);
        if (Math.abs(scaled - rounded) > 1e-9) {
            problems.add(key + " " + value + " " + unit + " x " + fmt(scale) + " = " + fmt(scaled) + " " + unit
                    + ", but the kernel takes whole " + unit);
        } else if (rounded < min && value > 0) {
            problems.add(key + " " + value + " " + unit + " x " + fmt(scale) + " = " + rounded + " " + unit
                    + ", below the " + min + " " + unit + " the kernel can time");
        }
        return rounded;
    }

    private static String workingScales(Scenario scenario) {
        List<String> ok = new ArrayList<>();
        for (int tenths = 1; tenths <= 10; tenths++) {
            double s = tenths / 10.0;
            List<String> problems = new ArrayList<>();
            scaledNodeSysctls(scenario.kernel(), s, problems);
            whole(problems, "dns.timeout", scenario.dns().timeout(), s, "s", 1);
            if (problems.isEmpty()) {
                ok.add(fmt(s));
            }
        }
        return ok.isEmpty() ? "none between 0.1 and 1" : String.join(", ", ok);
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }
}
