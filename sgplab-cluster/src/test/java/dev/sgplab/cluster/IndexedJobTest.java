package dev.sgplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The sweep's Indexed Job as text: what the pods run, and the scenario shipped as written. */
class IndexedJobTest {
    @Test
    void thePodsRunTheSweepWithoutTheJobsOwnOptionsAndWithTheMountedScenario() {
        List<String> typed = List.of("sweep", "--scenario", "my/s.yaml", "--vary", "dns.attempts=2,3", "--emit-job",
                "--shards", "3", "--image=registry.example/sgplab:1", "-o", "table", "--report", "out", "--seed", "7");
        assertThat(IndexedJob.podArgs(typed, "/scenario/s.yaml")).containsExactly("sweep", "--scenario",
                "/scenario/s.yaml", "--vary", "dns.attempts=2,3", "--seed", "7");
        assertThat(IndexedJob.podArgs(List.of("sweep", "--scenario=my/s.yaml", "--shard", "0/2"), "/scenario/s.yaml"))
                .containsExactly("sweep", "--scenario", "/scenario/s.yaml");
        // a bundled scenario (no file here) is named as typed: the image bundles it too
        assertThat(IndexedJob.podArgs(List.of("sweep", "--scenario", "scenarios/x.yaml"), null))
                .containsExactly("sweep", "--scenario", "scenarios/x.yaml");
    }

    @Test
    void theScenarioTravelsVerbatimEvenWhenItsFirstLineIsIndented(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("odd.yaml");
        String text = "  # indented comment first\nname: odd\n\nworkload:\n  pods: 7\n";
        Files.writeString(file, text);
        List<JsonNode> docs = documents(IndexedJob.manifest(List.of("sweep", "--scenario", file.toString(),
                "--set", "name=it's"), file, 4, "img:1"));
        assertThat(docs).extracting(d -> d.get("kind").asString()).containsExactly("ConfigMap", "Job");
        assertThat(docs.get(0).get("data").get("odd.yaml").asString()).isEqualTo(text);
        JsonNode spec = docs.get(1).get("spec");
        assertThat(spec.get("completions").asInt()).isEqualTo(4);
        assertThat(spec.get("parallelism").asInt()).isEqualTo(4);
        String script = spec.get("template").get("spec").get("containers").get(0).get("args").get(0).asString();
        // the quote is closed, escaped and reopened, as sh reads it
        assertThat(script).contains("--scenario /scenario/odd.yaml --set 'name=it'\\''s' --shard ${JOB_COMPLETION_INDEX}/4");
    }

    @Test
    void aBundledScenarioNeedsNoConfigMap() throws Exception {
        List<JsonNode> docs = documents(IndexedJob.manifest(List.of("sweep", "--scenario", "scenarios/x.yaml"), null, 2,
                "img:1"));
        assertThat(docs).extracting(d -> d.get("kind").asString()).containsExactly("Job");
        assertThat(docs.get(0).get("spec").get("template").get("spec").has("volumes")).isFalse();
    }

    @Test
    void noShardsIsBadInput() {
        assertThatThrownBy(() -> IndexedJob.manifest(List.of("sweep"), null, 0, "img:1"))
                .isInstanceOf(ClusterException.class).hasMessage("--shards must be positive, got 0");
    }

    private static List<JsonNode> documents(String yaml) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            it.forEachRemaining(docs::add);
        }
        return docs;
    }
}
