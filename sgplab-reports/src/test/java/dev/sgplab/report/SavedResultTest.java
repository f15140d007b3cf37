package dev.sgplab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Result documents name their kind and version; readers dispatch on them, and refuse what they do not know. */
class SavedResultTest {
    private static final Map<String, String> KINDS = ReportFixtures.all();
    private static final Map<String, ResultKind> EXPECTED = Map.of("sweep", ResultKind.SWEEP, "simulate",
            ResultKind.SIMULATE, "lab-run", ResultKind.LAB_RUN, "lab-compare", ResultKind.LAB_COMPARE, "cluster",
            ResultKind.CLUSTER_RUN);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-12-01T15:30:00Z");

    @Test
    void everyDocumentOpensWithItsKindAndVersion() {
        KINDS.forEach((name, json) -> {
            JsonNode tree = MAPPER.readTree(json);
            assertThat(tree.propertyNames().stream().limit(2).toList()).as(name).containsExactly("kind", "version");
            assertThat(tree.get("kind").asString()).as(name).isEqualTo(EXPECTED.get(name).id());
            assertThat(tree.get("version").asInt()).as(name).isEqualTo(1);
            SavedResult saved = SavedResult.read(json, name + ".json");
            assertThat(saved.kind()).as(name).isEqualTo(EXPECTED.get(name));
            assertThat(saved.legacy()).as(name).isFalse();
            assertThat(saved.document().has("kind") || saved.document().has("version")).as(name).isFalse();
        });
    }

    /** The header is added in front of the document; nothing of the document itself moves or changes. */
    @Test
    void theHeaderLeavesTheDocumentAsItWas() {
        SimulateReport.Document d = SimulateReport.document(ReportFixtures.run(30, 1), 1L, ReportFixtures.assumptions(),
                false);
        String plain = Json.write(d);
        String tagged = Json.write(ResultKind.SIMULATE, d);
        String nl = System.lineSeparator();
        assertThat(tagged).isEqualTo("{" + nl + "  \"kind\" : \"simulate\"," + nl + "  \"version\" : 1," + plain.substring(1));
    }

    /** A document from an sgplab that wrote no kind is read by the old key test, as the same kind. */
    @Test
    void documentsWithoutAKindAreReadAsTheKindTheirKeysSay(@TempDir Path dir) throws Exception {
        for (Map.Entry<String, String> kind : KINDS.entrySet()) {
            String legacy = legacy(kind.getValue());
            SavedResult saved = SavedResult.read(legacy, "old.json");
            assertThat(saved.kind()).as(kind.getKey()).isEqualTo(EXPECTED.get(kind.getKey()));
            assertThat(saved.legacy()).isTrue();
            HtmlReport.render(kind.getValue(), "new.json", dir.resolve("new-" + kind.getKey()), AT);
            HtmlReport.render(legacy, "old.json", dir.resolve("old-" + kind.getKey()), AT);
            assertThat(Files.readString(dir.resolve("old-" + kind.getKey()).resolve("index.html"))).as(kind.getKey())
                    .isEqualTo(Files.readString(dir.resolve("new-" + kind.getKey()).resolve("index.html")));
        }
    }

    @Test
    void anUnknownKindOrVersionIsOneLineNamingWhatThisSgplabReads() {
        assertInput("{\"kind\":\"policy\",\"version\":1}", "r.json is a policy v1 document; this sgplab reads "
                + "simulate v1, probe v1, reproduce v1, sweep v1, advise v1, lab-run v1, lab-compare v1, cluster-run v1, "
                + "bench v1");
        String newer = ((ObjectNode) MAPPER.readTree(KINDS.get("sweep"))).put("version", 2).toString();
        assertInput(newer, "r.json is a sweep v2 document; this sgplab reads simulate v1");
        assertInput("{\"kind\":\"sweep\"}", "r.json is a sweep v? document; this sgplab reads");
    }

    @Test
    void aDocumentWithoutKindThatNoOldSgplabWroteIsRefused() {
        assertInput("{\"pods\": 200}", "r.json: not a result document of sgplab: it has no kind");
        assertInput("[1, 2]", "r.json: not a result document of sgplab");
        assertInput("{\"pods\": ", "r.json: not JSON");
    }

    @Test
    void aDocumentOfTheWrongShapeIsOneLine() {
        ObjectNode broken = (ObjectNode) MAPPER.readTree(KINDS.get("simulate"));
        broken.put("pods", "many");
        assertThatThrownBy(() -> HtmlReport.render(broken.toString(), "r.json", Path.of("unused"), AT))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ReportException.Cause.INPUT);
                    assertThat(e.getMessage()).startsWith("r.json: not a valid simulate document: ").doesNotContain("\n");
                });
    }

    @Test
    void aKnownKindWithoutAPageIsRefusedByNameAndNothingIsWritten(@TempDir Path dir) {
        String reproduce = "{\"kind\":\"reproduce\",\"version\":1,\"scenario\":\"report-200-pods\"}";
        assertThatThrownBy(() -> HtmlReport.render(reproduce, "r.json", dir.resolve("out"), AT))
                .isInstanceOf(ReportException.class).hasMessage("r.json is a reproduce v1 document; sgplab report "
                        + "renders sweep, simulate, lab-run, lab-compare, cluster-run and advise documents");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void mergeReadsOnlySweeps() {
        assertThatThrownBy(() -> SweepReport.read(KINDS.get("simulate"), "shard.json", "merge"))
                .isInstanceOf(ReportException.class)
                .hasMessage("shard.json is a simulate v1 document; merge reads sweep v1 documents");
        assertThat(SweepReport.read(legacy(KINDS.get("sweep")), "old.json", "merge").cells()).hasSize(6);
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsTheUsersInput(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> HtmlReport.render(KINDS.get("lab-compare"), "r.json", file.resolve("out"), AT))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ReportException.Cause.INPUT);
                    assertThat(e.getMessage()).startsWith(file.resolve("out") + ": cannot write the report (")
                            .doesNotContain("Exception");
                });
    }

    private static void assertInput(String json, String message) {
        assertThatThrownBy(() -> SavedResult.read(json, "r.json")).isInstanceOfSatisfying(ReportException.class, e -> {
            assertThat(e.kind()).isEqualTo(ReportException.Cause.INPUT);
            assertThat(e.getMessage()).startsWith(message).doesNotContain("\n");
        });
    }

    /** The document as an sgplab before kinds wrote it: the same keys without kind and version. */
    static String legacy(String json) {
        ObjectNode tree = (ObjectNode) MAPPER.readTree(json);
        tree.remove("kind");
        tree.remove("version");
        return tree.toString();
    }
}
