package dev.sgplab.cluster.describe;

import dev.sgplab.model.kubernetes.CronSchedule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The scenario's {@code workloads:} from the owners of the SGPP pods: a Deployment with its
 * replicas, rolling-update strategy and the rollouts seen in the window (its ReplicaSets created
 * then), a CronJob with its schedule and Job template, a Job with its spec, and bare pods (or
 * other owners) as steady churn at the rate seen. Each workload's pods' DNS settings are written
 * where they differ from the scenario's dns section. Only owners of SGPP pods: other pods hold no
 * branch ENI.
 */
final class WorkloadsSection {
    /** A workload runs at most a day of simulated time (the scenario's bound). */
    private static final long MAX_RUN_SECONDS = 86_400;

    private final ClusterReadings readings;
    private final Instant now;
    private final Duration window;
    private final DnsSettings scenarioDns;
    private final PodOwners owners;
    private final Set<String> names = new HashSet<>();

    WorkloadsSection(ClusterReadings readings, Instant now, Duration window, DnsSettings scenarioDns) {
        this.readings = readings;
        this.now = now;
        this.window = window;
        this.scenarioDns = scenarioDns;
        this.owners = new PodOwners(readings.replicaSets(), readings.jobs());
    }

    void write(ScenarioText out, List<ChurnEstimate.OwnerChurn> churn) {
        List<ChurnEstimate.OwnerChurn> sgpp = churn.stream().filter(ChurnEstimate.OwnerChurn::sgpp)
                .sorted(Comparator.comparing((ChurnEstimate.OwnerChurn c) -> c.owner().label())).toList();
        out.comment("One workload per owner of SGPP pods (see the churn section below for how its churn was counted).\n"
                + "Scheduling: kube-scheduler's default scoring (NodeResourcesFit LeastAllocated), the reference's.");
        out.open("workloads");
        if (sgpp.isEmpty()) {
            out.item();
            out.value("name", "what-if", "assumed: no owner of SGPP pods found; the report's churn test as a what-if");
            out.value("kind", "churn-test", "assumed");
            out.value("pods", "200", "assumed: the report's test");
            out.value("create-interval", "fixed(3)", "assumed: the report's test");
            out.end();
        }
        for (ChurnEstimate.OwnerChurn c : sgpp) {
            List<Pod> pods = readings.pods().stream().filter(ChurnEstimate::isSgpp).filter(p -> sameOwner(p, c.owner()))
                    .toList();
            out.item();
            out.value("name", unique(c.owner()), c.owner().label());
            switch (c.owner().kind()) {
                case "Deployment" -> deployment(out, c, pods);
                case "CronJob" -> cronJob(out, c, pods);
                case "Job" -> job(out, c, pods);
                default -> steady(out, c, pods);
            }
            dns(out, pods);
            out.end();
        }
        out.end().blank();
    }

    private boolean sameOwner(Pod pod, PodOwners.Owner owner) {
        PodOwners.Owner of = owners.of(pod);
        if (of.name().isEmpty()) {
            of = PodOwners.Owner.bareSgpp(of.namespace());
        }
        return of.equals(owner);
    }

    private void deployment(ScenarioText out, ChurnEstimate.OwnerChurn c, List<Pod> pods) {
        String where = "Deployment " + c.owner().namespace() + "/" + c.owner().name();
        Deployment d = readings.deployments().stream().filter(x -> c.owner().namespace().equals(x.getMetadata()
                .getNamespace()) && c.owner().name().equals(x.getMetadata().getName())).findFirst().orElse(null);
        out.value("kind", "deployment", where);
        if (d == null || d.getSpec() == null) {
            out.value("replicas", String.valueOf(Math.max(1, c.podsNow())), "assumed: the Deployment was not listed; "
                    + "its SGPP pods now");
            out.value("duration", String.valueOf(runSeconds()), "the churn window (at most a day)");
            return;
        }
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        out.value("replicas", String.valueOf(Math.max(1, replicas)), where + " spec.replicas"
                + (replicas < 1 ? " is " + replicas + " (scaled to zero): 1 written" : ""));
        DeploymentStrategy strategy = d.getSpec().getStrategy();
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            out.value("max-surge", "0", where + " spec.strategy.type Recreate: no pod on top");
            out.value("max-unavailable", ScenarioText.quoted("100%"), "Recreate: all old pods go first");
        } else {
            var rolling = strategy == null ? null : strategy.getRollingUpdate();
            out.value("max-surge", intOrString(rolling == null ? null : rolling.getMaxSurge()), rolling == null
                    || rolling.getMaxSurge() == null ? "Kubernetes' default (spec.strategy.rollingUpdate.maxSurge unset)"
                    : where + " spec.strategy.rollingUpdate.maxSurge");
            out.value("max-unavailable", intOrString(rolling == null ? null : rolling.getMaxUnavailable()), rolling == null
                    || rolling.getMaxUnavailable() == null ? "Kubernetes' default (maxUnavailable unset)"
                    : where + " spec.strategy.rollingUpdate.maxUnavailable");
        }
        Integer deadline = d.getSpec().getProgressDeadlineSeconds();
        out.value("progress-deadline", String.valueOf(deadline == null ? 600 : deadline), deadline == null
                ? "Kubernetes' default (progressDeadlineSeconds unset)" : where + " spec.progressDeadlineSeconds");
        int rollouts = rolloutsInWindow(d);
        out.value("rollout-interval", rollouts == 0 ? "fixed(" + MAX_RUN_SECONDS + ")" : "exponential("
                + ScenarioText.number(Math.round(window.toSeconds() * 10.0 / rollouts) / 10.0) + ")", rollouts == 0
                ? "no ReplicaSet of it created in the window: no rollout during the run"
                : rollouts + " rollouts in " + Times.human(window) + " (its ReplicaSets' creationTimestamp"
                        + (created(d) ? ", less the Deployment's own creation" : "") + "), as a Poisson process");
        podReplacements(out, c, d, Math.max(1, replicas), rollouts);
        out.value("duration", String.valueOf(runSeconds()), "the churn window (at most a day)");
    }

    /** Pods the churn estimate counts beyond what the rollouts explain, as {@code pod-replacement-interval}. */
    private void podReplacements(ScenarioText out, ChurnEstimate.OwnerChurn c, Deployment d, int replicas,
            int rollouts) {
        Instant countedSince = c.extrapolated() ? now.minus(c.eventSpan()) : now.minus(window);
        int replicaSetsInCounted = replicaSetsSince(d, countedSince);
        PodReplacements replaced = PodReplacements.of(c, replicas, rollouts, created(d), replicaSetsInCounted, window);
        if (replaced.clearlyPositive()) {
            out.value("pod-replacement-interval", "exponential(" + ScenarioText.number(replaced.intervalSeconds(window))
                    + ")", replaced.why() + "; as a Poisson process");
        } else {
            out.comment("no pod-replacement-interval: " + replaced.why() + " (written from "
                    + PodReplacements.MIN_UNEXPLAINED + " such pods and an excess of at least one pod)");
        }
    }

    /** New ReplicaSets of the Deployment in the window, less the one its creation made. */
    private int rolloutsInWindow(Deployment d) {
        return Math.max(0, replicaSetsSince(d, now.minus(window)) - (created(d) ? 1 : 0));
    }

    /** The Deployment's ReplicaSets created at {@code since} or later. */
    private int replicaSetsSince(Deployment d, Instant since) {
        return (int) readings.replicaSets().stream().filter(rs -> ownedBy(rs, d))
                .filter(rs -> createdSince(rs.getMetadata().getCreationTimestamp(), since)).count();
    }

    private boolean created(Deployment d) {
        return inWindow(d.getMetadata().getCreationTimestamp());
    }

    private static boolean ownedBy(ReplicaSet rs, Deployment d) {
        var owner = PodOwners.controllerOf(rs);
        return owner != null && "Deployment".equals(owner.getKind()) && d.getMetadata().getName().equals(owner.getName())
                && Objects.equals(d.getMetadata().getNamespace(), rs.getMetadata().getNamespace());
    }

    private boolean inWindow(String timestamp) {
        return createdSince(timestamp, now.minus(window));
    }

    private static boolean createdSince(String timestamp, Instant since) {
        Instant at = Times.parse(timestamp);
        return at != null && !at.isBefore(since);
    }

    private void cronJob(ScenarioText out, ChurnEstimate.OwnerChurn c, List<Pod> pods) {
        String where = "CronJob " + c.owner().namespace() + "/" + c.owner().name();
        CronJob cron = readings.cronJobs().stream().filter(x -> c.owner().namespace().equals(x.getMetadata()
                .getNamespace()) && c.owner().name().equals(x.getMetadata().getName())).findFirst().orElse(null);
        String schedule = cron == null || cron.getSpec() == null ? null : macro(cron.getSpec().getSchedule());
        boolean supported = schedule != null;
        if (supported) {
            try {
                CronSchedule.parse(schedule);
            } catch (IllegalArgumentException outside) {
                supported = false;
            }
        }
        if (!supported) {
            steady(out, c, pods, cron == null ? "the CronJob was not listed" : "its schedule '"
                    + cron.getSpec().getSchedule() + "' is outside the supported subset");
            return;
        }
        out.value("kind", "cronjob", where);
        out.value("schedule", ScenarioText.quoted(schedule), where + " spec.schedule"
                + (schedule.equals(cron.getSpec().getSchedule()) ? "" : " '" + cron.getSpec().getSchedule() + "'")
                + (cron.getSpec().getTimeZone() == null ? "" : " (timeZone " + cron.getSpec().getTimeZone()
                        + " not modelled)"));
        var template = cron.getSpec().getJobTemplate();
        jobSpec(out, template == null ? null : template.getSpec(), where + " spec.jobTemplate.spec", pods);
        out.value("duration", String.valueOf(runSeconds()), "the churn window (at most a day)");
    }

    private void job(ScenarioText out, ChurnEstimate.OwnerChurn c, List<Pod> pods) {
        String where = "Job " + c.owner().namespace() + "/" + c.owner().name();
        Job job = readings.jobs().stream().filter(x -> c.owner().namespace().equals(x.getMetadata().getNamespace())
                && c.owner().name().equals(x.getMetadata().getName())).findFirst().orElse(null);
        out.value("kind", "job", where + " (one run of it at the start)");
        jobSpec(out, job == null ? null : job.getSpec(), where + " spec", pods);
    }

    private static void jobSpec(ScenarioText out, JobSpec spec, String where, List<Pod> pods) {
        Integer completions = spec == null ? null : spec.getCompletions();
        Integer parallelism = spec == null ? null : spec.getParallelism();
        Integer backoffLimit = spec == null ? null : spec.getBackoffLimit();
        out.value("completions", String.valueOf(completions == null ? 1 : Math.max(1, completions)), completions == null
                ? "Kubernetes' default (completions unset)" : where + ".completions");
        out.value("parallelism", String.valueOf(parallelism == null ? 1 : Math.max(1, parallelism)), parallelism == null
                ? "Kubernetes' default (parallelism unset)" : where + ".parallelism");
        out.value("backoff-limit", String.valueOf(backoffLimit == null ? 6 : backoffLimit), backoffLimit == null
                ? "Kubernetes' default (backoffLimit unset)" : where + ".backoffLimit");
        runTime(out, "run-time", pods);
    }

    private void steady(ScenarioText out, ChurnEstimate.OwnerChurn c, List<Pod> pods) {
        steady(out, c, pods, null);
    }

    private void steady(ScenarioText out, ChurnEstimate.OwnerChurn c, List<Pod> pods, String why) {
        out.value("kind", "steady", why == null ? c.owner().kind() + ": pods arriving at the rate seen"
                : "as steady churn: " + why);
        double perPod = c.estimate() < 1 ? MAX_RUN_SECONDS : window.toSeconds() / c.estimate();
        out.value("arrival-interval", "exponential(" + ScenarioText.number(Math.round(perPod * 1000) / 1000.0) + ")",
                c.estimate() < 1 ? "no pod created in the window: about one a day assumed"
                        : "the window / " + ScenarioText.number(Math.round(c.estimate() * 10) / 10.0)
                                + " pods (churn section), as a Poisson process");
        runTime(out, "lifetime", pods);
        String policy = pods.stream().map(p -> p.getSpec() == null ? null : p.getSpec().getRestartPolicy())
                .filter(Objects::nonNull).findFirst().orElse("Always");
        boolean always = !"Never".equals(policy); // OnFailure restarts a failing container too
        out.value("restart-policy", always ? "Always" : "Never", "Pod spec.restartPolicy " + policy
                + (policy.equals("OnFailure") ? " (a failed lookup's exit restarts it, as Always)" : ""));
        out.value("duration", String.valueOf(runSeconds()), "the churn window (at most a day)");
    }

    private static void runTime(ScenarioText out, String key, List<Pod> pods) {
        RunTimes.Median median = RunTimes.median(pods);
        out.value(key, median == null ? (key.equals("lifetime") ? "exponential(600)" : "fixed(10)")
                        : "fixed(" + ScenarioText.number(median.seconds()) + ")",
                median == null ? "assumed (the reference's default): no finished pod of it to measure"
                        : "median of " + median.pods() + " finished pods' containers (terminated finishedAt - startedAt)");
    }

    /** The pods' resolver where it differs from the scenario's dns section. */
    private void dns(ScenarioText out, List<Pod> pods) {
        if (pods.isEmpty()) {
            return;
        }
        DnsSettings own = DnsSettings.of(pods);
        boolean differs = !own.resolver().equals(scenarioDns.resolver())
                || own.timeout().value() != scenarioDns.timeout().value()
                || own.attempts().value() != scenarioDns.attempts().value()
                || own.ndots().value() != scenarioDns.ndots().value() || !own.search().equals(scenarioDns.search())
                || own.singleRequest() != scenarioDns.singleRequest();
        if (!differs) {
            return;
        }
        out.open("dns");
        own.write(out);
        out.end();
    }

    private long runSeconds() {
        return Math.min(MAX_RUN_SECONDS, window.toSeconds());
    }

    /** A workload name the scenario takes: the owner's name, with its namespace when two share it. */
    private String unique(PodOwners.Owner owner) {
        String base = owner.name().isEmpty() ? "bare-" + owner.namespace() : owner.name();
        String name = sanitize(base);
        if (!names.add(name)) {
            name = sanitize(owner.namespace() + "-" + base);
            for (int i = 2; !names.add(name); i++) {
                name = sanitize(owner.namespace() + "-" + base + "-" + i);
            }
        }
        return name;
    }

    private static String sanitize(String text) {
        String name = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
        name = name.length() > 52 ? name.substring(0, 52) : name;
        name = name.replaceAll("-+$", "");
        return name.isEmpty() ? "workload" : name;
    }

    private static String intOrString(IntOrString value) {
        if (value == null) {
            return ScenarioText.quoted("25%");
        }
        return value.getIntVal() != null ? String.valueOf(value.getIntVal()) : ScenarioText.quoted(value.getStrVal());
    }

    /** robfig/cron's macros as the five fields they stand for; anything else as given. */
    private static String macro(String schedule) {
        if (schedule == null) {
            return null;
        }
        return Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
                "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *").getOrDefault(schedule.trim(),
                schedule.trim());
    }
}
