package dev.sgplab.model.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.engine.Time;
import org.junit.jupiter.api.Test;

class NodeLocalCacheTest {
    private final NodeLocalCache cache = new NodeLocalCache(new NodeLocalCache.Config(true, true, 5), "cluster.local");

    /** min(TTL 5, success cap 30) = 5 s; min(5, denial cap 5) = 5 s; outside the cluster domain the 30 s cap. */
    @Test
    void answersLiveForTheRecordTtlCappedByTheManifest() {
        assertThat(cache.cacheSeconds("kubernetes.default.svc.cluster.local", true)).isEqualTo(5);
        assertThat(cache.cacheSeconds("kubernetes.default.default.svc.cluster.local", false)).isEqualTo(5);
        assertThat(cache.cacheSeconds("example.com", true)).isEqualTo(30);
        NodeLocalCache longTtl = new NodeLocalCache(new NodeLocalCache.Config(true, true, 300), "cluster.local");
        assertThat(longTtl.cacheSeconds("a.b.svc.cluster.local", true)).isEqualTo(30);
        assertThat(longTtl.cacheSeconds("a.b.svc.cluster.local", false)).isEqualTo(5);
    }

    /** Stored at 1 s with 5 s to live: a hit at 5.9 s, a miss at 6 s (expired), counted. */
    @Test
    void hitsUntilTheEntryExpires() {
        String name = "kubernetes.default.svc.cluster.local";
        assertThat(cache.lookup(name, Time.seconds(1))).isFalse();
        cache.store(name, true, Time.seconds(1));
        assertThat(cache.lookup(name, Time.millis(5_900))).isTrue();
        assertThat(cache.lookup(name, Time.seconds(6))).isFalse();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(cache.forwardsToCoreDns(name)).isTrue();
        assertThat(cache.forwardsToCoreDns("kubernetes.default")).isFalse();
    }

    @Test
    void aZeroTtlIsNeverCached() {
        NodeLocalCache none = new NodeLocalCache(new NodeLocalCache.Config(true, true, 0), "cluster.local");
        none.store("a.b.svc.cluster.local", true, 0);
        assertThat(none.lookup("a.b.svc.cluster.local", 1)).isFalse();
    }
}
