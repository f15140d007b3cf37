package dev.sgplab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What the jar was built from: the project version, the git commit (short; "modified" when the
 * working tree had uncommitted changes) and the build time, as the build wrote them into
 * {@code build-info.properties}. A value the build could not know (outside a git checkout) or a
 * missing file (classes run without Maven) reads "unknown".
 */
record BuildInfo(String version, String commit, boolean modified, String built) {
    static final String UNKNOWN = "unknown";
    // written by sgplab-cli/src/build/build-info.sh at build time
    private static final String RESOURCE = "build-info.properties";

    static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return from(p);
    }

    static BuildInfo from(Properties p) {
        return new BuildInfo(value(p, "version"), value(p, "commit"), "true".equals(value(p, "dirty")), value(p, "built"));
    }

    /** A property, or "unknown" when it is missing or empty. */
    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "").trim();
        return v.isEmpty() ? UNKNOWN : v;
    }

    /** "0e83977", "0e83977 (modified)" or "unknown". */
    String commitText() {
        return modified && !UNKNOWN.equals(commit) ? commit + " (modified)" : commit;
    }

    /** The line {@code --version} prints. */
    String line() {
        return "sgplab " + version + ", commit " + commitText() + ", built " + built;
    }

    /** Gives every subcommand's {@code --version} the root's answer (picocli leaves theirs empty). */
    static void versionEverywhere(picocli.CommandLine command) {
        for (picocli.CommandLine sub : command.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new Provider());
            versionEverywhere(sub);
        }
    }

    /** {@code sgplab --version} and every subcommand's {@code --version}. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {current().line()};
        }
    }
}
