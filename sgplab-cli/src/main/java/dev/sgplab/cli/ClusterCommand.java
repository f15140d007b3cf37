package dev.sgplab.cli;

import dev.sgplab.cluster.ClusterException;
import dev.sgplab.cluster.KubeClients;
import dev.sgplab.cluster.Retries;
import dev.sgplab.cluster.VpcCniConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Work with a real EKS cluster through the Kubernetes API.",
        subcommands = {ClusterCommand.CooldownCommand.class})
final class ClusterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing cluster command (cooldown)");
    }

    /** --kubeconfig and --context, shared by the cluster commands. */
    static final class Connection {
        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig (default: in-cluster, then ~/.kube/config).")
        Path kubeconfig;

        @Option(names = "--context", description = "Kubeconfig context.")
        String context;

        KubernetesClient client() {
            return KubeClients.create(kubeconfig, context);
        }
    }

    @Command(name = "cooldown", mixinStandardHelpOptions = true,
            description = "Read or set branch-eni-cooldown in kube-system/amazon-vpc-cni, with the controller's rules.")
    static final class CooldownCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Connection connection;

        @Parameters(index = "0", arity = "0..1", paramLabel = "get|set", defaultValue = "get", description = "get (default) or set.")
        String action;

        @Parameters(index = "1", arity = "0..1", paramLabel = "SECONDS", description = "With set: the new cooldown.")
        Long seconds;

        @Override
        public Integer call() {
            if (!action.equals("get") && !action.equals("set")) {
                throw new Errors.BadInputException("expected get or set, got '" + action + "'");
            }
            if (action.equals("set") && seconds == null) {
                throw new Errors.BadInputException("cluster cooldown set needs SECONDS");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (KubernetesClient client = connection.client()) {
                VpcCniConfigMap map = new VpcCniConfigMap(client, Retries.standard());
                if (action.equals("get")) {
                    VpcCniConfigMap.Setting setting = map.get();
                    out.printf("branch-eni-cooldown: %s (the controller uses %d s)%n",
                            setting.value() == null ? "not set" : setting.value(), setting.effectiveSeconds());
                    if (setting.warning() != null) {
                        err.println("sgplab: warning: " + setting.warning());
                    }
                } else {
                    VpcCniConfigMap.Setting previous = map.set(seconds);
                    VpcCniConfigMap.Setting now = map.get();
                    out.printf("branch-eni-cooldown: %s -> %s (the controller uses %d s; it applies the change "
                            + "cluster-wide and reports it with a BranchENICoolDownPeriodUpdated node event)%n",
                            previous.value() == null ? "not set" : previous.value(), now.value(), now.effectiveSeconds());
                    if (now.warning() != null) {
                        err.println("sgplab: warning: " + now.warning());
                    }
                }
            }
            out.flush();
            err.flush();
            return 0;
        }
    }
}
