package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.engine.Simulation;
import dev.sgplab.engine.Time;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.neighbour.GcRegime;
import dev.sgplab.model.neighbour.NeighbourDevice;
import dev.sgplab.model.neighbour.NeighbourEntry;
import dev.sgplab.model.neighbour.NeighbourListener;
import dev.sgplab.model.neighbour.NeighbourParams;
import dev.sgplab.model.neighbour.NeighbourTable;
import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.model.neighbour.Packet;
import dev.sgplab.model.neighbour.TableParams;
import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import dev.sgplab.model.vpc.VpcFabric;
import dev.sgplab.observe.EntrySnapshot;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The expiry sequence of NeighbourExpiryTest on a real kernel: a DNS node sends UDP packets to a pod's
 * address, about one a second, the last before expiry half a second before it (so that a model that
 * refreshed used on every packet would go to DELAY, not STALE); half a second after the first the
 * address moves to a new MAC. After expiry the packets resume once the kernel's timer wheel is
 * surely done (a packet inside its slack would still find the entry REACHABLE). The node's
 * entry is read every 20 ms ({@code ip -j neigh}) and its transitions are compared, state by state and
 * in time, with the model fed the same send times and the kernel's own reachable_time (read from
 * {@code ip ntable}, since the kernel draws it at random in [base/2, 3 base/2)).
 *
 * <p>Expected (kernel functions in net/core/neighbour.c): REACHABLE from the first send's ARP reply;
 * STALE at confirmed + reachable_time although packets kept flowing (they leave through
 * neigh_hh_output, which does not refresh used); DELAY at the first packet after that
 * (__neigh_event_send); PROBE 1 s later (neigh_timer_handler); FAILED after 3 unanswered unicast
 * probes 1 s apart; REACHABLE with the new MAC after the next packet's broadcast.
 *
 * <p>Tolerances, kernel minus model: -0.15..+0.4 s, and up to +0.6 s for STALE. The kernel's timer
 * wheel fires a timer late by up to its level's granularity (at HZ=250: 32 ms for timers under 2 s,
 * 256 ms under 16 s; FAILED comes after three of them); a poll sees a change up to one poll period
 * (20 ms plus an {@code ip} run, more on a loaded machine) later; a poll is stamped before its
 * {@code ip} run and a send just after the send, so a change caused by a send can show up to an
 * {@code ip} run plus a {@code date} run (tens of ms on a loaded machine) before the send's stamp.
 */
class ExpiryOnKernelIT {
    private static final int BASE_REACHABLE_MS = 4000;
    /** After expiry, the kernel's timer wheel may be this late (HZ=250, a 2..6 s timer) plus a poll. */
    private static final double WHEEL_AND_POLL = 0.7;
    private static final double EARLY = 0.15;
    private static final double LATE_TIMER = 0.6;
    private static final double LATE = 0.4;

    @BeforeEach
    void labAvailable() {
        LabAvailability.require();
    }

    @Test
    void aReachableEntryInUseGoesStaleAtExpiryOnTheKernelAsInTheModel() throws Exception {
        Scenario scenario = ScenarioTree.defaults().with("cluster.nodes", "1").with("cluster.coredns.replicas", "1")
                .with("cluster.coredns.nodes", "[0]").with("subnet.used-by-others", "1").bind();
        int x = scenario.subnet().cidrBlock().address(10);
        long macA = MacAddress.parse("02:00:00:00:0a:01");
        long macB = MacAddress.parse("02:00:00:00:0b:02");
        // The kernel re-draws every link's reachable_time from base_reachable_time every 300 s
        // (neigh_periodic_work, one timer for the whole arp table, whoever else uses it): a run that
        // a re-draw crossed compares the model with a different expiry, so it is run again; two
        // re-draws are 300 s apart, so the second run cannot be crossed by one.
        for (int attempt = 1;; attempt++) {
            try (LabSession session = newSession(scenario)) {
                session.open();
                LabNetwork network = session.network();
                DnsNode node = network.dnsNodes().get(0);
                setNodeParams(node);
                long reachableMs = reachableTimeMs(node);
                BranchEni a = new BranchEni("eni-a", macA, x, 1, "probe-1");
                BranchEni b = new BranchEni("eni-b", macB, x, 2, "probe-2");
                network.attach(a);

                KernelRun kernel = drive(network, node, x, a, b, plan(reachableMs / 1000.0));
                if (reachableTimeMs(node) != reachableMs && attempt < 2) {
                    System.err.println("ExpiryOnKernelIT: the kernel re-drew reachable_time during the run; again");
                    continue;
                }
                assertThat(reachableTimeMs(node)).as("reachable_time re-drawn during the run").isEqualTo(reachableMs);
                compare(kernel, x, macA, macB, reachableMs);
                return;
            }
        }
    }

    /** The kernel's timeline against the model's, fed the same send times and reachable_time. */
    private static void compare(KernelRun kernel, int x, long macA, long macB, long reachableMs) {
        List<Change> model = model(kernel, x, macA, macB, reachableMs);
        List<Change> seen = kernel.changes();
        String both = "\nkernel: " + seen + "\nmodel:  " + model + "\nreachable_time " + reachableMs + " ms";
        System.err.println("ExpiryOnKernelIT" + both); // the measured timeline, for docs/kernel-lab.md
        assertThat(states(seen)).as(both).containsExactly(NudState.REACHABLE, NudState.STALE, NudState.DELAY,
                NudState.PROBE, NudState.FAILED, NudState.REACHABLE);
        assertThat(states(model)).as(both).isEqualTo(states(seen));
        assertThat(seen.get(1).mac()).as(both).isEqualTo(MacAddress.format(macA));
        assertThat(seen.get(5).mac()).as(both).isEqualTo(MacAddress.format(macB));
        for (int i = 1; i < seen.size(); i++) {
            double late = seen.get(i).state() == NudState.STALE ? LATE_TIMER : LATE;
            double difference = seen.get(i).at() - model.get(i).at();
            assertThat(difference).as("kernel minus model for %s%s", seen.get(i).state(), both)
                    .isBetween(-EARLY, late);
        }
    }

    /**
     * One lab run at a time holds the host's neighbour settings; another engineer's or test's run
     * may hold them now, so wait for it (up to 10 minutes) instead of failing.
     */
    private static LabSession newSession(Scenario scenario) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (true) {
            try {
                return new LabSession(scenario, 1.0);
            } catch (LabException.Unusable e) {
                if (!e.getMessage().startsWith("another lab run") || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(2000);
            }
        }
    }

    /** The neighbour parameters of the node's link, as in the model below. */
    private static void setNodeParams(DnsNode node) {
        String script = String.join("\n", "cd /proc/sys/net/ipv4/neigh/" + node.link(),
                "echo " + BASE_REACHABLE_MS + " > base_reachable_time_ms", "echo 1 > delay_first_probe_time",
                "echo 1000 > retrans_time_ms", "echo 3 > ucast_solicit", "echo 3 > mcast_solicit",
                "echo 0 > mcast_resolicit", "echo 0 > app_solicit", "echo 100 > locktime", "echo 60 > gc_stale_time");
        Commands.check(List.of(Preflight.path(Preflight.IP), "netns", "exec", node.namespace(), "sh", "-e", "-c",
                script));
    }

    /** The link's current reachable_time, drawn by the kernel when base_reachable_time_ms was written. */
    private static long reachableTimeMs(DnsNode node) {
        String text = Commands.check(List.of(Preflight.path(Preflight.IP), "-n", node.namespace(), "ntable", "show",
                "dev", node.link(), "name", "arp_cache"));
        Matcher m = Pattern.compile("\\breachable (\\d+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no reachable_time in ip ntable output: " + text);
        }
        return Long.parseLong(m.group(1));
    }

    // ---- the kernel ------------------------------------------------------------------------------

    private record Change(double at, NudState state, String mac) {
        @Override
        public String toString() {
            return String.format("%.3f %s %s", at, state, mac);
        }
    }

    /** Send times and the address move, in seconds after the first send; the polled changes. */
    private record KernelRun(List<Double> sends, double movedAt, List<Change> changes) {
    }

    /** Send offsets in seconds: 0, 1, 2, ... up to 1.5 s before expiry, expiry - 0.5, then after the slack. */
    private static List<Double> plan(double expiry) {
        List<Double> plan = new ArrayList<>(List.of(0.0));
        for (double t = 1; t < expiry - 1.5; t++) {
            plan.add(t);
        }
        plan.add(expiry - 0.5);
        // DELAY at s, PROBE at s + 1, FAILED at s + 4 (three unanswered probes 1 s apart); packets half
        // a second off those instants, so that no send ties with a timer; the last one re-resolves.
        double s = expiry + WHEEL_AND_POLL;
        for (double offset : new double[] {0, 0.5, 1.5, 2.5, 3.5, 4.5}) {
            plan.add(s + offset);
        }
        return plan;
    }

    private static KernelRun drive(LabNetwork network, DnsNode node, int x, BranchEni a, BranchEni b,
            List<Double> plan) throws Exception {
        String ip = Preflight.path(Preflight.IP);
        String target = Ipv4.format(x);
        Process poller = Commands.start(List.of(ip, "netns", "exec", node.namespace(), "bash", "-c",
                "while :; do date +%s%N; " + ip + " -j neigh show to " + target + " dev " + node.link()
                        + "; sleep 0.02; done"));
        Process sender = Commands.start(List.of(ip, "netns", "exec", node.namespace(), "bash", "-c",
                "while read -r _; do echo -n x > /dev/udp/" + target + "/9; date +%s%N; done"));
        List<long[]> polls = new ArrayList<>();
        List<String> pollJson = new ArrayList<>();
        Thread reader = new Thread(() -> readPolls(poller, polls, pollJson), "expiry-poll-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            Commands.drain(poller.getErrorStream());
            Commands.drain(sender.getErrorStream());
            BufferedReader sent = new BufferedReader(new InputStreamReader(sender.getInputStream(),
                    StandardCharsets.UTF_8));
            Writer command = new java.io.OutputStreamWriter(sender.getOutputStream(), StandardCharsets.UTF_8);
            List<Long> sendNanos = new ArrayList<>();
            sendNanos.add(send(command, sent));
            long t0 = sendNanos.get(0);
            sleepUntil(t0 + 500_000_000L);
            network.detach(a);
            network.attach(b);
            long movedAt = epochNanos();
            for (double offset : plan.subList(1, plan.size())) {
                sleepUntil(t0 + (long) (offset * 1e9));
                sendNanos.add(send(command, sent));
            }
            sleepUntil(t0 + (long) ((plan.get(plan.size() - 1) + 0.8) * 1e9));
            command.close();
            List<Double> sends = sendNanos.stream().map(n -> (n - t0) / 1e9).toList();
            stop(poller);
            reader.join(5000);
            return new KernelRun(sends, (movedAt - t0) / 1e9, changes(node, polls, pollJson, t0));
        } finally {
            stop(poller);
            stop(sender);
        }
    }

    private static long send(Writer command, BufferedReader sent) throws Exception {
        command.write("\n");
        command.flush();
        String line = sent.readLine();
        if (line == null) {
            throw new AssertionError("the sender in the node's namespace stopped");
        }
        return Long.parseLong(line.strip());
    }

    private static void readPolls(Process poller, List<long[]> polls, List<String> json) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(poller.getInputStream(),
                StandardCharsets.UTF_8))) {
            String stamp;
            while ((stamp = in.readLine()) != null) {
                String entry = in.readLine();
                if (entry == null) {
                    return;
                }
                synchronized (polls) {
                    polls.add(new long[] {Long.parseLong(stamp.strip())});
                    json.add(entry);
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // the poller was stopped mid-line: what was read so far stands
        }
    }

    /**
     * The first poll of each new (state, MAC) from the first send on, without INCOMPLETE (too short to
     * be seen reliably) and without "none" (no entry yet).
     */
    private static List<Change> changes(DnsNode node, List<long[]> polls, List<String> json, long t0) {
        List<Change> changes = new ArrayList<>();
        synchronized (polls) {
            for (int i = 0; i < polls.size(); i++) {
                EntrySnapshot entry = NeighbourObserver.entryOn(node, json.get(i));
                NudState state = entry.state();
                if (polls.get(i)[0] < t0 || state == NudState.INCOMPLETE || state == NudState.NONE
                        || state == NudState.ABSENT) {
                    continue;
                }
                String mac = state == NudState.FAILED ? null : entry.mac();
                Change last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
                if (last == null || last.state() != state || !java.util.Objects.equals(last.mac(), mac)) {
                    changes.add(new Change((polls.get(i)[0] - t0) / 1e9, state, mac));
                }
            }
        }
        return changes;
    }

    private static List<NudState> states(List<Change> changes) {
        return changes.stream().map(Change::state).toList();
    }

    // ---- the model, fed the same times ------------------------------------------------------------

    private static List<Change> model(KernelRun kernel, int x, long macA, long macB, long reachableMs) {
        NeighbourParams params = new NeighbourParams(Time.millis(BASE_REACHABLE_MS), Time.seconds(1),
                Time.millis(1000), 3, 3, 0, 0, Time.seconds(60), Time.seconds(1), 212_992);
        Simulation sim = new Simulation();
        VpcFabric fabric = new VpcFabric(sim, VpcFabric.Options.DEFAULTS);
        // reachable_time = base/2 + nextDouble() x base: pin it to the kernel's draw.
        double draw = (reachableMs - BASE_REACHABLE_MS / 2.0) / BASE_REACHABLE_MS;
        NeighbourTable table = new NeighbourTable("node-0", params, new TableParams(128, 512, 1024, GcRegime.NO_GC, 0),
                sim, constant(draw), fabric);
        NeighbourDevice eth0 = table.addDevice("eth0", params);
        List<Change> changes = new ArrayList<>();
        table.addListener(new NeighbourListener() {
            @Override
            public void stateChanged(NeighbourEntry entry, NudState from, NudState to, long now) {
                if (to != NudState.INCOMPLETE) {
                    String mac = to == NudState.FAILED ? null : MacAddress.format(entry.mac());
                    changes.add(new Change(Time.toSeconds(now), to, mac));
                }
            }

            @Override
            public void removed(NeighbourEntry entry, long now) {
            }
        });
        table.start();
        fabric.attach(x, macA);
        boolean moved = false;
        for (double at : kernel.sends()) {
            if (!moved && at > kernel.movedAt()) {
                sim.runUntil(Time.seconds(kernel.movedAt()));
                fabric.detach(x);
                fabric.attach(x, macB);
                moved = true;
            }
            sim.runUntil(Time.seconds(at));
            eth0.output(x, new Packet() {
                @Override
                public int sizeBytes() {
                    return 1;
                }

                @Override
                public void transmitted(long now, long destinationMac) {
                }

                @Override
                public void dropped(long now, DropReason reason) {
                }
            });
        }
        sim.runUntil(Time.seconds(kernel.sends().get(kernel.sends().size() - 1) + 0.8));
        return changes;
    }

    private static RandomGenerator constant(double value) {
        long bits = ((long) (value * (1L << 53))) << 11;
        return () -> bits;
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static void sleepUntil(long epochNanos) throws InterruptedException {
        long wait = epochNanos - epochNanos();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
