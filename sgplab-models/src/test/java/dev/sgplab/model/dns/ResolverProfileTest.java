package dev.sgplab.model.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.engine.Time;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResolverProfileTest {
    private static final List<String> K8S_SEARCH = List.of("default.svc.cluster.local", "svc.cluster.local",
            "cluster.local");
    private static final List<String> NAMESPACES = List.of("default", "kube-system");

    private static ResolverProfile profile(ResolverKind kind) {
        return new ResolverProfile(kind, 5, 2, 5, K8S_SEARCH, false, "cluster.local", NAMESPACES);
    }

    @Test
    void glibcWaitsTheFullTimeoutPerTry() {
        ResolverProfile glibc = profile(ResolverKind.GLIBC);
        assertThat(glibc.tryOffsets()).containsExactly(0, Time.seconds(5));
        assertThat(glibc.queryDeadline()).isEqualTo(Time.seconds(10));
        assertThat(glibc.repliesPerTry()).isEqualTo(2); // A and AAAA
    }

    @Test
    void muslRetransmitsEveryTimeoutOverAttempts() {
        ResolverProfile musl = profile(ResolverKind.MUSL);
        assertThat(musl.tryOffsets()).containsExactly(0, Time.seconds(2.5));
        assertThat(musl.queryDeadline()).isEqualTo(Time.seconds(5));
    }

    @Test
    void searchListOrderFollowsNdots() {
        ResolverProfile glibc = profile(ResolverKind.GLIBC);
        assertThat(glibc.candidates("kubernetes.default")).containsExactly(
                "kubernetes.default.default.svc.cluster.local", "kubernetes.default.svc.cluster.local",
                "kubernetes.default.cluster.local", "kubernetes.default");
        assertThat(glibc.candidates("a.b.c.d.e.f")).first().isEqualTo("a.b.c.d.e.f"); // 5 dots >= ndots
        assertThat(glibc.candidates("example.com.")).containsExactly("example.com");
    }

    @Test
    void busyboxSendsEverythingAtOnceAndExpandsOnlyUndottedNames() {
        ResolverProfile busybox = profile(ResolverKind.BUSYBOX);
        assertThat(busybox.tryOffsets()).containsExactly(0, Time.seconds(2.5));
        assertThat(busybox.queryDeadline()).isEqualTo(Time.seconds(5));
        assertThat(busybox.candidates("kubernetes")).containsExactly("kubernetes.default.svc.cluster.local",
                "kubernetes.svc.cluster.local", "kubernetes.cluster.local");
        assertThat(busybox.candidates("kubernetes.default")).containsExactly("kubernetes.default");
        assertThat(busybox.oneSocketPerLookup()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "kubernetes.default.svc.cluster.local, kubernetes.default.svc.cluster.local, true",
        "kubernetes.default, kubernetes.default.default.svc.cluster.local, false",
        "kubernetes.default, kubernetes.default.svc.cluster.local, true",
        "kubernetes.default, kubernetes.default, false",  // upstream has no TLD "default"
        "amazon.com, amazon.com.svc.cluster.local, false", // no namespace "com"
        "amazon.com, amazon.com, true",
        "amazon.com, amazon.com.cluster.local, false",
        "kubernetes, kubernetes, false"
    })
    void whichNamesExist(String name, String candidate, boolean exists) {
        assertThat(profile(ResolverKind.GLIBC).answers(name, candidate)).isEqualTo(exists);
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> new ResolverProfile(ResolverKind.GLIBC, 0, 2, 5, K8S_SEARCH, false, "cluster.local", NAMESPACES))
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> ResolverKind.fromKey("bionic")).hasMessageContaining("glibc, musl or busybox");
    }
}
