package dev.sgplab.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code sgplab lab run} of the soak in its own JVM: its stderr read as it comes (the prefix
 * it announces, each phase it enters and when), and what it makes tracked every 50 ms while it
 * lives. It is started through {@code env --default-signal=INT}: a process started from a
 * script's background job inherits SIGINT ignored, and a JVM that starts so never sees Ctrl-C.
 */
final class SoakChild {
    static final List<String> SIGNAL_RESET = List.of("env", "--default-signal=INT");
    private static final long LOOK_MILLIS = 50;

    private final Process process;
    private final long startedNanos = System.nanoTime();
    private final List<String> lines = new ArrayList<>();
    private final Map<SoakPlan.Phase, Long> entered = new EnumMap<>(SoakPlan.Phase.class);
    private volatile RunTracks tracks;
    private Long exitedNanos;
    private final Thread stderrReader;

    SoakChild(List<String> argv) {
        List<String> command = new ArrayList<>(SIGNAL_RESET);
        command.addAll(argv);
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new LabException("cannot start " + argv.get(0) + ": " + e.getMessage());
        }
        entered.put(SoakPlan.Phase.STARTING, startedNanos);
        stderrReader = daemon("sgplab-soak-stderr", this::readStderr);
        daemon("sgplab-soak-tracks", this::track);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void readStderr() {
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                heard(line, System.nanoTime());
            }
        } catch (IOException closed) {
            // the run ended
        }
    }

    private synchronized void heard(String line, long at) {
        lines.add(line);
        if (tracks == null && line.matches("lab: sgplab-[0-9a-f]{4} .*")) {
            tracks = new RunTracks(LabNames.ofPrefix(line.substring(5, 16)));
        }
        if (tracks != null) {
            String own = "lab: " + tracks.names().prefix() + ": ";
            phaseOf(line, own).ifPresent(phase -> entered.putIfAbsent(phase, at));
        }
        notifyAll();
    }

    private static Optional<SoakPlan.Phase> phaseOf(String line, String own) {
        if (line.equals(own + LabSession.BUILDING)) {
            return Optional.of(SoakPlan.Phase.SET_UP);
        }
        if (line.equals(own + LabSession.RUNNING)) {
            return Optional.of(SoakPlan.Phase.MID_RUN);
        }
        if (line.equals(own + LabSession.REMOVING)) {
            return Optional.of(SoakPlan.Phase.TEARDOWN);
        }
        if (line.equals(own + LabSession.REMOVED)) {
            return Optional.of(SoakPlan.Phase.REMOVED);
        }
        return Optional.empty();
    }

    private void track() {
        while (process.isAlive()) {
            RunTracks known = tracks;
            if (known != null) {
                known.look(process.toHandle());
            }
            try {
                Thread.sleep(LOOK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits until the run enters the phase (true) or ends or the time is up (false). */
    synchronized boolean awaitPhase(SoakPlan.Phase phase, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!entered.containsKey(phase) && process.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
        }
        return entered.containsKey(phase);
    }

    synchronized Long enteredAt(SoakPlan.Phase phase) {
        return entered.get(phase);
    }

    /** The latest phase the run has announced, or EXITED once it has ended. */
    synchronized SoakPlan.Phase phaseNow() {
        if (!process.isAlive()) {
            return SoakPlan.Phase.EXITED;
        }
        SoakPlan.Phase latest = SoakPlan.Phase.STARTING;
        for (SoakPlan.Phase phase : entered.keySet()) {
            latest = phase; // EnumMap iterates in phase order
        }
        return latest;
    }

    /**
     * Sends the signal while the run is alive (a pid is only ever signalled while it is still this
     * child's: never once it has ended and could be recycled). Java can send SIGTERM and SIGKILL
     * itself; SIGINT goes through kill(1).
     */
    void send(SoakPlan.Signal signal) {
        if (!process.isAlive()) {
            return;
        }
        switch (signal) {
            case TERM -> process.destroy();
            case KILL -> process.destroyForcibly();
            case INT -> {
                Commands.Result sent = Commands.run(List.of("kill", "-s", "INT", Long.toString(process.pid())), null);
                if (!sent.ok() && process.isAlive()) {
                    throw new LabException("kill -s INT " + process.pid() + ": " + Commands.firstLine(sent.err()));
                }
            }
        }
    }

    /** Waits for the run to end; false if it did not within the limit. */
    boolean awaitExit(long timeoutNanos) throws InterruptedException {
        boolean ended = process.waitFor(timeoutNanos, TimeUnit.NANOSECONDS);
        if (ended) {
            synchronized (this) {
                exitedNanos = exitedNanos == null ? System.nanoTime() : exitedNanos;
            }
            stderrReader.join(TimeUnit.SECONDS.toMillis(5)); // its last lines, if a child still holds the pipe
        }
        return ended;
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    int exitCode() {
        return process.exitValue();
    }

    synchronized Long exitedAt() {
        return exitedNanos;
    }

    long startedAt() {
        return startedNanos;
    }

    RunTracks tracks() {
        return tracks;
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The run's last words, for a message. */
    synchronized String lastLine() {
        return lines.isEmpty() ? "(nothing on stderr)" : lines.get(lines.size() - 1);
    }
}
