package dev.sgplab.sim;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Simulation;
import dev.sgplab.engine.Time;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.neighbour.NeighbourEntry;
import dev.sgplab.model.neighbour.NeighbourListener;
import dev.sgplab.model.neighbour.NeighbourTable;
import dev.sgplab.model.neighbour.NudState;
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
 * resolves. The same sequence as {@code sgplab lab probe}, on the simulated kernel.
 */
public final class ProbeSimulation {
    /** The probe's fixed MACs, the same in the lab. */
    public static final long MAC_A = 0x0200_0000_0a01L;
    public static final long MAC_B = 0x0200_0000_0b02L;

    private final SimulationPlan plan;
    private final Simulation sim = new Simulation();
    private final VpcFabric fabric;
    private final SimNode node;
    private final DnsPath dns;
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
        this.ip = probeAddress(scenario);
        table.addListener(new NeighbourListener() {
            @Override
            public void stateChanged(NeighbourEntry entry, NudState from, NudState to, long now) {
                if (entry.ip() == ip && watchFrom >= 0) {
                    seen(to, entry.mac());
                    if (fixedAt < 0 && to.valid() && entry.mac() == MAC_B) {
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

    /** The probe's IP: the subnet's first address not used by others (the lab uses the same). */
    public static int probeAddress(Scenario scenario) {
        return scenario.subnet().cidrBlock().address(4 + Math.max(1, scenario.subnet().usedByOthers()));
    }

    public ProbeObservation run(double gapSeconds) {
        Pod a = new Pod(new BranchEni("eni-probe-a", MAC_A, ip, 1, "probe-1"), plan);
        Pod b = new Pod(new BranchEni("eni-probe-b", MAC_B, ip, 2, "probe-2"), plan);
        boolean[] result = new boolean[2];
        boolean[] done = new boolean[1];
        fabric.attach(ip, MAC_A);
        new DnsLookup(dns, a, okA -> {
            a.running = false;
            fabric.detach(ip);
            sim.scheduleAfter(Time.seconds(gapSeconds), () -> {
                fabric.attach(ip, MAC_B);
                watchFrom = sim.now();
                NeighbourEntry entry = node.eth0.lookup(ip);
                seen(entry == null ? NudState.ABSENT : entry.state(),
                        entry == null ? dev.sgplab.model.address.MacAddress.NONE : entry.mac());
                if (entry == null || !entry.state().valid() || entry.mac() == MAC_B) {
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
        SeenState.appendChange(statesSeen, SeenState.of(state, mac == MAC_A, mac == MAC_B));
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
