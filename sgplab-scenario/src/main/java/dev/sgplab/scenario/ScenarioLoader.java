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

    /**
     * A saved result (a sweep of 100,000 cells is about 70 MB of JSON): bounded too, as a
     * device or a wrong file must fail at once rather than fill the memory.
     */
    public static final int MAX_RESULT_BYTES = 256 << 20;
    private static final int CHUNK = 64 << 10;

    public static ScenarioTree load(Path file) {
        return ScenarioTree.parse(readText(file, "scenario", MAX_BYTES), file.toString());
    }

    /**
     * A text file sgplab reads (a scenario, a saved result), bounded to {@code maxBytes}; what it
     * is, for messages. Each failure is one line naming the file. A file's size is checked before
     * reading; a device or pipe is read in chunks up to the bound, and binary content (a NUL byte)
     * stops the reading at the chunk it is found in.
     */
    public static String readText(Path file, String what, int maxBytes) {
        if (Files.isDirectory(file)) {
            throw new ScenarioException(file + ": is a folder, not a " + what + " file");
        }
        String tooLarge = file + ": larger than " + (maxBytes >> 20) + " MiB, not a " + what
                + " file (sgplab reads at most " + (maxBytes >> 20) + " MiB)";
        String binary = file + ": not a " + what + " file (binary content, not UTF-8 text)";
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(file)) {
            if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
                throw new ScenarioException(tooLarge);
            }
            byte[] chunk = new byte[CHUNK];
            for (int n = in.readNBytes(chunk, 0, CHUNK); n > 0; n = in.readNBytes(chunk, 0, CHUNK)) {
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == 0) {
                        throw new ScenarioException(binary);
                    }
                }
                if (bytes.size() + n > maxBytes) {
                    throw new ScenarioException(tooLarge);
                }
                bytes.write(chunk, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read (" + reason(e) + ")");
        }
        return decode(bytes.toByteArray(), binary);
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

    /** UTF-8 text (NUL bytes are refused while reading), else the problem given. */
    static String decode(byte[] bytes, String problem) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(problem);
        }
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
