package dev.sgplab.report;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A result document read back from a file: its kind and version from the document's first keys,
 * and the rest of the document, which {@link #bind} reads as its kind's record (a sweep as a
 * {@code SweepResult}, a simulate as a {@code SimulateReport.Document}, ...).
 *
 * <p>Documents written before results had a kind are still accepted, for the kinds that a report
 * renders, by {@link #legacyKind}: the key test that used to decide every document, now only for
 * documents without {@code "kind"}. A document with a kind is never guessed at; an unknown kind or
 * version is refused with one line naming what was found and what this sgplab reads.
 */
public record SavedResult(ResultKind kind, boolean legacy, ObjectNode document, String source) {
    static final String KIND = "kind";
    static final String VERSION = "version";

    public static SavedResult read(String json, String source) {
        JsonNode tree = Json.tree(json, source);
        if (!tree.isObject()) {
            throw ReportException.input(source + ": not a result document of sgplab (a JSON object with a kind)");
        }
        ObjectNode document = ((ObjectNode) tree).deepCopy();
        if (!document.has(KIND)) {
            ResultKind kind = legacyKind(document).orElseThrow(() -> ReportException.input(source
                    + ": not a result document of sgplab: it has no kind, and it is not a result written before "
                    + "results had one (a sweep, simulate, lab run, lab compare or cluster run)"));
            return new SavedResult(kind, true, document, source);
        }
        String kindName = document.path(KIND).asString("");
        String version = document.path(VERSION).isIntegralNumber() ? document.get(VERSION).asString() : "?";
        Optional<ResultKind> kind = ResultKind.of(kindName);
        if (kind.isEmpty() || !version.equals(Integer.toString(kind.get().version()))) {
            throw ReportException.input(source + " is a " + kindName + " v" + version + " document; this sgplab reads "
                    + Arrays.stream(ResultKind.values()).map(ResultKind::toString).collect(Collectors.joining(", ")));
        }
        document.remove(KIND);
        document.remove(VERSION);
        return new SavedResult(kind.get(), false, document, source);
    }

    /**
     * The kind of a document from an sgplab that wrote no kind, told by its keys as those versions'
     * report did: a sweep names its type; lab compare has lab, simulator and agree; a cluster run has
     * runId and rounds; a run has pods, errorPods and ipReuses, and a lab run also a lab section.
     */
    static Optional<ResultKind> legacyKind(JsonNode tree) {
        if ("sweep".equals(tree.path("type").asString(""))) {
            return Optional.of(ResultKind.SWEEP);
        } else if (tree.has("lab") && tree.has("simulator") && tree.has("agree")) {
            return Optional.of(ResultKind.LAB_COMPARE);
        } else if (tree.has("runId") && tree.has("rounds")) {
            return Optional.of(ResultKind.CLUSTER_RUN);
        } else if (tree.has("pods") && tree.has("errorPods") && tree.has("ipReuses")) {
            return Optional.of(tree.hasNonNull("lab") ? ResultKind.LAB_RUN : ResultKind.SIMULATE);
        }
        return Optional.empty();
    }

    /** Refuses a document of another kind: "shard.json is a simulate v1 document; merge reads sweep v1 documents". */
    public SavedResult expect(ResultKind expected, String reader) {
        if (kind != expected) {
            throw ReportException.input(source + " is a " + kind + " document; " + reader + " reads " + expected
                    + " documents");
        }
        return this;
    }

    /** The document (without kind and version) as the record of its kind. */
    <T> T bind(Class<T> type) {
        return Json.bind(document, type, source, kind);
    }

    /** One section of the document as a record (a lab run's "lab"). */
    <T> T bind(String key, Class<T> type) {
        return Json.bind(document.path(key), type, source, kind);
    }

    /** The document without one section, as a record (a lab run's simulate keys). */
    <T> T bindWithout(String key, Class<T> type) {
        ObjectNode rest = document.deepCopy();
        rest.remove(key);
        return Json.bind(rest, type, source, kind);
    }
}
