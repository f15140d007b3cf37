package dev.sgplab.cli;

import dev.sgplab.lab.LabException;
import dev.sgplab.scenario.ScenarioException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How failures reach the user: bad input is one line on stderr and exit code 2; anything else is
 * one line and exit code 1 (the stack trace only with SGPLAB_DEBUG=1).
 */
final class Errors {
    static final int BAD_INPUT = 2;
    static final int FAILURE = 1;

    private Errors() {
    }

    static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("sgplab: " + oneLine(e.getMessage()));
        err.flush();
        return BAD_INPUT;
    }

    static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof ScenarioException || e instanceof BadInputException || e instanceof LabException.Unusable
                || e instanceof dev.sgplab.cluster.ClusterException) {
            err.println("sgplab: " + oneLine(e.getMessage()));
            err.flush();
            return BAD_INPUT;
        }
        if (e instanceof io.fabric8.kubernetes.client.KubernetesClientException kube) {
            err.println("sgplab: " + dev.sgplab.cluster.KubeClients.explain(kube));
            err.flush();
            return BAD_INPUT;
        }
        if (e instanceof LabException) {
            err.println("sgplab: lab: " + oneLine(e.getMessage()));
            err.flush();
            return FAILURE;
        }
        err.println("sgplab: internal error: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
        if ("1".equals(System.getenv("SGPLAB_DEBUG"))) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
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
