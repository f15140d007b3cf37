package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fixed fuzz corpus (issue #11): every command with malformed numbers, malformed and hostile
 * scenario files, bad CIDRs, bad --set syntax, typos and bad report folders. Each case must be
 * refused the same way: exit code 2, exactly one line on stderr naming the problem, no exception
 * name or stack frame, nothing on stdout, and no file written anywhere under the fixture folder.
 * Every case is refused before any simulation starts, so the whole corpus runs in seconds.
 */
class BadInputTest {
    private static final String REPORT = "../scenarios/report-200-pods.yaml";
    private static final String SWEEP_AXIS = "controller.branch-eni-cooldown=30,60";

    @TempDir
    static Path fixtures;

    /** The commands that read a scenario, each with the arguments it needs besides --scenario and --set. */
    private static final List<List<String>> SCENARIO_COMMANDS = List.of(
            List.of("reproduce"), List.of("simulate"), List.of("sweep", "--vary", SWEEP_AXIS), List.of("advise"),
            List.of("simulate", "probe", "--gap", "5"), List.of("bench"));

    @BeforeAll
    static void writeFixtures() throws IOException {
        write("tabs.yaml", "workload:\n\tpods: 3\n");
        StringBuilder laughs = new StringBuilder("name: &a0 lol\n");
        for (int i = 1; i < 10; i++) {
            laughs.append("x").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        write("laughs.yaml", laughs.toString());
        write("deep-list.yaml", "name: " + "[".repeat(500) + "]".repeat(500) + "\n");
        StringBuilder deepMap = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            deepMap.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        write("deep-map.yaml", deepMap.toString());
        write("long-string.yaml", "name: " + "x".repeat(900_000) + "\n");
        write("long-folded.yaml", "name: " + ("x".repeat(80) + "\n  ").repeat(10_000) + "\n");
        write("huge.yaml", "# padding\n".repeat(120_000));
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(f("sparse.json"), "rw")) {
            sparse.setLength(300L << 20); // 300 MiB that take no disk: refused by its size, unread
        }
        byte[] noise = new byte[4096];
        new Random(11).nextBytes(noise);
        Files.write(fixtures.resolve("noise.bin"), noise);
        Files.write(fixtures.resolve("latin1.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});
        write("nul.yaml", "name: a\0b\n");
        write("list.yaml", "- a\n- b\n");
        write("scalar.yaml", "just words\n");
        write("duplicate.yaml", "name: a\nname: b\n");
        write("typo-key.yaml", "workload:\n  pod: 3\n");
        write("section-as-value.yaml", "workload: 3\n");
        write("value-as-section.yaml", "name:\n  first: a\n");
        write("fraction.yaml", "workload:\n  pods: 1.5\n");
        write("null-count.yaml", "workload:\n  pods:\n");
        write("inf-count.yaml", "workload:\n  pods: 1e400\n");
        write("huge-count.yaml", "workload:\n  pods: 99999999999999999999\n");
        write("nan-latency.yaml", "vpc:\n  network-latency-ms: .nan\n");
        write("cidr-prefix.yaml", "subnet:\n  cidr: 198.18.0.0/33\n");
        write("cidr-host-bits.yaml", "subnet:\n  cidr: 198.18.0.7/25\n");
        write("cidr-garbage.yaml", "subnet:\n  cidr: banana\n");
        write("cidr-ipv6.yaml", "subnet:\n  cidr: 2001:db8::/64\n");
        Files.createDirectories(fixtures.resolve("folder"));
        Files.createDirectories(fixtures.resolve("full"));
        write("full/keep.txt", "not a report\n");
        write("a-file", "x\n");
        write("junk.json", "{\"hello\": 1}\n");
        write("not-json.json", "{{{{\n");
        CliTest.Result sim = CliTest.run("simulate", "--set", "workload.pods=4", "-o", "json");
        assertThat(sim.code()).as(sim.err()).isZero();
        write("simulate-result.json", sim.out());
    }

    private static void write(String name, String text) throws IOException {
        Files.writeString(fixtures.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String f(String name) {
        return fixtures.resolve(name).toString();
    }

    static Stream<Arguments> corpus() {
        List<Arguments> cases = new ArrayList<>();
        malformedNumbers(cases);
        scenarioFiles(cases);
        setSyntax(cases);
        typos(cases);
        reportFolders(cases);
        results(cases);
        workloads(cases);
        return cases.stream();
    }

    /** Every numeric option of every command, with values it must refuse. */
    private static void malformedNumbers(List<Arguments> cases) {
        List<String> counts = List.of("1.5", "-1", "0", "NaN", "inf", "Infinity", "1e400", "99999999999999999999",
                "2000000000", "", "abc");
        List<String> seeds = List.of("1.5", "NaN", "inf", "1e400", "99999999999999999999", "", "abc");
        List<String> rates = List.of("1.5", "-1", "0", "NaN", "inf", "Infinity", "1e400", "2000000000", "", "abc",
                "1e-300", "1e-9");
        List<String> positiveReals = List.of("-1", "0", "NaN", "inf", "Infinity", "-Infinity", "1e400", "", "abc",
                "1e-300");
        List<String> gaps = List.of("-1", "NaN", "inf", "Infinity", "1e400", "", "abc");
        for (String v : counts) {
            cases.add(c("reproduce --replications", "--replications", "reproduce", "--replications", v));
            cases.add(c("reproduce --threads", "--threads", "reproduce", "--threads", v));
            cases.add(c("sweep --replications", "--replications", "sweep", "--vary", SWEEP_AXIS, "--replications", v));
            cases.add(c("sweep --threads", "--threads", "sweep", "--vary", SWEEP_AXIS, "--threads", v));
            cases.add(c("advise --replications", "--replications", "advise", "--replications", v));
            cases.add(c("advise --free-ips", "--free-ips", "advise", "--free-ips", v));
            cases.add(c("advise --threads", "--threads", "advise", "--threads", v));
            cases.add(c("simulate --set workload.pods", "workload.pods", "simulate", "--set", "workload.pods=" + v));
            cases.add(c("sweep --vary workload.pods", "workload.pods", "sweep", "--vary", "workload.pods=" + v));
            cases.add(c("reproduce --set cluster.nodes", "cluster.nodes", "reproduce", "--set", "cluster.nodes=" + v));
            cases.add(c("bench --replications", "--replications", "bench", "--replications", v));
            cases.add(c("lab compare --sim-replications", "--sim-replications", "lab", "compare", "--scenario", REPORT,
                    "--sim-replications", v));
        }
        for (String v : seeds) {
            for (List<String> command : List.of(List.of("reproduce"), List.of("simulate"), List.of("advise"),
                    List.of("sweep", "--vary", SWEEP_AXIS))) {
                cases.add(c(command.get(0) + " --seed", "--seed", join(command, "--seed", v)));
            }
        }
        for (String v : rates) {
            cases.add(c("advise --target", "--target", "advise", "--target", v));
        }
        for (String v : positiveReals) {
            cases.add(c("advise --pods-per-minute", "--pods-per-minute", "advise", "--pods-per-minute", v));
        }
        for (String v : gaps) {
            cases.add(c("simulate probe --gap", "--gap", "simulate", "probe", "--gap", v));
            cases.add(c("lab probe --gap", "--gap", "lab", "probe", "--gap", v));
        }
        for (String v : List.of("-1", ".nan", ".inf", "1e400", "", "abc", "[1]")) {
            cases.add(c("simulate --set vpc.network-latency-ms", "vpc.network-latency-ms", "simulate", "--set",
                    "vpc.network-latency-ms=" + v));
        }
        for (String v : List.of("abc", "1.5", "1e400", "99999999999999999999", "30s", " ")) {
            cases.add(c("sweep refuses the cooldown fallback", "controller.branch-eni-cooldown", "sweep", "--vary",
                    "controller.branch-eni-cooldown=30," + v));
            cases.add(c("advise refuses the cooldown fallback", "controller.branch-eni-cooldown", "advise", "--set",
                    "controller.branch-eni-cooldown=" + v));
        }
        cases.add(c("reproduce 1e6 x 11", "--replications", "sweep", "--vary", "workload.pods=1..11:1",
                "--replications", "1000000"));
        cases.add(c("sweep grid too large", "cells", "sweep", "--vary", "workload.pods=1..10000:1", "--vary",
                "subnet.used-by-others=0..100:1"));
        cases.add(c("sweep axis twice", "given twice", "sweep", "--vary", "workload.pods=1,2", "--vary",
                "workload.pods=3"));
        cases.add(c("sweep axis without step", "a range needs a step", "sweep", "--vary", "workload.pods=1..5"));
        cases.add(c("sweep reversed range", "FROM <= TO", "sweep", "--vary", "workload.pods=5..1:1"));
        cases.add(c("sweep shard", "--shard", "sweep", "--vary", SWEEP_AXIS, "--shard", "4/4"));
        cases.add(c("sweep shard text", "--shard", "sweep", "--vary", SWEEP_AXIS, "--shard", "x"));
        cases.add(c("sweep shards", "--shards", "sweep", "--vary", SWEEP_AXIS, "--emit-job", "--shards", "0"));
    }

    /** Hostile and malformed scenario files, for every command that reads one. */
    private static void scenarioFiles(List<Arguments> cases) {
        String[][] files = {
            {"tabs.yaml", "a tab"}, {"laughs.yaml", "anchors and aliases"}, {"deep-list.yaml", "nested deeper"},
            {"deep-map.yaml", "nested deeper"}, {"long-string.yaml", "line 1 is longer than 2000 characters"},
            {"long-folded.yaml", "longer than 1000 characters"},
            {"huge.yaml", "larger than 1 MiB"}, {"noise.bin", "not UTF-8"}, {"latin1.yaml", "not UTF-8"},
            {"nul.yaml", "binary content"}, {"list.yaml", "must be a YAML mapping"},
            {"scalar.yaml", "must be a YAML mapping"}, {"duplicate.yaml", "a key given twice"},
            {"typo-key.yaml", "did you mean 'workload.pods'?"}, {"section-as-value.yaml", "must be a section"},
            {"value-as-section.yaml", "must be a value"}, {"fraction.yaml", "not a whole number"},
            {"null-count.yaml", "no value given"}, {"inf-count.yaml", "not a whole number"},
            {"huge-count.yaml", "not a whole number"}, {"nan-latency.yaml", "finite"},
            {"cidr-prefix.yaml", "prefix length"}, {"cidr-host-bits.yaml", "host bits"},
            {"cidr-garbage.yaml", "subnet.cidr"}, {"cidr-ipv6.yaml", "subnet.cidr"},
            {"folder", "is a folder"}, {"missing.yaml", "no such file"},
        };
        for (String[] file : files) {
            for (List<String> command : SCENARIO_COMMANDS) {
                cases.add(c(String.join(" ", command) + " --scenario " + file[0], file[1],
                        join(command, "--scenario", f(file[0]))));
            }
        }
        for (List<String> command : SCENARIO_COMMANDS) {
            cases.add(c(String.join(" ", command) + " --scenario /dev/zero", "/dev/zero: not a scenario file (binary",
                    join(command, "--scenario", "/dev/zero")));
            cases.add(c(String.join(" ", command) + " --scenario ''", "no file name", join(command, "--scenario", "")));
        }
        cases.add(c("unreadable: /proc/self/mem", "cannot read", "simulate", "--scenario", "/proc/self/mem"));
    }

    private static void setSyntax(List<Arguments> cases) {
        String[][] sets = {
            {"foo", "expected key=value"}, {"=3", "expected key=value"}, {"workload..pods=3", "unknown key"},
            {"workload=3", "is a section"}, {"workload.pods.x=3", "is not a section"},
            {"workload.pods=", "no value given"}, {"workload.pods=[1", "cannot read the value"},
            {"worklod.pods=3", "did you mean 'workload.pods'?"}, {"branch-eni-cooldown=45", "did you mean "
                    + "'controller.branch-eni-cooldown'?"}, {"name=&a x", "anchors and aliases"},
            {"name=" + "y".repeat(5000), "longer than 1000 characters"},
            {"subnet.cidr=10.0.0.0/8", "larger than /16"}, {"subnet.cidr=198.18.0.0/29", "smaller than /28"},
            {"subnet.cidr=198.18.0.0/-1", "subnet.cidr"}, {"subnet.cidr=198.18.0.256/24", "subnet.cidr"},
            {"workload.create-interval=fixed(1e300)", "over sgplab's bound"},
            {"workload.create-interval=fixed(-1)", "workload.create-interval"},
            {"kernel.gc_stale_time=99999999999999", "24.8 days"}, {"dns.attempts=100000", "dns.attempts"},
            {"cluster.nodes=100000", "cluster.nodes"}, {"workload.pods=2000000", "workload.pods"},
        };
        for (String[] set : sets) {
            for (List<String> command : SCENARIO_COMMANDS) {
                if (command.contains("probe") && set[0].startsWith("cluster.nodes")) {
                    continue; // a probe runs one node whatever the scenario says
                }
                cases.add(c(String.join(" ", command) + " --set " + set[0].substring(0, Math.min(40, set[0].length())),
                        set[1], join(command, "--set", set[0])));
            }
        }
    }

    private static void typos(List<Arguments> cases) {
        cases.add(c("command typo", "unknown command 'simulat' (did you mean 'simulate'?)", "simulat"));
        cases.add(c("command typo 2", "unknown command 'reproduc' (did you mean 'reproduce'?)", "reproduc"));
        cases.add(c("unknown command", "unknown command 'frobnicate' (commands:", "frobnicate"));
        cases.add(c("help with a typo", "help: unknown command 'simulat' (did you mean 'simulate'?)", "help",
                "simulat"));
        cases.add(c("option typo", "simulate: unknown option '--scenari' (did you mean '--scenario'?)", "simulate",
                "--scenari", "x"));
        cases.add(c("option typo 2", "advise: unknown option '--targt' (did you mean '--target'?)", "advise",
                "--targt", "0.1"));
        cases.add(c("option typo 3", "reproduce: unknown option '--replication' (did you mean '--replications'?)",
                "reproduce", "--replication", "3"));
        cases.add(c("option typo with =", "sweep: unknown option '--vari=a=1' (did you mean '--vary'?)", "sweep",
                "--vary", SWEEP_AXIS, "--vari=a=1"));
        cases.add(c("subcommand typo", "simulate: unknown command 'prob' (did you mean 'probe'?)", "simulate", "prob"));
        cases.add(c("argument to a leaf command", "reproduce: unexpected argument 'now'", "reproduce", "now"));
        cases.add(c("vary key typo", "--vary worklaod.pods: unknown key 'worklaod.pods' (did you mean "
                + "'workload.pods'?)", "sweep", "--vary", "worklaod.pods=1,2"));
        cases.add(c("bad output format", "--output", "reproduce", "-o", "xml"));
    }

    /** Report folders that cannot be written, or must not be written over. */
    private static void reportFolders(List<Arguments> cases) {
        String[][] dirs = {
            {f("a-file"), "is a file, not a folder"}, {f("a-file") + "/below", "is a file, so no folder can be made"},
            {"/proc/sgplab-bad-input-test", "cannot write there"}, {"/proc/sys/sgplab/x", "cannot write there"},
            {f("full"), "the folder is not empty"},
        };
        for (String[] dir : dirs) {
            cases.add(c("sweep --report " + dir[0], dir[1], "sweep", "--vary", SWEEP_AXIS, "--replications", "1",
                    "--report", dir[0]));
            cases.add(c("report --out " + dir[0], dir[1], "report", "--from", f("simulate-result.json"), "--out",
                    dir[0]));
        }
    }

    private static void results(List<Arguments> cases) {
        String[][] inputs = {
            {"/dev/zero", "binary content"}, {f("folder"), "is a folder"}, {f("missing.json"), "no such file"},
            {f("noise.bin"), "not UTF-8"}, {f("junk.json"), ""}, {f("not-json.json"), ""},
            {f("huge.yaml"), ""}, {f("sparse.json"), "larger than 256 MiB, not a result file"},
        };
        for (String[] input : inputs) {
            cases.add(c("merge " + input[0], input[1], "merge", input[0]));
            cases.add(c("report --from " + input[0], input[1], "report", "--from", input[0], "--out",
                    f("new-report")));
        }
    }

    private static List<String> join(List<String> command, String... more) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of(more));
        return args;
    }

    /** The workloads list: a bad entry, and a list where only the report's churn test runs. */
    private static void workloads(List<Arguments> cases) {
        String deployment = "workloads=[{name: web, kind: deployment}]";
        cases.add(c("simulate workloads typo", "unknown key 'replica' (did you mean 'replicas'?)", "simulate", "--set",
                "workloads=[{name: web, kind: deployment, replica: 3}]"));
        cases.add(c("simulate workloads key of another kind", "schedule is not a key of kind deployment", "simulate",
                "--set", "workloads=[{name: web, kind: deployment, schedule: '* * * * *'}]"));
        cases.add(c("sweep workloads cron", "day of week 'MON'", "sweep", "--vary", SWEEP_AXIS, "--set",
                "workloads=[{name: n, kind: cronjob, schedule: '0 0 * * MON'}]"));
        cases.add(c("reproduce workloads", "reproduce runs the report's churn test", "reproduce", "--set", deployment));
    }

    private static Arguments c(String name, String expected, List<String> args) {
        return Arguments.of(name, expected, args);
    }

    private static Arguments c(String name, String expected, String... args) {
        return Arguments.of(name, expected, List.of(args));
    }

    @ParameterizedTest(name = "[{index}] {0}: {2}")
    @MethodSource("corpus")
    void refusedWithOneLineExitCode2AndNothingWritten(String name, String expected, List<String> args)
            throws IOException {
        List<String> before = listing();
        CliTest.Result r = CliTest.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("sgplab: ").contains(expected).doesNotContain("Exception", "\tat ", "java.");
        assertThat(listing()).isEqualTo(before);
        assertThat(Path.of("/proc/sgplab-bad-input-test")).doesNotExist();
    }

    private static List<String> listing() throws IOException {
        try (Stream<Path> files = Files.walk(fixtures)) {
            return files.map(p -> fixtures.relativize(p) + ":" + p.toFile().length()).sorted().toList();
        }
    }

    /** simulate keeps the controller's own fallback visible: it runs, and says what the controller does. */
    @Test
    void simulateRunsAnUnparsableCooldownAndSaysSo() {
        CliTest.Result r = CliTest.run("simulate", "--set", "controller.branch-eni-cooldown=abc", "--set",
                "workload.pods=4", "-o", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("sgplab: warning: failed to parse branch-eni-cooldown 'abc': the controller uses "
                + "the default 60 s");
        assertThat(r.json().get("cooldownSeconds").asDouble()).isEqualTo(60.0);
    }

    /** --scenario defaults to the report's scenario in every command that runs a churn scenario. */
    @Test
    void everyChurnCommandDefaultsToTheReportScenario() {
        CliTest.Result simulate = CliTest.run("simulate", "-o", "json");
        CliTest.Result explicit = CliTest.run("simulate", "--scenario", REPORT, "-o", "json");
        assertThat(simulate.code()).as(simulate.err()).isZero();
        assertThat(simulate.out()).isEqualTo(explicit.out());
        CliTest.Result sweep = CliTest.run("sweep", "--vary", "controller.branch-eni-cooldown=30", "--replications",
                "1", "-o", "json");
        assertThat(sweep.code()).as(sweep.err()).isZero();
        assertThat(sweep.json().get("scenario").asString()).isEqualTo("report-200-pods");
    }

    /** A report folder: created if new, refused if not empty, written over with --overwrite, and named. */
    @Test
    void sweepReportSaysWhereItWroteAndOverwritesOnlyWhenAsked(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("a/b/report");
        String[] sweep = {"sweep", "--vary", "controller.branch-eni-cooldown=30", "--set", "workload.pods=4",
            "--replications", "1", "--report", out.toString()};
        CliTest.Result first = CliTest.run(sweep);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).contains("sgplab: wrote 5 files to " + out + " (open " + out.resolve("index.html") + ")");
        assertThat(out.resolve("index.html")).exists();
        CliTest.Result again = CliTest.run(sweep);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("the folder is not empty");
        List<String> overwrite = new ArrayList<>(List.of(sweep));
        overwrite.add("--overwrite");
        CliTest.Result forced = CliTest.run(overwrite.toArray(String[]::new));
        assertThat(forced.code()).as(forced.err()).isZero();
    }

    /** A target too small to show is refused with the smallest one that can be shown, and that one passes. */
    @Test
    void aTinyTargetNamesTheSmallestThatCanBeShown() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdviseCommand.replicationsToShow(1e-9, 200))
                .hasMessage("--target 1.00e-09 needs 18,000,000 replications per setting to show it (3 / (target x "
                        + "200 pods) x 1.2), over sgplab's bound of 123,456: give --target 1.5e-07 or above, or "
                        + "--replications (then the target is only estimated)");
        // the bound is 10,000,000 runs over (1 + 9 alternatives) x 8 + 1 = 81 evaluations
        assertThat(AdviseCommand.replicationsToShow(1.5e-7, 200)).isEqualTo(120_000).isLessThanOrEqualTo(123_456);
        assertThat(AdviseCommand.replicationsToShow(1e-4, 200)).isEqualTo(180);
    }

    /** Long work says how many runs it is before it starts (the time left follows once measured). */
    @Test
    void longWorkIsAnnouncedBeforeItStarts() {
        StringBuilder said = new StringBuilder();
        java.io.PrintWriter err = new java.io.PrintWriter(new java.io.Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                said.append(buf, off, len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        java.util.function.IntConsumer progress = done -> { };
        assertThat(RunBudget.announce(err, "reproduce", 100, 2, progress)).isSameAs(progress);
        assertThat(said).isEmpty();
        RunBudget.announce(err, "reproduce", 600_000, 2, progress).accept(1);
        assertThat(said.toString()).isEqualTo(
                "sgplab: reproduce: 600,000 runs on 2 threads; the time left follows once measured\n");
        assertThat(RunBudget.words(java.time.Duration.ofSeconds(3725))).isEqualTo("1 h 2 min");
        assertThat(RunBudget.words(java.time.Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
    }
}
