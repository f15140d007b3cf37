package dev.sgplab.cli;

import dev.sgplab.scenario.NearestKey;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Parse errors in the user's words: a mistyped command or option names the nearest one
 * ("unknown command 'simulat' (did you mean 'simulate'?)"); picocli's Java type names become
 * "a number" or "a whole number".
 */
final class DidYouMean {
    private DidYouMean() {
    }

    static ParameterException explain(ParameterException e) {
        CommandLine cli = e.getCommandLine();
        String message;
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            message = unmatched(cli, unmatched);
        } else if (e.getMessage() != null && e.getMessage().startsWith("Unknown subcommand '")) {
            String name = e.getMessage().replaceAll("^Unknown subcommand '(.*)'\\.?$", "$1");
            CommandLine commands = cli.getParent() != null ? cli.getParent() : cli; // `help` asks its parent
            message = "help: unknown command '" + name + "'"
                    + NearestKey.hint(name, commands.getCommandSpec().subcommands().keySet());
        } else {
            message = Errors.oneLine(e.getMessage())
                    .replace("is not a double", "is not a number")
                    .replace("is not a float", "is not a number")
                    .replace("is not an int", "is not a whole number (or is too large)")
                    .replace("is not a long", "is not a whole number (or is too large)")
                    .replace("java.lang.NumberFormatException: ", "");
            message = where(cli) + message;
        }
        return e.getArgSpec() == null && e.getValue() == null ? new ParameterException(cli, message)
                : new ParameterException(cli, message, e.getArgSpec(), e.getValue());
    }

    private static String unmatched(CommandLine cli, UnmatchedArgumentException e) {
        String first = e.getUnmatched().get(0);
        CommandSpec spec = cli.getCommandSpec();
        boolean option = first.startsWith("-");
        List<String> known = new ArrayList<>();
        if (option) {
            spec.options().forEach(o -> known.addAll(List.of(o.names())));
        } else {
            known.addAll(spec.subcommands().keySet());
        }
        String hint = NearestKey.hint(first.contains("=") ? first.substring(0, first.indexOf('=')) : first, known);
        if (option) {
            return where(cli) + "unknown option '" + first + "'" + hint;
        }
        if (!spec.subcommands().isEmpty()) {
            return where(cli) + "unknown command '" + first + "'" + hint
                    + (hint.isEmpty() ? " (commands: " + String.join(", ", spec.subcommands().keySet()) + ")" : "");
        }
        return where(cli) + "unexpected argument '" + first + "'";
    }

    /** "simulate: " for a subcommand, nothing for sgplab itself. */
    private static String where(CommandLine cli) {
        return cli.getParent() == null ? "" : cli.getCommandSpec().qualifiedName(" ").replaceFirst("^sgplab ", "") + ": ";
    }
}
