package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** version, completion, help of nested commands, the environment in --help. */
class ConventionsTest {
    @Test
    void versionNamesTheBuildsVersionCommitAndTime() throws Exception {
        CliTest.Result r = CliTest.run("version", "-o", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = r.json();
        assertThat(doc.propertyNames()).containsExactly("version", "commit", "modified", "built", "java");
        assertThat(doc.get("version").asString()).isEqualTo(projectVersion());
        assertThat(doc.get("commit").asString()).isEqualTo(gitShortCommit());
        // written when this module was built, so within the last day
        Instant built = Instant.parse(doc.get("built").asString());
        assertThat(built).isBetween(Instant.now().minusSeconds(86_400), Instant.now().plusSeconds(60));
        assertThat(doc.get("java").asString()).startsWith(System.getProperty("java.version"));

        CliTest.Result table = CliTest.run("version");
        assertThat(table.out()).contains("version  " + projectVersion(), "commit   " + gitShortCommit(),
                "built    " + doc.get("built").asString());
    }

    @Test
    void dashDashVersionIsTheSameLineOnEveryCommand() {
        BuildInfo build = BuildInfo.current();
        String line = "sgplab " + build.version() + ", commit " + build.commitText() + ", built " + build.built();
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"-V"},
                new String[] {"simulate", "--version"}, new String[] {"cluster", "run", "--version"})) {
            CliTest.Result r = CliTest.run(args);
            assertThat(r.code()).isZero();
            assertThat(r.out().strip()).as(String.join(" ", args)).isEqualTo(line);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            version=0.1.0|commit=abc1234|dirty=false|built=2026-12-01T10:00:00Z|0.1.0|abc1234|2026-12-01T10:00:00Z
            version=0.1.0|commit=abc1234|dirty=true |built=2026-12-01T10:00:00Z|0.1.0|abc1234 (modified)|2026-12-01T10:00:00Z
            version=0.1.0|commit=       |dirty=true |built=                    |0.1.0|unknown|unknown
            x=y          |x=y           |x=y        |x=y                       |unknown|unknown|unknown
            """)
    void whatTheBuildCouldNotKnowReadsUnknown(String a, String b, String c, String d, String version, String commit,
            String built) throws IOException {
        Properties p = new Properties();
        p.load(new java.io.StringReader(String.join("\n", a, b, c, d)));
        BuildInfo info = BuildInfo.from(p);
        assertThat(info.version()).isEqualTo(version);
        assertThat(info.commitText()).isEqualTo(commit);
        assertThat(info.built()).isEqualTo(built);
    }

    @ParameterizedTest
    @CsvSource({"cluster run", "cluster cooldown", "lab probe", "simulate probe", "simulate", "version"})
    void helpOfANestedCommandIsThatCommandsHelp(String path) {
        String[] names = path.split(" ");
        CliTest.Result viaHelp = CliTest.run(Stream.concat(Stream.of("help"), Stream.of(names)).toArray(String[]::new));
        CliTest.Result viaOption = CliTest.run(Stream.concat(Stream.of(names), Stream.of("--help")).toArray(String[]::new));
        assertThat(viaHelp.code()).as(viaHelp.err()).isZero();
        assertThat(viaHelp.out()).startsWith("Usage: sgplab " + path + " ").isEqualTo(viaOption.out());
    }

    @Test
    void helpAloneIsTheTopLevelHelp() {
        assertThat(CliTest.run("help").out()).isEqualTo(CliTest.run("--help").out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nope | sgplab: help: unknown command 'nope' (sgplab has: reproduce,",
            "cluster nope | sgplab: help: unknown command 'nope' under 'sgplab cluster' (sgplab cluster has: run, cooldown, cleanup",
            "cluster rn | sgplab: help: unknown command 'rn' under 'sgplab cluster' (did you mean 'run'?)",
            "version nope | sgplab: help: unknown command 'nope' under 'sgplab version' (sgplab version has no commands)"})
    void helpOfAnUnknownCommandIsOneLineAndExitTwo(String path, String message) {
        CliTest.Result r = CliTest.run(Stream.concat(Stream.of("help"), Stream.of(path.split(" "))).toArray(String[]::new));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith(message).doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void helpNamesTheEnvironmentVariables() {
        String help = CliTest.run("--help").out();
        assertThat(help).contains("Environment:", "SGPLAB_DEBUG=1", "SGPLAB_JAVA_OPTS", "KUBECONFIG",
                "source <(sgplab completion)", "sgplab help cluster run");
    }

    /** The script completes in a real bash: subcommands, nested subcommands and -o's values. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            'sgplab clu'          | cluster
            'sgplab cluster r'    | run
            'sgplab simulate -o ' | table json yaml
            'sgplab help '        | reproduce cluster version
            """)
    void completionScriptCompletesInBash(String line, String expected, @TempDir Path dir) throws Exception {
        CliTest.Result r = CliTest.run("completion");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_sgplab");
        Path script = dir.resolve("sgplab-completion.bash");
        Files.writeString(script, r.out());
        String[] words = line.split(" ", -1); // a trailing space: completing a new, empty word
        String driver = "source \"$1\" 2>/dev/null\n"
                + "COMP_WORDS=(" + String.join(" ", Stream.of(words).map(w -> "'" + w + "'").toList()) + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\nCOMP_LINE='" + String.join(" ", words) + "'\n"
                + "COMP_POINT=${#COMP_LINE}\n_complete_sgplab 2>/dev/null\necho \"${COMPREPLY[*]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", driver, "bash", script.toString()).redirectErrorStream(true).start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String offered = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(List.of(offered.split("\\s+"))).containsAll(List.of(expected.split(" ")));
    }

    private static String projectVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        int parent = pom.indexOf("<parent>");
        int at = pom.indexOf("<version>", parent) + "<version>".length();
        return pom.substring(at, pom.indexOf("</version>", at));
    }

    /** What the build script should have found: this project's commit, or "unknown" outside its checkout. */
    private static String gitShortCommit() throws Exception {
        Path project = Path.of("..").toRealPath();
        String top = git("rev-parse", "--show-toplevel");
        if (top.isEmpty() || !Path.of(top).toRealPath().equals(project)) {
            return BuildInfo.UNKNOWN;
        }
        return git("rev-parse", "--short=7", "HEAD");
    }

    private static String git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", ".."));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 ? out : "";
        } catch (IOException noGit) {
            return "";
        }
    }
}
