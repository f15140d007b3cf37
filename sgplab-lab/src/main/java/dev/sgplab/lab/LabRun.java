package dev.sgplab.lab;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.RealTimeScheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.model.assembly.ControlPlane;
import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.ec2.Ec2Service;
import dev.sgplab.model.scheduling.NodeScheduler;
import dev.sgplab.model.workload.SgppPods;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.Scenario;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;

/**
 * One run of a scenario's churn test in the kernel lab: the same pods, controller, EC2 and subnet
 * ({@link ControlPlane}, assembled as the simulator does) as the simulator, on a real clock, with pods that are namespaces and DNS nodes
 * whose kernels keep the neighbour entries.
 */
public final class LabRun {

    public record Result(RunObservations observations, LabFacts facts) {
    }

    private final LabSession session;
    private final long seed;

    public LabRun(LabSession session, long seed) {
        this.session = session;
        this.seed = seed;
    }

    /** Builds the network, runs the churn test in real time, and returns what it showed. */
    public Result run(IntConsumer podsEnded) {
        Scenario scenario = session.scenario();
        scenario.requireChurnTest("the kernel lab");
        session.open();
        RealTimeScheduler scheduler = new RealTimeScheduler(session.timing().scale());
        RandomStreams streams = new RandomStreams(seed);
        ControlPlane controlPlane = new ControlPlane(scheduler, new ControlPlane.Settings(scenario.subnet().cidrBlock(),
                scenario.subnet().usedByOthers(), scenario.subnet().policy(), scenario.controller().cooldown().cooldown(),
                scenario.controller().createLatency(), scenario.controller().eniDeleteFailureProbability(),
                scenario.cluster().nodes(), scenario.cluster().branchLimit()), streams, new NamespaceAttachments());
        ScheduledExecutorService observer = Executors.newScheduledThreadPool(2,
                LabThreads.daemons("sgplab-lab-observer"));
        try {
            LabLookups lookups = new LabLookups(scheduler, session.network(), session.effects(), observer, scenario,
                    session.timing(), session.guard());
            SgppPods churn = new SgppPods(scheduler, scenario.workloadSpecs(), new NodeScheduler(
                    scenario.cluster().nodes(), scenario.cluster().branchLimit(), scenario.workload().roundRobin()),
                    controlPlane.provider(), streams, lookups, true);
            controlPlane.listen(churn.controllerEvents());
            session.enter(LabSession.RUNNING);
            churn.start();
            int[] reported = {-1};
            boolean finished = scheduler.runUntil(() -> {
                int ended = scenario.workload().pods() - churn.podsNotEnded();
                if (podsEnded != null && ended != reported[0]) {
                    reported[0] = ended;
                    podsEnded.accept(ended);
                }
                return churn.finished() || session.closed() || session.effects().failure() != null;
            }, realLimitNanos(scenario));
            if (session.effects().failure() != null) {
                throw session.effects().failure();
            }
            if (session.closed() || Thread.currentThread().isInterrupted()) {
                throw new LabException("the lab run was interrupted");
            }
            if (!finished) {
                throw new LabException("the lab run did not finish in time: " + churn.podsNotEnded()
                        + " pods never ended");
            }
            return new Result(churn.observations(scenario.name(), seed, true, 0), session.facts(scheduler.maxLatenessNanos()));
        } finally {
            observer.shutdownNow();
        }
    }

    private long realLimitNanos(Scenario scenario) {
        double modelSeconds = scenario.workload().pods() * scenario.workload().createIntervalDistribution().mean()
                + scenario.controller().cooldown().cooldown().periodSeconds() * 4 + 300;
        return Time.seconds(modelSeconds * session.timing().scale() * 3 + 60);
    }

    /** EC2's interfaces become namespaces, in order, off the clock's thread. */
    private final class NamespaceAttachments implements Ec2Service.Listener {
        @Override
        public void attached(BranchEni eni, String nodeName) {
            session.effects().submit(() -> session.network().attach(eni));
        }

        @Override
        public void detached(BranchEni eni) {
            session.effects().submit(() -> session.network().detach(eni));
        }
    }
}
