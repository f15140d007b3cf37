package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.model.controller.BranchEni;
import dev.sgplab.model.address.MacAddress;
import dev.sgplab.scenario.Scenario;
import dev.sgplab.scenario.ScenarioTree;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Ctrl-C teardown runs in a shutdown hook while the run's own threads go on: whatever they try to
 * make after it began must be refused, or it outlives the run (the soak found a namespace left by
 * SIGTERM during set-up before this was so). On the real kernel (root).
 */
class LabTeardownIT {
    private static final Scenario ONE_NODE = ScenarioTree.defaults().with("cluster.nodes", "1")
            .with("cluster.coredns.replicas", "1").with("cluster.coredns.nodes", "[0]")
            .with("subnet.used-by-others", "1").bind();

    @BeforeEach
    void labAvailable() throws InterruptedException {
        LabAvailability.require();
        HostGate.awaitFreeAndSnapshot(); // another lab run (another test) holds the host: wait for it
    }

    @Test
    void aSessionClosedBeforeItOpensChangesNothing() {
        HostSnapshot before = HostSnapshot.take(HostSettings.DEFAULT_NEIGH);
        LabSession session = new LabSession(ONE_NODE, 0.2);
        session.close();
        assertThatThrownBy(session::open).hasMessageContaining("interrupted");
        assertNothingOf(session.prefix());
        assertThat(before.differences(HostSnapshot.take(HostSettings.DEFAULT_NEIGH))).isEmpty();
    }

    @Test
    void anEniAttachedAfterTeardownBeganIsRefusedAndLeavesNothing() {
        HostSnapshot before = HostSnapshot.take(HostSettings.DEFAULT_NEIGH);
        LabSession session = new LabSession(ONE_NODE, 0.2);
        try {
            session.open();
            assertThat(LabCleanup.labNamespaces()).contains(session.prefix() + "-fabric");
        } finally {
            session.close();
        }
        BranchEni late = new BranchEni("eni-late", MacAddress.parse("02:00:00:00:0c:03"),
                ONE_NODE.subnet().cidrBlock().address(10), 1, "pod-7");
        assertThatThrownBy(() -> session.network().attach(late)).hasMessageContaining("interrupted");
        assertNothingOf(session.prefix());
        assertThat(before.differences(HostSnapshot.take(HostSettings.DEFAULT_NEIGH))).isEmpty();
    }

    /** A second run waits for the first to release the host (saying so once), then goes on. */
    @Test
    void aSecondRunWaitsForTheFirstToReleaseTheHost() throws Exception {
        java.util.List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        HostLock first = HostLock.acquire(java.util.concurrent.TimeUnit.MINUTES.toNanos(5), said::add);
        said.clear();
        java.util.concurrent.CompletableFuture<HostLock> second = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> HostLock.acquire(java.util.concurrent.TimeUnit.MINUTES.toNanos(5), said::add));
        Thread.sleep(1000);
        assertThat(second).isNotDone();
        assertThat(said).singleElement().asString().startsWith("waiting for").contains("holds the host");
        first.close();
        second.get(60, java.util.concurrent.TimeUnit.SECONDS).close();
    }

    @Test
    void aRunThatCannotGetTheHostInTimeSaysWhoHoldsIt() {
        HostLock held = HostLock.acquire(java.util.concurrent.TimeUnit.MINUTES.toNanos(5), line -> { });
        try {
            assertThatThrownBy(() -> HostLock.acquire(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(300), line -> { }))
                    .isInstanceOf(LabException.Unusable.class).hasMessageContaining("holds the host's neighbour settings");
        } finally {
            held.close();
        }
    }

    /**
     * A run killed long ago left its state: a new run would take the changed settings for the
     * host's own, so it refuses and names lab cleanup. (The state file restores nothing, so a
     * cleanup by anyone meanwhile is harmless.)
     */
    @Test
    void aRunRefusesWhileAKilledRunsSettingsAreLeft() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        LabNames dead = LabNames.random();
        java.nio.file.Path state = dead.stateFile();
        Files.createDirectories(state.getParent());
        Files.writeString(state, "{\"runId\":\"" + dead.runId() + "\",\"pid\":" + gone.pid()
                + ",\"neighDefault\":\"/proc/sys/net/ipv4/neigh/default\",\"originals\":{}}");
        Files.setLastModifiedTime(state, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        try {
            assertThatThrownBy(() -> HostLock.acquire(java.util.concurrent.TimeUnit.MINUTES.toNanos(1), line -> { }))
                    .isInstanceOf(LabException.Unusable.class)
                    .hasMessageContaining(dead.prefix()).hasMessageContaining("run sgplab lab cleanup first");
        } finally {
            Files.deleteIfExists(state);
        }
    }

    private static void assertNothingOf(String prefix) {
        assertThat(LabCleanup.labNamespaces()).noneMatch(ns -> ns.startsWith(prefix + "-"));
        assertThat(RunTracks.list(LabNames.NETNS_ETC, prefix + "-*")).isEmpty();
        LabNames names = LabNames.ofPrefix(prefix);
        assertThat(Files.exists(names.stateFile())).isFalse();
        assertThat(Files.exists(names.runDir())).isFalse();
        assertThat(LabLeftovers.rootLinks(names.linkPrefix())).isEmpty();
    }
}
