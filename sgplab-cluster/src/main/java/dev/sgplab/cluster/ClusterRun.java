package dev.sgplab.cluster;

import dev.sgplab.model.controller.Cooldown;
import dev.sgplab.observe.RunObservations;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The report's test on a real cluster, done properly: check the cluster can run security groups
 * for pods, create a namespace and a SecurityGroupPolicy, then for each cooldown set
 * branch-eni-cooldown, wait for the controller to announce it, and churn the scenario's pods
 * ({@link ChurnPlan}: each resolving a name at start), recording them from a watch; between cooldowns, wait
 * until the controller has deleted the previous round's branch ENIs. {@link #close} — at the end,
 * on failure, or from a shutdown hook on Ctrl-C — deletes everything the run created and puts the
 * ConfigMap back.
 */
public final class ClusterRun implements AutoCloseable {
    /** The controller's delete job runs every 30 s (deleteQueueRequeueRequest). */
    static final long DELETE_JOB_PERIOD_SECONDS = 30;
    /** Slack after cooldown + one delete job before the next round. */
    static final long SETTLE_MARGIN_SECONDS = 15;
    private static final double PROGRESS_EVERY_SECONDS = 10;

    /** What to run; a null settle means "until the previous round's ENIs are surely deleted". */
    public record Options(String runId, String namespace, ChurnPlan plan, List<Long> cooldowns, String image,
            Duration podTimeout, Duration eventTimeout, Duration settle, Duration webhookWait, boolean keepCooldown,
            List<String> securityGroupIds) {
        public Options {
            RunLabels.requireValidRunId(runId);
            if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                throw new ClusterException("not a namespace name: '" + namespace + "'");
            }
            if (cooldowns.isEmpty() || cooldowns.stream().anyMatch(c -> c < 0)) {
                throw new ClusterException("--cooldown needs one or more non-negative seconds, got " + cooldowns);
            }
            if (cooldowns.stream().distinct().count() != cooldowns.size()) {
                throw new ClusterException("--cooldown lists a value twice: " + cooldowns);
            }
            cooldowns = List.copyOf(cooldowns);
            securityGroupIds = List.copyOf(securityGroupIds);
        }

        Duration settleAfter(long cooldownSeconds) {
            return settle != null ? settle
                    : Duration.ofSeconds(effective(cooldownSeconds) + DELETE_JOB_PERIOD_SECONDS + SETTLE_MARGIN_SECONDS);
        }
    }

    /** One cooldown's churn, with what the harness noticed about it. */
    public record Round(long cooldownSeconds, RunObservations observations, List<String> notes) {
    }

    /**
     * The run: its id and namespace, the SGPP-capable nodes, the rounds, how it left the cluster, and
     * what of the scenario the cluster decided instead.
     */
    public record Result(String runId, String namespace, List<SgppSupport.Node> nodes, String cooldownBefore,
            List<Round> rounds, List<String> cleanup, List<String> notes) {
    }

    /** Thrown by {@link #run} when {@link #close} stopped it from another thread. */
    public static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Interrupted() {
            super("the run was interrupted; what it created was deleted");
        }
    }

    private final KubernetesClient client;
    private final Retries retries;
    private final Options options;
    private final LongSupplier nanoClock;
    private final java.util.function.Consumer<String> progress;
    private final RunResources resources;
    private final VpcCniConfigMap configMap;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Object lock = new Object();
    private final List<String> cleanup = new ArrayList<>();
    private boolean closed;
    private boolean changedConfigMap;
    private boolean changedCluster;
    private SharedIndexInformer<Pod> podInformer;
    private CooldownEvents events;

    public ClusterRun(KubernetesClient client, Retries retries, Options options, LongSupplier nanoClock,
            java.util.function.Consumer<String> progress) {
        this.client = client;
        this.retries = retries;
        this.options = options;
        this.nanoClock = nanoClock;
        this.progress = progress;
        this.resources = new RunResources(client, retries);
        this.configMap = new VpcCniConfigMap(client, retries);
    }

    public Result run() throws InterruptedException {
        List<SgppSupport.Node> nodes = SgppSupport.check(client, retries);
        VpcCniConfigMap.Setting before = configMap.get(); // a missing ConfigMap stops the run before it creates anything
        String ns = options.namespace();
        progress.accept("run " + options.runId() + " in namespace " + ns + " on " + nodes.size()
                + " SGPP nodes; if it is killed, `sgplab cluster cleanup --run " + options.runId() + "` removes it");
        guarded(() -> resources.createNamespace(ns, options.runId()));
        guarded(() -> resources.createSecurityGroupPolicy(ns, options.runId(), options.securityGroupIds()));
        ChurnRecorder recorder = new ChurnRecorder(nanoClock);
        guarded(() -> podInformer = retries.call("watch pods in " + ns, () -> client.pods().inNamespace(ns)
                .withLabel(RunLabels.RUN, options.runId()).inform(recorder.handler(), 0)));
        guarded(() -> events = CooldownEvents.watch(client, retries));
        // the controller's pod webhook reads SecurityGroupPolicies from a cache: give it the new one
        pause(options.webhookWait().toNanos() / 1e9);
        ChurnPodTemplate template = new ChurnPodTemplate(options.runId(), ns, options.image(), options.plan());
        long controllerPeriod = Cooldown.knownPeriodSecondsAfterReading(before.value());
        List<Round> rounds = new ArrayList<>();
        for (long cooldown : options.cooldowns()) {
            if (!rounds.isEmpty()) {
                long previous = rounds.get(rounds.size() - 1).cooldownSeconds();
                Duration settle = options.settleAfter(previous);
                progress.accept("waiting " + settle.toSeconds() + " s for the controller to delete the " + previous
                        + " s round's branch ENIs");
                pause(settle.toNanos() / 1e9);
            }
            List<String> notes = new ArrayList<>();
            controllerPeriod = applyCooldown(cooldown, controllerPeriod, notes);
            rounds.add(churn(cooldown, template, recorder, notes));
            guarded(() -> resources.deletePods(ns, options.runId(), Map.of(RunLabels.COOLDOWN, Long.toString(cooldown))));
        }
        close();
        return new Result(options.runId(), ns, nodes, before.value(), rounds, List.copyOf(cleanup),
                options.plan().notes(options.cooldowns()));
    }

    /** Sets the cooldown and waits (bounded) for the controller's event, when one is due. */
    private long applyCooldown(long cooldown, long controllerPeriod, List<String> notes) throws InterruptedException {
        long effective = effective(cooldown);
        // the controller compares the new value as written with the period in force (floored)
        boolean eventDue = cooldown != controllerPeriod;
        events.arm(effective);
        guarded(() -> {
            changedConfigMap = true; // before the call: a write whose answer was lost is still restored
            configMap.setForRun(cooldown, options.runId());
        });
        if (!eventDue) {
            notes.add("the controller already used " + effective + " s: no event to wait for");
            return effective;
        }
        progress.accept(Cooldown.CONFIG_MAP_KEY + "=" + cooldown + ": waiting for the controller's "
                + CooldownEvents.REASON + " event");
        try {
            events.await(options.eventTimeout());
        } catch (ClusterException e) {
            checkOpen();
            if (controllerPeriod >= 0) {
                throw e;
            }
            // the key was absent or unparsable: the controller's period was unknown and may have been this one
            notes.add("no " + CooldownEvents.REASON + " event within " + CooldownEvents.seconds(options.eventTimeout())
                    + " s; the period in force was unknown (the key was absent or unparsable), so the controller "
                    + "probably used " + effective + " s already");
        }
        return effective;
    }

    private Round churn(long cooldown, ChurnPodTemplate template, ChurnRecorder recorder, List<String> notes)
            throws InterruptedException {
        double origin = recorder.now();
        ChurnPlan plan = options.plan();
        List<String> names = new ArrayList<>();
        double nextProgress = origin + PROGRESS_EVERY_SECONDS;
        for (int i = 0; i < plan.pods(); i++) {
            pause(origin + plan.createAtSeconds(i) - recorder.now());
            Pod pod = template.pod(cooldown, i);
            String name = pod.getMetadata().getName();
            guarded(() -> {
                recorder.created(name);
                resources.createPod(pod);
            });
            names.add(name);
            if (recorder.now() >= nextProgress) {
                nextProgress += PROGRESS_EVERY_SECONDS;
                progress.accept(cooldown + " s: pods created " + names.size() + "/" + plan.pods() + ", ended "
                        + recorder.endedAmong(names));
            }
        }
        double deadline = recorder.now() + options.podTimeout().toNanos() / 1e9;
        while (!recorder.awaitEnded(names, Math.min(deadline, recorder.now() + PROGRESS_EVERY_SECONDS))) {
            checkOpen();
            if (recorder.now() >= deadline) {
                break;
            }
            progress.accept(cooldown + " s: pods ended " + recorder.endedAmong(names) + "/" + names.size());
        }
        checkOpen();
        List<ChurnPodRecord> all = recorder.records();
        List<ChurnPodRecord> round = all.stream().filter(r -> names.contains(r.name())).toList();
        notes.addAll(RoundNotes.of(round, options.podTimeout()));
        RunObservations observations = ReuseAnalysis.observe("cluster " + options.runId(), cooldown, round, all, origin,
                recorder.notifications());
        progress.accept(cooldown + " s: " + observations.errorPods() + " Error pods of " + round.size() + ", "
                + observations.ipReuses() + " IP reuses");
        return new Round(cooldown, observations, List.copyOf(notes));
    }

    /** The period the controller uses for a value (floor 30 s). */
    static long effective(long cooldownSeconds) {
        return Math.round(Cooldown.ofSeconds(cooldownSeconds).periodSeconds());
    }

    /** Sleeps, unless the run is closed meanwhile. */
    private void pause(double seconds) throws InterruptedException {
        if (seconds > 0 && closing.await((long) (seconds * 1e9), TimeUnit.NANOSECONDS)) {
            throw new Interrupted();
        }
        checkOpen();
    }

    private void checkOpen() {
        synchronized (lock) {
            if (closed) {
                throw new Interrupted();
            }
        }
    }

    /** A change to the cluster, never begun once the run is closed (so cleanup misses nothing). */
    private void guarded(Runnable change) {
        synchronized (lock) {
            if (closed) {
                throw new Interrupted();
            }
            changedCluster = true;
            change.run();
        }
    }

    /**
     * Deletes what the run created and puts the ConfigMap back (unless told to keep the cooldown);
     * safe to call twice and from another thread. What could not be undone is in the result's
     * cleanup notes, and on the progress stream.
     */
    @Override
    public void close() {
        boolean already;
        synchronized (lock) {
            already = closed;
            closed = true;
        }
        if (already) {
            awaitCleanedUp(); // another thread (a shutdown hook) may be cleaning up: "deleted" must be true when said
            return;
        }
        closing.countDown();
        try {
            undo();
        } finally {
            if (podInformer != null) {
                podInformer.close();
            }
            if (events != null) {
                events.close();
            }
            cleanedUp.countDown();
        }
    }

    private void awaitCleanedUp() {
        boolean interrupted = false;
        while (true) {
            try {
                cleanedUp.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void undo() {
        if (!changedCluster) {
            return; // stopped before it created anything
        }
        try {
            RunResources.Leftovers deleted = resources.delete(options.runId());
            cleanup.add("deleted " + deleted.pods().size() + " pods, " + deleted.policies().size()
                    + " SecurityGroupPolicies, " + deleted.namespaces().size() + " namespaces");
        } catch (ClusterException e) {
            problem(e.getMessage() + "; run `sgplab cluster cleanup --run " + options.runId() + "`");
        }
        if (changedConfigMap) {
            if (options.keepCooldown()) {
                cleanup.add(Cooldown.CONFIG_MAP_KEY + " left at the last value (--keep-cooldown)");
                forgetChange();
            } else {
                restore();
            }
        }
    }

    private void restore() {
        try {
            VpcCniConfigMap.Restored restored = configMap.restoreRun(options.runId());
            if (restored != null) {
                cleanup.add(restored.value() == null
                        ? Cooldown.CONFIG_MAP_KEY + " removed again, as before; the controller keeps its last period "
                                + "until it restarts (it ignores a missing key)"
                        : Cooldown.CONFIG_MAP_KEY + " restored to " + restored.value());
            }
        } catch (ClusterException e) {
            problem(e.getMessage() + "; `sgplab cluster cleanup` restores it");
        }
    }

    /** With --keep-cooldown: the value stays, the note that would restore it goes. */
    private void forgetChange() {
        try {
            configMap.forgetRun(options.runId());
        } catch (ClusterException e) {
            problem(e.getMessage());
        }
    }

    private void problem(String text) {
        cleanup.add("NOT CLEANED: " + text);
        progress.accept("cleanup: " + text);
    }
}
