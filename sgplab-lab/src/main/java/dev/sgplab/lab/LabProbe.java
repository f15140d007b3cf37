package dev.sgplab.lab;

import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.vpc.MacAddress;
import dev.sgplab.observe.EntrySnapshot;
import dev.sgplab.observe.ProbeObservation;
import dev.sgplab.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The probe on the kernel: pod A (IP X, MAC A) resolves, so the DNS node's kernel learns X -> A;
 * A's namespace is deleted; after the gap (scaled) pod B (IP X, MAC B) resolves while the node's
 * entry for X is read every 20 ms. Same sequence, addresses and MACs as the model's probe.
 */
public final class LabProbe {
    /** The model's probe MACs (ProbeSimulation), repeated here so the lab needs no simulator. */
    static final long MAC_A = 0x0200_0000_0a01L;
    static final long MAC_B = 0x0200_0000_0b02L;
    private static final long POLL_MILLIS = 20;

    private final LabSession session;

    public LabProbe(LabSession session) {
        this.session = session;
    }

    public ProbeObservation run(double gapSeconds) {
        Scenario scenario = session.scenario();
        double scale = session.timing().scale();
        session.open();
        LabNetwork network = session.network();
        int ip = scenario.subnet().cidrBlock().address(4 + Math.max(1, scenario.subnet().usedByOthers()));
        BranchEni a = new BranchEni("eni-probe-a", MAC_A, ip, 1, "probe-1");
        BranchEni b = new BranchEni("eni-probe-b", MAC_B, ip, 2, "probe-2");
        network.attach(a);
        Commands.run(network.lookupCommand(a), null);
        network.detach(a);
        sleepNanos((long) (gapSeconds * scale * 1e9));
        network.attach(b);
        List<String> statesSeen = new ArrayList<>();
        long start = System.nanoTime();
        EntrySnapshot first = network.snapshot(ip).get(0);
        label(statesSeen, first);
        long[] fixedAt = {isFixed(first) || !valid(first) ? start : -1};
        Process lookup = Commands.start(network.lookupCommand(b));
        Commands.drain(lookup.getInputStream());
        Commands.drain(lookup.getErrorStream());
        while (lookup.isAlive()) {
            EntrySnapshot now = network.snapshot(ip).get(0);
            label(statesSeen, now);
            if (fixedAt[0] < 0 && isFixed(now)) {
                fixedAt[0] = System.nanoTime();
            }
            sleepNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
        long end = System.nanoTime();
        EntrySnapshot last = network.snapshot(ip).get(0);
        label(statesSeen, last);
        if (fixedAt[0] < 0 && isFixed(last)) {
            fixedAt[0] = end;
        }
        boolean ok = lookup.exitValue() == 0;
        double lostReal = ((fixedAt[0] >= 0 ? fixedAt[0] : end) - start) / 1e9;
        return new ProbeObservation("lab", gapSeconds, scenario.kernel().regime().name().toLowerCase(Locale.ROOT)
                .replace('_', '-'), ok ? ProbeObservation.OK : ProbeObservation.FAILED, lostReal / scale,
                List.copyOf(statesSeen), List.of());
    }

    private static boolean valid(EntrySnapshot entry) {
        return List.of("REACHABLE", "STALE", "DELAY", "PROBE", "PERMANENT", "NOARP").contains(entry.state());
    }

    private static boolean isFixed(EntrySnapshot entry) {
        return valid(entry) && MacAddress.format(MAC_B).equals(entry.mac());
    }

    private static void label(List<String> seen, EntrySnapshot entry) {
        String state = entry.state();
        String mac = entry.mac();
        String label = MacAddress.format(MAC_A).equals(mac) && valid(entry) ? state + " (old MAC)"
                : MacAddress.format(MAC_B).equals(mac) && valid(entry) ? state + " (new MAC)" : state;
        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(label)) {
            seen.add(label);
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("the probe was interrupted");
        }
    }
}
