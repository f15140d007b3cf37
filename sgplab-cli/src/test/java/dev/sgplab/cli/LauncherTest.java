package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code sgplab} launcher script, copied into a small project tree with a stand-in {@code mvn}
 * (records that it ran, writes the jar) and {@code java} (prints its arguments), on a PATH that holds
 * only those and the few tools the script uses. The jar is one hour old and the sources two.
 */
class LauncherTest {
    private static final Instant NOW = Instant.now();
    private static final FileTime TWO_HOURS_AGO = FileTime.from(NOW.minusSeconds(7200));
    private static final FileTime ONE_HOUR_AGO = FileTime.from(NOW.minusSeconds(3600));

    @TempDir
    Path tmp;
    Path root;
    Path bin;
    Path jar;
    Path mvnLog;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void tree() throws IOException {
        root = tmp.resolve("my [project] *");
        bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        jar = root.resolve("sgplab-cli/target/sgplab.jar");
        mvnLog = tmp.resolve("mvn.log");
        Files.createDirectories(root);
        Files.copy(Path.of("..", "sgplab"), root.resolve("sgplab"));
        for (String source : new String[] {"pom.xml", "sgplab-cli/pom.xml",
                "sgplab-engine/src/main/java/dev/sgplab/engine/Clock.java",
                "sgplab-scenario/src/main/resources/dev/sgplab/scenario/reference.yaml",
                "sgplab-cli/src/test/java/dev/sgplab/cli/SomeTest.java", "sgplab-bench/pom.xml",
                "sgplab-bench/src/main/java/dev/sgplab/bench/Bench.java", "scenarios/report-200-pods.yaml",
                "docs/guide.md"}) {
            write(root.resolve(source), TWO_HOURS_AGO);
        }
        write(jar, ONE_HOUR_AGO);
        for (String tool : new String[] {"dirname", "find", "mktemp", "grep", "tail", "rm"}) {
            script(tool, "exec " + which(tool) + " \"$@\"\n"); // a wrapper, not a link: JUnit warns of links out of @TempDir
        }
        script("java", "echo \"java $*\"\n");
        script("mvn", "echo \"mvn $*\" >> '" + mvnLog + "'\necho rebuilt > '" + jar + "'\n");
    }

    @Test
    void anUpToDateJarRunsWithoutABuild() throws Exception {
        Run r = launch("simulate", "--scenario", "x.yaml");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("java -jar " + jar + " simulate --scenario x.yaml\n");
        assertThat(r.err()).isEmpty();
        assertThat(mvnLog).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"scenarios/report-200-pods.yaml", "scenarios/my-new-scenario.yaml", "my-runs/cooldown-45.yaml",
            "docs/guide.md", "sgplab-cli/src/test/java/dev/sgplab/cli/SomeTest.java",
            "sgplab-bench/src/main/java/dev/sgplab/bench/Bench.java", "sgplab-engine/target/classes/x.class"})
    void editingScenariosDocsTestsOrBuildOutputDoesNotRebuild(String edited) throws Exception {
        write(root.resolve(edited), FileTime.from(Instant.now()));
        Run r = launch("reproduce");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("java -jar " + jar + " reproduce\n");
        assertThat(r.err()).isEmpty();
        assertThat(mvnLog).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgplab-engine/src/main/java/dev/sgplab/engine/Clock.java",
            "sgplab-engine/src/main/java/dev/sgplab/engine/NewClass.java",
            "sgplab-scenario/src/main/resources/dev/sgplab/scenario/reference.yaml", "pom.xml", "sgplab-cli/pom.xml"})
    void editingWhatTheJarIsBuiltFromRebuildsItFirst(String edited) throws Exception {
        write(root.resolve(edited), FileTime.from(Instant.now()));
        Run r = launch("version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(mvnLog)).contains("-DskipTests package -pl sgplab-cli -am");
        assertThat(r.err()).contains("sgplab: building with Maven");
        assertThat(r.out()).as("stdout carries only the command's output").isEqualTo("java -jar " + jar + " version\n");
        // the jar is now newer than the sources: the next run does not build
        Files.delete(mvnLog);
        assertThat(launch("version").err()).isEmpty();
        assertThat(mvnLog).doesNotExist();
    }

    @Test
    void withoutMavenAStaleJarRunsWithAOneLineWarning() throws Exception {
        Files.delete(bin.resolve("mvn"));
        write(root.resolve("sgplab-engine/src/main/java/dev/sgplab/engine/Clock.java"), FileTime.from(Instant.now()));
        Run r = launch("reproduce");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("java -jar " + jar + " reproduce\n");
        assertThat(r.err()).isEqualTo("sgplab: warning: sgplab-engine/src/main/java/dev/sgplab/engine/Clock.java changed "
                + "since the jar was built, but there is no Maven (mvn) to rebuild; running the existing jar\n");
    }

    @Test
    void withoutMavenOrAJarItIsOneLineAndExitTwo() throws Exception {
        Files.delete(bin.resolve("mvn"));
        Files.delete(jar);
        Run r = launch("reproduce");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("sgplab: no built jar and no Maven (mvn)").hasLineCount(1);
    }

    @Test
    void withoutAJarMavenBuildsIt() throws Exception {
        Files.delete(jar);
        Run r = launch("version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(mvnLog).exists();
        assertThat(r.out()).isEqualTo("java -jar " + jar + " version\n");
    }

    @Test
    void withoutJavaItIsOneLineAndExitTwo() throws Exception {
        Files.delete(bin.resolve("java"));
        Run r = launch("reproduce");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("sgplab: Java (java, 17 or later) is needed").hasLineCount(1);
        assertThat(mvnLog).doesNotExist();
    }

    @Test
    void aFailedBuildSaysSoAndDoesNotRunTheOldJar() throws Exception {
        script("mvn", "echo '[ERROR] COMPILATION ERROR : Clock.java:[3,1] class, interface or enum expected'\n"
                + "echo '[INFO] BUILD FAILURE'\nexit 1\n");
        write(root.resolve("sgplab-engine/src/main/java/dev/sgplab/engine/Clock.java"), FileTime.from(Instant.now()));
        Run r = launch("reproduce");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Clock.java:[3,1]", "BUILD FAILURE").endsWith("sgplab: build failed\n");
    }

    @Test
    void javaOptionsComeFromSgplabJavaOpts() throws Exception {
        Run r = launch(Map.of("SGPLAB_JAVA_OPTS", "-Xmx64m -Dx=1"), "bench");
        assertThat(r.out()).isEqualTo("java -Xmx64m -Dx=1 -jar " + jar + " bench\n");
    }

    private Run launch(String... args) throws Exception {
        return launch(Map.of(), args);
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = which("bash").toString();
        command[1] = root.resolve("sgplab").toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("HOME", tmp.toString());
        pb.environment().putAll(env);
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private void script(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!" + which("bash") + "\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void write(Path file, FileTime time) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "content of " + file.getFileName() + "\n");
        Files.setLastModifiedTime(file, time);
    }

    private static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(tool + " is not on the PATH");
    }
}
