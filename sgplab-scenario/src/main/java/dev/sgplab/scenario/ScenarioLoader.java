package dev.sgplab.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads scenario files from disk or from the bundled copies. What is read is bounded: at most
 * {@link #MAX_BYTES} bytes of UTF-8 text, so that a device ({@code /dev/zero}), a huge or a binary
 * file fails at once with one line instead of filling the memory.
 */
public final class ScenarioLoader {
    /** A scenario is a page of YAML; the reference with every key and comment is under 8 KiB. */
    public static final int MAX_BYTES = 1 << 20;

    private ScenarioLoader() {
    }

    public static ScenarioTree load(Path file) {
        return ScenarioTree.parse(readText(file, "scenario"), file.toString());
    }

    /**
     * A text file sgplab reads (a scenario, a saved result), bounded to {@link #MAX_BYTES}; what it
     * is, for messages. Each failure is one line naming the file.
     */
    public static String readText(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new ScenarioException(file + ": is a folder, not a " + what + " file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read (" + reason(e) + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ScenarioException(file + ": larger than " + (MAX_BYTES >> 20) + " MiB, not a " + what
                    + " file (sgplab reads at most " + (MAX_BYTES >> 20) + " MiB)");
        }
        return decode(bytes, file + ": not a " + what + " file (binary content, not UTF-8 text)");
    }

    /**
     * The file if it exists, else the copy bundled under {@code /scenarios/} on the classpath (so
     * that {@code sgplab reproduce} works from any directory).
     */
    public static ScenarioTree loadFileOrBundled(String name) {
        if (name.isBlank()) {
            throw new ScenarioException("--scenario: no file name given");
        }
        Path path;
        try {
            path = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ScenarioException("--scenario '" + name.replace('\0', '?') + "': not a valid file name");
        }
        if (Files.exists(path) || path.getFileName() == null) {
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

    /** UTF-8 text with no NUL characters (which no YAML or JSON file holds), else the problem given. */
    static String decode(byte[] bytes, String problem) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(problem);
        }
        if (text.indexOf('\0') >= 0) {
            throw new ScenarioException(problem);
        }
        return text;
    }

    /** The operating system's reason in words ("permission denied"), never an exception's class name. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        return reason == null || (e instanceof FileSystemException fs && reason.equals(fs.getFile()))
                ? "the file system refuses it" : reason.toLowerCase(Locale.ROOT);
    }
}
