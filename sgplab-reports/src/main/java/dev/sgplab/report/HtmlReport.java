package dev.sgplab.report;

import static j2html.TagCreator.body;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.head;
import static j2html.TagCreator.html;
import static j2html.TagCreator.img;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.style;
import static j2html.TagCreator.table;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.title;

import dev.sgplab.sim.advise.Advice;
import dev.sgplab.sim.sweep.SweepResult;
import j2html.tags.DomContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML report of a saved result: index.html with its PNG charts and the result's JSON beside
 * it. Everything is rendered in memory and written at the end, so a failure leaves no half report.
 * The numbers in the page are the JSON's, formatted as the tables format them.
 */
public final class HtmlReport {
    /** Cells never wrap (a number split over two lines misreads); stories wrap rather than being cut off. */
    static final String CSS = "body{font-family:sans-serif;margin:2em;max-width:1100px}"
            + "table{border-collapse:collapse;margin:1em 0}"
            + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;white-space:nowrap}"
            + "th{background:#f4f4f4;white-space:normal;overflow-wrap:break-word}td:first-child,th:first-child{text-align:left}.wide{overflow-x:auto}"
            + "pre{background:#f8f8f8;padding:1em;font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere}"
            + "img{max-width:100%}#decision{border-left:4px solid #2a7;background:#f3fbf6;padding:0.2em 1em;"
            + "margin-bottom:1.5em}#decision pre{background:#fff}.meta{color:#555;font-size:90%}";

    /** The kinds a page exists for, as the refusal of any other kind names them. */
    static final String RENDERED = "sweep, simulate, lab-run, lab-compare, cluster-run and advise";

    private HtmlReport() {
    }

    /** Renders a saved result of a kind a page exists for: a sweep, or one run (simulate, lab run, cluster run). */
    public static List<Path> render(String json, String source, Path dir) {
        return render(json, source, dir, Instant.now());
    }

    /** As {@link #render(String, String, Path)}, with the time the page says it was rendered. */
    static List<Path> render(String json, String source, Path dir, Instant now) {
        SavedResult saved = SavedResult.read(json, source);
        Map<String, byte[]> files = new LinkedHashMap<>();
        String page = switch (saved.kind()) {
            case SWEEP -> SweepPage.sweepPage(saved.bind(SweepResult.class), files, now);
            case SIMULATE -> RunPages.runPage(saved.bind(SimulateReport.Document.class), null, files, now);
            case LAB_RUN -> {
                LabReport.Document lab = LabReport.read(saved);
                yield RunPages.runPage(lab.run(), lab.lab(), files, now);
            }
            case LAB_COMPARE -> ComparePage.comparePage(saved.bind(CompareReport.Document.class), now);
            case CLUSTER_RUN -> RunPages.clusterPage(saved.bind(ClusterReport.Document.class), files, now);
            case ADVISE -> AdviceReport.page(saved.bind(Advice.class), now);
            case REPRODUCE, PROBE, BENCH -> throw ReportException.input(source + " is a " + saved.kind()
                    + " document; sgplab report renders " + RENDERED + " documents");
        };
        files.put("index.html", page.getBytes(StandardCharsets.UTF_8));
        files.put("result.json", json.getBytes(StandardCharsets.UTF_8));
        return write(dir, files);
    }

    /** A page that opens with its decision, right under the title. */
    static String page(String title, DomContent decision, DomContent... content) {
        List<DomContent> all = new ArrayList<>();
        all.add(h1(title));
        all.add(decision);
        all.addAll(List.of(content));
        return "<!DOCTYPE html>\n" + html(head(meta().withCharset("utf-8"), title(title), style(CSS)),
                body(all.toArray(DomContent[]::new))).render() + "\n";
    }

    /** Writes every file to a temporary name first, then moves them into place. */
    private static List<Path> write(Path dir, Map<String, byte[]> files) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            Map<Path, Path> pending = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path temp = Files.createTempFile(dir, ".sgplab-", ".tmp");
                Files.write(temp, file.getValue());
                pending.put(temp, dir.resolve(file.getKey()));
            }
            for (Map.Entry<Path, Path> move : pending.entrySet()) {
                try {
                    Files.setPosixFilePermissions(move.getKey(),
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException notPosix) {
                    // keep the default permissions
                }
                Files.move(move.getKey(), move.getValue(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                written.add(move.getValue());
            }
        } catch (IOException e) {
            throw ReportException.input(dir + ": cannot write the report (" + why(e) + ")");
        }
        return written;
    }

    /** An I/O failure in the user's words (permission denied, no space left), never an exception's class name. */
    private static String why(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException || e instanceof java.nio.file.NotDirectoryException) {
            return "a file is in the way of the directory";
        }
        if (e instanceof java.nio.file.FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : "cannot create or write files there";
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }
}
