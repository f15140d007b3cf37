package dev.sgplab.cli;

import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * {@code -o table|json|yaml}. YAML is the JSON document re-written, never built separately, so the two
 * can not drift apart: same keys in the same order, same values.
 */
public enum OutputFormat {
    TABLE, JSON, YAML;

    private static final JsonMapper JSON_READER = JsonMapper.builder().build();
    // No "---" line; multi-line text (the error stories) as a literal block. Every string stays quoted:
    // with quotes minimized, a commit such as 0e83977 reads back as the number 0.0, and "12:30" or
    // "0x1F" as numbers in YAML 1.1 readers.
    private static final YAMLMapper YAML_WRITER = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .build();

    /** Shell completion offers the names as the help writes them: table, json, yaml. */
    static final class Names extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Names() {
            for (OutputFormat f : values()) {
                add(f.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    /** The result in this form, computed only in this form: YAML is the JSON re-written. */
    String render(Supplier<String> json, Supplier<String> table) {
        return switch (this) {
            case TABLE -> table.get();
            case JSON -> json.get();
            case YAML -> yaml(json.get());
        };
    }

    /** The JSON document (as the reports write it) as YAML. */
    static String yaml(String json) {
        JsonNode document = JSON_READER.readTree(json);
        return YAML_WRITER.writeValueAsString(document);
    }
}
