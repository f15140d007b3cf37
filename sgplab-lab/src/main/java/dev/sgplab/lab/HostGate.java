package dev.sgplab.lab;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The host's neighbour settings are one for the whole kernel, and a live lab run (anyone's) holds
 * them changed until it ends; a run killed with SIGKILL leaves them changed until lab cleanup. The
 * soak and the tests compare them with a snapshot, so they read them only while no live run holds
 * them and no run killed in the last minute (whose cleanup is likely under way) has left its state.
 */
public final class HostGate {
    private static final long LIMIT_NANOS = TimeUnit.MINUTES.toNanos(20);

    private HostGate() {
    }

    /** Waits until no live lab run holds the host, then reads its settings. */
    static HostSnapshot awaitFreeAndSnapshot() throws InterruptedException {
        awaitFree(null);
        return HostSnapshot.take(HostSettings.DEFAULT_NEIGH);
    }

    /**
     * Waits until no live lab run holds the host and no other run was just killed (the soak's own
     * run, {@code ownPrefix}, is what it is looking at); returns the snapshot, to compare with.
     */
    static HostSnapshot awaitFree(HostSnapshot before, String ownPrefix) throws InterruptedException {
        awaitFree(ownPrefix);
        return before;
    }

    /** Waits (at most 20 minutes) until no live lab run holds the host and none was just killed. */
    public static void awaitFree() throws InterruptedException {
        awaitFree(null);
    }

    private static void awaitFree(String ownPrefix) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (liveHolder() != null || recentlyKilled(ownPrefix) != null) {
            if (System.nanoTime() > deadline) {
                throw new LabException("another lab run (" + liveHolder() + ") has held the host's settings for 20 minutes");
            }
            Thread.sleep(500);
        }
    }

    /** How long a dead run's state file counts as a cleanup in progress rather than abandoned. */
    private static final long RECENT_MILLIS = TimeUnit.MINUTES.toMillis(1);

    /** The state file of a dead run made in the last minute, or null. */
    static String recentlyKilled(String ownPrefix) {
        long now = System.currentTimeMillis();
        for (Path file : RunTracks.list(LabNames.STATE_DIR, LabNames.NAMESPACE_PREFIX + "*.json")) {
            if (file.getFileName().toString().equals(ownPrefix + ".json")) {
                continue;
            }
            try {
                if (now - java.nio.file.Files.getLastModifiedTime(file).toMillis() < RECENT_MILLIS) {
                    return file.getFileName().toString();
                }
            } catch (java.io.IOException gone) {
                // removed meanwhile: cleaned up
            }
        }
        return null;
    }

    /** The prefix of a run that died with the host's settings changed (its state file is left), or null. */
    static String deadRun() {
        for (Path file : RunTracks.list(LabNames.STATE_DIR, LabNames.NAMESPACE_PREFIX + "*.json")) {
            try {
                HostSettings.SavedState state = HostSettings.SavedState.read(file);
                if (!ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                    return new LabNames(state.runId()).prefix();
                }
            } catch (LabException halfWrittenOrGone) {
                // a run starting (its pid is alive) or a file just removed
            }
        }
        return null;
    }

    /** The prefix of a live run that holds the host's settings, or null. */
    static String liveHolder() {
        for (Path file : RunTracks.list(LabNames.STATE_DIR, LabNames.NAMESPACE_PREFIX + "*.json")) {
            try {
                HostSettings.SavedState state = HostSettings.SavedState.read(file);
                if (ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                    return new LabNames(state.runId()).prefix();
                }
            } catch (LabException halfWritten) {
                return file.getFileName().toString(); // being written by a run that is starting
            }
        }
        return null;
    }
}
