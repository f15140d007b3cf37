package dev.sgplab.scenario;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A scenario as a YAML tree: the reference defaults with a file merged over them and any
 * {@code --set key=value} edits applied. Every key must exist in the reference, so a typo is an
 * error rather than a silently ignored setting.
 */
public final class ScenarioTree {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final ObjectNode REFERENCE = loadReference();

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
        JsonNode user;
        try {
            user = YAML.readTree(yamlText);
        } catch (JacksonException e) {
            throw new ScenarioException(source + ": malformed YAML: " + oneLine(e.getOriginalMessage())
                    + location(e));
        }
        if (user == null || user.isMissingNode() || user.isNull()) {
            user = YAML.createObjectNode();
        }
        if (!user.isObject()) {
            throw new ScenarioException(source + ": a scenario must be a YAML mapping of keys");
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
                throw new ScenarioException("--set " + path + ": unknown key '" + path + "'");
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
        JsonNode parsed;
        try {
            parsed = YAML.readTree(value);
        } catch (JacksonException e) {
            throw new ScenarioException("--set " + path + ": cannot read value '" + value + "'");
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
                throw new ScenarioException(source + ": unknown key '" + key + "'");
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
        if (message.startsWith("Cannot deserialize value of type")) {
            message = "wrong type of value (" + message.replaceAll(".*type `([^`]*)`.*", "$1").replaceAll(".*\\.", "")
                    .replace("int", "whole number").replace("long", "whole number").replace("double", "number") + " expected)";
        }
        return (key.isEmpty() ? "" : "'" + key + "': ") + message;
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
