package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.cluster.IndexedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

class SweepCommandsTest {
    private static final String REPORT = "../scenarios/report-200-pods.yaml";
    private static final String[] SWEEP = {"sweep", "--scenario", REPORT, "--vary",
        "controller.branch-eni-cooldown=30..70:20", "--vary", "subnet.used-by-others=48,58", "--replications", "5"};

    private static String[] with(String... more) {
        List<String> args = new ArrayList<>(List.of(SWEEP));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void mergedShardsAreByteForByteTheUnshardedSweep(@TempDir Path dir) throws Exception {
        CliTest.Result whole = CliTest.run(with("-o", "json", "--threads", "1"));
        assertThat(whole.code()).as(whole.err()).isZero();
        List<String> files = new ArrayList<>(List.of("merge"));
        for (int i = 0; i < 3; i++) {
            files.add(savedShard(dir, i, with("-o", "json", "--shard", i + "/3", "--threads", "2")));
        }
        CliTest.Result merged = CliTest.run(files.toArray(String[]::new));
        assertThat(merged.code()).as(merged.err()).isZero();
        assertThat(merged.out()).isEqualTo(whole.out());
    }

    /** Runs a shard's sweep and saves its JSON as DIR/shard-INDEX.json, for merge. */
    private static String savedShard(Path dir, int index, String... args) throws Exception {
        CliTest.Result shard = CliTest.run(args);
        assertThat(shard.code()).as(shard.err()).isZero();
        Path file = dir.resolve("shard-" + index + ".json");
        Files.writeString(file, shard.out());
        return file.toString();
    }

    @Test
    void cellsBelowTheControllersFloorAreNamedOnceBeforeTheRun() {
        CliTest.Result r = CliTest.run("sweep", "--scenario", REPORT, "--vary",
                "controller.branch-eni-cooldown=20..30:5", "--replications", "2", "-o", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.startsWith("sgplab: warning:")).toList()).containsExactly(
                "sgplab: warning: branch-eni-cooldown 20 s is below the controller's minimum: it uses 30 s",
                "sgplab: warning: branch-eni-cooldown 25 s is below the controller's minimum: it uses 30 s");
    }

    @Test
    void csvHasARowPerCellAndTheTableNamesTheAxes() {
        CliTest.Result csv = CliTest.run(with("-o", "csv"));
        assertThat(csv.out().lines()).hasSize(7);
        assertThat(csv.out().lines().findFirst().orElseThrow())
                .startsWith("controller.branch-eni-cooldown,subnet.used-by-others,cooldownSeconds,pods,errorPodsMean");
        CliTest.Result table = CliTest.run(SWEEP);
        assertThat(table.out()).contains("controller.branch-eni-cooldown", "Error rate", "ENIs in delete queues");
    }

    /** The report: files exist, PNGs are PNGs, the page shows the JSON's numbers. */
    @Test
    void reportWritesValidPngsAndHtmlWithTheJsonsNumbers(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report");
        CliTest.Result sweep = CliTest.run(with("-o", "json", "--report", out.toString()));
        assertThat(sweep.code()).as(sweep.err()).isZero();
        for (String png : List.of("error-rate.png", "capacity.png", "reuse-gaps.png")) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            assertThat(bytes.length).isGreaterThan(5_000);
        }
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<img src=\"error-rate.png\"", "</html>");
        JsonNode json = CliTest.run(with("-o", "json")).json();
        assertThat(Files.readString(out.resolve("result.json"))).isEqualTo(sweep.out());
        for (JsonNode cell : json.get("cells")) {
            String mean = dev.sgplab.report.Numbers.mean(cell.get("errorPods").get("mean").asDouble());
            String range = cell.get("errorPods").get("low").asInt() + ".." + cell.get("errorPods").get("high").asInt();
            String queue = dev.sgplab.report.Numbers.mean(cell.get("meanDeleteQueue").asDouble());
            assertThat(html).contains("<td>" + mean + "</td>", "<td>" + range + "</td>", "<td>" + queue + "</td>");
        }
    }

    @Test
    void reportFromASavedSimulateResult(@TempDir Path dir) throws Exception {
        CliTest.Result sim = CliTest.run("simulate", "--scenario", REPORT, "--set", "controller.branch-eni-cooldown=30",
                "--trace", "-o", "json");
        Path saved = dir.resolve("sim.json");
        Files.writeString(saved, sim.out());
        CliTest.Result report = CliTest.run("report", "--from", saved.toString(), "--out", dir.resolve("r").toString());
        assertThat(report.code()).as(report.err()).isZero();
        // index.html, result.json and the reuse-gap chart; sweep --report says the same on stderr
        assertThat(report.out()).isEqualTo("wrote 3 files to " + dir.resolve("r") + " (open "
                + dir.resolve("r").resolve("index.html") + ")\n");
        String html = Files.readString(dir.resolve("r/index.html"));
        assertThat(html).contains("<td>Error pods</td>", "<td>" + sim.json().get("errorPods").asInt() + "</td>",
                "previous owner", "reuse-gaps.png");
        assertThat(Files.readAllBytes(dir.resolve("r/reuse-gaps.png"))).startsWith((byte) 0x89, (byte) 'P');
    }

    @Test
    void adviseAnswersWithItsIntervalAndAssumptions() {
        CliTest.Result advice = CliTest.run("advise", "--target", "0.01", "--replications", "20", "-o", "json");
        assertThat(advice.code()).as(advice.err()).isZero();
        JsonNode doc = advice.json();
        assertThat(doc.get("recommendation").get("cooldownSeconds").asInt()).isBetween(40, 80);
        assertThat(doc.get("recommendation").get("atCooldown").get("upper95").asDouble()).isLessThan(0.01);
        assertThat(doc.get("recommendation").get("oneStepLess").get("upper95").asDouble()).isGreaterThanOrEqualTo(0.01);
        assertThat(doc.get("assumptions").get("subnet.allocation-policy").asString()).isEqualTo("random-free");
        // 3 sysctls, the subnet, attempts, timeout, single-request, NodeLocal DNSCache, the guard
        assertThat(doc.get("alternatives")).hasSize(9);
    }

    /**
     * The emitted Job, run as its pods would run it: the scenario from the ConfigMap at the mount
     * path, each index's command, then merge. The result must be the unsharded sweep.
     */
    @Test
    void emitJobsShardsMergeIntoTheUnshardedSweep(@TempDir Path dir) throws Exception {
        CliTest.Result job = CliTest.run(with("--emit-job", "--shards", "2", "--image", "registry.example/sgplab:1",
                "-o", "table"));
        assertThat(job.code()).as(job.err()).isZero();
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(job.out())) {
            it.forEachRemaining(docs::add);
        }
        assertThat(docs).extracting(d -> d.get("kind").asString()).containsExactly("ConfigMap", "Job");
        JsonNode shipped = docs.get(0).get("data").get("report-200-pods.yaml");
        assertThat(shipped.asString().strip()).isEqualTo(Files.readString(Path.of(REPORT)).strip());
        JsonNode spec = docs.get(1).get("spec");
        assertThat(spec.get("completionMode").asString()).isEqualTo("Indexed");
        assertThat(spec.get("completions").asInt()).isEqualTo(2);
        JsonNode container = spec.get("template").get("spec").get("containers").get(0);
        assertThat(container.get("image").asString()).isEqualTo("registry.example/sgplab:1");
        assertThat(container.get("volumeMounts").get(0).get("mountPath").asString()).isEqualTo(IndexedJob.SCENARIO_DIR);
        String script = container.get("args").get(0).asString();
        assertThat(script).doesNotContain("--emit-job", "--image", "table");

        Path mount = Files.createDirectories(dir.resolve("scenario"));
        Files.writeString(mount.resolve("report-200-pods.yaml"), shipped.asString());
        List<String> merge = new ArrayList<>(List.of("merge"));
        for (int index = 0; index < 2; index++) {
            String pod = script.replace("${JOB_COMPLETION_INDEX}", String.valueOf(index))
                    .replace(IndexedJob.SCENARIO_DIR + "/", mount + "/");
            List<String> argv = List.of(pod.substring(pod.indexOf(IndexedJob.JAR) + IndexedJob.JAR.length(),
                    pod.indexOf(" >")).trim().split(" "));
            merge.add(savedShard(dir, index, argv.toArray(String[]::new)));
        }
        CliTest.Result merged = CliTest.run(merge.toArray(String[]::new));
        assertThat(merged.code()).as(merged.err()).isZero();
        assertThat(merged.out()).isEqualTo(CliTest.run(with("-o", "json")).out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad range        | sweep --scenario " + REPORT + " --vary controller.branch-eni-cooldown=90..30:5 | FROM <= TO",
        "range w/o step   | sweep --scenario " + REPORT + " --vary controller.branch-eni-cooldown=30..90   | needs a step",
        "unknown key      | sweep --scenario " + REPORT + " --vary controller.cooldown=30..90:30           | unknown key 'controller.cooldown'",
        "bad shard        | sweep --scenario " + REPORT + " --vary dns.attempts=2,3 --shard 2/2             | --shard must be I/N",
        "bad cell         | sweep --scenario " + REPORT + " --vary subnet.used-by-others=0..500:100          | with subnet.used-by-others=200: subnet: used-by-others must be 0..122",
        "missing result   | report --from /nonexistent/result.json --out /tmp/x                        | no such file",
        "missing shard    | merge /nonexistent/shard-0.json                                           | no such file",
        "bad target       | advise --target 2                                                          | --target must be a rate",
        "guard: action    | guard --action flush                                                       | --action must be replace or delete",
        "guard: address   | guard --metrics-address nowhere                                            | --metrics-address must be HOST:PORT",
        "guard: no config | guard --kubeconfig /nonexistent/kubeconfig                                 | cannot read the kubeconfig"
    })
    void badInputIsOneLineAndExitCode2(String name, String args, String message) {
        CliTest.Result r = CliTest.run(args.trim().split("\\s+"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("sgplab: ").contains(message);
    }

    /** No API server on a closed loopback port: one line, exit code 3 (unreachable), no credentials printed. */
    @Test
    void guardWithAnUnreachableApiServerSaysSo(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
                users: [{name: u, user: {token: s3cr3t-token}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """);
        CliTest.Result r = CliTest.run("guard", "--kubeconfig", kubeconfig.toString(), "--metrics-address", "127.0.0.1:0");
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("cannot be reached").doesNotContain("s3cr3t-token");
        assertThat(r.err().strip().lines().filter(l -> l.startsWith("sgplab:"))).hasSize(1);
    }

    @Test
    void aFileThatIsNoResultIsRefused(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{\"hello\": 1}");
        CliTest.Result r = CliTest.run("report", "--from", junk.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not a result document of sgplab").hasLineCount(1);
        assertThat(dir.resolve("o")).doesNotExist();
    }
}
