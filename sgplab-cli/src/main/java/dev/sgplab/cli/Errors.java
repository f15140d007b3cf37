package dev.sgplab.cli;

import dev.sgplab.cluster.ClusterException;
import dev.sgplab.cluster.ClusterRun;
import dev.sgplab.cluster.KubeClients;
import dev.sgplab.lab.LabException;
import dev.sgplab.report.ReportException;
import dev.sgplab.scenario.ScenarioException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * How failures reach the user: one line on stderr and an exit code a script can act on, from the
 * one table below (also every command's --help footer and the README's "Exit codes"). The stack
 * trace only with SGPLAB_DEBUG=1.
 */
final class Errors {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int BAD_INPUT = 2;
    static final int CLUSTER_UNREACHABLE = 3;
    static final int CLUSTER_REFUSED = 4;
    /** 128 + SIGINT, what the JVM exits with on Ctrl-C, and what an interrupted run returns. */
    static final int INTERRUPTED = 130;
    /** 128 + SIGTERM: the JVM's own exit code on SIGTERM; listed, never returned by a command. */
    static final int TERMINATED = 143;

    /** Every exit code and its meaning, in order. */
    static final Map<Integer, String> TABLE = table();

    private Errors() {
    }

    private static Map<Integer, String> table() {
        Map<Integer, String> codes = new LinkedHashMap<>();
        codes.put(OK, "done");
        codes.put(FAILURE, "internal error, or the kernel lab failed");
        codes.put(BAD_INPUT, "bad usage or input (options, files, kubeconfig, context), or a cluster not set up as needed "
                + "(for describe, a read its RBAC lacks)");
        codes.put(CLUSTER_UNREACHABLE, "the Kubernetes API server cannot be reached or gives no usable answer "
                + "(connection, TLS, timeout, 429/5xx after retries)");
        codes.put(CLUSTER_REFUSED, "the Kubernetes API server refused: 401 (credentials), or 403 (RBAC) to a command that changes or watches");
        codes.put(INTERRUPTED, "interrupted (Ctrl-C); a cluster run first deletes what it created and restores the cooldown");
        codes.put(TERMINATED, "stopped by SIGTERM, after the same cleanup");
        return java.util.Collections.unmodifiableMap(codes);
    }

    /** Installs the handlers and the exit-code footer on the command and all its subcommands. */
    static CommandLine install(CommandLine cli) {
        cli.setParameterExceptionHandler((e, args) -> onBadArguments(DidYouMean.explain(e), args));
        cli.setExecutionExceptionHandler(Errors::onFailure);
        footer(cli);
        return cli;
    }

    private static void footer(CommandLine cli) {
        Map<String, String> list = new LinkedHashMap<>();
        TABLE.forEach((code, meaning) -> list.put(String.format(java.util.Locale.ROOT, "%3d", code), meaning));
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(list);
        cli.getSubcommands().values().forEach(Errors::footer);
    }

    static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        return print(e.getCommandLine().getErr(), oneLine(e.getMessage()), BAD_INPUT);
    }

    static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof ClusterException cluster) {
            return print(err, oneLine(e.getMessage()), code(cluster.kind()));
        }
        if (e instanceof KubernetesClientException kube) {
            return print(err, KubeClients.explain(kube), code(ClusterException.kindOf(kube)));
        }
        if (e instanceof ClusterRun.Interrupted) {
            return print(err, oneLine(e.getMessage()), INTERRUPTED);
        }
        if (e instanceof ScenarioException || e instanceof BadInputException || e instanceof LabException.Unusable) {
            return print(err, oneLine(e.getMessage()), BAD_INPUT);
        }
        if (e instanceof ReportException report) {
            return report.kind() == ReportException.Cause.INPUT ? print(err, oneLine(e.getMessage()), BAD_INPUT)
                    : print(err, "report: " + oneLine(e.getMessage()), FAILURE);
        }
        if (e instanceof LabException) {
            return print(err, "lab: " + oneLine(e.getMessage()), FAILURE);
        }
        err.println("sgplab: internal error: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
        if ("1".equals(System.getenv("SGPLAB_DEBUG"))) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    static int code(ClusterException.Kind kind) {
        return switch (kind) {
            case INPUT -> BAD_INPUT;
            case UNREACHABLE -> CLUSTER_UNREACHABLE;
            case REFUSED -> CLUSTER_REFUSED;
            case INTERRUPTED -> INTERRUPTED;
        };
    }

    private static int print(PrintWriter err, String line, int code) {
        err.println("sgplab: " + line);
        err.flush();
        return code;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** Input the user must fix, found after parsing. */
    static final class BadInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInputException(String message) {
            super(message);
        }
    }
}
