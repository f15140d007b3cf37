package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.sgplab.lab.HostGate;
import dev.sgplab.lab.LabAvailability;
import dev.sgplab.lab.LabCleanup;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The kernel lab against the real kernel (root, network namespaces): it must agree with the model,
 * and leave nothing behind however it ends. About seven minutes at time scale 0.2.
 *
 * <p>Runs started in their own JVM get SIGINT reset to its default first: a test run started from a
 * script's background job has SIGINT ignored, every child inherits that, and a JVM that starts so
 * never sees Ctrl-C. Whatever a test's outcome, its run is killed and cleaned up after it, so that
 * it cannot hold the host's settings (and make the next tests fail) once the test is over.
 */
class KernelLabIT {
    private static final String SHORT = "../scenarios/lab-short.yaml";
    private static final List<String> HOST_KEYS = List.of("base_reachable_time_ms", "gc_thresh1", "gc_thresh2",
            "gc_thresh3");
    private static final Pattern ANNOUNCED = Pattern.compile("lab: (sgplab-[0-9a-f]{4})[ :]");
    private static final Pattern HELD = Pattern.compile(
            "lab run 1: the kernel held the scenario's arp entry count: the kernel's arp table held (\\d+)\\.\\.(\\d+) "
                    + "entries, the scenario's count (\\d+)\\.\\.(\\d+) \\(gc_thresh1 128\\)");

    /** The run a test started in its own JVM, if any: killed and cleaned up after the test. */
    private Running started;

    @BeforeEach
    void labAvailable() {
        LabAvailability.require();
    }

    @AfterEach
    void killAndCleanUpTheStartedRun() throws Exception {
        if (started == null) {
            return;
        }
        started.process.destroyForcibly();
        started.process.waitFor(30, TimeUnit.SECONDS);
        LabCleanup.run(started.prefix);
    }

    /**
     * One IP reused after a gap: the kernel and the model must agree on the new owner's lookup. The
     * gaps avoid the 60-75 s window in which periodic GC may or may not have run yet.
     */
    @ParameterizedTest(name = "gap {0} s, {1}: {2}")
    @CsvSource({
        "10, gc, failed",     // entry still REACHABLE with the old MAC (reachable_time is at least 15 s)
        "50, no-gc, failed",  // STALE (reachable_time is under 45 s): DELAY, PROBE, FAILED, then re-resolved
        "120, gc, ok",        // GC removed it 60-75 s after the old owner's lookup
        "120, no-gc, failed"  // without GC a STALE entry stays
    })
    void probeAgreesWithTheModel(String gap, String regime, String expected) throws Exception {
        CliTest.Result model = CliTest.run("simulate", "probe", "--gap", gap, "--regime", regime, "-o", "json");
        CliTest.Result kernel = CliTest.run("lab", "probe", "--gap", gap, "--regime", regime, "-o", "json");
        assertThat(kernel.code()).as(kernel.err()).isZero();
        assertThat(model.json().get("lookup").asString()).isEqualTo(expected);
        assertThat(kernel.json().get("lookup").asString()).isEqualTo(expected);
        // Each try's reply: lost to the old MAC when the lookup fails, delivered when it succeeds.
        String firstFate = expected.equals("failed") ? "lost" : "delivered";
        assertThat(kernel.json().get("tries")).isNotEmpty();
        assertThat(kernel.json().get("tries").get(0).get("outcome").asString()).startsWith(firstFate);
        assertThat(model.json().get("tries").get(0).get("outcome").asString()).startsWith(firstFate);
        if (expected.equals("failed")) {
            String kernelFirst = kernel.json().get("statesSeen").get(0).asString();
            assertThat(kernelFirst).endsWith("(old MAC)");
            // From STALE the loss is fixed (DELAY 5 s, PROBE 3 s, then the next try gets through), so the
            // model and the kernel must agree on it. From REACHABLE it depends on reachable_time, which
            // each draws at random in [15, 45) s, so only the outcome is compared.
            if (kernelFirst.startsWith("STALE") && model.json().get("statesSeen").get(0).asString().startsWith("STALE")) {
                assertThat(kernel.json().get("repliesLostSeconds").asDouble()).isCloseTo(
                        model.json().get("repliesLostSeconds").asDouble(), org.assertj.core.data.Offset.offset(2.0));
            }
        }
        assertNothingLeftBy(kernel);
    }

    /**
     * The short churn without GC, where every reuse of an IP finds the old entry: the kernel fails
     * every pod that reused an IP (but at most one), as the model does, and as many as the paired
     * simulated run (give or take the one or two allocations that real-time jitter can reorder); the
     * run restores the host.
     */
    @Test
    void churnWithoutGcFailsEveryReuseAsTheModelDoesAndRestoresTheHost() throws Exception {
        List<String> before = hostSettings();
        CliTest.Result compare = CliTest.run("lab", "compare", "--scenario", SHORT, "--set", "kernel.gc-regime=no-gc",
                "--sim-replications", "50", "-o", "json");
        assertThat(compare.code()).as(compare.err()).isZero();
        JsonNode doc = compare.json();
        int labErrors = doc.get("lab").get("runs").get(0).asInt();
        int labReuses = doc.get("lab").get("ipReuses").get(0).asInt();
        assertThat(labReuses).isGreaterThan(10);
        // Every reuse fails in the model. The kernel agreed in 16 of 16 runs on the development machine
        // (4 with both cores kept busy),
        // but CI once saw 19 of 20 (cause not found; a lookup racing a timer in real time is the
        // likeliest), so one may get through.
        assertThat(labErrors).isBetween(labReuses - 1, labReuses);
        assertThat(labErrors).isCloseTo(doc.get("simulator").get("pairedErrorPods").get(0).asInt(),
                org.assertj.core.data.Offset.offset(2));
        assertThat(doc.get("agree").asBoolean()).isTrue();
        assertThat(hostSettings()).isEqualTo(before);
        assertNothingLeftBy(compare);
    }

    /**
     * gc-regime auto with the DNS node's population below and above gc_thresh1 (128): the kernel's
     * own arp entry count (tbl->entries, sampled during the run) is the scenario's count for the
     * node, on the same side of gc_thresh1 throughout, and the kernel's Error pods fit the
     * simulator's (below: the verdict; above: the paired simulated run, give or take 2). The short
     * churn with 12 pods: about 40 s each.
     */
    @ParameterizedTest(name = "population {0} gc_thresh1")
    @CsvSource({"below, 10", "above, 160"})
    void theKernelHoldsTheScenariosArpCountBelowAndAboveGcThresh1(String side, int corednsClients) throws Exception {
        CliTest.Result compare = CliTest.run("lab", "compare", "--scenario", SHORT, "--set", "kernel.gc_thresh1=128",
                "--set", "population.coredns-clients=" + corednsClients, "--set", "workload.pods=12",
                "--sim-replications", "50", "-o", "json");
        assertThat(compare.code()).as(compare.err()).isZero();
        JsonNode doc = compare.json();
        List<String> checks = new ArrayList<>();
        doc.get("checks").forEach(check -> checks.add(check.asString()));
        Matcher held = checks.stream().map(HELD::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError("no arp count held in " + checks));
        int kernelMin = Integer.parseInt(held.group(1));
        int kernelMax = Integer.parseInt(held.group(2));
        int scenarioMin = Integer.parseInt(held.group(3));
        int scenarioMax = Integer.parseInt(held.group(4));
        if (side.equals("below")) {
            assertThat(kernelMax).isLessThan(128);
            assertThat(scenarioMax).isLessThan(128);
        } else {
            assertThat(kernelMin).isGreaterThanOrEqualTo(128);
            assertThat(scenarioMin).isGreaterThanOrEqualTo(128);
        }
        assertThat(Math.abs(kernelMin - scenarioMin)).isLessThanOrEqualTo(3);
        assertThat(Math.abs(kernelMax - scenarioMax)).isLessThanOrEqualTo(3);
        int labErrors = doc.get("lab").get("runs").get(0).asInt();
        int paired = doc.get("simulator").get("pairedErrorPods").get(0).asInt();
        if (side.equals("below")) {
            // no GC on either side: every reuse fails on both, and the verdict is clear-cut
            assertThat(doc.get("agree").asBoolean()).as(String.join("\n", checks)).isTrue();
        } else {
            // With GC, 12 pods give a narrow simulated range (4..7 here), which one of four kernel
            // runs missed by one (3); the paired run saw the same timings, MACs and addresses.
            assertThat(labErrors).as(String.join("\n", checks)).isCloseTo(paired,
                    org.assertj.core.data.Offset.offset(2));
        }
        assertNothingLeftBy(compare);
    }

    /**
     * The report's scenario at the controller's 30 s floor on the kernel: the usual failures (the
     * report measured 29 of 200; far from 10 in any simulated run), and none with the guard.
     */
    @Test
    void theGuardRemovesTheReportsFailuresOnTheKernel() throws Exception {
        CliTest.Result compare = CliTest.run("lab", "compare", "--scenario", "../scenarios/report-200-pods.yaml",
                "--set", "controller.branch-eni-cooldown=30", "--with-guard", "--sim-replications", "50", "-o", "json");
        assertThat(compare.code()).as(compare.err()).isZero();
        JsonNode doc = compare.json();
        assertThat(doc.get("lab").get("runs").get(0).asInt()).isGreaterThanOrEqualTo(10);
        assertThat(doc.get("withGuard").get("lab").get("runs").get(0).asInt()).isZero();
        assertThat(doc.get("withGuard").get("lab").get("ipReuses").get(0).asInt()).isGreaterThan(100);
        // each run says how well it kept the model's time
        JsonNode lateness = doc.get("lab").get("lateness").get(0);
        assertThat(lateness.get("effectsP95Seconds").asDouble()).isNotNegative()
                .isLessThanOrEqualTo(lateness.get("effectsMaxSeconds").asDouble());
        assertNothingLeftBy(compare);
    }

    @Test
    void ctrlCLeavesNothingAndRestoresTheHost() throws Exception {
        List<String> before = hostSettings();
        Running run = startLabRun();
        assertThat(ignoredSignals(run.process.pid()) & SIGINT_BIT).as("SIGINT ignored by the lab run").isZero();
        new ProcessBuilder("kill", "-INT", Long.toString(run.process.pid())).start().waitFor();
        assertThat(run.process.waitFor(60, TimeUnit.SECONDS)).as("the run ended on SIGINT").isTrue();
        assertThat(run.process.exitValue()).isNotZero();
        assertNothingLeft(run.prefix);
        assertThat(hostSettings()).isEqualTo(before);
    }

    @Test
    void sigtermLeavesNothingAndRestoresTheHost() throws Exception {
        List<String> before = hostSettings();
        Running run = startLabRun();
        run.process.destroy(); // SIGTERM, as a service manager or `kill` stops it
        assertThat(run.process.waitFor(60, TimeUnit.SECONDS)).as("the run ended on SIGTERM").isTrue();
        assertNothingLeft(run.prefix);
        assertThat(hostSettings()).isEqualTo(before);
    }

    /**
     * The soak CI runs: three lab runs, one per signal and one per phase (set-up, mid-run, teardown),
     * each checked for namespaces, root links, processes, /etc/netns entries, state files and host
     * settings left; after SIGKILL, lab cleanup must remove everything. tools/lab-soak runs more.
     */
    @Test
    void aShortSoakLeavesNothingAfterAnySignal() throws Exception {
        CliTest.Result soak = CliTest.run("lab", "soak", "--scenario", SHORT, "--set", "workload.pods=4", "--runs", "3",
                "--seed", "1", "-o", "json");
        assertThat(soak.code()).as(soak.out() + soak.err()).isZero();
        JsonNode doc = soak.json();
        assertThat(doc.get("passed").asBoolean()).isTrue();
        List<String> signals = new ArrayList<>();
        List<String> aims = new ArrayList<>();
        for (JsonNode run : doc.get("runs")) {
            signals.add(run.get("signal").asString());
            aims.add(run.get("aimedAt").asString());
            assertThat(run.get("leftAfterCleanup")).as(run.toString()).isEmpty();
            boolean hitTheRun = List.of("set-up", "mid-run", "teardown").contains(run.get("phaseHit").asString());
            if (run.get("signal").asString().equals("SIGKILL") && hitTheRun) {
                assertThat(run.get("cleanupRan").asBoolean()).as("a killed run leaves its state file").isTrue();
            } else if (!run.get("signal").asString().equals("SIGKILL")) {
                assertThat(run.get("leftovers")).as(run.toString()).isEmpty();
            }
        }
        assertThat(signals).containsExactlyInAnyOrder("SIGINT", "SIGTERM", "SIGKILL");
        assertThat(aims).containsExactlyInAnyOrder("set-up", "mid-run", "teardown");
    }

    @Test
    void afterSigkillLabCleanupRemovesTheLeftoversAndRestoresTheHost() throws Exception {
        List<String> before = hostSettings();
        Running run = startLabRun();
        run.process.destroyForcibly();
        assertThat(run.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(namespaces(run.prefix)).isNotEmpty();               // the kill left them
        assertThat(Path.of("/run/sgplab", run.prefix + ".json")).exists();
        assertThat(hostSettingsNow()).isNotEqualTo(before);            // scaled for the run
        // only this run's: another test's (or the soak's) killed run may be under inspection
        CliTest.Result cleanup = CliTest.run("lab", "cleanup", "--run", run.prefix);
        assertThat(cleanup.code()).as(cleanup.err()).isZero();
        assertThat(cleanup.out()).contains(run.prefix);
        assertNothingLeft(run.prefix);
        assertThat(hostSettings()).isEqualTo(before);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private record Running(Process process, String prefix) {
    }

    private static final long SIGINT_BIT = 1L << (2 - 1);

    /** The signals a process ignores: the SigIgn mask of /proc/PID/status (bit n-1 for signal n). */
    static long ignoredSignals(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
            }
        }
        throw new IOException("no SigIgn in /proc/" + pid + "/status");
    }

    /**
     * `sgplab lab run` in its own JVM with SIGINT at its default (env --default-signal), returned
     * once its namespaces exist and a pod has started; killed and cleaned up after the test.
     */
    private Running startLabRun() throws Exception {
        List<String> command = List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "lab", "run", "--scenario", SHORT);
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String prefix = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (prefix == null && System.nanoTime() < deadline) {
            String line = err.readLine();
            if (line == null) {
                break;
            }
            if (line.startsWith("lab: sgplab-")) {
                prefix = line.substring("lab: ".length()).split(" ")[0];
            }
        }
        if (prefix == null) {
            process.destroyForcibly();
        }
        assertThat(prefix).as("the run announced its prefix").isNotNull();
        started = new Running(process, prefix);
        String fabric = prefix + "-fabric";
        while (System.nanoTime() < deadline && namespaces(prefix).stream().noneMatch(n -> n.contains("-p"))) {
            Thread.sleep(100);
        }
        assertThat(namespaces(prefix)).contains(fabric);
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // keep the pipe from filling
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return started;
    }

    static List<String> namespaces(String prefix) throws Exception {
        Process list = new ProcessBuilder("ip", "netns", "list").start();
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        List<String> found = new ArrayList<>();
        for (String line : out.split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (name.startsWith(prefix)) {
                found.add(name);
            }
        }
        return found;
    }

    /** Nothing left by any run an in-process command named on stderr ("lab: sgplab-RID ...", its phases). */
    private static void assertNothingLeftBy(CliTest.Result result) throws Exception {
        Matcher m = ANNOUNCED.matcher(result.err());
        List<String> prefixes = new ArrayList<>();
        while (m.find()) {
            if (!prefixes.contains(m.group(1))) {
                prefixes.add(m.group(1));
            }
        }
        assertThat(prefixes).as("the runs announced their prefixes").isNotEmpty();
        for (String prefix : prefixes) {
            assertNothingLeft(prefix);
        }
    }

    private static void assertNothingLeft(String prefix) throws Exception {
        assertThat(namespaces(prefix)).as("namespaces left").isEmpty();
        try (var etc = Files.list(Path.of("/etc/netns").toFile().exists() ? Path.of("/etc/netns") : Path.of("/"))) {
            assertThat(etc.map(p -> p.getFileName() == null ? "" : p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix))).as("/etc/netns entries left").isEmpty();
        }
        if (Files.isDirectory(Path.of("/run/sgplab"))) {
            try (var run = Files.list(Path.of("/run/sgplab"))) {
                assertThat(run.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)))
                        .as("state files left").isEmpty();
            }
        }
        List<String> servers = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains("dnsmasq") && cmdline.contains(prefix)) {
                        servers.add(cmdline.replace('\0', ' '));
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        assertThat(servers).as("servers left").isEmpty();
    }

    /** The host's neighbour settings, read while no lab run (another test's, the soak's) holds them. */
    private static List<String> hostSettings() throws IOException, InterruptedException {
        HostGate.awaitFree();
        return hostSettingsNow();
    }

    /** The values now, whoever holds them (the test's own killed run has just left them changed). */
    private static List<String> hostSettingsNow() throws IOException {
        List<String> values = new ArrayList<>();
        for (String key : HOST_KEYS) {
            Process cat = new ProcessBuilder("cat", "/proc/sys/net/ipv4/neigh/default/" + key).start();
            values.add(key + "=" + new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        }
        return values;
    }
}
