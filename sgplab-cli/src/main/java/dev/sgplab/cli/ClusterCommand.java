package dev.sgplab.cli;

import dev.sgplab.cluster.ChurnPlan;
import dev.sgplab.cluster.ChurnPodTemplate;
import dev.sgplab.cluster.ClusterCleanup;
import dev.sgplab.cluster.ClusterException;
import dev.sgplab.cluster.ClusterRun;
import dev.sgplab.cluster.ClusterRunPlan;
import dev.sgplab.cluster.KubeClients;
import dev.sgplab.cluster.KubeTarget;
import dev.sgplab.cluster.Retries;
import dev.sgplab.cluster.RunLabels;
import dev.sgplab.cluster.SecurityGroupIds;
import dev.sgplab.cluster.VpcCniConfigMap;
import dev.sgplab.report.ClusterReport;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.sim.OriginalReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Work with a real EKS cluster through the Kubernetes API.",
        subcommands = {ClusterCommand.RunCommand.class, ClusterCommand.CooldownCommand.class, ClusterCommand.CleanupCommand.class,
                ClusterDescribeCommand.class})
final class ClusterCommand extends Subcommand implements Runnable {
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing cluster command (run, cooldown, cleanup, describe)");
    }

    /**
     * --kubeconfig and --context, shared by every command that talks to a cluster (cluster run,
     * cleanup, cooldown; guard). The kubeconfig and context are checked before any call; errors
     * from the cluster name its server and context.
     */
    static final class Connection {
        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig (default: KUBECONFIG, then "
                + "~/.kube/config, then in-cluster).")
        Path kubeconfig;

        @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context (default: its current-context); "
                + "one the kubeconfig does not have is an error.")
        String context;

        /** A client, after checking the kubeconfig and the context; no call made yet. */
        KubeClients.Session connect() {
            return KubeClients.connect(kubeconfig, context);
        }

        /** Connects, does the work, closes; cluster errors say where. */
        <T> T call(Function<KubeClients.Session, T> work) {
            try (KubeClients.Session session = connect()) {
                try {
                    return work.apply(session);
                } catch (RuntimeException e) {
                    throw naming(session.target(), e);
                }
            }
        }

        /** A failure from the cluster, its message naming the server and context; other failures as they are. */
        static RuntimeException naming(KubeTarget target, RuntimeException e) {
            if (e instanceof ClusterException cluster) {
                return cluster.at(target);
            }
            if (e instanceof KubernetesClientException kube) {
                return new ClusterException(ClusterException.kindOf(kube), KubeClients.explain(kube)).at(target);
            }
            return e;
        }

        /** The line before the first write: which cluster, which context, which kubeconfig. */
        static void announceWrite(PrintWriter err, KubeTarget target) {
            err.println("sgplab: writing to cluster " + target.describe());
            err.flush();
        }

        /** The line before a dry run's reads. */
        static void announceDryRun(PrintWriter err, KubeTarget target) {
            err.println("sgplab: dry run, reading only from cluster " + target.describe());
            err.flush();
        }
    }

    @Command(name = "cooldown", mixinStandardHelpOptions = true,
            description = "Read or set branch-eni-cooldown in kube-system/amazon-vpc-cni, with the controller's rules.")
    static final class CooldownCommand extends Subcommand implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Parameters(index = "0", arity = "0..1", paramLabel = "get|set", defaultValue = "get", description = "get (default) or set.")
        String action;

        @Parameters(index = "1", arity = "0..1", paramLabel = "SECONDS", description = "With set: the new cooldown.")
        Long seconds;

        @Option(names = "--dry-run", description = "With set: show the change (before and after) and write nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            if (!action.equals("get") && !action.equals("set")) {
                throw new Errors.BadInputException("expected get or set, got '" + action + "'");
            }
            if (action.equals("set") && seconds == null) {
                throw new Errors.BadInputException("cluster cooldown set needs SECONDS");
            }
            if (action.equals("set") && seconds < 0) {
                throw new Errors.BadInputException("a cooldown must not be negative, got " + seconds);
            }
            if (action.equals("get") && (seconds != null || dryRun)) {
                throw new Errors.BadInputException(seconds != null ? "cluster cooldown get takes no SECONDS"
                        : "--dry-run goes with cluster cooldown set");
            }
            PrintWriter out = out();
            PrintWriter err = err();
            connection.call(session -> {
                VpcCniConfigMap map = new VpcCniConfigMap(session.client(), Retries.standard());
                if (action.equals("get")) {
                    print(out, map.get());
                } else if (dryRun) {
                    Connection.announceDryRun(err, session.target());
                    VpcCniConfigMap.Setting before = map.get();
                    VpcCniConfigMap.Setting after = VpcCniConfigMap.interpret(Long.toString(seconds));
                    out.printf("Dry run: nothing is written. It would change ConfigMap %s/%s:%n  data.%s: %s -> %s "
                            + "(the controller would use %d s)%n", VpcCniConfigMap.NAMESPACE, VpcCniConfigMap.NAME,
                            dev.sgplab.model.controller.Cooldown.CONFIG_MAP_KEY, shown(before), after.value(),
                            after.effectiveSeconds());
                    warn(after);
                } else {
                    Connection.announceWrite(err, session.target());
                    VpcCniConfigMap.Setting previous = map.set(seconds);
                    VpcCniConfigMap.Setting now = map.get();
                    out.printf("branch-eni-cooldown: %s -> %s (the controller uses %d s; it applies the change "
                            + "cluster-wide and reports it with a BranchENICoolDownPeriodUpdated node event)%n",
                            shown(previous), now.value(), now.effectiveSeconds());
                    warn(now);
                }
                return null;
            });
            out.flush();
            err.flush();
            return 0;
        }

        private void print(PrintWriter out, VpcCniConfigMap.Setting setting) {
            out.println(setting.value() == null
                    ? "branch-eni-cooldown: not set (the controller starts with 60 s and keeps the last value it read)"
                    : String.format(java.util.Locale.ROOT, "branch-eni-cooldown: %s (the controller uses %d s)",
                            setting.value(), setting.effectiveSeconds()));
            warn(setting);
        }

        private static String shown(VpcCniConfigMap.Setting setting) {
            return setting.value() == null ? "not set" : setting.value();
        }

        private void warn(VpcCniConfigMap.Setting setting) {
            if (setting.warning() != null) {
                warn(setting.warning());
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The report's churn test on an EKS cluster: for each cooldown, set it, wait for the controller "
                    + "to take it, create the pods one every interval (each resolves a name at start and ends Error "
                    + "when that fails), and count. Deletes all it created and restores the cooldown at the end, on "
                    + "failure and on Ctrl-C.", "The pods, their spacing and stay, the name and the resolver options come "
                    + "from the scenario (workload.*, dns.*); what only the cluster decides (nodes, subnet, sysctls) is "
                    + "said in the run's notes.",
                    "Needs the RBAC of deploy/k8s/harness-rbac.yaml; see docs/real-cluster.md."})
    static final class RunCommand extends Subcommand implements Callable<Integer> {
        /** The scenario key each round sets. */
        static final String COOLDOWN_KEY = "controller.branch-eni-cooldown";

        @Mixin
        Connection connection;

        @Mixin
        ReportScenarioOptions scenario;

        @Option(names = "--namespace", defaultValue = "sgplab", description = "Namespace of the pods; created (and deleted) "
                + "unless it exists (default: ${DEFAULT-VALUE}).")
        String namespace;

        @Option(names = "--cooldown", split = ",", paramLabel = "SECONDS",
                description = "branch-eni-cooldown values, one round each (default: the report's 30,60,70, as reproduce; "
                        + "--set " + COOLDOWN_KEY + "=S alone runs one round at S).")
        List<Long> cooldowns;

        @Option(names = "--pods", paramLabel = "N", description = "Pods per cooldown: --set workload.pods=N.")
        Integer pods;

        @Option(names = "--interval", paramLabel = "SECONDS",
                description = "Seconds between pod creations: --set workload.create-interval=fixed(SECONDS).")
        Double interval;

        @Option(names = "--stay", paramLabel = "SECONDS",
                description = "Seconds a pod stays after a successful lookup: --set workload.run-time=fixed(SECONDS).")
        Double stay;

        @Option(names = "--lookup", paramLabel = "NAME", description = "Name each pod resolves at start: --set dns.name=NAME.")
        String lookup;

        @Option(names = "--seed", defaultValue = "1", description = "Seed for intervals and stays the scenario draws "
                + "(not fixed(...)); the same in every round (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--security-group", split = ",", paramLabel = "sg-ID",
                description = "Security groups for the pods' SecurityGroupPolicy.")
        List<String> securityGroups;

        @Option(names = "--terraform-outputs", paramLabel = "FILE",
                description = "`terraform output -json` of deploy/terraform: takes pod_security_group_id.")
        Path terraformOutputs;

        @Option(names = "--image", defaultValue = ChurnPodTemplate.DEFAULT_IMAGE,
                description = "Pod image with sh, getent and sleep (glibc) (default: ${DEFAULT-VALUE}).")
        String image;

        @Option(names = "--pod-timeout", defaultValue = "600", paramLabel = "SECONDS",
                description = "After the last pod is created, how long to wait for the pods to end (default: ${DEFAULT-VALUE}).")
        long podTimeout;

        @Option(names = "--event-timeout", defaultValue = "120", paramLabel = "SECONDS",
                description = "How long to wait for the controller's BranchENICoolDownPeriodUpdated event (default: ${DEFAULT-VALUE}).")
        long eventTimeout;

        @Option(names = "--settle", paramLabel = "SECONDS", description = "Wait between rounds (default: the cooldown "
                + "+ the controller's 30 s delete job + 15 s, so the previous round's ENIs are gone).")
        Long settle;

        @Option(names = "--keep-cooldown", description = "Leave branch-eni-cooldown at the last value.")
        boolean keepCooldown;

        @Option(names = "--run-id", paramLabel = "ID", description = "Label value for what the run creates (default: random).")
        String runId;

        @Option(names = "--trace", description = "Each round in full, with every Error pod's story.")
        boolean trace;

        @Option(names = "--dry-run", description = "Check the cluster (reads only) and print every object the run would "
                + "create or change, as text; write nothing.")
        boolean dryRun;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            if (dryRun && output.output == OutputFormat.JSON) {
                throw new Errors.BadInputException("--dry-run prints text, not -o json");
            }
            List<String> groups = SecurityGroupIds.resolve(securityGroups, terraformOutputs);
            if ((interval != null && !(interval > 0)) || (stay != null && !(stay >= 0)) || podTimeout <= 0
                    || eventTimeout <= 0 || (settle != null && settle < 0)) {
                throw new Errors.BadInputException("--interval and --pod-timeout and --event-timeout must be positive; "
                        + "--stay and --settle not negative");
            }
            Scenario bound = scenario.load().withAll(aliases()).bind();
            ChurnPlan plan = ChurnPlan.of(bound, seed);
            List<Long> rounds = rounds();
            String id = runId != null ? runId : String.format(java.util.Locale.ROOT, "%06x",
                    new java.security.SecureRandom().nextInt(1 << 24));
            ClusterRun.Options options = new ClusterRun.Options(id, namespace, plan, rounds, image,
                    Duration.ofSeconds(podTimeout), Duration.ofSeconds(eventTimeout),
                    settle == null ? null : Duration.ofSeconds(settle), WEBHOOK_WAIT, keepCooldown, groups);
            warn(bound);
            PrintWriter err = err();
            Map<String, String> assumptions = new LinkedHashMap<>(plan.honoured());
            assumptions.put("image", image);
            return connection.call(session -> {
                KubernetesClient client = session.client();
                if (dryRun) {
                    Connection.announceDryRun(err, session.target());
                    PrintWriter out = out();
                    ClusterRunPlan.describe(client, Retries.standard(), options).forEach(out::println);
                    out.flush();
                    return 0;
                }
                Connection.announceWrite(err, session.target());
                ClusterRun run = new ClusterRun(client, Retries.standard(), options, System::nanoTime, line -> {
                    err.println("cluster: " + line);
                    err.flush();
                });
                ClusterRun.Result result = CleanupOnExit.run(run::close, "sgplab-cluster-shutdown", () -> {
                    try {
                        return run.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ClusterRun.Interrupted();
                    }
                });
                return output.print(out(), () -> ClusterReport.json(result, assumptions, trace),
                        () -> ClusterReport.table(result, assumptions, trace));
            });
        }

        /** The old options as the --set they stand for, applied after the scenario's own --set. */
        private List<String> aliases() {
            List<String> sets = new ArrayList<>();
            if (pods != null) {
                sets.add("workload.pods=" + pods);
            }
            if (interval != null) {
                sets.add("workload.create-interval=fixed(" + interval + ")");
            }
            if (stay != null) {
                sets.add("workload.run-time=fixed(" + stay + ")");
            }
            if (lookup != null) {
                sets.add("dns.name=" + lookup);
            }
            return sets;
        }

        /** The value of the last --set of this key, null when none sets it. */
        private String lastSet(String key) {
            String value = null;
            for (String assignment : scenario.scenarioOptions.sets) {
                int eq = assignment.indexOf('=');
                if (eq > 0 && assignment.substring(0, eq).trim().equals(key)) {
                    value = assignment.substring(eq + 1);
                }
            }
            return value;
        }

        /** --cooldown; else a --set of the cooldown (one round); else the report's cooldowns, as reproduce runs them. */
        private List<Long> rounds() {
            String set = lastSet(COOLDOWN_KEY);
            if (cooldowns != null && set != null) {
                throw new Errors.BadInputException("give the rounds' cooldowns once: --cooldown or --set " + COOLDOWN_KEY);
            }
            if (cooldowns != null) {
                return cooldowns;
            }
            if (set != null) {
                try {
                    return List.of(Long.parseLong(set.trim()));
                } catch (NumberFormatException e) {
                    throw new Errors.BadInputException("--set " + COOLDOWN_KEY + ": cluster run needs whole seconds, got '"
                            + set + "'");
                }
            }
            return OriginalReport.ROWS.stream().map(row -> (long) row.cooldownSeconds()).toList();
        }
    }

    /** The controller's webhook caches SecurityGroupPolicies: a new one needs a moment to be seen. */
    static final Duration WEBHOOK_WAIT = Duration.ofSeconds(5);

    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = "Delete what killed `cluster run`s left (pods, SecurityGroupPolicies, namespaces they created; "
                    + "found by label) and put back a cooldown one of them changed.")
    static final class CleanupCommand extends Subcommand implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Option(names = "--run", paramLabel = "ID", description = "Only this run's leftovers (default: every run's).")
        String runId;

        @Override
        public Integer call() {
            PrintWriter out = out();
            connection.call(session -> {
                Connection.announceWrite(err(), session.target());
                ClusterCleanup.Report report = ClusterCleanup.run(session.client(), Retries.standard(),
                        runId == null ? null : RunLabels.requireValidRunId(runId));
                report.lines().forEach(out::println);
                out.println(report.lines().isEmpty() ? "nothing to clean up" : "cleaned up");
                return null;
            });
            out.flush();
            return 0;
        }
    }
}
