package dev.sgplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind's page against its golden copy, byte for byte but for sgplab's version: the goldens
 * were rendered from the same fixtures (fixed seeds) by the sgplab that guessed a result's kind
 * from its keys, so the typed readers render what it rendered. A deliberate change to a page
 * regenerates its golden: run with -Dsgplab.golden.write=DIR and copy DIR's files here.
 */
class GoldenHtmlTest {
    private static final Instant AT = Instant.parse("2026-12-01T15:30:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"sweep", "simulate", "lab-run", "lab-compare", "cluster", "advise"})
    void eachKindRendersItsGoldenPageAndCharts(String kind, @TempDir Path dir) throws IOException {
        HtmlReport.render(ReportFixtures.pages().get(kind), kind + ".json", dir, AT);
        String html = Files.readString(dir.resolve("index.html")).replace("sgplab " + Decision.version() + ",",
                "sgplab VERSION,");
        String write = System.getProperty("sgplab.golden.write");
        if (write != null) {
            Files.createDirectories(Path.of(write));
            Files.writeString(Path.of(write, kind + ".html.golden"), html);
        }
        assertThat(html).isEqualTo(golden(kind + ".html.golden"));
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertThat(String.join("\n", names)).isEqualTo(golden(kind + ".files").strip());
        }
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = GoldenHtmlTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
