package dev.sgplab.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code -o table|json|yaml}, and printing a result in the chosen form. */
final class OutputOptions {
    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
            completionCandidates = OutputFormat.Names.class, description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    /** Prints the result (computed only in the form asked for) and returns the exit code 0. */
    int print(PrintWriter out, Supplier<String> json, Supplier<String> table) {
        out.print(output.render(json, table));
        out.flush();
        return 0;
    }
}
