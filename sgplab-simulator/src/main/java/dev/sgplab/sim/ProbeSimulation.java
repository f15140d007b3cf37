package dev.sgplab.sim;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Simulation;
import dev.sgplab.engine.Time;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.neighbour.NeighbourEntry;
import dev.sgplab.model.neighbour.NeighbourListener;
import dev.sgplab.model.neighbour.NeighbourTable;
import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.model.probe.ProbeSetup;
import dev.sgplab.model.vpc.VpcFabric;
import dev.sgplab.model.workload.ResolvingPod;
import dev.sgplab.observe.ProbeObservation;
import dev.sgplab.observe.SeenState;
import dev.sgplab.observe.TryObservation;
import dev.sgplab.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe in the model: one DNS node; pod A (IP X, MAC A) resolves, so the node learns X -> A;
 * A's interface is deleted as soon as the lookup ends; {@code gap} seconds later pod B (IP X, MAC B)
 * resolves. The same sequence as {@code sgplab lab probe} ({@link ProbeSetup}), on the simulated kernel.
 */
public final class ProbeSimulation {
    private final SimulationPlan plan;
    private final Simulation sim = new Simulation();
    private final VpcFabric fabric;
    private final SimNode node;
    private final DnsPath dns;
    private final ProbeSetup probe;
    private final int ip;
    private final List<SeenState> statesSeen = new ArrayList<>();
    private long watchFrom = -1;
    private long fixedAt = -1;

    public ProbeSimulation(Scenario scenario, long seed) {
        this.plan = SimulationPlan.of(scenario);
        RandomStreams streams = new RandomStreams(seed);
        this.fabric = new VpcFabric(sim, plan.fabric());
        NeighbourTable table = new NeighbourTable("node-0", plan.neighbourParams(), plan.tableParams(), sim,
                streams.stream("kernel/node-0"), fabric);
        this.node = new SimNode("node-0", table);
        this.dns = new DnsPath(plan, sim, fabric, new SimNode[] {node}, List.of(node), null,
                ClusterSimulation.Detail.PODS);
        this.probe = ProbeSetup.in(scenario.subnet().cidrBlock(), scenario.subnet().usedByOthers());
        this.ip = probe.ip();
        table.addListener(new NeighbourListener() {
            @Override
            public void stateChanged(NeighbourEntry entry, NudState from, NudState to, long now) {
                if (entry.ip() == ip && watchFrom >= 0) {
                    seen(to, entry.mac());
                    if (fixedAt < 0 && to.valid() && entry.mac() == ProbeSetup.MAC_B) {
                        fixedAt = now;
                    }
                }
            }

            @Override
            public void removed(NeighbourEntry entry, long now) {
                if (entry.ip() == ip && watchFrom >= 0) {
                    seen(NudState.ABSENT, dev.sgplab.model.address.MacAddress.NONE);
                }
            }
        });
    }

    public ProbeObservation run(double gapSeconds) {
        Pod a = new Pod(probe.oldOwner(), plan);
        Pod b = new Pod(probe.newOwner(), plan);
        boolean[] result = new boolean[2];
        boolean[] done = new boolean[1];
        fabric.attach(ip, ProbeSetup.MAC_A);
        new DnsLookup(dns, a, okA -> {
            a.running = false;
            fabric.detach(ip);
            sim.scheduleAfter(Time.seconds(gapSeconds), () -> {
                fabric.attach(ip, ProbeSetup.MAC_B);
                watchFrom = sim.now();
                NeighbourEntry entry = node.eth0.lookup(ip);
                seen(entry == null ? NudState.ABSENT : entry.state(),
                        entry == null ? dev.sgplab.model.address.MacAddress.NONE : entry.mac());
                if (entry == null || !entry.state().valid() || entry.mac() == ProbeSetup.MAC_B) {
                    fixedAt = sim.now(); // nothing stale to lose replies to
                }
                new DnsLookup(dns, b, okB -> {
                    result[0] = okB;
                    done[0] = true;
                }).start();
            });
        }).start();
        while (!done[0] && sim.step()) {
            // run until B's lookup ends
        }
        long end = sim.now();
        double lost = Time.toSeconds((fixedAt >= 0 ? fixedAt : end) - watchFrom);
        return new ProbeObservation("simulator", gapSeconds, plan.tableParams().regime().name().toLowerCase(
                java.util.Locale.ROOT).replace('_', '-'), result[0] ? ProbeObservation.OK : ProbeObservation.FAILED,
                lost, List.copyOf(statesSeen), List.copyOf(b.tries));
    }

    private void seen(NudState state, long mac) {
        SeenState.appendChange(statesSeen, SeenState.of(state, mac == ProbeSetup.MAC_A, mac == ProbeSetup.MAC_B));
    }

    private static final class Pod implements ResolvingPod {
        private final BranchEni eni;
        private final List<TryObservation> tries = new ArrayList<>();
        private final SimulationPlan plan;
        private boolean running = true;

        Pod(BranchEni eni, SimulationPlan plan) {
            this.eni = eni;
            this.plan = plan;
        }

        @Override
        public dev.sgplab.model.dns.ResolverProfile resolver() {
            return plan.resolver();
        }

        @Override
        public String lookupName() {
            return plan.lookupName();
        }

        @Override
        public BranchEni eni() {
            return eni;
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public void addTry(TryObservation attempt) {
            tries.add(attempt);
        }
    }
}
