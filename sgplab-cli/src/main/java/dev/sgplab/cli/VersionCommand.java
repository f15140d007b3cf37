package dev.sgplab.cli;

import dev.sgplab.report.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Print the version, the git commit and the build time of this sgplab, and the Java that runs it.")
final class VersionCommand extends Subcommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    /** The JSON document; "commit" is the short hash, "modified" whether the tree had uncommitted changes. */
    record Document(String version, String commit, boolean modified, String built, String java) {
    }

    @Override
    public Integer call() {
        BuildInfo build = BuildInfo.current();
        String java = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
        Document d = new Document(build.version(), build.commit(), build.modified(), build.built(), java);
        return output.print(out(), () -> Json.write(d), () -> String.format(
                "version  %s%ncommit   %s%nbuilt    %s%njava     %s%n", d.version(), build.commitText(), d.built(), java));
    }
}
