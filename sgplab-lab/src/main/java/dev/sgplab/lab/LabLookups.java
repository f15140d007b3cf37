package dev.sgplab.lab;

import dev.sgplab.engine.RealTimeScheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.model.dns.ResolverKind;
import dev.sgplab.model.address.Ipv4;
import dev.sgplab.model.address.MacAddress;
import dev.sgplab.model.neighbour.VpcCniEntries;
import dev.sgplab.model.workload.WorkloadPod;
import dev.sgplab.observe.EntrySnapshot;
import dev.sgplab.observe.TryObservation;
import dev.sgplab.observe.TryOutcome;
import dev.sgplab.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Pods' lookups in the lab: the real resolver (getent for glibc, busybox nslookup) in the pod's
 * namespace; the pod fails when it exits non-zero. While it runs, the DNS nodes' entries for the
 * pod's IP are read ({@code ip -j neigh}) at each try of the resolver's schedule — the first just
 * before the resolver starts — so that an Error pod's story shows what the kernel held. Which DNS
 * node answered a try is not observed when there are several (nftables picks per flow), and what
 * became of a reply is read from the entry: a valid entry with another MAC sends it to that MAC.
 */
final class LabLookups implements dev.sgplab.model.workload.SgppPods.Backend {
    private final RealTimeScheduler scheduler;
    private final LabNetwork network;
    private final Effects effects;
    private final ScheduledExecutorService observer;
    private final long tryInterval;
    private final int attempts;
    private final boolean singleNode;
    private final dev.sgplab.guard.GuardAgent guard;

    LabLookups(RealTimeScheduler scheduler, LabNetwork network, Effects effects,
            ScheduledExecutorService observer, Scenario scenario, LabTiming timing, dev.sgplab.guard.GuardAgent guard) {
        this.guard = guard;
        this.scheduler = scheduler;
        this.network = network;
        this.effects = effects;
        this.observer = observer;
        this.attempts = timing.resolverAttempts();
        this.tryInterval = tryInterval(scenario, attempts);
        this.singleNode = network.dnsNodes().size() == 1;
    }

    /** Model time between a resolver's tries: glibc waits the whole timeout per try, musl splits it. */
    static long tryInterval(Scenario scenario, int attempts) {
        long timeout = Time.seconds(scenario.dns().timeout());
        return scenario.dns().profile().kind() == ResolverKind.GLIBC ? timeout : timeout / attempts;
    }

    /** The pod-eni annotation appears: the guard, if any, learns the owner (in place of the API). */
    @Override
    public void branchReady(WorkloadPod pod) {
        network.podEntries(pod.node().name(), VpcCniEntries.PERMANENT_PER_POD); // CNI ADD: 169.254.1.1
        if (guard != null) {
            guard.ownerKnown(Ipv4.format(pod.eni().ip()), MacAddress.format(pod.eni().mac()));
        }
    }

    @Override
    public void podEnded(WorkloadPod pod) {
        // CNI DEL: the vlan device, the veth and the namespace go, and their entries with them
        network.podEntries(pod.node().name(), -(VpcCniEntries.PERMANENT_PER_POD + VpcCniEntries.HOST_PER_BRANCH_POD));
        if (guard != null) {
            guard.ownerGone(Ipv4.format(pod.eni().ip()), MacAddress.format(pod.eni().mac()));
        }
    }

    @Override
    public void lookup(WorkloadPod pod, Consumer<Boolean> done) {
        // the pod's first traffic: its node learns the vlan's gateway and the pod's IP on its veth
        network.podEntries(pod.node().name(), VpcCniEntries.HOST_PER_BRANCH_POD);
        long start = scheduler.now();
        effects.submit(() -> {
            List<Sample> samples = new ArrayList<>();
            samples.add(new Sample(0, start, network.neighbours().snapshot(pod.eni().ip())));
            Process process = network.startLookup(pod.eni());
            Commands.drain(process.getInputStream());
            Commands.drain(process.getErrorStream());
            List<ScheduledFuture<?>> later = new ArrayList<>();
            long realInterval = scheduler.toRealNanos(tryInterval);
            for (int k = 1; k < 64; k++) {
                int index = k;
                long at = k * realInterval - TimeUnit.MILLISECONDS.toNanos(20);
                later.add(observer.schedule(() -> {
                    if (process.isAlive()) {
                        List<EntrySnapshot> entries = network.neighbours().snapshot(pod.eni().ip());
                        synchronized (samples) {
                            samples.add(new Sample(index, start + index * tryInterval, entries));
                        }
                    }
                }, at, TimeUnit.NANOSECONDS));
            }
            process.onExit().thenAccept(exited -> {
                later.forEach(f -> f.cancel(false));
                effects.submit(() -> network.lookupEnded(pod.eni()));
                boolean ok = exited.exitValue() == 0;
                scheduler.post(() -> {
                    synchronized (samples) {
                        samples.forEach(sample -> pod.addTry(sample.toObservation(pod, attempts, singleNode)));
                    }
                    done.accept(ok);
                });
            });
        });
    }

    /** The DNS nodes' entries at one try. */
    private record Sample(int index, long sentAt, List<EntrySnapshot> entries) {
        TryObservation toObservation(WorkloadPod pod, int attempts, boolean singleNode) {
            EntrySnapshot entry = entries.get(0);
            List<EntrySnapshot> others = entries.subList(1, entries.size());
            return new TryObservation(index / attempts, index % attempts, Time.toSeconds(sentAt), singleNode ? 0 : -1,
                    entry, fate(entry, pod.eni().ip(), pod.eni().mac()), List.copyOf(others));
        }
    }

    /** Where the kernel sends a reply to {@code ip} with this entry, and whether the owner (mac) gets it. */
    static TryOutcome fate(EntrySnapshot entry, int ip, long mac) {
        String podMac = MacAddress.format(mac);
        if (!entry.state().valid() || entry.mac() == null) {
            return new TryOutcome.Delivered(true);
        }
        if (entry.mac().equals(podMac)) {
            return TryOutcome.DELIVERED;
        }
        return new TryOutcome.Lost(entry.mac(), Ipv4.format(ip), podMac);
    }
}
