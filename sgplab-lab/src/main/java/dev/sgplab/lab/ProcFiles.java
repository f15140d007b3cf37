package dev.sgplab.lab;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reading and writing /proc/sys files. A sysctl file has size 0 and returns end-of-file to a read at
 * any offset but 0, so it must be read with one read() from the start: Files.readString reads one
 * byte first and would see "3" for 30000.
 */
final class ProcFiles {
    private ProcFiles() {
    }

    static String read(Path file) throws IOException {
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            byte[] buffer = new byte[4096];
            int n = in.read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII).strip();
        }
    }

    static void write(Path file, String value) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            out.write((value + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }
}
