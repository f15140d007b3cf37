package dev.sgplab.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One lab run at a time holds the host's whole-kernel neighbour settings. The hold is an fcntl lock
 * on /run/sgplab/host.lock, which the kernel drops when the process ends however it ends, so a run
 * killed (or a test that failed and killed its run) never holds it on; runs that started without
 * the lock (older versions) are seen by their state file and live pid. A run that finds the host
 * held waits for it, saying so, up to a limit. A run killed with SIGKILL leaves the settings
 * changed: a run started then would take the changed values for the host's own and put them back
 * at its end, after lab cleanup had restored the real ones. So a new run waits a minute for the
 * cleanup of a run just killed, and refuses to start while an older one's state is left.
 */
final class HostLock implements AutoCloseable {
    static final Path FILE = LabNames.STATE_DIR.resolve("host.lock");
    private static final long POLL_MILLIS = 200;

    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits until no other live run holds the host (at most the limit), then holds it. */
    static HostLock acquire(long limitNanos, Consumer<String> waiting) {
        long deadline = System.nanoTime() + limitNanos;
        boolean announced = false;
        while (true) {
            HostLock held = tryAcquire();
            String holder = HostGate.liveHolder();
            String dead = holder == null ? HostGate.deadRun() : null;
            if (held != null && holder == null && dead == null) {
                return held;
            }
            if (held != null) {
                held.close();
            }
            if (dead != null && HostGate.recentlyKilled(null) == null) {
                throw new LabException.Unusable("a lab run that was killed (" + dead
                        + ") left the host's neighbour settings changed: run sgplab lab cleanup first");
            }
            String who = holder != null ? holder : dead != null ? "the cleanup of " + dead : "another lab run";
            if (System.nanoTime() > deadline) {
                throw new LabException.Unusable(who + " holds the host's neighbour settings; waited "
                        + TimeUnit.NANOSECONDS.toSeconds(limitNanos) + " s for it");
            }
            if (!announced) {
                waiting.accept("waiting for " + who + ", which holds the host's neighbour settings");
                announced = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for the host's neighbour settings");
            }
        }
    }

    private static HostLock tryAcquire() {
        FileChannel channel = null;
        try {
            Files.createDirectories(FILE.getParent());
            channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new HostLock(channel, lock);
            }
            channel.close();
            return null;
        } catch (OverlappingFileLockException sameJvm) {
            closeQuietly(channel);
            return null; // another session of this JVM holds it
        } catch (IOException e) {
            closeQuietly(channel);
            throw new LabException("cannot lock " + FILE + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing held
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel drops it anyway
        }
        closeQuietly(channel);
    }
}
