package dev.sgplab.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** deploy/k8s/guard: what matters for a node agent that edits the host's neighbour table. */
class DeploymentManifestsTest {
    private static final Path DIR = Path.of("..", "deploy", "k8s", "guard");

    private static List<JsonNode> documents(String file) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(Files.readString(DIR.resolve(file)))) {
            it.forEachRemaining(docs::add);
        }
        return docs;
    }

    @Test
    void theDaemonSetRunsInTheHostNetworkWithOnlyNetAdmin() throws Exception {
        JsonNode ds = documents("daemonset.yaml").get(0);
        assertThat(ds.get("kind").asString()).isEqualTo("DaemonSet");
        JsonNode spec = ds.get("spec").get("template").get("spec");
        assertThat(spec.get("hostNetwork").asBoolean()).isTrue();
        assertThat(spec.get("serviceAccountName").asString()).isEqualTo("sgplab-guard");
        JsonNode container = spec.get("containers").get(0);
        JsonNode security = container.get("securityContext");
        assertThat(security.get("capabilities").get("add")).hasSize(1);
        assertThat(security.get("capabilities").get("add").get(0).asString()).isEqualTo("NET_ADMIN");
        assertThat(security.get("capabilities").get("drop").get(0).asString()).isEqualTo("ALL");
        assertThat(security.get("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(security.path("privileged").asBoolean(false)).isFalse();
        assertThat(container.get("args").get(0).asString()).isEqualTo("guard");
        assertThat(container.get("ports").get(0).get("containerPort").asInt()).isEqualTo(9108);
    }

    @Test
    void theServiceAccountCanOnlyReadPods() throws Exception {
        List<JsonNode> docs = documents("rbac.yaml");
        JsonNode role = docs.stream().filter(d -> d.get("kind").asString().equals("ClusterRole")).findFirst().orElseThrow();
        assertThat(role.get("rules")).hasSize(1);
        JsonNode rule = role.get("rules").get(0);
        assertThat(rule.get("resources")).extracting(JsonNode::asString).containsExactly("pods");
        assertThat(rule.get("verbs")).extracting(JsonNode::asString).containsExactlyInAnyOrder("list", "watch");
        JsonNode binding = docs.stream().filter(d -> d.get("kind").asString().equals("ClusterRoleBinding")).findFirst()
                .orElseThrow();
        assertThat(binding.get("subjects").get(0).get("name").asString()).isEqualTo("sgplab-guard");
    }

    @Test
    void theImageIsBuiltFromDebianAndMavenOnly() throws Exception {
        List<String> from = Files.readAllLines(DIR.resolve("Dockerfile")).stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).allSatisfy(line -> assertThat(line).startsWith("FROM debian:"));
        assertThat(Files.readString(DIR.resolve("Dockerfile"))).contains("apt-get install", "mvn -B", "iproute2")
                .doesNotContain("curl ", "wget ");
    }
}
