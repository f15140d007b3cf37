package dev.sgplab.cli;

import dev.sgplab.report.HtmlReport;
import dev.sgplab.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder a report goes to ({@code sweep --report}, {@code report --out}), checked before any
 * work: it must be a folder sgplab can create and write in, and a non-empty one is only written
 * over when asked (--overwrite). The check creates what is missing and a probe file, then removes
 * exactly those, so a refused command leaves nothing behind.
 */
final class ReportFolder {
    private ReportFolder() {
    }

    /** Writes the HTML report of a result into the checked folder; says what it wrote and what to open. */
    static String render(String json, String source, Path dir) {
        List<Path> written = HtmlReport.render(json, source, dir);
        return "wrote " + written.size() + " files to " + dir + " (open " + dir.resolve("index.html") + ")";
    }

    static void check(String option, Path dir, boolean overwrite) {
        String name = option + " " + dir;
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Errors.BadInputException(name + ": is a file, not a folder");
        }
        for (Path up = dir.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
            if (Files.exists(up) && !Files.isDirectory(up)) {
                throw new Errors.BadInputException(name + ": " + up + " is a file, so no folder can be made in it");
            }
        }
        if (Files.isDirectory(dir) && !overwrite && !isEmpty(name, dir)) {
            throw new Errors.BadInputException(name + ": the folder is not empty; name a new folder, or give "
                    + "--overwrite to replace the report's files in it");
        }
        probe(name, dir);
    }

    private static boolean isEmpty(String name, Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new Errors.BadInputException(name + ": cannot read the folder (" + ScenarioLoader.reason(e) + ")");
        }
    }

    /** Creates the missing folders and a file in the last, then removes exactly what it made. */
    private static void probe(String name, Path dir) {
        List<Path> created = new ArrayList<>();
        for (Path missing = dir.toAbsolutePath(); missing != null && !Files.exists(missing);
                missing = missing.getParent()) {
            created.add(0, missing);
        }
        try {
            for (Path folder : created) {
                Files.createDirectory(folder);
            }
            Files.delete(Files.createTempFile(dir, ".sgplab-probe-", ".tmp"));
        } catch (FileAlreadyExistsException e) {
            throw new Errors.BadInputException(name + ": " + e.getFile() + " is in the way (a file)");
        } catch (IOException e) {
            throw new Errors.BadInputException(name + ": cannot write there (" + ScenarioLoader.reason(e) + ")");
        } finally {
            for (int i = created.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(created.get(i));
                } catch (IOException e) {
                    // the folder stays empty; nothing else was written
                }
            }
        }
    }
}
