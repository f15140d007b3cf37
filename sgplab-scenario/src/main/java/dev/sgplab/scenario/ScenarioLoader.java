package dev.sgplab.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads scenario files from disk or from the bundled copies. */
public final class ScenarioLoader {
    private ScenarioLoader() {
    }

    public static ScenarioTree load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        return ScenarioTree.parse(text, file.toString());
    }

    /**
     * The file if it exists, else the copy bundled under {@code /scenarios/} on the classpath (so
     * that {@code sgplab reproduce} works from any directory).
     */
    public static ScenarioTree loadFileOrBundled(String name) {
        Path path = Path.of(name);
        if (Files.exists(path)) {
            return load(path);
        }
        String resource = "/scenarios/" + path.getFileName();
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ScenarioException(name + ": no such file");
            }
            return ScenarioTree.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new ScenarioException(name + ": cannot read bundled copy");
        }
    }
}
