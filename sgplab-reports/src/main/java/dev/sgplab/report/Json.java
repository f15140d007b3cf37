package dev.sgplab.report;

import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.SeenState;
import dev.sgplab.observe.TryOutcome;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * JSON output: stable key order (declaration order of the records), pretty-printed. The observations'
 * typed values (a neighbour entry's state, a probe's states seen, a try's outcome) are written as their words and read back
 * from them: the edge where they become text, so results keep the words every earlier version wrote.
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addModule(new SimpleModule("sgplab-observations")
                    .addSerializer(NudState.class, new Words<>(NudState.class, NudState::shown))
                    .addDeserializer(NudState.class, new FromWords<>(NudState.class, NudState::ofShown))
                    .addSerializer(SeenState.class, new Words<>(SeenState.class, SeenState::text))
                    .addDeserializer(SeenState.class, new FromWords<>(SeenState.class, SeenState::parse))
                    .addSerializer(TryOutcome.class, new Words<>(TryOutcome.class, TryOutcome::text))
                    .addDeserializer(TryOutcome.class, new FromWords<>(TryOutcome.class, TryOutcome::parse)))
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

    /** A typed value written as its words. */
    private static final class Words<T> extends StdSerializer<T> {
        private final Function<T, String> words;

        Words(Class<T> type, Function<T, String> words) {
            super(type);
            this.words = words;
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(words.apply(value));
        }
    }

    /** A typed value read from its words; words that name nothing are a one-line error. */
    private static final class FromWords<T> extends StdDeserializer<T> {
        private final transient Function<String, T> read;

        FromWords(Class<T> type, Function<String, T> read) {
            super(type);
            this.read = read;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) {
            String text = parser.getValueAsString();
            if (text == null) {
                throw DatabindException.from(parser, "expected words, found " + parser.currentToken());
            }
            try {
                return read.apply(text);
            } catch (IllegalArgumentException e) {
                throw DatabindException.from(parser, e.getMessage());
            }
        }
    }
}
