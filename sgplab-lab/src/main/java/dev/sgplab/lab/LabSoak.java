package dev.sgplab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The lab under faults: N lab runs, each in its own JVM, each interrupted by SIGINT, SIGTERM or
 * SIGKILL at a seeded moment of set-up, mid-run or teardown ({@link SoakPlan}); after each, what
 * the run left is looked for by its prefix ({@link LabLeftovers}); if anything is left, {@code lab
 * cleanup --run PREFIX} runs and the machine is looked at again. A first run, not interrupted,
 * measures how long each phase lasts, so that the signals can be aimed inside them.
 */
public final class LabSoak {
    /** How long an interrupted run may take to end (its teardown) before the soak kills it. */
    private static final long EXIT_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How long a phase may take to begin before the soak gives up on the run. */
    private static final long PHASE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(180);
    /** How long a run may take to start building: it may wait for another run to release the host. */
    private static final long START_LIMIT_NANOS = LabSession.HOST_WAIT_NANOS + TimeUnit.MINUTES.toNanos(1);
    /** A process that outlives its run for this long is left over, not just finishing. */
    private static final long GRACE_MILLIS = 2000;

    /**
     * @param sgplab   the command that runs sgplab (java, its class path and main class)
     * @param runArgs  what follows {@code lab run}: the scenario, its settings, the time scale
     */
    public record Options(List<String> sgplab, List<String> runArgs, int runs, long seed) {
    }

    /** The uninterrupted first run: each phase's length in seconds, and anything it left. */
    public record Calibration(String prefix, double setUpSeconds, double midRunSeconds, double teardownSeconds,
            Map<String, List<String>> leftovers) {
    }

    /** One interrupted run and what it left. */
    public record Run(int index, String prefix, SoakPlan.Signal signal, SoakPlan.Phase aim, SoakPlan.Phase hit,
            double signalAtSeconds, int exitCode, boolean endedInTime, Map<String, List<String>> leftovers,
            boolean cleanupRan, Map<String, List<String>> afterCleanup, double seconds) {
        public boolean clean() {
            return afterCleanup.isEmpty() && endedInTime;
        }
    }

    public record Result(Options options, Calibration calibration, List<Run> runs) {
        /** Whether every run ended and left nothing once cleaned up, and SIGINT/SIGTERM left nothing at all. */
        public boolean passed() {
            return calibration.leftovers().isEmpty() && runs.stream().allMatch(r -> r.clean()
                    && (r.signal() == SoakPlan.Signal.KILL || r.leftovers().isEmpty()));
        }
    }

    private final Options options;
    private final Consumer<String> progress;
    /** The run in progress, for {@link #abandon()}. */
    private volatile SoakChild current;

    public LabSoak(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public Result run() throws InterruptedException {
        Calibration calibration = calibrate();
        progress.accept(String.format(java.util.Locale.ROOT,
                "soak: calibration run %s: set-up %.1f s, mid-run %.1f s, teardown %.1f s%s", calibration.prefix(),
                calibration.setUpSeconds(), calibration.midRunSeconds(), calibration.teardownSeconds(),
                calibration.leftovers().isEmpty() ? "" : ", LEFT " + calibration.leftovers()));
        List<Run> runs = new ArrayList<>();
        for (SoakPlan.Fault fault : SoakPlan.of(options.runs(), options.seed())) {
            Run run = interrupted(fault, calibration);
            runs.add(run);
            progress.accept(String.format(java.util.Locale.ROOT, "soak: run %d/%d %s: SIG%s aimed at %s, hit %s: %s",
                    run.index(), options.runs(), run.prefix(), run.signal(), run.aim().label(), run.hit().label(),
                    describe(run)));
        }
        return new Result(options, calibration, runs);
    }

    private static String describe(Run run) {
        if (!run.endedInTime()) {
            return "did not end within 60 s";
        }
        if (run.leftovers().isEmpty()) {
            return "nothing left";
        }
        return "left " + run.leftovers().keySet() + (run.afterCleanup().isEmpty() ? ", lab cleanup removed all"
                : ", AFTER lab cleanup still " + run.afterCleanup());
    }

    private Calibration calibrate() throws InterruptedException {
        HostSnapshot before = HostGate.awaitFreeAndSnapshot();
        SoakChild child = startRun();
        if (!child.awaitExit(TimeUnit.SECONDS.toNanos(600)) || child.exitCode() != 0) {
            if (child.exitedAt() == null) {
                child.kill();
            }
            throw new LabException("the soak's calibration run failed: " + child.lastLine());
        }
        RunTracks tracks = child.tracks();
        Long building = child.enteredAt(SoakPlan.Phase.SET_UP);
        Long running = child.enteredAt(SoakPlan.Phase.MID_RUN);
        Long removing = child.enteredAt(SoakPlan.Phase.TEARDOWN);
        Long removed = child.enteredAt(SoakPlan.Phase.REMOVED);
        if (tracks == null || building == null || running == null || removing == null || removed == null) {
            throw new LabException("the soak's calibration run did not announce its phases: " + child.lastLine());
        }
        Map<String, List<String>> left = leftoversAfterGrace(tracks, before);
        return new Calibration(tracks.names().prefix(), seconds(running - building), seconds(removing - running),
                seconds(removed - removing), left);
    }

    private Run interrupted(SoakPlan.Fault fault, Calibration calibration) throws InterruptedException {
        long started = System.nanoTime();
        HostSnapshot before = HostGate.awaitFreeAndSnapshot();
        SoakChild child = startRun();
        if (!child.awaitPhase(fault.aim(), PHASE_LIMIT_NANOS)) {
            child.kill();
            throw new LabException("run " + fault.run() + " never reached " + fault.aim().label() + ": "
                    + child.lastLine());
        }
        long target = child.enteredAt(fault.aim()) + (long) (fault.fraction() * lengthNanos(fault.aim(), calibration));
        long wait = target - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        SoakPlan.Phase hit = child.phaseNow();
        long signalAt = System.nanoTime();
        child.send(fault.signal());
        boolean endedInTime = child.awaitExit(EXIT_LIMIT_NANOS);
        if (!endedInTime) {
            child.kill();
        }
        RunTracks tracks = child.tracks();
        Map<String, List<String>> left = leftoversAfterGrace(tracks, before);
        Map<String, List<String>> afterCleanup = left;
        boolean cleanupRan = !left.isEmpty();
        if (cleanupRan) {
            cleanup(tracks.names().prefix());
            afterCleanup = LabLeftovers.find(tracks, HostGate.awaitFree(before, tracks.names().prefix()));
        }
        return new Run(fault.run(), tracks.names().prefix(), fault.signal(), fault.aim(), hit,
                seconds(signalAt - child.startedAt()), child.exitCode(), endedInTime, left, cleanupRan, afterCleanup,
                seconds(System.nanoTime() - started));
    }

    /** Leftovers that are still there a moment later: a command the run started may be just finishing. */
    private static Map<String, List<String>> leftoversAfterGrace(RunTracks tracks, HostSnapshot before)
            throws InterruptedException {
        String own = tracks.names().prefix();
        Map<String, List<String>> left = LabLeftovers.find(tracks, HostGate.awaitFree(before, own));
        if (left.isEmpty()) {
            return left;
        }
        Thread.sleep(GRACE_MILLIS);
        return LabLeftovers.find(tracks, HostGate.awaitFree(before, own));
    }

    /** A run, once it has begun to build (it may first wait for another lab run to release the host). */
    private SoakChild startRun() throws InterruptedException {
        List<String> argv = new ArrayList<>(options.sgplab());
        argv.addAll(List.of("lab", "run"));
        argv.addAll(options.runArgs());
        SoakChild child = new SoakChild(argv);
        current = child;
        if (!child.awaitPhase(SoakPlan.Phase.SET_UP, START_LIMIT_NANOS) || child.tracks() == null) {
            child.kill();
            throw new LabException("a soak run did not start: " + child.lastLine());
        }
        return child;
    }

    /**
     * The soak itself is interrupted: the run in progress is stopped with SIGTERM (its own teardown),
     * killed if it does not end in time, and whatever it left is cleaned up, so the soak leaves
     * nothing either.
     */
    public void abandon() {
        SoakChild child = current;
        if (child == null) {
            return;
        }
        if (child.exitedAt() == null && child.tracks() != null) {
            progress.accept("soak: interrupted; stopping " + child.tracks().names().prefix() + " and cleaning up after it");
        }
        try {
            if (child.exitedAt() == null) {
                child.send(SoakPlan.Signal.TERM);
                if (!child.awaitExit(EXIT_LIMIT_NANOS)) {
                    child.kill();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LabException alreadyGone) {
            // it ended meanwhile
        }
        if (child.tracks() != null) {
            LabCleanup.run(child.tracks().names().prefix());
        }
    }

    private void cleanup(String prefix) throws InterruptedException {
        List<String> argv = new ArrayList<>(options.sgplab());
        argv.addAll(List.of("lab", "cleanup", "--run", prefix));
        SoakChild cleanup = new SoakChild(argv);
        if (!cleanup.awaitExit(EXIT_LIMIT_NANOS)) {
            cleanup.kill();
            throw new LabException("lab cleanup --run " + prefix + " did not finish within 60 s");
        }
        if (cleanup.exitCode() != 0) {
            throw new LabException("lab cleanup --run " + prefix + " failed: " + cleanup.lastLine());
        }
    }

    private static long lengthNanos(SoakPlan.Phase phase, Calibration calibration) {
        double seconds = switch (phase) {
            case SET_UP -> calibration.setUpSeconds();
            case MID_RUN -> calibration.midRunSeconds();
            case TEARDOWN -> calibration.teardownSeconds();
            default -> 0;
        };
        return (long) (seconds * 1e9);
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }
}
