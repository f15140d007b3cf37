package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The commands as a user runs them: exit code, stdout, stderr. */
class CliTest {
    private static final String REPORT = "../scenarios/report-200-pods.yaml";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Result(int code, String out, String err) {
        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    static Result run(String... args) {
        CommandLine cli = Sgplab.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void reproducePrintsTheReportsRowsAsJson() {
        Result r = run("reproduce", "--scenario", REPORT, "--replications", "20", "--seed", "4", "-o", "json");
        assertThat(r.code()).isZero();
        JsonNode doc = r.json();
        assertThat(doc.get("scenario").asString()).isEqualTo("report-200-pods");
        assertThat(doc.get("seed").asLong()).isEqualTo(4);
        assertThat(doc.get("replications").asInt()).isEqualTo(20);
        assertThat(doc.get("rows")).hasSize(3);
        JsonNode first = doc.get("rows").get(0);
        assertThat(first.get("cooldownSeconds").asInt()).isEqualTo(30);
        assertThat(first.get("pods").asInt()).isEqualTo(200);
        assertThat(first.get("reported").asInt()).isEqualTo(29);
        JsonNode errors = first.get("errorPods");
        assertThat(errors.get("low").asInt()).isLessThanOrEqualTo(errors.get("high").asInt());
        assertThat(errors.get("mean").asDouble()).isBetween(errors.get("low").asDouble(), errors.get("high").asDouble());
        assertThat(r.err()).contains("reproduce: 60/60");
    }

    @Test
    void reproduceIsTheSameWhateverTheThreadCount() {
        Result one = run("reproduce", "--scenario", REPORT, "--replications", "30", "--threads", "1", "-o", "json");
        Result two = run("reproduce", "--scenario", REPORT, "--replications", "30", "--threads", "2", "-o", "json");
        assertThat(two.out()).isEqualTo(one.out());
    }

    @Test
    void simulateReportsCountsAndWithTraceEveryErrorPodsStory() {
        Result r = run("simulate", "--scenario", REPORT, "--set", "controller.branch-eni-cooldown=30", "--trace", "-o",
                "json");
        assertThat(r.code()).isZero();
        JsonNode doc = r.json();
        assertThat(doc.get("pods").asInt()).isEqualTo(200);
        int errors = doc.get("errorPods").asInt();
        assertThat(errors).isPositive();
        assertThat(doc.get("ipReuses").asInt()).isPositive();
        assertThat(doc.get("cooldownSeconds").asDouble()).isEqualTo(30.0);
        assertThat(doc.get("errorStories")).hasSize(errors);
        assertThat(doc.get("errorStories").get(0).get("text").asString()).contains("previous owner", "lost: sent to");
        assertThat(doc.get("assumptions").get("subnet.allocation-policy").asString()).isEqualTo("random-free");
    }

    @Test
    void simulateSeedMatchesReplicationZeroOfReproduce() {
        Result sim = run("simulate", "--scenario", REPORT, "--set", "controller.branch-eni-cooldown=30", "--seed", "9",
                "-o", "json");
        Result rep = run("reproduce", "--scenario", REPORT, "--replications", "1", "--seed", "9", "-o", "json");
        int reproduced = rep.json().get("rows").get(0).get("errorPods").get("low").asInt();
        assertThat(sim.json().get("errorPods").asInt()).isEqualTo(reproduced);
    }

    @Test
    void simulateTableNamesItsAssumptions() {
        Result r = run("simulate", "--scenario", REPORT);
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Error pods", "IP reuses", "reuse gap", "pods that waited for a branch ENI",
                "Assumed: controller.branch-eni-cooldown=60, subnet.allocation-policy=random-free");
    }

    @Test
    void aCooldownBelowTheFloorRunsWithAWarning() {
        Result r = run("simulate", "--scenario", REPORT, "--set", "controller.branch-eni-cooldown=20", "-o", "json");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("warning: branch-eni-cooldown 20 s is below the controller's minimum");
        assertThat(r.json().get("cooldownSeconds").asDouble()).isEqualTo(30.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown key in file    | colour: blue                    | unknown key 'colour'",
        "malformed YAML         | 'kernel: [1, 2'                 | malformed YAML",
        "invalid CIDR           | 'subnet: {cidr: 198.18.0.0/40}' | invalid CIDR",
        "zero pods              | 'workload: {pods: 0}'           | workload.pods must be positive",
        "negative nodes         | 'cluster: {nodes: -1}'          | cluster.nodes must be positive"
    })
    void badScenarioFilesAreOneLineAndExitCode2(String name, String yaml, String message, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml);
        Result r = run("simulate", "--scenario", file.toString(), "-o", "json");
        assertBadInput(r, message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing file      | simulate --scenario /nonexistent/x.yaml                           | no such file",
        "unknown set key   | simulate --scenario " + REPORT + " --set kernel.nope=1          | unknown key 'kernel.nope'",
        "bad set form      | simulate --scenario " + REPORT + " --set kernel                 | expected key=value",
        "zero replications | reproduce --replications 0                                        | --replications must be positive",
        "bad threads       | reproduce --threads 0                                             | --threads must be positive",
        "bad format        | reproduce -o xml                                                  | Invalid value for option '--output'",
        "unknown option    | reproduce --fast                                                  | reproduce: unknown option '--fast'",
        "no command        | ''                                                                | missing command",
        "lab: fractional   | lab run --scenario ../scenarios/lab-short.yaml --time-scale 0.3  | time scale 0.3 cannot be honoured: delay_first_probe_time 5 s x 0.3 = 1.5 s, but the kernel takes whole s (scales that work for this scenario: 0.2, 0.4, 0.6, 0.8, 1)",
        "lab: scale > 1    | lab run --scenario ../scenarios/lab-short.yaml --time-scale 2    | --time-scale must be in (0, 1]",
        "lab: not 198.18   | lab run --scenario ../scenarios/lab-short.yaml --set subnet.cidr=10.0.0.0/24 | the lab only uses addresses in 198.18.0.0/15: subnet.cidr 10.0.0.0/24 is outside it",
        "lab: musl         | lab run --scenario ../scenarios/lab-short.yaml --set dns.resolver=musl | the lab has no musl resolver",
        "lab: bad regime   | lab probe --gap 10 --regime sometimes                              | expected gc or no-gc",
        "probe: no gap     | simulate probe                                                    | Missing required option: '--gap=SECONDS'",
        "simulate: typo    | simulate --scenari x                                              | simulate: unknown option '--scenari' (did you mean '--scenario'?)"
    })
    void badArgumentsAreOneLineAndExitCode2(String name, String args, String message) {
        Result r = run(args.isBlank() ? new String[0] : args.trim().split("\\s+"));
        assertBadInput(r, message);
    }

    private static void assertBadInput(Result r, String message) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("sgplab: ").contains(message);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void benchPrintsItsFiguresAsJson() {
        Result r = run("bench", "--scenario", REPORT, "--warmup", "5", "--replications", "5", "-o", "json");
        assertThat(r.code()).isZero();
        JsonNode doc = r.json();
        assertThat(doc.get("replicationMillisMedian").asDouble()).isPositive();
        assertThat(doc.get("eventsPerSecond").asDouble()).isPositive();
        assertThat(doc.get("ratioToPriorityQueue").asDouble()).isPositive();
    }
}
