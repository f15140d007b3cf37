package dev.sgplab.report;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON output: stable key order (declaration order of the records), pretty-printed. */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value) + System.lineSeparator();
    }

    /** Reads a saved result; a malformed or foreign file is one line naming the problem. */
    public static <T> T read(String json, Class<T> type, String source) {
        try {
            return MAPPER.readValue(json, type);
        } catch (tools.jackson.core.JacksonException e) {
            throw new dev.sgplab.scenario.ScenarioException(source + ": not a " + type.getSimpleName()
                    + " result: " + e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " "));
        }
    }

    public static tools.jackson.databind.JsonNode tree(String json, String source) {
        try {
            return MAPPER.readTree(json);
        } catch (tools.jackson.core.JacksonException e) {
            throw new dev.sgplab.scenario.ScenarioException(source + ": not JSON: "
                    + e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " "));
        }
    }
}
