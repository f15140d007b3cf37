package dev.sgplab.lab;

import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.address.MacAddress;
import dev.sgplab.model.probe.ProbeSetup;
import dev.sgplab.observe.EntrySnapshot;
import dev.sgplab.observe.ProbeObservation;
import dev.sgplab.observe.SeenState;
import dev.sgplab.observe.TryObservation;
import dev.sgplab.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The probe on the kernel: pod A (IP X, MAC A) resolves, so the DNS node's kernel learns X -> A;
 * A's namespace is deleted; after the gap (scaled) pod B (IP X, MAC B) resolves while the node's
 * entry for X is read every 20 ms. Same sequence, addresses and MACs as the model's probe: one
 * {@link ProbeSetup}.
 */
public final class LabProbe {
    private static final long POLL_MILLIS = 20;

    private final LabSession session;

    public LabProbe(LabSession session) {
        this.session = session;
    }

    public ProbeObservation run(double gapSeconds) {
        Scenario scenario = session.scenario();
        double scale = session.timing().scale();
        session.open();
        session.enter(LabSession.RUNNING);
        LabNetwork network = session.network();
        ProbeSetup probe = ProbeSetup.in(scenario.subnet().cidrBlock(), scenario.subnet().usedByOthers());
        int ip = probe.ip();
        BranchEni a = probe.oldOwner();
        BranchEni b = probe.newOwner();
        network.attach(a);
        Commands.run(network.lookupCommand(a), null);
        network.detach(a);
        sleepNanos((long) (gapSeconds * scale * 1e9));
        network.attach(b);
        List<Poll> polls = new ArrayList<>();
        long start = System.nanoTime();
        polls.add(new Poll(start, network.neighbours().snapshot(ip).get(0)));
        Process lookup = network.startLookup(b);
        Commands.drain(lookup.getInputStream());
        Commands.drain(lookup.getErrorStream());
        while (lookup.isAlive()) {
            polls.add(new Poll(System.nanoTime(), network.neighbours().snapshot(ip).get(0)));
            sleepNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
        long end = System.nanoTime();
        polls.add(new Poll(end, network.neighbours().snapshot(ip).get(0)));
        List<SeenState> statesSeen = new ArrayList<>();
        polls.forEach(poll -> label(statesSeen, poll.entry()));
        // Nothing is lost if, when B starts, the entry already holds B's MAC or must be resolved afresh.
        EntrySnapshot first = polls.get(0).entry();
        long fixedAt = isFixed(first) || !first.state().valid() ? start
                : polls.stream().filter(poll -> isFixed(poll.entry())).mapToLong(Poll::at).findFirst().orElse(end);
        boolean ok = lookup.exitValue() == 0;
        return new ProbeObservation("lab", gapSeconds, scenario.kernel().regime().name().toLowerCase(Locale.ROOT)
                .replace('_', '-'), ok ? ProbeObservation.OK : ProbeObservation.FAILED, (fixedAt - start) / 1e9 / scale,
                List.copyOf(statesSeen), tries(polls, gapSeconds, ip));
    }

    /** One read of the DNS node's entry, at a real time in nanoseconds. */
    private record Poll(long at, EntrySnapshot entry) {
    }

    /**
     * The resolver's tries on its schedule, each with the entry read last before it (the probe reads
     * every 20 ms); sent-at times are model seconds since A's IP was released, as in the model's probe.
     */
    private List<TryObservation> tries(List<Poll> polls, double gapSeconds, int ip) {
        int attempts = session.timing().resolverAttempts();
        double scale = session.timing().scale();
        long realInterval = (long) (LabLookups.tryInterval(session.scenario(), attempts) * scale);
        long start = polls.get(0).at();
        long end = polls.get(polls.size() - 1).at();
        List<TryObservation> tries = new ArrayList<>();
        int seenIndex = 0;
        for (int k = 0; start + k * realInterval <= end; k++) {
            long at = start + k * realInterval;
            while (seenIndex + 1 < polls.size() && polls.get(seenIndex + 1).at() <= at) {
                seenIndex++; // polls are in time order: the last read at or before this try
            }
            Poll seen = polls.get(seenIndex);
            tries.add(new TryObservation(k / attempts, k % attempts, gapSeconds + (at - start) / 1e9 / scale, 0,
                    seen.entry(), LabLookups.fate(seen.entry(), ip, ProbeSetup.MAC_B), List.of()));
        }
        return tries;
    }

    private static boolean isFixed(EntrySnapshot entry) {
        return entry.sendsTo(MacAddress.format(ProbeSetup.MAC_B));
    }

    private static void label(List<SeenState> seen, EntrySnapshot entry) {
        SeenState.appendChange(seen, SeenState.of(entry.state(), MacAddress.format(ProbeSetup.MAC_A).equals(entry.mac()),
                MacAddress.format(ProbeSetup.MAC_B).equals(entry.mac())));
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
