package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code -o yaml} is the {@code -o json} document: parsed back, the two trees are equal. */
class OutputYamlTest {
    private static final String REPORT = "../scenarios/report-200-pods.yaml";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** Every command with -o json that runs without root or a cluster; fixed seeds, so both runs agree. */
    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(List.of("simulate", "--scenario", REPORT, "--set", "controller.branch-eni-cooldown=30",
                        "--seed", "3", "--trace")),
                Arguments.of(List.of("simulate", "probe", "--gap", "40")),
                Arguments.of(List.of("reproduce", "--scenario", REPORT, "--replications", "4", "--seed", "5")),
                Arguments.of(List.of("sweep", "--scenario", REPORT, "--vary", "controller.branch-eni-cooldown=30,60",
                        "--replications", "2", "--seed", "6")),
                Arguments.of(List.of("advise", "--target", "0.05", "--replications", "4", "--seed", "7")),
                Arguments.of(List.of("version")));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void yamlIsTheJsonDocument(List<String> command) {
        CliTest.Result json = run(command, "json");
        CliTest.Result yaml = run(command, "yaml");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(yaml.code()).as(yaml.err()).isZero();
        assertThat(yaml.out()).doesNotStartWith("{").doesNotStartWith("---");
        JsonNode fromJson = JSON.readTree(json.out());
        JsonNode fromYaml = YAML.readTree(yaml.out());
        assertThat(fromYaml).isEqualTo(fromJson);
        // the same keys in the same order, not only an equal map
        assertThat(fromYaml.propertyNames()).containsExactlyElementsOf(fromJson.propertyNames());
    }

    @Test
    void valuesYamlWouldReadAsSomethingElseStayStrings() {
        // Strings a YAML reader would take for a boolean, a number, null or a date if unquoted, text
        // over several lines (the error stories), empty containers and NaN as the reports write it.
        String json = """
                {"yes":"yes","no":"no","on":"on","off":"Off","true":"true","null":"null","tilde":"~","empty":"",
                 "int":"30","float":"29.87","hex":"0x1F","octal":"017","date":"2026-12-01","time":"12:30",
                 "colon":"a: b","hash":"# not a comment","dash":"- item","space":" padded ",
                 "story":"churn-038  Error\\n  query 1 try 1\\n    lost","unicode":"résumé ✓",
                 "number":29.87,"integer":200,"big":12345678901234,"bool":false,"nothing":null,"nan":"NaN",
                 "commit":"0e83977","list":[],"map":{},"nested":[{"a":[1,2.5,"3"]}]}
                """;
        String yaml = OutputFormat.yaml(json);
        assertThat(YAML.readTree(yaml)).isEqualTo(JSON.readTree(json));
        assertThat(yaml).contains("story: |", "hex: \"0x1F\"", "time: \"12:30\"", "commit: \"0e83977\"");
    }

    @Test
    void yamlIsOfferedWhereverJsonIsAndNamedInTheHelp() {
        for (List<String> command : List.of(List.of("simulate"), List.of("reproduce"), List.of("sweep"),
                List.of("advise"), List.of("bench"), List.of("version"), List.of("simulate", "probe"),
                List.of("lab", "run"), List.of("lab", "compare"), List.of("lab", "probe"), List.of("cluster", "run"))) {
            CliTest.Result help = CliTest.run(Stream.concat(command.stream(), Stream.of("--help")).toArray(String[]::new));
            assertThat(help.out()).as(String.join(" ", command)).contains("-o, --output=FORMAT").contains("json", "yaml");
        }
    }

    @Test
    void anUnknownFormatIsOneLineAndExitTwo() {
        CliTest.Result r = CliTest.run("version", "-o", "xml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("sgplab: ").contains("xml").doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }

    private static CliTest.Result run(List<String> command, String format) {
        return CliTest.run(Stream.concat(command.stream(), Stream.of("-o", format)).toArray(String[]::new));
    }
}
