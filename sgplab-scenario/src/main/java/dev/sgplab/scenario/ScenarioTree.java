package dev.sgplab.scenario;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A scenario as a YAML tree: the reference defaults with a file merged over them and any
 * {@code --set key=value} edits applied. Every key must exist in the reference, so a typo is an
 * error rather than a silently ignored setting.
 */
public final class ScenarioTree {
    /** Deeper than any scenario (the reference nests three levels) yet far from a stack overflow. */
    public static final int MAX_DEPTH = 16;
    /** Longer than any name, CIDR or distribution a scenario holds. */
    public static final int MAX_STRING = 1000;
    /** Room for the longest value, its key and indentation. */
    public static final int MAX_LINE = 2000;

    /**
     * Bounded so that a hostile file fails at once: nesting, string and number lengths; a
     * fraction for a whole number (workload.pods: 1.5) and a key given twice are errors, not a
     * silent truncation or a silent "last one wins".
     */
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_STRING).maxNumberLength(100)
                            .maxDocumentLength(ScenarioLoader.MAX_BYTES).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    private static final ObjectNode REFERENCE = loadReference();
    private static final List<String> KEYS = keys(REFERENCE, "");

    private final ObjectNode tree;
    private final String source;
    /** Values set on top of the file (path to value as given), to name them in errors. */
    private final Map<String, String> overrides;

    private ScenarioTree(ObjectNode tree, String source) {
        this(tree, source, Map.of());
    }

    private ScenarioTree(ObjectNode tree, String source, Map<String, String> overrides) {
        this.tree = tree;
        this.source = source;
        this.overrides = overrides;
    }

    /** The reference defaults alone. */
    public static ScenarioTree defaults() {
        return new ScenarioTree(REFERENCE.deepCopy(), "defaults");
    }

    /** Parses a scenario file's text (the source names it in messages). */
    public static ScenarioTree parse(String yamlText, String source) {
        refuseLongLines(yamlText, source);
        JsonNode user;
        try {
            user = YAML.readTree(yamlText);
            refuseAliases(yamlText, source);
        } catch (JacksonException e) {
            throw new ScenarioException(source + ": " + malformed(e));
        }
        if (user == null || user.isMissingNode() || user.isNull()) {
            user = YAML.createObjectNode();
        }
        if (!user.isObject()) {
            throw new ScenarioException(source + ": a scenario must be a YAML mapping of keys");
        }
        if (user.has("workload") && user.has("workloads")) {
            throw new ScenarioException(source + ": give either 'workload' (the report's churn test) or 'workloads' "
                    + "(a list; a churn test is kind: churn-test there), not both");
        }
        ObjectNode merged = REFERENCE.deepCopy();
        merge(merged, (ObjectNode) user, "", source);
        return new ScenarioTree(merged, source);
    }

    /** A copy with {@code path} (dotted, e.g. controller.branch-eni-cooldown) set to a YAML value. */
    public ScenarioTree with(String path, String value) {
        ObjectNode copy = tree.deepCopy();
        String[] keys = path.split("\\.");
        ObjectNode parent = copy;
        JsonNode reference = REFERENCE;
        for (int i = 0; i < keys.length; i++) {
            reference = reference == null ? null : reference.get(keys[i]);
            if (reference == null) {
                throw new ScenarioException("--set " + path + ": unknown key '" + path + "'"
                        + NearestKey.hint(path, KEYS));
            }
            if (i < keys.length - 1) {
                if (!reference.isObject()) {
                    throw new ScenarioException("--set " + path + ": '" + String.join(".", List.of(keys).subList(0, i + 1))
                            + "' is not a section");
                }
                parent = (ObjectNode) parent.get(keys[i]);
            }
        }
        if (reference.isObject()) {
            throw new ScenarioException("--set " + path + ": '" + path + "' is a section, set one of its keys");
        }
        if (value.isBlank()) {
            throw new ScenarioException("--set " + path + "=: no value given");
        }
        JsonNode parsed;
        try {
            parsed = YAML.readTree(value);
            refuseAliases(value, "--set " + path);
        } catch (JacksonException e) {
            throw new ScenarioException("--set " + path + ": cannot read the value (" + malformed(e) + ")");
        }
        if (parsed == null || parsed.isMissingNode()) {
            parsed = YAML.getNodeFactory().stringNode(value);
        }
        parent.set(keys[keys.length - 1], parsed);
        Map<String, String> set = new LinkedHashMap<>(overrides);
        set.remove(path); // the latest value, in the order set
        set.put(path, value);
        return new ScenarioTree(copy, source, set);
    }

    public ScenarioTree withAll(List<String> assignments) {
        ScenarioTree result = this;
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new ScenarioException("--set '" + assignment + "': expected key=value");
            }
            result = result.with(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
        }
        return result;
    }

    /** The scalar at a dotted path, as text (for reports). */
    public String get(String path) {
        JsonNode node = tree;
        for (String key : path.split("\\.")) {
            node = node.get(key);
            if (node == null) {
                throw new ScenarioException("unknown key '" + path + "'");
            }
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

    /** A key identifying the settings (equal trees, equal keys): for caches. */
    public String hashKey() {
        return tree.toString();
    }

    public String source() {
        return source;
    }

    /** Binds and validates: the scenario, or one line saying what is wrong. */
    public Scenario bind() {
        Scenario scenario;
        try {
            scenario = YAML.treeToValue(tree, Scenario.class);
        } catch (JacksonException e) {
            String problem = describe(e);
            throw new ScenarioException(where(problem) + ": " + problem);
        }
        List<String> problems = scenario.problems();
        if (!problems.isEmpty()) {
            throw new ScenarioException(where(problems.get(0)) + ": " + problems.get(0));
        }
        return scenario;
    }

    /** The file, and the settings made on top of it that the problem is about (a --set, a sweep's axis). */
    private String where(String problem) {
        List<String> blamed = new ArrayList<>();
        overrides.forEach((path, value) -> {
            String section = path.substring(0, path.indexOf('.') < 0 ? path.length() : path.indexOf('.'));
            String key = path.substring(path.lastIndexOf('.') + 1);
            if (problem.contains(path) || (problem.startsWith(section) && problem.contains(key))) {
                blamed.add(path + "=" + value);
            }
        });
        return blamed.isEmpty() ? source : source + " with " + String.join(", ", blamed);
    }

    private static void merge(ObjectNode target, ObjectNode user, String prefix, String source) {
        Iterator<Map.Entry<String, JsonNode>> fields = user.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode reference = target.get(field.getKey());
            if (reference == null) {
                throw new ScenarioException(source + ": unknown key '" + key + "'" + NearestKey.hint(key, KEYS));
            }
            JsonNode value = field.getValue();
            if (reference.isObject()) {
                if (!value.isObject()) {
                    throw new ScenarioException(source + ": '" + key + "' must be a section of keys");
                }
                merge((ObjectNode) reference, (ObjectNode) value, key + ".", source);
            } else {
                if (value.isObject()) {
                    throw new ScenarioException(source + ": '" + key + "' must be a value, not a section");
                }
                target.set(field.getKey(), value);
            }
        }
    }

    private static String describe(JacksonException e) {
        List<String> path = new ArrayList<>();
        for (JacksonException.Reference ref : e.getPath()) {
            path.add(ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]");
        }
        String key = String.join(".", path).replace(".[", "[");
        String message = oneLine(e.getOriginalMessage());
        // Jackson's type messages are long; keep what names the problem.
        int cut = message.indexOf(" at [Source");
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        if (message.startsWith("Cannot map `null`") || message.startsWith("Cannot coerce `null`")) {
            message = "no value given";
        } else if (message.startsWith("Cannot coerce Floating-point value") || message.contains("has fractional part")
                || message.contains("out of range of `int`") || message.contains("out of range of `long`")) {
            message = "not a whole number in range (" + message.replaceAll("^[^(]*\\(([^)]*)\\).*", "$1") + ")";
        } else if (message.startsWith("Unrecognized property")) { // in a list entry (sections are checked on merge)
            String name = message.replaceAll("^Unrecognized property \"([^\"]*)\".*", "$1");
            message = "unknown key '" + name + "'" + NearestKey.hint(name, Workloads.ENTRY_KEYS);
        } else if (message.startsWith("Cannot deserialize value of type")) {
            message = "wrong type of value (" + message.replaceAll(".*type `([^`]*)`.*", "$1").replaceAll(".*\\.", "")
                    .replace("int", "whole number").replace("long", "whole number").replace("double", "number") + " expected)";
        }
        return (key.isEmpty() ? "" : "'" + key + "': ") + message;
    }

    /** Jackson's message on what cannot be read, in the user's words (no class or feature names). */
    private static String malformed(JacksonException e) {
        String message = oneLine(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "nested deeper than " + MAX_DEPTH + " levels (no scenario nests that deep)";
        }
        if (message.contains("String value length")) {
            return "a value longer than " + MAX_STRING + " characters (no scenario value is that long)";
        }
        if (message.contains("Number value length")) {
            return "a number with more than 100 digits";
        }
        if (message.contains("Document length")) {
            return "larger than " + (ScenarioLoader.MAX_BYTES >> 20) + " MiB";
        }
        if (message.startsWith("Duplicate Object property") || message.startsWith("Duplicate field")) {
            return "a key given twice (" + message.replaceAll("[^\"]*(\"[^\"]*\").*", "$1") + ")" + location(e);
        }
        String line = message.matches(".* line \\d+, column \\d+.*")
                ? " (line " + message.replaceAll(".* line (\\d+), column \\d+.*", "$1") + ")" : location(e);
        return "malformed YAML: " + message.replaceAll(" in reader, line.*", "").replace("'\\t(TAB)'", "a tab")
                .replace("\\t(TAB)", "a tab") + line;
    }

    /**
     * Anchors and aliases (&a, *a) are refused: the YAML reader would not expand them the way a
     * user expects, and expanding them is how "billion laughs" files blow up. Checked on YAML's
     * own events (after the bounded read), as the tree reader drops a scalar's anchor unseen.
     */
    private static void refuseAliases(String text, String source) {
        for (Event event : new Parse(LoadSettings.builder().setCodePointLimit(ScenarioLoader.MAX_BYTES).build())
                .parseString(text)) {
            if (event instanceof AliasEvent || (event instanceof NodeEvent node && node.getAnchor().isPresent())) {
                throw new ScenarioException(source + ": YAML anchors and aliases (&name, *name) are not supported"
                        + " in scenarios; write each value out" + event.getStartMark()
                                .map(mark -> " (line " + (mark.getLine() + 1) + ")").orElse(""));
            }
        }
    }

    /**
     * A line longer than any scenario's is refused before YAML reads it: the YAML scanner takes
     * time that grows faster than the length of a long plain value (a 900,000-character name took
     * seconds), and a string bound checked after the scan comes too late.
     */
    private static void refuseLongLines(String text, String source) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE) {
                    throw new ScenarioException(source + ": line " + line + " is longer than " + MAX_LINE
                            + " characters (no scenario line is that long)");
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** Every settable key of the reference, dotted: for "did you mean". */
    private static List<String> keys(JsonNode node, String prefix) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix + field.getKey();
            if (field.getValue().isObject()) {
                keys.addAll(keys(field.getValue(), key + "."));
            } else {
                keys.add(key);
            }
        }
        return List.copyOf(keys);
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static String oneLine(String message) {
        return message == null ? "invalid" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static ObjectNode loadReference() {
        try (var in = ScenarioTree.class.getResourceAsStream("reference.yaml")) {
            return (ObjectNode) YAML.readTree(in);
        } catch (java.io.IOException | JacksonException e) {
            throw new IllegalStateException("reference.yaml is missing from the build", e);
        }
    }
}
