package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.report.ReportException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.node.ObjectNode;

/** `report` and `merge` read typed results: kind first, old documents by their keys, one line and exit 2 otherwise. */
class ReportCommandTest {
    private static final String REPORT = "../scenarios/report-200-pods.yaml";

    private static String simulate() {
        CliTest.Result r = CliTest.run("simulate", "--scenario", REPORT, "--seed", "2", "-o", "json");
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    @Test
    void everyResultDocumentStartsWithItsKindAndVersion() {
        assertThat(simulate()).startsWith(String.format("{%n  \"kind\" : \"simulate\",%n  \"version\" : 1,%n"));
        CliTest.Result yaml = CliTest.run("simulate", "probe", "--gap", "40", "-o", "yaml");
        assertThat(yaml.out()).startsWith(String.format("kind: \"probe\"%nversion: 1%n"));
        CliTest.Result reproduce = CliTest.run("reproduce", "--scenario", REPORT, "--replications", "2", "-o", "json");
        assertThat(reproduce.json().get("kind").asString()).isEqualTo("reproduce");
    }

    @Test
    void aDocumentWrittenBeforeKindsIsStillReported(@TempDir Path dir) throws Exception {
        ObjectNode old = (ObjectNode) CliTest.run("simulate", "--scenario", REPORT, "--seed", "2", "-o", "json").json();
        old.remove("kind");
        old.remove("version");
        Path file = Files.writeString(dir.resolve("old.json"), old.toString());
        CliTest.Result r = CliTest.run("report", "--from", file.toString(), "--out", dir.resolve("html").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("html/index.html")).content().contains("One run.");
    }

    @Test
    void anUnknownKindOrAKindWithoutAPageIsOneLineAndExit2(@TempDir Path dir) throws Exception {
        Path future = Files.writeString(dir.resolve("future.json"), "{\"kind\":\"simulate\",\"version\":9}");
        CliTest.Result r = CliTest.run("report", "--from", future.toString(), "--out", dir.resolve("a").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("sgplab: " + future + " is a simulate v9 document; this sgplab reads simulate v1, ")
                .hasLineCount(1);
        Path probe = Files.writeString(dir.resolve("probe.json"), CliTest.run("simulate", "probe", "--gap", "40", "-o",
                "json").out());
        r = CliTest.run("report", "--from", probe.toString(), "--out", dir.resolve("b").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("sgplab: " + probe + " is a probe v1 document; sgplab report renders sweep, "
                + "simulate, lab-run, lab-compare, cluster-run and advise documents" + System.lineSeparator());
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("b")).doesNotExist();
    }

    @Test
    void mergeRefusesAnythingButSweeps(@TempDir Path dir) throws Exception {
        Path run = Files.writeString(dir.resolve("run.json"), simulate());
        CliTest.Result r = CliTest.run("merge", run.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("sgplab: " + run + " is a simulate v1 document; merge reads sweep v1 documents"
                + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void reportFailuresMapToTheExitCodeTable() {
        CommandLine cli = Sgplab.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(Errors.onFailure(ReportException.input("r.json: not JSON"), cli, null)).isEqualTo(Errors.BAD_INPUT);
        assertThat(Errors.onFailure(ReportException.internal("cannot render charts", new java.io.IOException("disk")),
                cli, null)).isEqualTo(Errors.FAILURE);
        assertThat(err.toString()).isEqualTo("sgplab: r.json: not JSON" + System.lineSeparator()
                + "sgplab: report: cannot render charts" + System.lineSeparator());
    }
}
