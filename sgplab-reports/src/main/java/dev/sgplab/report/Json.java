package dev.sgplab.report;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON output: stable key order (declaration order of the records), pretty-printed. */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    /** JSON that is not a result document (e.g. `version`). */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value) + System.lineSeparator();
    }

    /** A result document: its kind and version first, then the document's own keys unchanged. */
    public static String write(ResultKind kind, Object document) {
        return write(tagged(kind, document));
    }

    /** The document as a tree under its kind and version (for documents nested in other output). */
    public static ObjectNode tagged(ResultKind kind, Object document) {
        ObjectNode tagged = MAPPER.createObjectNode();
        tagged.put(SavedResult.KIND, kind.id());
        tagged.put(SavedResult.VERSION, kind.version());
        tagged.setAll((ObjectNode) MAPPER.valueToTree(document));
        return tagged;
    }

    /** Binds a saved result's tree to its record; a document of the wrong shape is one line naming the problem. */
    static <T> T bind(JsonNode tree, Class<T> type, String source, ResultKind kind) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw ReportException.input(source + ": not a valid " + kind.id() + " document: " + oneLine(e));
        }
    }

    static JsonNode tree(String json, String source) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw ReportException.input(source + ": not JSON: " + oneLine(e));
        }
    }

    private static String oneLine(JacksonException e) {
        return e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " ");
    }
}
