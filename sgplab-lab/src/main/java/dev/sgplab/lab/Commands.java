package dev.sgplab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the lab's commands (ip, nft, dnsmasq, getent) and reports failures as one line. */
final class Commands {
    record Result(int exitCode, String out, String err) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private static final long TIMEOUT_SECONDS = 30;

    private Commands() {
    }

    /** Runs and waits; fails with the command's own error when it exits non-zero. */
    static String check(List<String> argv) {
        return check(argv, null);
    }

    static String check(List<String> argv, String stdin) {
        Result result = run(argv, stdin);
        if (!result.ok()) {
            String detail = result.err().isBlank() ? result.out() : result.err();
            throw new LabException(String.join(" ", argv.subList(0, Math.min(argv.size(), 6)))
                    + (argv.size() > 6 ? " ..." : "") + ": " + firstLine(detail) + " (exit " + result.exitCode() + ")");
        }
        return result.out();
    }

    static Result run(List<String> argv, String stdin) {
        Process process = start(argv);
        try {
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LabException(argv.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new LabException(argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException(argv.get(0) + " interrupted");
        }
    }

    static Process start(List<String> argv) {
        try {
            return new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new LabException("cannot run " + argv.get(0) + ": " + e.getMessage());
        }
    }

    static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }

    /** Stops a process: SIGTERM, then SIGKILL after 2 s. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
