package dev.sgplab.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sgplab.model.dist.Distribution;
import dev.sgplab.model.dns.ResolverKind;
import dev.sgplab.model.dns.ResolverProfile;
import dev.sgplab.model.kubernetes.CronSchedule;
import dev.sgplab.model.kubernetes.JobBackoff;
import dev.sgplab.model.kubernetes.RollingUpdate;
import dev.sgplab.model.workload.PodTemplate;
import dev.sgplab.model.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scenario's {@code workloads:} list: each entry a workload with a name, a kind, its kind's
 * keys and optional {@code dns:} overrides of the scenario's resolver. An entry leaves a key
 * unset (null) to take its default, documented in reference.yaml; a key of another kind is an
 * error. Without a list, the scenario's single {@code workload:} block is one churn test, with the
 * random streams it always had (so its runs stay the same).
 */
public final class Workloads {
    static final List<String> KINDS = List.of("churn-test", "deployment", "job", "cronjob", "steady");
    /** The keys each kind takes besides name, kind, pod-start-latency, process-retries, process-retry-delay and dns. */
    private static final Map<String, Set<String>> KIND_KEYS = Map.of(
            "churn-test", Set.of("pods", "create-interval", "run-time"),
            "deployment", Set.of("replicas", "max-surge", "max-unavailable", "rollout-interval", "progress-deadline",
                    "pod-replacement-interval", "duration"),
            "job", Set.of("completions", "parallelism", "backoff-limit", "run-time"),
            "cronjob", Set.of("schedule", "completions", "parallelism", "backoff-limit", "run-time", "duration"),
            "steady", Set.of("arrival-interval", "lifetime", "restart-policy", "duration"));

    /** Every key an entry may have, for "did you mean". */
    static final List<String> ENTRY_KEYS = List.of("name", "kind", "pods", "create-interval", "pod-start-latency",
            "run-time", "replicas", "max-surge", "max-unavailable", "rollout-interval", "progress-deadline",
            "pod-replacement-interval", "schedule",
            "completions", "parallelism", "backoff-limit", "arrival-interval", "lifetime", "restart-policy", "duration",
            "process-retries", "process-retry-delay", "dns", "resolver", "timeout", "attempts", "ndots", "search",
            "single-request", "names");

    private Workloads() {
    }

    /** One entry of {@code workloads:} as written; null: not given. */
    public record Entry(String name, String kind, Integer pods, @JsonProperty("create-interval") String createInterval,
            @JsonProperty("pod-start-latency") String podStartLatency, @JsonProperty("run-time") String runTime,
            Integer replicas, @JsonProperty("max-surge") String maxSurge,
            @JsonProperty("max-unavailable") String maxUnavailable,
            @JsonProperty("rollout-interval") String rolloutInterval,
            @JsonProperty("progress-deadline") Double progressDeadline,
            @JsonProperty("pod-replacement-interval") String podReplacementInterval, String schedule, Integer completions,
            Integer parallelism, @JsonProperty("backoff-limit") Integer backoffLimit,
            @JsonProperty("arrival-interval") String arrivalInterval, String lifetime,
            @JsonProperty("restart-policy") String restartPolicy, Double duration,
            @JsonProperty("process-retries") Integer processRetries,
            @JsonProperty("process-retry-delay") String processRetryDelay, WorkloadDns dns) {

        /** The keys given, by their scenario names. */
        Map<String, Object> given() {
            Map<String, Object> keys = new LinkedHashMap<>();
            keys.put("pods", pods);
            keys.put("create-interval", createInterval);
            keys.put("run-time", runTime);
            keys.put("replicas", replicas);
            keys.put("max-surge", maxSurge);
            keys.put("max-unavailable", maxUnavailable);
            keys.put("rollout-interval", rolloutInterval);
            keys.put("progress-deadline", progressDeadline);
            keys.put("pod-replacement-interval", podReplacementInterval);
            keys.put("schedule", schedule);
            keys.put("completions", completions);
            keys.put("parallelism", parallelism);
            keys.put("backoff-limit", backoffLimit);
            keys.put("arrival-interval", arrivalInterval);
            keys.put("lifetime", lifetime);
            keys.put("restart-policy", restartPolicy);
            keys.put("duration", duration);
            keys.values().removeIf(java.util.Objects::isNull);
            return keys;
        }
    }

    /** A workload's resolver: each key overrides the scenario's dns section; names are what its pods look up. */
    public record WorkloadDns(String resolver, Integer timeout, Integer attempts, Integer ndots, List<String> search,
            @JsonProperty("single-request") Boolean singleRequest, List<String> names) {
    }

    static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }

    /** What is wrong with the list, each problem key first ("workloads[1] (web).replicas ..."). */
    static List<String> problems(List<Entry> entries, Scenario scenario) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String at = "workloads[" + i + "]";
            if (e == null) {
                problems.add(at + " is empty: give its name and kind");
                continue;
            }
            if (e.name() == null || !e.name().matches("[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?")) {
                problems.add(at + ".name must be a Kubernetes object name (lowercase letters, digits and '-', at most "
                        + "52 characters), got " + (e.name() == null ? "nothing" : "'" + e.name() + "'"));
                continue;
            }
            at += " (" + e.name() + ")";
            if (!names.add(e.name())) {
                problems.add(at + ".name is used by an earlier workload");
            }
            if (e.kind() == null || !KINDS.contains(e.kind())) {
                problems.add(at + ".kind must be one of " + String.join(", ", KINDS) + ", got "
                        + (e.kind() == null ? "nothing" : "'" + e.kind() + "'"));
                continue;
            }
            for (String key : e.given().keySet()) {
                if (!KIND_KEYS.get(e.kind()).contains(key)) {
                    problems.add(at + "." + key + " is not a key of kind " + e.kind() + " (its keys: "
                            + String.join(", ", KIND_KEYS.get(e.kind()).stream().sorted().toList()) + ")");
                }
            }
            if (problems.isEmpty()) {
                try {
                    spec(e, scenario);
                } catch (IllegalArgumentException | ScenarioException bad) {
                    problems.add(at + "." + bad.getMessage());
                }
            }
        }
        return problems;
    }

    /** The scenario's workloads as the models take them. */
    static List<WorkloadSpec> specs(List<Entry> entries, Scenario scenario) {
        if (entries.isEmpty()) {
            Scenario.Workload w = scenario.workload();
            PodTemplate template = new PodTemplate("churn", scenario.dns().profile(), List.of(scenario.dns().name()),
                    w.podStartLatencyDistribution(), 0, Distribution.parse("fixed(1)"), "workload");
            return List.of(new WorkloadSpec.ChurnTest(template, w.spec()));
        }
        return entries.stream().map(e -> spec(e, scenario)).toList();
    }

    private static WorkloadSpec spec(Entry e, Scenario scenario) {
        PodTemplate template = template(e, scenario);
        double runFor = positiveDuration("duration", or(e.duration(), 3600.0));
        int completions = count("completions", or(e.completions(), 1), 1, Scenario.MAX_PODS);
        int parallelism = count("parallelism", or(e.parallelism(), 1), 1, Scenario.MAX_COUNT);
        int backoffLimit = count("backoff-limit", or(e.backoffLimit(), JobBackoff.DEFAULT_BACKOFF_LIMIT), 0,
                Scenario.MAX_COUNT);
        return switch (e.kind()) {
            case "churn-test" -> new WorkloadSpec.ChurnTest(template, new dev.sgplab.model.workload.ChurnSpec(
                    count("pods", or(e.pods(), 200), 1, Scenario.MAX_PODS),
                    duration("create-interval", or(e.createInterval(), "fixed(2)")), template.startLatency(),
                    duration("run-time", or(e.runTime(), "fixed(10)")), scenario.workload().roundRobin()));
            case "deployment" -> {
                int replicas = count("replicas", or(e.replicas(), 3), 1, Scenario.MAX_COUNT);
                RollingUpdate update = rollingUpdate(replicas, or(e.maxSurge(), "25%"), or(e.maxUnavailable(), "25%"));
                yield new WorkloadSpec.Deployment(template, update,
                        duration("rollout-interval", or(e.rolloutInterval(), "fixed(3600)")),
                        positiveDuration("progress-deadline", or(e.progressDeadline(), 600.0)), runFor,
                        e.podReplacementInterval() == null ? null
                                : duration("pod-replacement-interval", e.podReplacementInterval()));
            }
            case "job", "cronjob" -> new WorkloadSpec.Job(template, completions, parallelism, new JobBackoff(backoffLimit),
                    duration("run-time", or(e.runTime(), "fixed(10)")), "cronjob".equals(e.kind())
                            ? schedule(or(e.schedule(), "*/5 * * * *")) : null, runFor);
            default -> new WorkloadSpec.Steady(template, duration("arrival-interval", or(e.arrivalInterval(),
                    "exponential(60)")), duration("lifetime", or(e.lifetime(), "exponential(600)")),
                    restartAlways(or(e.restartPolicy(), "Never")), runFor);
        };
    }

    private static PodTemplate template(Entry e, Scenario scenario) {
        Scenario.Dns base = scenario.dns();
        WorkloadDns d = or(e.dns(), new WorkloadDns(null, null, null, null, null, null, null));
        ResolverProfile profile;
        try {
            profile = new ResolverProfile(ResolverKind.fromKey(or(d.resolver(), base.resolver())),
                    or(d.timeout(), base.timeout()), or(d.attempts(), base.attempts()), or(d.ndots(), base.ndots()),
                    or(d.search(), base.search()), or(d.singleRequest(), base.singleRequest()), base.clusterDomain(),
                    base.clusterNamespaces());
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("dns: " + bad.getMessage());
        }
        if (or(d.timeout(), 1) > 3_600 || or(d.attempts(), 1) > 100 || or(d.ndots(), 1) > 100) {
            throw new IllegalArgumentException("dns: timeout at most 3600, attempts and ndots at most 100");
        }
        List<String> names = or(d.names(), List.of(base.name()));
        if (names.isEmpty() || names.size() > 100 || names.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw new IllegalArgumentException("dns.names must list 1 to 100 names");
        }
        int retries = count("process-retries", or(e.processRetries(), 0), 0, 1_000);
        return new PodTemplate(e.name(), profile, names, duration("pod-start-latency", or(e.podStartLatency(),
                scenario.workload().podStartLatency())), retries,
                duration("process-retry-delay", or(e.processRetryDelay(), "fixed(1)")), "workload/" + e.name());
    }

    private static RollingUpdate rollingUpdate(int replicas, String surge, String unavailable) {
        try {
            return RollingUpdate.of(replicas, surge, unavailable);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("max-surge/max-unavailable: " + bad.getMessage());
        }
    }

    private static CronSchedule schedule(String text) {
        try {
            return CronSchedule.parse(text);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("schedule: " + bad.getMessage());
        }
    }

    private static boolean restartAlways(String policy) {
        return switch (policy) {
            case "Always" -> true;
            case "Never" -> false;
            default -> throw new IllegalArgumentException("restart-policy must be Never or Always, got '" + policy + "'");
        };
    }

    private static Distribution duration(String key, String text) {
        Distribution d;
        try {
            d = Distribution.parse(text);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(key + ": " + bad.getMessage());
        }
        if (!(d.mean() <= Scenario.MAX_DURATION_SECONDS)) {
            throw new IllegalArgumentException(key + ": '" + text + "' has a mean over sgplab's bound of "
                    + (long) Scenario.MAX_DURATION_SECONDS + " s (a day)");
        }
        return d;
    }

    private static double positiveDuration(String key, double seconds) {
        if (!(seconds > 0) || seconds > Scenario.MAX_DURATION_SECONDS) {
            throw new IllegalArgumentException(key + " must be more than 0 and at most "
                    + (long) Scenario.MAX_DURATION_SECONDS + " s, got " + seconds);
        }
        return seconds;
    }

    private static int count(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be within " + min + ".." + max + ", got " + value);
        }
        return value;
    }
}
