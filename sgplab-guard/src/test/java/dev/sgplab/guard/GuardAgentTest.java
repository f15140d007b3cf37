package dev.sgplab.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.model.guard.GuardRules;
import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.IpNeighEntry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GuardAgentTest {
    static final String OLD = "02:00:00:00:00:0a";
    static final String NEW = "02:00:00:00:00:0b";

    /** A node's table in memory: entries as ip -j neigh would show them. */
    static final class FakeTables implements NeighbourTables {
        final List<IpNeighEntry> entries = new ArrayList<>();
        final List<GuardRules.Repair> applied = new ArrayList<>();

        @Override
        public List<IpNeighEntry> all() {
            return List.copyOf(entries);
        }

        @Override
        public List<IpNeighEntry> forIp(String ip) {
            return entries.stream().filter(e -> e.ip().equals(ip)).toList();
        }

        @Override
        public void apply(GuardRules.Repair repair) {
            applied.add(repair);
            entries.removeIf(e -> e.ip().equals(repair.ip()) && e.device().equals(repair.device()));
            if (repair.action() == GuardRules.Action.REPLACE) {
                entries.add(new IpNeighEntry(repair.ip(), repair.device(), NudState.STALE, repair.ownerMac()));
            }
        }

        @Override
        public String name() {
            return "fake";
        }
    }

    @Test
    void aNewOwnerGetsItsStaleEntriesRepairedAtOnceAndForeignOnesAreLeftAlone() {
        FakeTables table = new FakeTables();
        table.entries.add(new IpNeighEntry("198.18.0.10", "eth0", NudState.STALE, OLD));
        table.entries.add(new IpNeighEntry("198.18.0.10", "eth1", NudState.PERMANENT, OLD));
        table.entries.add(new IpNeighEntry("198.18.0.77", "eth0", NudState.STALE, OLD)); // not a pod IP we know
        AtomicLong clock = new AtomicLong(1_000_000);
        List<String> log = new ArrayList<>();
        try (GuardAgent agent = new GuardAgent(List.of(table), GuardRules.Action.REPLACE, clock::get, log::add)) {
            agent.ownerKnown("198.18.0.10", NEW.toUpperCase());
            clock.addAndGet(3_000_000); // the check runs 3 ms "later"
            agent.drain();
            assertThat(table.applied).containsExactly(
                    new GuardRules.Repair("198.18.0.10", "eth0", OLD, NEW, GuardRules.Action.REPLACE));
            assertThat(table.forIp("198.18.0.77")).containsExactly(new IpNeighEntry("198.18.0.77", "eth0", NudState.STALE, OLD));
            assertThat(table.forIp("198.18.0.10")).contains(new IpNeighEntry("198.18.0.10", "eth1", NudState.PERMANENT, OLD));
            assertThat(agent.metrics().repairs()).isEqualTo(1);
            assertThat(agent.metrics().entriesChecked()).isEqualTo(2);
            assertThat(log).singleElement().asString().contains("replaced 198.18.0.10", OLD + " -> " + NEW);
        }
    }

    @Test
    void theSweepCatchesWhatTheImmediateCheckCouldNotSeeAndForgottenOwnersAreLeftAlone() {
        FakeTables table = new FakeTables();
        try (GuardAgent agent = new GuardAgent(List.of(table), GuardRules.Action.DELETE, System::nanoTime, s -> { })) {
            agent.ownerKnown("198.18.0.10", NEW);
            agent.ownerKnown("198.18.0.11", NEW);
            agent.drain();
            // entries appear later (the node learnt the old owner after the annotation was seen)
            table.entries.add(new IpNeighEntry("198.18.0.10", "eth0", NudState.REACHABLE, OLD));
            table.entries.add(new IpNeighEntry("198.18.0.11", "eth0", NudState.REACHABLE, OLD));
            agent.ownerGone("198.18.0.11", NEW);
            agent.ownerGone("198.18.0.10", OLD); // not the current owner's MAC: ignored
            agent.sweep();
            assertThat(table.applied).containsExactly(
                    new GuardRules.Repair("198.18.0.10", "eth0", OLD, NEW, GuardRules.Action.DELETE));
            assertThat(agent.owners()).containsOnlyKeys("198.18.0.10");
        }
    }

    @Test
    void metricsAreServedInPrometheusFormat() throws Exception {
        FakeTables table = new FakeTables();
        table.entries.add(new IpNeighEntry("198.18.0.10", "eth0", NudState.STALE, OLD));
        try (GuardAgent agent = new GuardAgent(List.of(table), GuardRules.Action.REPLACE, System::nanoTime, s -> { });
                MetricsServer server = new MetricsServer(agent.metrics(), new InetSocketAddress("127.0.0.1", 0))) {
            agent.ownerKnown("198.18.0.10", NEW);
            agent.drain();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("sgplab_guard_repairs_total 1", "sgplab_guard_entries_checked_total 1",
                    "sgplab_guard_known_pod_ips 1", "# TYPE sgplab_guard_last_repair_latency_seconds gauge");
            assertThat(agent.metrics().lastRepairLatencySeconds()).isBetween(0.0, 5.0);
        }
    }

    @Test
    void podEniAnnotationsAreReadAsTheControllerWritesThem() {
        String value = "[{\"eniId\":\"eni-0a1b\",\"ifAddress\":\"0A:1B:2C:3D:4E:5F\",\"privateIp\":\"198.18.0.10\","
                + "\"vlanId\":3,\"subnetCidr\":\"198.18.0.0/24\"}]";
        assertThat(PodEniAnnotation.parse(value))
                .containsExactly(new PodEniAnnotation.Owner("198.18.0.10", "0a:1b:2c:3d:4e:5f", "eni-0a1b"));
        assertThat(PodEniAnnotation.parse(null)).isEmpty();
        assertThat(PodEniAnnotation.parse("not json")).isEmpty();
        assertThat(PodEniAnnotation.parse("[{\"privateIp\":\"198.18.0.10\",\"ifAddress\":\"bogus\"}]")).isEmpty();
    }
}
