package dev.sgplab.lab;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The host's neighbour settings are one for the whole kernel, and a live lab run (anyone's) holds
 * them changed until it ends. The soak compares them with a snapshot, so it reads them only while
 * no live run holds them.
 */
final class HostGate {
    private static final long LIMIT_NANOS = TimeUnit.MINUTES.toNanos(20);

    private HostGate() {
    }

    /** Waits until no live lab run holds the host, then reads its settings. */
    static HostSnapshot awaitFreeAndSnapshot() throws InterruptedException {
        awaitFree();
        return HostSnapshot.take(HostSettings.DEFAULT_NEIGH);
    }

    /** Waits until no live lab run holds the host; returns the snapshot unchanged, to compare with. */
    static HostSnapshot awaitFree(HostSnapshot before) throws InterruptedException {
        awaitFree();
        return before;
    }

    private static void awaitFree() throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (liveHolder() != null) {
            if (System.nanoTime() > deadline) {
                throw new LabException("another lab run (" + liveHolder() + ") has held the host's settings for 20 minutes");
            }
            Thread.sleep(500);
        }
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
